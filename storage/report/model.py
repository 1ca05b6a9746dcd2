"""View model: what the report says about each story, computed once, rendered by ``pages``.

Back-dating compares a copy's date with the original's at the precision both pages show:
a page that prints only a day is stored at midnight, so "2024-08-14" on a farm is not
earlier than "2024-08-14 18:32" on the publisher; only an earlier *day* is.  Two full
timestamps compare as they are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from statistics import median

from dedupe.normalise import normalise
from storage.report.data import ArticleRow, StoryRows
from storage.report.textdiff import CopyDiff, char_ops, compare
from storage.timefmt import now

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
# Label keys (labels.toml "delay.*") of the overview's delay chart, with their upper bounds.
DELAY_BUCKETS: tuple[tuple[str, timedelta], ...] = (
    ("delay.day", DAY),
    ("delay.3days", 3 * DAY),
    ("delay.week", 7 * DAY),
    ("delay.4weeks", 28 * DAY),
    ("delay.later", timedelta.max),
)
BACK_DATED_LABEL = "delay.back_dated"
UNDATED_LABEL = "delay.undated"


def day_only(d: datetime) -> bool:
    return d.time() == time(0)


def dated_before(copy: datetime | None, original: datetime | None) -> bool:
    """True when the copy claims a date earlier than the original's (back-dated)."""
    if copy is None or original is None:
        return False
    if day_only(copy) or day_only(original):
        return copy.date() < original.date()
    return copy < original


def delay(copy: datetime | None, original: datetime | None) -> timedelta | None:
    if copy is None or original is None:
        return None
    if day_only(copy) or day_only(original):
        return copy.date() - original.date()  # whole days
    return copy - original


@dataclass(frozen=True)
class CopyView:
    row: ArticleRow
    back_dated: bool
    delay: timedelta | None
    title_kind: str  # 'same' | 'punct' | 'changed'
    title_ops: tuple[tuple[str, str], ...]
    credit: str  # 'original' (credits the original outlet) | 'other' | 'none'
    diff: CopyDiff | None  # None on pages that do not show diffs


@dataclass(frozen=True)
class StoryView:
    cluster_id: int
    on_topic: bool
    original: ArticleRow
    copies: tuple[CopyView, ...]

    @property
    def outlet(self) -> str:
        return self.original.credited_outlet or self.original.source_outlet or ""

    @property
    def sites(self) -> list[str]:
        return list(dict.fromkeys(c.row.site for c in self.copies))

    @property
    def back_dated(self) -> int:
        return sum(c.back_dated for c in self.copies)


@dataclass(frozen=True)
class SiteStat:
    site: str
    role: str
    hosts: tuple[str, ...]
    copies: int
    stories: int
    back_dated: int
    uncredited: int
    retitled: int
    median_delay: timedelta | None


@dataclass
class Report:
    stories: list[StoryView]
    sites: list[SiteStat] = field(default_factory=list)
    months: list[tuple[str, int, int]] = field(default_factory=list)  # label, copies, originals
    delays: list[tuple[str, int]] = field(default_factory=list)
    generated_at: datetime = field(default_factory=now)

    @property
    def copies(self) -> int:
        return sum(len(s.copies) for s in self.stories)

    @property
    def back_dated(self) -> int:
        return sum(s.back_dated for s in self.stories)

    @property
    def outlets(self) -> list[str]:
        return sorted({s.outlet for s in self.stories if s.outlet})


def _timestamp(d: datetime | None) -> float:
    """A sortable time, with or without a zone (the report reads times with one, tests
    build them without); no date sorts before every date."""
    return d.timestamp() if d is not None else float("-inf")


def _oldest_first(d: datetime | None) -> tuple[bool, float]:
    """Sort key: dated first, oldest first, then the undated."""
    return (d is None, _timestamp(d))


def _title(original: str, copy: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    if original.strip() == copy.strip():
        return "same", ()
    kind = "punct" if normalise(original) == normalise(copy) else "changed"
    return kind, char_ops(original.strip(), copy.strip())


def _credit(copy: ArticleRow, outlet: str) -> str:
    if not copy.credited_outlet:
        return "none"
    return "original" if outlet and copy.credited_outlet == outlet else "other"


def build_story(rows: StoryRows, with_diffs: bool) -> StoryView:
    orig = rows.original
    outlet = orig.credited_outlet or orig.source_outlet or ""
    views = []
    for c in rows.copies:
        kind, ops = _title(orig.title, c.title)
        views.append(
            CopyView(
                row=c,
                back_dated=dated_before(c.published_at, orig.published_at),
                delay=delay(c.published_at, orig.published_at),
                title_kind=kind,
                title_ops=ops,
                credit=_credit(c, outlet),
                diff=compare(orig.text, c.text, c.raw_text) if with_diffs else None,
            )
        )
    views.sort(key=lambda v: _oldest_first(v.row.published_at))
    return StoryView(rows.cluster_id, rows.on_topic, orig, tuple(views))


def _site_stats(stories: list[StoryView]) -> list[SiteStat]:
    by_site: dict[str, list[tuple[StoryView, CopyView]]] = {}
    for s in stories:
        for c in s.copies:
            by_site.setdefault(c.row.site, []).append((s, c))
    stats = []
    for site, pairs in by_site.items():
        delays = [c.delay for _, c in pairs if c.delay is not None and not c.back_dated]
        roles = Counter(c.row.role for _, c in pairs)
        stats.append(
            SiteStat(
                site=site,
                role=roles.most_common(1)[0][0],
                hosts=tuple(sorted({c.row.host for _, c in pairs})),
                copies=len(pairs),
                stories=len({s.cluster_id for s, _ in pairs}),
                back_dated=sum(c.back_dated for _, c in pairs),
                uncredited=sum(c.credit == "none" for _, c in pairs),
                retitled=sum(c.title_kind == "changed" for _, c in pairs),
                median_delay=median(delays) if delays else None,
            )
        )
    return sorted(stats, key=lambda s: (-s.copies, -s.stories, s.site))


def _periods(stories: list[StoryView]) -> list[tuple[str, int, int]]:
    """Copies and originals per month (per year when the span passes four years)."""
    copies = [c.row.published_at or c.row.first_seen_at for s in stories for c in s.copies]
    originals = [s.original.published_at for s in stories]
    dates = [d for d in copies + originals if d is not None]
    if not dates:
        return []
    lo, hi = min(dates), max(dates)
    yearly = (hi.year - lo.year) * 12 + hi.month - lo.month > 48

    def key(d: datetime) -> str:
        return f"{d.year}" if yearly else f"{d.year}-{d.month:02d}"

    if yearly:
        labels = [str(y) for y in range(lo.year, hi.year + 1)]
    else:
        months = range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month)
        labels = [f"{m // 12}-{m % 12 + 1:02d}" for m in months]
    n_copies = Counter(key(d) for d in copies if d is not None)
    n_orig = Counter(key(d) for d in originals if d is not None)
    return [(lab, n_copies[lab], n_orig[lab]) for lab in labels]


def _delays(stories: list[StoryView]) -> list[tuple[str, int]]:
    counts = Counter()
    for s in stories:
        for c in s.copies:
            if c.back_dated:
                counts[BACK_DATED_LABEL] += 1
            elif c.delay is None:
                counts[UNDATED_LABEL] += 1
            else:
                counts[next(lab for lab, lim in DELAY_BUCKETS if c.delay < lim)] += 1
    labels = [BACK_DATED_LABEL, *(lab for lab, _ in DELAY_BUCKETS), UNDATED_LABEL]
    return [(lab, counts[lab]) for lab in labels if counts[lab] or lab in dict(DELAY_BUCKETS)]


def build_report(rows: list[StoryRows], with_diffs: bool) -> Report:
    """Stories ordered most-copied first (then newest), with the site and time summaries."""
    stories = [build_story(r, with_diffs) for r in rows]
    stories.sort(key=lambda s: _timestamp(s.original.published_at), reverse=True)
    stories.sort(key=lambda s: len(s.copies), reverse=True)  # stable: newest first on ties
    return Report(
        stories=stories,
        sites=_site_stats(stories),
        months=_periods(stories),
        delays=_delays(stories),
    )
