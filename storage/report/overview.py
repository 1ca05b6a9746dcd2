"""The overview page: headline figures, when copies appeared, who copies most, and the list of
stories with filters (outlet, copying site, date range, words in the title)."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from storage.report.charts import hbars, period_bars, strip
from storage.report.fmt import iso, pct, role_name, when
from storage.report.model import BACK_DATED_LABEL, UNDATED_LABEL, Report, SiteStat, StoryView


def _kpis(report: Report) -> str:
    items = [
        (len(report.stories), "篇报道被追踪", ""),
        (report.copies, "篇转载", ""),
        (len(report.sites), "个转载网站", ""),
        (report.back_dated, "篇倒填日期", " alert" if report.back_dated else ""),
    ]
    return (
        '<div class="kpis">'
        + "".join(
            f'<div class="kpi{cls}"><b>{n}</b><span>{label}</span></div>' for n, label, cls in items
        )
        + "</div>"
    )


def _delay_chart(report: Report) -> str:
    def cls(label: str) -> str:
        return "back" if label == BACK_DATED_LABEL else "none" if label == UNDATED_LABEL else ""

    return hbars([(label, n, cls(label)) for label, n in report.delays])


def _median(s: SiteStat) -> str:
    if s.median_delay is None:
        return "—"
    d = s.median_delay
    return f"{d.days} 天 {d.seconds // 3600} 小时" if d.days else f"{d.seconds // 3600} 小时"


def _sites_table(report: Report) -> str:
    if not report.sites:
        return '<p class="muted">还没有发现转载。</p>'
    top = report.sites[0].copies or 1
    rows = []
    for s in report.sites:
        share = 100 * s.copies / top
        rows.append(
            f'<tr data-site-row="{escape(s.site)}"><td><b>{escape(s.site)}</b> '
            f'<span class="badge">{escape(role_name(s.role))}</span>'
            f'<div class="sub">{escape(", ".join(s.hosts))}</div></td>'
            f'<td class="n" style="font-size:16px">{s.copies}'
            f'<div class="ht" style="margin-top:4px"><span class="hf" style="width:{share:.0f}%">'
            f"</span></div></td>"
            f'<td class="n" style="font-size:15px">{s.stories}</td>'
            f'<td class="n" style="font-size:15px">'
            f"{f'<span class=flag>{s.back_dated}</span>' if s.back_dated else '0'}</td>"
            f'<td class="n opt" style="font-size:15px">{pct(s.uncredited / s.copies)}</td>'
            f'<td class="n opt" style="font-size:15px">{pct(s.retitled / s.copies)}</td>'
            f'<td class="opt">{escape(_median(s))}</td></tr>'
        )
    return (
        '<table class="sites"><thead><tr><th>网站</th><th class="n">转载</th>'
        '<th class="n">涉及报道</th><th class="n">倒填日期</th><th class="n opt">未注明来源</th>'
        '<th class="n opt">改标题</th><th class="opt">发布后中位间隔</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _filters(report: Report) -> str:
    outlets = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in report.outlets)
    sites = "".join(
        f'<option value="{escape(s.site)}">{escape(s.site)}（{s.copies}）</option>'
        for s in report.sites
    )
    dates = sorted(
        iso(s.original.published_at)[:10] for s in report.stories if s.original.published_at
    )
    lo, hi = (dates[0], dates[-1]) if dates else ("", "")
    return (
        '<form id="filters" role="search">'
        '<label class="grow">搜索标题'
        '<input name="q" type="search" placeholder="关键词，如 换脸、法院"></label>'
        f'<label>原发媒体<select name="outlet"><option value="">全部</option>{outlets}</select>'
        "</label>"
        f'<label>转载网站<select name="site"><option value="">全部</option>{sites}</select></label>'
        f'<label>首发日期从<input name="from" type="date" min="{lo}" max="{hi}"></label>'
        f'<label>到<input name="to" type="date" min="{lo}" max="{hi}"></label>'
        '<button type="reset">清除</button>'
        f'<span class="muted">显示 <b id="shown">{len(report.stories)}</b> / '
        f"{len(report.stories)} 篇</span></form>"
    )


def _story_row(s: StoryView, href: str) -> str:
    o = s.original
    chips = "".join(f'<span class="chip">{escape(x)}</span>' for x in s.sites)
    flags = (
        f' <span class="flag" data-back-dated-count="{s.back_dated}">{s.back_dated} 篇倒填日期'
        "</span>"
        if s.back_dated
        else ""
    )
    search = " ".join([o.title, s.outlet, *s.sites]).lower()
    return (
        f'<tr data-story="{s.cluster_id}" data-copies="{len(s.copies)}" '
        f'data-outlet="{escape(s.outlet)}" data-sites="{escape(json.dumps(s.sites))}" '
        f'data-date="{iso(o.published_at)[:10]}" data-title="{escape(o.title)}" '
        f'data-search="{escape(search)}">'
        f'<td><a class="story-link" href="{escape(href)}">{escape(o.title or "（无标题）")}</a>'
        f'<div class="sub">{escape(s.outlet or o.site)} · 首发 {escape(when(o.published_at))}'
        f"{flags}</div></td>"
        f'<td class="n copies">{len(s.copies)}</td>'
        f"<td>{chips or '<span class=muted>—</span>'}</td>"
        f"<td>{strip(s)}</td></tr>"
    )


def overview_html(report: Report, link: Callable[[int], str], source: str, standalone: bool) -> str:
    """``link(cluster_id)`` is the href of a story page (``#story-N`` or ``/story/N``)."""
    rows = "".join(_story_row(s, link(s.cluster_id)) for s in report.stories)
    table = (
        '<table class="stories"><thead><tr>'
        '<th><button type="button" data-sort="title">报道（原文标题）</button></th>'
        '<th class="n"><button type="button" data-sort="copies">转载 ▾</button></th>'
        "<th>转载网站</th>"
        '<th><button type="button" data-sort="date">转载时间（相对原文）</button></th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        if report.stories
        else '<p class="muted">数据库里还没有话题内的报道。先运行 reprints crawl。</p>'
    )
    return (
        f'<section id="overview"{"" if standalone else " data-view"}>'
        '<header class="masthead"><h1>转载追踪报告</h1>'
        '<p class="muted">每篇报道的原文、谁转载了它、何时转载、改了什么 · '
        f"数据：{escape(source)} · "
        f"生成于 {report.generated_at:%Y-%m-%d %H:%M}</p></header>"
        f"{_kpis(report)}"
        '<div class="grid2">'
        f"<figure><figcaption>转载时间线（按转载页面标注的日期）</figcaption>"
        f"{period_bars(report.months)}</figure>"
        f"<figure><figcaption>原文发布后多久被转载</figcaption>{_delay_chart(report)}</figure>"
        "</div>"
        f"<h2>报道</h2>{_filters(report)}{table}"
        '<p class="legend">转载时间：竖线为原文发布时刻，圆点为各转载（对数刻度，右侧至 60 天）；'
        '<span style="color:var(--alert)">红点</span>为日期早于原文的转载（倒填日期）。</p>'
        f"<h2>转载最多的网站</h2>{_sites_table(report)}"
        "</section>"
    )
