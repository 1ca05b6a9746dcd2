"""Dates a news text itself reports (南都记者8月23日从……获悉, 2024年8月23日, 2023-08-23).

A page cannot have been published before the events its text reports as past, so these
dates bound how early a copy's claimed ``published_at`` can credibly be.  Only the bound
matters, so the extraction errs on the lenient side: a date it is unsure about is dropped,
which can only lower the bound.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# 2024年8月23日 / 2024-08-23 / 2024/8/23 / 2024.08.23
_FULL = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"
    r"|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# 8月23日 (not preceded by a year or another digit: those are handled by _FULL)
_MONTH_DAY = re.compile(r"(?<![\d年/.\-])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# Words that make a date forward-looking or a deadline rather than a reported event.
_FUTURE_BEFORE = re.compile(
    r"(?:将于|将在|将|定于|计划于|计划|预计于|预计|拟于|拟|有效期至|至|到)\s*$"
)
_FUTURE_AFTER = re.compile(r"^\s*(?:起|前|之前|以前|到期|截止|开始施行|开始实施|施行|实施)")
_CONTEXT = 6


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _forward_looking(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return bool(_FUTURE_BEFORE.search(before) or _FUTURE_AFTER.search(after))


def reported_dates(text: str, reference: date, horizon_days: int = 7) -> list[date]:
    """Dates ``text`` reports as having happened, in order of appearance.

    A month-day date takes the year of the closest explicit year mentioned before it in the
    text (2023年4月…… 6月9日 -> 2023-06-09); without one, the year that puts it closest to
    ``reference`` without passing it by more than ``horizon_days`` (a lead "8月23日" in a story
    the cluster dates to 2023-08-24 is 2023-08-23; "12月30日" near 2024-01-02 is 2023-12-30).
    Dates marked as forward-looking (将于9月1日, 9月1日起施行) and dates later than
    ``reference + horizon_days`` (farm chrome: 相关推荐 items dated years later, future
    plans) are dropped.
    """
    horizon = reference + timedelta(days=horizon_days)
    found: list[tuple[int, date]] = []
    full_spans: list[tuple[int, int]] = []
    for m in _FULL.finditer(text):
        full_spans.append(m.span())
        month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        d = _safe_date(int(m.group(1)), int(month), int(day))
        if d is not None and not _forward_looking(text, *m.span()):
            found.append((m.start(), d))
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]
    for m in _MONTH_DAY.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in full_spans):
            continue
        if _forward_looking(text, *m.span()):
            continue
        month, day = int(m.group(1)), int(m.group(2))
        earlier = [y for pos, y in years if pos < m.start()]
        if earlier:
            d = _safe_date(earlier[-1], month, day)
        else:
            d = _safe_date(reference.year, month, day)
            if d is not None and d > horizon:
                d = _safe_date(reference.year - 1, month, day)
        if d is not None:
            found.append((m.start(), d))
    return [d for _, d in sorted(found) if d <= horizon]


def text_floor(text: str, reference: date, horizon_days: int = 7) -> date | None:
    """The latest date the text reports as past: the earliest it can have been published."""
    dates = reported_dates(text, reference, horizon_days)
    return max(dates) if dates else None
