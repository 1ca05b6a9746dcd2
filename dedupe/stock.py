"""Every story's copies without their own additions, the farms' stock read across stories.

Why across stories: a story without a publisher original cannot always tell a tail its
other copies trimmed from one a farm appended (``dedupe.additions``), and a farm's closing
that neither asks nor addresses the reader ("说到底，技术跑得再快，也不能跑出法律的边界。")
has no voice mark to show it (``dedupe.voice``).  But farms build commentary from the same
stock sentences on every copy they post, and in stories that *do* have their original,
those sentences are shown to be additions.  So stories with an original are read first;
the clauses their copies were shown to add are the stock that helps decide the edges of
stories without one.  A newsroom's own recurring closing line ("本报将持续关注案件进展")
is held by its originals, so it never enters the stock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

from dedupe.additions import Trimmed, farm_additions
from dedupe.records import DocRecord
from dedupe.voice import Stock


def story_additions(
    stories: Sequence[tuple[Sequence[DocRecord], int]], proven: Iterable[str] = ()
) -> dict[int, Trimmed]:
    """``stories``: (members, canonical id) each; every copy's text without its additions
    (copies without any are left out).  ``proven``: pieces earlier runs removed from copies
    of stories with an original (a re-crawl re-decides only the stories it touched)."""
    out: dict[int, Trimmed] = {}
    without: list[tuple[Sequence[DocRecord], int]] = []
    for members, canonical in stories:
        if any(m.id == canonical and m.role.strip().casefold() == "publisher" for m in members):
            out |= farm_additions(members, canonical)
        else:
            without.append((members, canonical))
    stock = Stock.from_removed(chain(proven, (p for t in out.values() for p in t.removed)))
    for members, canonical in without:
        out |= farm_additions(members, canonical, stock)
    return out
