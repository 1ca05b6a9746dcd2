"""A farm's own additions to a copy: the paragraphs no other member of its story has.

A copy's text is what it took from the original; the commentary a farm writes in its own
words ("小编认为……欢迎在评论区留言") and the ads it places inside the article are not the
article, though its page shows them.  They are told apart by the story, not by their
wording: a paragraph the farm took is also in the original (and usually in other copies),
a paragraph it added is in no other member.  So each copy is aligned (``dedupe.align``)
with the story's canonical and its other members; a paragraph is the farm's own unless the
canonical holds most of it, or most of the other copies do (when the original's page lost
a paragraph, every copy still carries it; a stock phrase two farms share is not that).

Only where the evidence is clear: the canonical must be a publisher's page (a farm-only
story has no text known to be the original), and the copy must be a farm's page.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dedupe.align import Prepared, align, prepare
from dedupe.records import DocRecord

# A paragraph counts as the farm's own when no other member holds more than this share of
# its (normalised) characters, aligned.  A paragraph a farm took is (nearly) whole in the
# original, or in another copy when the original's page lost it; farms' own words overlap
# only in stock phrases (two commentaries sharing one sentence: ~0.3 of the paragraph).
SHARED_MAX = 0.5
# Other members (besides the canonical) each copy is compared with: enough to find a
# paragraph that the canonical lacks but other copies carry, bounded for 1,000-copy stories.
MEMBERS_COMPARED = 8


def _is(member: DocRecord, role: str) -> bool:
    return member.role.strip().casefold() == role


def _shares(copy: Prepared, others: Sequence[Prepared]) -> np.ndarray:
    """``(len(others), paragraphs)``: the share of each paragraph of ``copy`` that each other
    member holds, aligned."""
    starts = np.asarray(copy.paragraphs)
    lengths = np.maximum(np.diff(starts), 1)
    out = np.zeros((len(others), lengths.size))
    for k, other in enumerate(others):
        edges = np.zeros(len(copy) + 1, dtype=np.int64)
        for a0, _, n in align(copy, other).blocks:
            edges[a0] += 1
            edges[a0 + n] -= 1
        held = np.concatenate(([0], np.cumsum(np.cumsum(edges)[:-1] > 0)))
        out[k] = (held[starts[1:]] - held[starts[:-1]]) / lengths
    return out


def farm_additions(members: Sequence[DocRecord], canonical: int) -> dict[int, list[int]]:
    """The paragraphs each farm copy added, as indexes into ``split_paragraphs(text)``.

    Copies without additions are left out; nothing is returned when the canonical is not a
    publisher's page.
    """
    by_id = {m.id: m for m in members}
    if canonical not in by_id or not _is(by_id[canonical], "publisher"):
        return {}
    copies = [m.id for m in members if m.id != canonical and _is(m, "farm")]
    if not copies:
        return {}
    ids = sorted(by_id)
    prepared = dict(zip(ids, prepare([by_id[i].text for i in ids]), strict=True))
    out: dict[int, list[int]] = {}
    for c in copies:
        others = [canonical] + [i for i in ids if i not in (c, canonical)][:MEMBERS_COMPARED]
        mine = prepared[c]
        held = _shares(mine, [prepared[o] for o in others]) > SHARED_MAX
        # Taken from the article: the canonical holds it, or most other copies do (the
        # original's page lost it); farms that share a stock commentary are a minority.
        taken = held[0] | (2 * held[1:].sum(axis=0) > max(len(others) - 1, 1))
        starts = mine.paragraphs
        added = [k for k in range(len(starts) - 1) if starts[k + 1] > starts[k] and not taken[k]]
        if added:
            out[c] = added
    return out
