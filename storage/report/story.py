"""One story's page: the original, its copies on a timeline, and what each copy changed.

Diffs are written for a reader, not a patch tool: runs of unchanged paragraphs fold into one
line, punctuation-only rewrites and re-paragraphing fold into an expandable group, and what
matters (dropped paragraphs, added text, farm template, reworded sentences) stays in view.
"""

from __future__ import annotations

from html import escape

from storage.report.charts import describe_delay, span, timeline
from storage.report.fmt import iso, ops_html, out_link, pct, role_name, when
from storage.report.model import CopyView, StoryView
from storage.report.textdiff import CopyDiff, Segment, paragraphs

TAGS = {
    "dropped": "删去",
    "added": "新增",
    "chrome": "网站模板/广告",
    "edited": "改写",
    "punct": "改标点",
    "reflow": "段落重排",
}
FOLDED = {"punct": "标点或空格被改写的段落", "reflow": "段落被合并或拆分（文字未改）"}


def _segment(seg: Segment) -> str:
    tag = f'<span class="tag">{TAGS[seg.kind]}</span>'
    if seg.kind in ("edited", "punct", "reflow"):
        body = ops_html(seg.ops)
    else:
        text = seg.original if seg.kind == "dropped" else seg.copy
        body = escape(text)
    return f'<div class="seg {seg.kind}" data-kind="{seg.kind}"><p>{tag}{body}</p></div>'


def diff_html(diff: CopyDiff) -> str:
    out: list[str] = []
    segs = list(diff.segments)
    i = 0
    while i < len(segs):
        kind = segs[i].kind
        j = i
        while j < len(segs) and segs[j].kind == kind:
            j += 1
        run = segs[i:j]
        if kind == "same":
            out.append(f'<div class="seg same">… 与原文逐字相同的 {len(run)} 段 …</div>')
        elif kind in FOLDED:
            inner = "".join(_segment(s) for s in run)
            out.append(
                f'<details class="run {kind}"><summary>{FOLDED[kind]}：{len(run)} 处'
                f"（展开查看）</summary>{inner}</details>"
            )
        else:
            out.extend(_segment(s) for s in run)
        i = j
    return "".join(out)


def _changes(diff: CopyDiff) -> str:
    chips = []
    dropped, added, chrome = diff.count("dropped"), diff.count("added"), diff.count("chrome")
    if dropped:
        chips.append(f'<span class="flag soft">删去 {dropped} 段（{diff.removed_chars} 字）</span>')
    if added:
        chips.append(f'<span class="chip">新增 {added} 段文字</span>')
    if chrome:
        chips.append(f'<span class="chip">加了 {chrome} 段网站模板/广告</span>')
    for kind, label in (("edited", "改写"), ("punct", "改标点"), ("reflow", "段落重排")):
        if diff.count(kind):
            chips.append(f'<span class="chip">{label} {diff.count(kind)} 处</span>')
    if not chips:
        chips.append('<span class="chip">正文与原文逐字相同</span>')
    return '<div class="changes">' + "".join(chips) + "</div>"


def _title_line(c: CopyView, original: str) -> str:
    badge = {"same": "标题未改", "punct": "标题仅改标点", "changed": "改了标题"}[c.title_kind]
    title = f'<h4>{escape(c.row.title or "（无标题）")} <span class="badge">{badge}</span></h4>'
    if c.title_kind == "punct":
        return title + f'<p class="title-diff">与原标题对比：{ops_html(c.title_ops)}</p>'
    if c.title_kind == "changed":
        return title + f'<p class="title-diff">原标题：{escape(original)}</p>'
    return title


def _facts(c: CopyView, outlet: str) -> str:
    if c.credit == "original":
        credit = f"注明来源 <b>{escape(c.row.credited_outlet or '')}</b>"
    elif c.credit == "other":
        credit = f'<span class="warn">署名为 {escape(c.row.credited_outlet or "")}</span>'
    else:
        credit = '<span class="warn">未注明来源</span>' + (
            f"（原文出自{escape(outlet)}）" if outlet else ""
        )
    byline = f"作者 {escape(c.row.byline)}" if c.row.byline else "未署作者"
    return f'<p class="facts">{credit} · {byline}</p>'


def _copy_date(c: CopyView) -> str:
    if c.row.published_at is None:
        seen = when(c.row.first_seen_at) if c.row.first_seen_at else "—"
        return f"页面未标日期（首次抓到：{escape(seen)}）"
    return when(c.row.published_at)


def copy_html(story: StoryView, c: CopyView) -> str:
    flag = ""
    if c.back_dated:
        flag = (
            '<span class="flag back-dated" data-back-dated="1">倒填日期：'
            f"{escape(describe_delay(c.delay, True))}</span> "
        )
    date = (
        f'<time datetime="{iso(c.row.published_at)}">{escape(_copy_date(c))}</time>'
        f" · {escape(describe_delay(c.delay, c.back_dated))}"
    )
    parts = [
        f'<article class="copy{" back" if c.back_dated else ""}" data-copy="{c.row.id}" '
        f'data-site="{escape(c.row.site)}" data-back-dated="{int(c.back_dated)}">',
        '<div class="copy-top"><div>'
        f'<span class="site">{escape(c.row.site)}</span> '
        f'<span class="badge">{escape(role_name(c.row.role))}</span> '
        f'<span class="muted">{escape(c.row.host)}</span></div>'
        f"<div>{flag}{date}</div></div>",
        _title_line(c, story.original.title),
        _facts(c, story.outlet),
    ]
    if c.diff is not None:
        d = c.diff
        parts.append(
            '<div class="scores">'
            '<span title="两文规范化后的字符 5-gram 重合度（Jaccard）">'
            f"相似度 <b>{pct(d.similarity)}</b></span>"
            f'<span title="原文的字符 5-gram 有多少出现在转载中">原文保留 <b>'
            f"{pct(d.retained)}</b></span>"
            f'<span title="原文段落中一字不差出现在转载里的比例">逐字相同段落 <b>'
            f"{pct(d.verbatim)}</b></span></div>"
        )
        parts.append(_changes(d))
        substantive = d.count("dropped", "added", "chrome", "edited")
        parts.append(
            f'<details class="diff"{" open" if substantive else ""}>'
            f"<summary>与原文逐段对比</summary>{diff_html(d)}</details>"
        )
    parts.append(f'<p class="visit">{out_link(c.row.url, "打开转载页面 ↗", "visit")}</p>')
    parts.append("</article>")
    return "".join(parts)


def _timeline_label(c: CopyView) -> str:
    return _copy_date(c) if c.row.published_at else "日期不明"


def story_html(story: StoryView, home_href: str | None, standalone: bool) -> str:
    """The story section; ``home_href`` links back to the overview."""
    o = story.original
    fastest = min(
        (c.delay for c in story.copies if c.delay is not None and not c.back_dated), default=None
    )
    stats = [
        f"<div><b>{len(story.copies)}</b>次转载</div>",
        f"<div><b>{len(story.sites)}</b>个网站</div>",
    ]
    if fastest is not None:
        quick = f"<b>{span(fastest)}</b>后" if fastest.total_seconds() > 0 else "<b>同日</b>"
        stats.append(f"<div>最快 {quick}出现转载</div>")
    if story.back_dated:
        stats.append(f'<div class="alert"><b>{story.back_dated}</b>篇倒填日期</div>')
    uncredited = sum(c.credit == "none" for c in story.copies)
    if uncredited:
        stats.append(f'<div class="alert"><b>{uncredited}</b>篇未注明来源</div>')
    topic = "" if story.on_topic else ' <span class="badge">不在追踪话题内</span>'
    kicker = " · ".join(
        x for x in (escape(story.outlet), f"首发 {escape(when(o.published_at))}") if x
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(o.text))
    copies = (
        "".join(copy_html(story, c) for c in story.copies) or '<p class="muted">尚未发现转载。</p>'
    )
    attrs = f'id="story-{story.cluster_id}" class="story" data-story-page="{story.cluster_id}"'
    back = f'<a class="back-link" href="{escape(home_href)}">← 全部报道</a>' if home_href else ""
    return (
        f"<section {attrs}{'' if standalone else ' data-view'}>"
        f"{back}"
        f'<header class="story-head"><p class="kicker">{kicker}{topic}</p>'
        f"<h2>{escape(o.title or '（无标题）')}</h2>"
        f'<p class="meta">{"作者 " + escape(o.byline) + " · " if o.byline else ""}'
        f"{escape(o.site)} · {out_link(o.url, '原文链接 ↗')}</p>"
        f'<div class="stats">{"".join(stats)}</div></header>'
        '<h3>转载时间线 <span class="muted">（相对原文发布时间，对数刻度）</span></h3>'
        f"{timeline(story, _timeline_label) if story.copies else ''}"
        f"<h3>逐篇对比：每个网站改了什么</h3>{copies}"
        f'<details class="original"><summary>原文全文（{len(paragraphs(o.text))} 段）</summary>'
        f'<div class="body">{body}</div></details></section>'
    )
