"""The overview page: headline figures, when copies appeared, who copies most, and the list of
stories with filters (outlet, copying site, date range, words in the title).

The date filters are text fields that take ISO dates (2024-03-22; 2024/3/22 and
2024年3月22日 are read too), labelled in the report's language.  A browser's own date picker
is drawn in the browser's language, whatever the page says, so an English report on a
Chinese browser (or the other way round) would mix the two.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from storage.report.charts import hbars, period_bars, strip
from storage.report.fmt import iso, pct, role_name, when
from storage.report.i18n import Labels
from storage.report.model import BACK_DATED_LABEL, UNDATED_LABEL, Report, SiteStat, StoryView


def _kpis(report: Report, t: Labels) -> str:
    items = [
        (len(report.stories), "ov.kpi_stories", ""),
        (report.copies, "ov.kpi_copies", ""),
        (len(report.sites), "ov.kpi_sites", ""),
        (report.back_dated, "ov.kpi_back_dated", " alert" if report.back_dated else ""),
    ]
    return (
        '<div class="kpis">'
        + "".join(
            f'<div class="kpi{cls}"><b>{n}</b><span>{t(key, n=n)}</span></div>'
            for n, key, cls in items
        )
        + "</div>"
    )


def _delay_chart(report: Report, t: Labels) -> str:
    def cls(key: str) -> str:
        return "back" if key == BACK_DATED_LABEL else "none" if key == UNDATED_LABEL else ""

    return hbars([(t(key), n, cls(key)) for key, n in report.delays])


def _median(s: SiteStat, t: Labels) -> str:
    if s.median_delay is None:
        return "—"
    d = s.median_delay
    hours = d.seconds // 3600
    return (
        t("ov.median_days", days=d.days, hours=hours)
        if d.days
        else t("ov.median_hours", hours=hours)
    )


def _sites_table(report: Report, t: Labels) -> str:
    if not report.sites:
        return f'<p class="muted">{t("ov.no_copies")}</p>'
    top = report.sites[0].copies or 1
    rows = []
    for s in report.sites:
        share = 100 * s.copies / top
        rows.append(
            f'<tr data-site-row="{escape(s.site)}"><td><b>{escape(s.site)}</b> '
            f'<span class="badge">{escape(role_name(s.role, t))}</span>'
            f'<div class="sub">{escape(", ".join(s.hosts))}</div></td>'
            f'<td class="n" style="font-size:16px">{s.copies}'
            f'<div class="ht" style="margin-top:4px"><span class="hf" style="width:{share:.0f}%">'
            f"</span></div></td>"
            f'<td class="n" style="font-size:15px">{s.stories}</td>'
            f'<td class="n" style="font-size:15px">'
            f"{f'<span class=flag>{s.back_dated}</span>' if s.back_dated else '0'}</td>"
            f'<td class="n opt" style="font-size:15px">{pct(s.uncredited / s.copies)}</td>'
            f'<td class="n opt" style="font-size:15px">{pct(s.retitled / s.copies)}</td>'
            f'<td class="opt">{escape(_median(s, t))}</td></tr>'
        )
    head = "".join(
        f'<th class="{cls}">{t(key)}</th>'
        for key, cls in (
            ("ov.sites_site", ""), ("ov.sites_copies", "n"), ("ov.sites_stories", "n"),
            ("ov.sites_back_dated", "n"), ("ov.sites_uncredited", "n opt"),
            ("ov.sites_retitled", "n opt"), ("ov.sites_median", "opt"),
        )
    )  # fmt: skip
    return (
        f'<table class="sites"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _date_input(name: str, label: str, example: str, t: Labels) -> str:
    hint = escape(t("filter.date_hint", example=example))
    bad = escape(t("filter.date_bad", example=example))
    return (
        f'<label>{label}<input name="{name}" type="text" inputmode="numeric" '
        f'autocomplete="off" size="11" placeholder="{hint}" title="{hint}" '
        f'data-bad="{bad}"></label>'
    )


def _filters(report: Report, t: Labels) -> str:
    outlets = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in report.outlets)
    sites = "".join(
        f'<option value="{escape(s.site)}">'
        f"{escape(t('filter.site_option', site=s.site, n=s.copies))}</option>"
        for s in report.sites
    )
    dates = sorted(
        iso(s.original.published_at)[:10] for s in report.stories if s.original.published_at
    )
    example = dates[0] if dates else "2024-03-22"
    total = len(report.stories)
    shown = t("filter.shown", shown=f'<b id="shown">{total}</b>', total=total)
    return (
        '<form id="filters" role="search">'
        f'<label class="grow">{t("filter.search")}'
        f'<input name="q" type="search" placeholder="{escape(t("filter.search_hint"))}"></label>'
        f'<label>{t("filter.outlet")}<select name="outlet"><option value="">{t("filter.all")}'
        f"</option>{outlets}</select></label>"
        f'<label>{t("filter.site")}<select name="site"><option value="">{t("filter.all")}'
        f"</option>{sites}</select></label>"
        + _date_input("from", t("filter.from"), example, t)
        + _date_input("to", t("filter.to"), example, t)
        + f'<button type="reset">{t("filter.clear")}</button>'
        f'<span class="muted">{shown}</span></form>'
    )


def _story_row(s: StoryView, href: str, t: Labels) -> str:
    o = s.original
    chips = "".join(f'<span class="chip">{escape(x)}</span>' for x in s.sites)
    flags = (
        f' <span class="flag" data-back-dated-count="{s.back_dated}">'
        f"{t('ov.back_dated_flag', n=s.back_dated)}</span>"
        if s.back_dated
        else ""
    )
    search = " ".join([o.title, s.outlet, *s.sites]).lower()
    first = escape(t("ov.first_published", when=when(o.published_at, t)))
    return (
        f'<tr data-story="{s.cluster_id}" data-copies="{len(s.copies)}" '
        f'data-outlet="{escape(s.outlet)}" data-sites="{escape(json.dumps(s.sites))}" '
        f'data-date="{iso(o.published_at)[:10]}" data-title="{escape(o.title)}" '
        f'data-search="{escape(search)}">'
        f'<td><a class="story-link" href="{escape(href)}">'
        f"{escape(o.title or t('doc.untitled'))}</a>"
        f'<div class="sub">{escape(s.outlet or o.site)} · {first}{flags}</div></td>'
        f'<td class="n copies" data-label="{escape(t("ov.copies_cell"))}">{len(s.copies)}</td>'
        f"<td>{chips or '<span class=muted>—</span>'}</td>"
        f"<td>{strip(s, t)}</td></tr>"
    )


def overview_html(
    report: Report, link: Callable[[int], str], source: str, standalone: bool, t: Labels
) -> str:
    """``link(cluster_id)`` is the href of a story page (``#story-N`` or ``/story/N``)."""
    rows = "".join(_story_row(s, link(s.cluster_id), t) for s in report.stories)
    table = (
        '<table class="stories"><thead><tr>'
        f'<th><button type="button" data-sort="title">{t("ov.col_story")}</button></th>'
        f'<th class="n"><button type="button" data-sort="copies">{t("ov.col_copies")}</button>'
        f"</th><th>{t('ov.col_sites')}</th>"
        f'<th><button type="button" data-sort="date">{t("ov.col_when")}</button></th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        if report.stories
        else f'<p class="muted">{t("ov.no_stories")}</p>'
    )
    lede = t("ov.lede", source=escape(source), when=report.generated_at.isoformat("T", "minutes"))
    return (
        f'<section id="overview"{"" if standalone else " data-view"}>'
        f'<header class="masthead"><h1>{t("ov.heading")}</h1>'
        f'<p class="muted">{lede}</p></header>'
        f"{_kpis(report, t)}"
        '<div class="grid2">'
        f"<figure><figcaption>{t('ov.timeline')}</figcaption>"
        f"{period_bars(report.months, t)}</figure>"
        f"<figure><figcaption>{t('ov.delays')}</figcaption>{_delay_chart(report, t)}</figure>"
        "</div>"
        f"<h2>{t('ov.stories')}</h2>{_filters(report, t)}{table}"
        f'<p class="legend">{t("ov.legend")}</p>'
        f"<h2>{t('ov.top_sites')}</h2>{_sites_table(report, t)}"
        "</section>"
    )
