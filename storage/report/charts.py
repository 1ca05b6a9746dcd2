"""Charts as inline HTML and SVG: no library, no network, readable at phone width.

Bars are HTML boxes sized in percent, so labels stay real text that wraps and scales.
Time after the original is drawn on a signed log scale: most copies appear within hours or
days, a few weeks later, and back-dated ones before the original; a linear axis would pile
the first group onto the original's mark.
"""

from __future__ import annotations

import math
from datetime import timedelta
from html import escape

from storage.report.i18n import Labels
from storage.report.model import StoryView

STRIP_BACK_HOURS = 24 * 14  # fixed scale of the overview strips, so rows compare
STRIP_AHEAD_HOURS = 24 * 60
TICK_GAP = 16  # percent of the track between two labels, so they do not overlap on a phone
TICKS = (
    (1, "tick.hour"), (24, "tick.day"), (24 * 7, "tick.week"), (24 * 30, "tick.month"),
    (24 * 365, "tick.year"),
)  # fmt: skip


def hours(d: timedelta) -> float:
    return d.total_seconds() / 3600


def log_position(h: float, back: float, ahead: float) -> float:
    """0..1 position of ``h`` hours after the original (negative: before it)."""
    lb, la = math.log1p(max(back, 0)), math.log1p(max(ahead, 1))
    h = max(-back, min(ahead, h))
    return (lb + math.copysign(math.log1p(abs(h)), h)) / (lb + la)


def period_bars(periods: list[tuple[str, int, int]], t: Labels) -> str:
    """Copies per month (or year) as columns; a dot marks months with an original."""
    if not periods:
        return f'<p class="empty">{t("chart.no_dated")}</p>'
    top = max(c for _, c, _ in periods) or 1
    cols = []
    for i, (label, copies, originals) in enumerate(periods):
        show = i == 0 or len(label) == 4 or label.endswith("-01") or i == len(periods) - 1
        tip = t("chart.period_tip", n=copies, label=label)
        if originals:
            tip += t("chart.period_tip_orig", n=originals)
        cols.append(
            f'<div class="col" title="{escape(tip)}">'
            f'<span class="fill" style="height:{100 * copies / top:.1f}%"></span>'
            + ('<span class="orig" aria-hidden="true"></span>' if originals else "")
            + f'<span class="lab">{escape(label) if show else ""}</span></div>'
        )
    aria = escape(t("chart.periods_aria", n=len(periods)))
    return (
        f'<div class="cols" role="img" aria-label="{aria}">'
        + "".join(cols)
        + "</div>"
        + f'<p class="legend"><span class="key fill"></span>{t("chart.key_copies")} '
        f'<span class="key orig"></span>{t("chart.key_orig")}</p>'
    )


def hbars(items: list[tuple[str, int, str]]) -> str:
    """Horizontal bars: (label, value, css class)."""
    top = max((v for _, v, _ in items), default=0) or 1
    rows = [
        f'<div class="hbar {escape(cls)}"><span class="hl">{escape(label)}</span>'
        f'<span class="ht"><span class="hf" style="width:{100 * v / top:.1f}%"></span></span>'
        f'<span class="hv">{v}</span></div>'
        for label, v, cls in items
    ]
    return '<div class="hbars">' + "".join(rows) + "</div>"


def strip(story: StoryView, t: Labels) -> str:
    """A small SVG: the original at its mark, each copy where it appeared relative to it."""
    w, h, pad = 168, 22, 5

    def x(hh: float) -> float:
        return pad + (w - 2 * pad) * log_position(hh, STRIP_BACK_HOURS, STRIP_AHEAD_HOURS)

    x0 = x(0)
    marks = [f'<line x1="{pad}" y1="11" x2="{w - pad}" y2="11" class="axis"/>']
    marks.append(f'<line x1="{x0:.1f}" y1="3" x2="{x0:.1f}" y2="19" class="zero"/>')
    for c in story.copies:
        if c.delay is None:
            continue
        cls = "dot back" if c.back_dated else "dot"
        tip = t("chart.tip", site=c.row.site, delay=describe_delay(c.delay, c.back_dated, t))
        marks.append(
            f'<circle cx="{x(hours(c.delay)):.1f}" cy="11" r="3.6" class="{cls}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    return (
        f'<svg class="strip" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-label="{escape(t("chart.strip_aria"))}">' + "".join(marks) + "</svg>"
    )


def describe_delay(d: timedelta | None, back_dated: bool, t: Labels) -> str:
    if d is None:
        return t("doc.date_unknown")
    if back_dated:
        return t("when.before", span=span(-d, t))
    if d < timedelta(hours=1):
        return t("when.within_hour") if d.seconds or d.days else t("when.same_day")
    return t("when.after", span=span(d, t))


def span(d: timedelta, t: Labels) -> str:
    if d.days >= 1:
        rest = d.seconds // 3600
        return t("span.days", n=d.days) + (" " + t("span.hours", n=rest) if rest else "")
    if d.seconds >= 3600:
        return t("span.hours", n=d.seconds // 3600)
    return t("span.minutes", n=max(d.seconds // 60, 1))


def timeline(story: StoryView, label_of, t: Labels) -> str:
    """One row per copy on a shared signed-log axis around the original (HTML, responsive).

    ``label_of(copy)`` gives each row's date text.
    """
    dated = [c for c in story.copies if c.delay is not None]
    back = max((-hours(c.delay) for c in dated if hours(c.delay) < 0), default=0.0)
    ahead = max((hours(c.delay) for c in dated if hours(c.delay) > 0), default=24.0)
    ahead = max(ahead, 24.0)

    def pos(hh: float) -> float:
        return 100 * log_position(hh, back, ahead)

    zero = pos(0)
    ticks = [f'<span class="tick zero" style="left:{zero:.1f}%">{t("chart.original")}</span>']
    placed = [zero]
    for hh, key in TICKS:
        for at, sign in ((hh, "+"), (-hh, "−")):
            if not -back <= at <= ahead:
                continue
            x = pos(at)
            if all(abs(x - other) >= TICK_GAP for other in placed):
                placed.append(x)
                ticks.append(f'<span class="tick" style="left:{x:.1f}%">{sign}{t(key)}</span>')
    rows = []
    for c in story.copies:
        cls = "tl-row back" if c.back_dated else "tl-row"
        dot = ""
        if c.delay is not None:
            tip = describe_delay(c.delay, c.back_dated, t)
            dot = (
                f'<span class="tl-dot" style="left:{pos(hours(c.delay)):.1f}%" '
                f'title="{escape(tip)}"></span>'
            )
        rows.append(
            f'<div class="{cls}"><span class="tl-site">{escape(c.row.site)}</span>'
            f'<span class="tl-track"><span class="tl-zero" style="left:{zero:.1f}%"></span>'
            f'{dot}</span><span class="tl-date">{escape(label_of(c))}</span></div>'
        )
    return (
        f'<div class="timeline" role="img" aria-label="{escape(t("chart.timeline_aria"))}">'
        + "".join(rows)
        + '<div class="tl-row tl-axis"><span class="tl-site"></span><span class="tl-track">'
        + "".join(ticks)
        + '</span><span class="tl-date"></span></div></div>'
    )
