"""Pick the canonical article of a cluster: the copy that stands for the original.

Never by arrival order (whatever the crawler met first).  The order of evidence:

1. a page on a ``publisher`` site beats any farm page;
2. then the copy whose own site IS the outlet the cluster's copies credit most
   (``source_outlet`` == most common ``credited_outlet``), then copies that credit it;
3. then the earliest *credible* ``published_at``.  Farms back-date copies to look original,
   so a date is not credible when it is earlier than a date the page's own text reports
   (it cannot predate its own news), more than ``publisher_slack`` before the earliest
   publisher copy, or more than ``median_slack`` before the cluster's median date;
4. then, when the caller knows it, the most *central* copy: the largest sum of verified
   containments (``|A∩B| / min(|A|, |B|)``) with the other members.  Farms each add their
   own chrome, trims and rewording to the same original, so the original is (nearly) inside
   every copy, or every trimmed copy inside it, while two copies differ by both their edits;
   Jaccard would not do, as copies from one farm share their chrome (in a two-member
   cluster both tie);
5. then the longest text, then the smallest id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median_low

import numpy as np

from dedupe.dates import text_floor
from dedupe.records import DocRecord


@dataclass(frozen=True)
class CanonicalRules:
    """Tolerances of the date-credibility test.

    ``text_slack`` absorbs time zones (a page dated 23:30 UTC on the 22nd reporting
    "8月23日" Beijing time is fine); ``horizon_days`` is how far past the cluster's median
    date a date in the text may lie and still count (later ones are chrome or plans).
    """

    text_slack: timedelta = timedelta(days=1)
    publisher_slack: timedelta = timedelta(days=3)
    median_slack: timedelta = timedelta(days=30)
    horizon_days: int = 7


@dataclass(frozen=True)
class Ranked:
    """One member with the evidence that placed it (for logs and the stored cluster row)."""

    id: int
    publisher: bool
    outlet_tier: int  # 0 = is the credited outlet, 1 = credits it, 2 = neither
    credible_date: date | None
    length: int
    centrality: float = 0.0


def _outlet(name: str | None) -> str | None:
    key = (name or "").strip().casefold()
    return key or None


def most_credited_outlet(members: Sequence[DocRecord]) -> str | None:
    """The (normalised) outlet most members credit; ties prefer an outlet present in the
    cluster as a publisher site, then the alphabetically first."""
    counts = Counter(o for o in (_outlet(m.credited_outlet) for m in members) if o)
    if not counts:
        return None
    present = {_outlet(m.source_outlet) for m in members}
    return min(counts, key=lambda o: (-counts[o], o not in present, o))


def _day(member: DocRecord) -> date | None:
    return member.published_at.date() if member.published_at else None


def credible_dates(
    members: Sequence[DocRecord], rules: CanonicalRules | None = None
) -> dict[int, date | None]:
    """Each member's publication day if credible, else None (see module docstring)."""
    rules = rules or CanonicalRules()
    days = {m.id: _day(m) for m in members}
    known = sorted(d for d in days.values() if d is not None)
    if not known:
        return dict(days)
    mid = date.fromordinal(median_low([d.toordinal() for d in known]))
    publisher_days = [days[m.id] for m in members if is_publisher(m) and days[m.id]]
    earliest_publisher = min(publisher_days) if publisher_days else None
    out: dict[int, date | None] = {}
    for m in members:
        day = days[m.id]
        if day is not None:
            floor = text_floor(m.text, mid, rules.horizon_days)
            if (
                (floor is not None and day < floor - rules.text_slack)
                or (
                    earliest_publisher is not None
                    and day < earliest_publisher - rules.publisher_slack
                )
                or day < mid - rules.median_slack
            ):
                day = None
        out[m.id] = day
    return out


def is_publisher(member: DocRecord) -> bool:
    """The crawl role read as sources.toml may spell it ("Publisher ", "publisher")."""
    return member.role.strip().casefold() == "publisher"


def rank_members(
    members: Sequence[DocRecord],
    rules: CanonicalRules | None = None,
    centrality: Mapping[int, float] | None = None,
) -> list[Ranked]:
    """Members best-first, each with the evidence that placed it."""
    if not members:
        raise ValueError("a cluster needs at least one member")
    top = most_credited_outlet(members)
    dates = credible_dates(members, rules)
    ranked = []
    for m in members:
        if top is not None and _outlet(m.source_outlet) == top:
            tier = 0
        elif top is not None and _outlet(m.credited_outlet) == top:
            tier = 1
        else:
            tier = 2
        central = (centrality or {}).get(m.id, 0.0)
        ranked.append(
            Ranked(m.id, is_publisher(m), tier, dates[m.id], len(m.text.strip()), central)
        )

    return sorted(ranked, key=lambda r: (*evidence_key(r), r.id))


def evidence_key(r: Ranked) -> tuple:
    """The ranking of rules 1-5 without the final tie-break on ids (best first)."""
    dated = (0, r.credible_date.toordinal()) if r.credible_date else (1, 0)
    return (not r.publisher, r.outlet_tier, dated, -round(r.centrality, 9), -r.length)


def choose_canonical(
    members: Sequence[DocRecord],
    rules: CanonicalRules | None = None,
    centrality: Mapping[int, float] | None = None,
) -> int:
    """The id of the member that stands for the story (see the module docstring).

    ``centrality`` maps member ids to their summed containment with the other members (from
    verification); without it rule 4 is skipped.
    """
    return rank_members(members, rules, centrality)[0].id


def canonical_rows(
    labels: np.ndarray,
    lengths: np.ndarray,
    full: Mapping[int, Sequence[DocRecord]],
    centrality: np.ndarray | None = None,
) -> np.ndarray:
    """The canonical row of every row's component, for a whole corpus at once.

    ``labels[i]`` is row i's component; ``full`` maps some labels to their members as
    ``DocRecord``s whose ids are rows: those are decided by :func:`choose_canonical`.  Every
    other component has no role, outlet or date to weigh, so only the last rules remain --
    most central (``centrality``, by row), longest text (``lengths``, i.e.
    ``len(text.strip())``), then smallest row -- and one lexsort decides them all.
    """
    n = labels.size
    rows = np.arange(n, dtype=np.int64)
    central = np.zeros(n) if centrality is None else np.round(centrality, 9)
    order = np.lexsort((rows, -lengths, -central, labels))
    ordered = labels[order]
    head = np.ones(n, dtype=bool)
    head[1:] = ordered[1:] != ordered[:-1]
    best = np.zeros(max(n, 1), dtype=np.int64)
    best[ordered[head]] = order[head]
    for label, members in full.items():
        by_row = {m.id: float(central[m.id]) for m in members}
        best[label] = choose_canonical(members, centrality=by_row)
    return best[labels]
