"""One story's page: the original, its copies on a timeline, and what each copy changed.

Diffs are written for a reader, not a patch tool: runs of unchanged paragraphs fold into one
line, punctuation-only rewrites and re-paragraphing fold into an expandable group, and what
matters (dropped paragraphs, added text, farm template, reworded sentences) stays in view.
"""

from __future__ import annotations

from html import escape

from storage.report.charts import describe_delay, span, timeline
from storage.report.fmt import iso, ops_html, out_link, pct, role_name, when
from storage.report.i18n import Labels
from storage.report.model import CopyView, StoryView
from storage.report.textdiff import CopyDiff, Segment, paragraphs

FOLDED = ("punct", "reflow")  # kinds shown folded, as one expandable group
CHANGE_KINDS = ("edited", "punct", "reflow")


def _segment(seg: Segment, t: Labels) -> str:
    tag = f'<span class="tag">{t(f"tag.{seg.kind}")}</span>'
    if seg.kind in ("edited", "punct", "reflow"):
        body = ops_html(seg.ops, t)
    else:
        text = seg.original if seg.kind == "dropped" else seg.copy
        body = escape(text)
    return f'<div class="seg {seg.kind}" data-kind="{seg.kind}"><p>{tag}{body}</p></div>'


def diff_html(diff: CopyDiff, t: Labels) -> str:
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
            out.append(f'<div class="seg same">{t("fold.same", n=len(run))}</div>')
        elif kind in FOLDED:
            inner = "".join(_segment(s, t) for s in run)
            out.append(
                f'<details class="run {kind}"><summary>{t(f"fold.{kind}", n=len(run))}'
                f"</summary>{inner}</details>"
            )
        else:
            out.extend(_segment(s, t) for s in run)
        i = j
    return "".join(out)


def _changes(diff: CopyDiff, t: Labels) -> str:
    chips = []
    dropped, added, chrome = diff.count("dropped"), diff.count("added"), diff.count("chrome")
    if dropped:
        label = t("change.dropped", n=dropped, chars=diff.removed_chars)
        chips.append(f'<span class="flag soft">{label}</span>')
    if added:
        chips.append(f'<span class="chip">{t("change.added", n=added)}</span>')
    if chrome:
        chips.append(f'<span class="chip">{t("change.chrome", n=chrome)}</span>')
    for kind in CHANGE_KINDS:
        if diff.count(kind):
            chips.append(f'<span class="chip">{t(f"change.{kind}", n=diff.count(kind))}</span>')
    if not chips:
        chips.append(f'<span class="chip">{t("change.none")}</span>')
    return '<div class="changes">' + "".join(chips) + "</div>"


def _title_line(c: CopyView, original: str, t: Labels) -> str:
    badge = t(f"copy.title_{c.title_kind}")
    shown = escape(c.row.title or t("doc.untitled"))
    title = f'<h4>{shown} <span class="badge">{badge}</span></h4>'
    if c.title_kind == "punct":
        diff = ops_html(c.title_ops, t)
        return title + f'<p class="title-diff">{t("copy.title_vs")}{diff}</p>'
    if c.title_kind == "changed":
        return title + f'<p class="title-diff">{t("copy.title_was")}{escape(original)}</p>'
    return title


def _facts(c: CopyView, outlet: str, t: Labels) -> str:
    credited = escape(c.row.credited_outlet or "")
    if c.credit == "original":
        credit = t("copy.credits", outlet=credited)
    elif c.credit == "other":
        credit = f'<span class="warn">{t("copy.credits_other", outlet=credited)}</span>'
    else:
        credit = f'<span class="warn">{t("copy.uncredited")}</span>' + (
            t("copy.original_from", outlet=escape(outlet)) if outlet else ""
        )
    byline = t("copy.by", byline=escape(c.row.byline)) if c.row.byline else t("copy.no_byline")
    return f'<p class="facts">{credit} · {byline}</p>'


def _copy_date(c: CopyView, t: Labels) -> str:
    if c.row.published_at is None:
        seen = when(c.row.first_seen_at, t) if c.row.first_seen_at else "—"
        return t("copy.undated", seen=seen)
    return when(c.row.published_at, t)


def _scores(d: CopyDiff, t: Labels) -> str:
    return '<div class="scores">' + "".join(
        f'<span title="{escape(t(f"copy.{key}_tip"))}">{t(f"copy.{key}")} <b>{pct(value)}</b>'
        "</span>"
        for key, value in (
            ("similarity", d.similarity), ("retained", d.retained), ("verbatim", d.verbatim),
        )
    ) + "</div>"  # fmt: skip


def copy_html(story: StoryView, c: CopyView, t: Labels) -> str:
    flag = ""
    if c.back_dated:
        delay = escape(describe_delay(c.delay, True, t))
        flag = (
            '<span class="flag back-dated" data-back-dated="1">'
            f"{t('copy.back_dated', delay=delay)}</span> "
        )
    date = (
        f'<time datetime="{iso(c.row.published_at)}">{escape(_copy_date(c, t))}</time>'
        f" · {escape(describe_delay(c.delay, c.back_dated, t))}"
    )
    parts = [
        f'<article class="copy{" back" if c.back_dated else ""}" data-copy="{c.row.id}" '
        f'data-site="{escape(c.row.site)}" data-back-dated="{int(c.back_dated)}">',
        '<div class="copy-top"><div>'
        f'<span class="site">{escape(c.row.site)}</span> '
        f'<span class="badge">{escape(role_name(c.row.role, t))}</span> '
        f'<span class="muted">{escape(c.row.host)}</span></div>'
        f"<div>{flag}{date}</div></div>",
        _title_line(c, story.original.title, t),
        _facts(c, story.outlet, t),
    ]
    if c.diff is not None:
        d = c.diff
        parts.append(_scores(d, t))
        parts.append(_changes(d, t))
        substantive = d.count("dropped", "added", "chrome", "edited")
        parts.append(
            f'<details class="diff"{" open" if substantive else ""}>'
            f"<summary>{t('copy.diff')}</summary>{diff_html(d, t)}</details>"
        )
    parts.append(f'<p class="visit">{out_link(c.row.url, t("copy.visit"), "visit")}</p>')
    parts.append("</article>")
    return "".join(parts)


def _stats(story: StoryView, t: Labels) -> str:
    stats = [
        f"<div>{t('story.copies', n=len(story.copies))}</div>",
        f"<div>{t('story.sites', n=len(story.sites))}</div>",
    ]
    fastest = min(
        (c.delay for c in story.copies if c.delay is not None and not c.back_dated), default=None
    )
    if fastest is not None:
        if fastest.total_seconds() > 0:
            stats.append(f"<div>{t('story.fastest', span=span(fastest, t))}</div>")
        else:
            stats.append(f"<div>{t('story.fastest_same_day')}</div>")
    if story.back_dated:
        stats.append(f'<div class="alert">{t("story.back_dated", n=story.back_dated)}</div>')
    uncredited = sum(c.credit == "none" for c in story.copies)
    if uncredited:
        stats.append(f'<div class="alert">{t("story.uncredited", n=uncredited)}</div>')
    return f'<div class="stats">{"".join(stats)}</div>'


def story_html(story: StoryView, home_href: str | None, standalone: bool, t: Labels) -> str:
    """The story section; ``home_href`` links back to the overview."""
    o = story.original
    topic = "" if story.on_topic else f' <span class="badge">{t("story.off_topic")}</span>'
    first = escape(t("ov.first_published", when=when(o.published_at, t)))
    kicker = " · ".join(x for x in (escape(story.outlet), first) if x)
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(o.text))
    copies = "".join(copy_html(story, c, t) for c in story.copies) or (
        f'<p class="muted">{t("story.no_copies")}</p>'
    )
    attrs = f'id="story-{story.cluster_id}" class="story" data-story-page="{story.cluster_id}"'
    back = (
        f'<a class="back-link" href="{escape(home_href)}">{t("story.back")}</a>'
        if home_href
        else ""
    )
    byline = t("story.byline", byline=escape(o.byline)) + " · " if o.byline else ""
    label = lambda c: _copy_date(c, t) if c.row.published_at else t("doc.date_unknown")  # noqa: E731
    return (
        f"<section {attrs}{'' if standalone else ' data-view'}>"
        f"{back}"
        f'<header class="story-head"><p class="kicker">{kicker}{topic}</p>'
        f"<h2>{escape(o.title or t('doc.untitled'))}</h2>"
        f'<p class="meta">{byline}{escape(o.site)} · {out_link(o.url, t("story.original_link"))}'
        f"</p>{_stats(story, t)}</header>"
        f"<h3>{t('story.timeline')}</h3>"
        f"{timeline(story, label, t) if story.copies else ''}"
        f"<h3>{t('story.compare')}</h3>{copies}"
        f'<details class="original"><summary>{t("story.full_text", n=len(paragraphs(o.text)))}'
        f'</summary><div class="body">{body}</div></details></section>'
    )
