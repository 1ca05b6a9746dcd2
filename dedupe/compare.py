"""The second stage: is a candidate pair one story, judged by what differs between them.

MinHash and the exact shingle measures say how much two texts share.  That cannot tell a
copy from a sibling story: two reports of one case at two stages, or two cases written from
one newsroom template, share as much as a copy that lost its lead (issue 13: siblings reach
Jaccard 0.5-0.6 and containment ~0.76).  The difference is *what* differs:

* a copy takes the original's text and adds or drops whole pieces -- lead or closing
  paragraphs trimmed, commentary and ads inserted, chrome around it.  Where the two texts
  are aligned, one side is empty or the difference is punctuation and spacing (gone after
  normalisation);
* a sibling carries its own facts at the places where the other has different ones: the
  aligned sentence frames are equal and the names, places, amounts, dates and stage words
  inside them are not.

So the pair is aligned (``dedupe.align``) and every short gap inside the alignment (both
sides within one sentence's reach) is examined (``dedupe.evidence``):

* a **number conflict**: the number at that place differs (30万 / 45万, 5月 / 6月, 3 / 13,
  三年 / 五年);
* an **entity conflict**: a token replaced by another, where the first one recurs in its own
  text but never occurs in the other and vice versa -- a name or a place swapped at every
  mention (no name list: recurrence and exclusivity are what make it an entity swap, where a
  farm's light rewording changes single characters that still occur elsewhere);
* a **stage conflict**: each text holds a stage word (``facts.toml``) the other never uses.

A pair with conflicts is a sibling whatever its overlap; a pair without is a copy when the
overlap is that of a copy.  Thresholds and the measurements behind them are constants below.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from dedupe.align import align, prepare
from dedupe.evidence import Evidence, facts_differ
from dedupe.profile import Profile, profile, profiles
from dedupe.stages import stage_words, stages_in

__all__ = [
    "Comparison", "Evidence", "Judgment", "Profile", "compare", "compare_texts", "profile",
    "profiles", "stage_words", "stages_in",
]  # fmt: skip

# The aligned share of the shorter text a copy without conflicts has.  Measured on
# tests/storygen worlds 1-40 (character alignment): a copy against its original >= 0.75
# (5th percentile 0.87), two originals of sibling stories with no conflicting fact found
# <= 0.71; the shingle gate in front uses the same 0.72 (DedupeConfig).
COPY_CONTAINMENT = 0.72

VERDICTS = ("copy", "conflict", "apart")
# A paragraph outside the aligned chain counts as held by the other text when it occurs
# there verbatim and is at least this long: a news paragraph runs 60-200 characters, a
# stock line ("本报将持续关注") or a list item is shorter and may occur anywhere.
MOVED_MIN = 40
# Moved paragraphs count only when with them one text is held nearly whole: a copy whose
# editor moved a paragraph holds all of its original, where two sibling stories that share
# background paragraphs in another order each keep their own (storygen seed 129: two
# stage reports reach 0.74 with their moved background counted, a reordered copy ~1.0).
MOVED_COVER = 0.9


@dataclass(frozen=True)
class Judgment:
    """What the story clustering needs from a comparison: the verdict and the overlap.

    ``cover_a`` / ``cover_b`` are the shares of each text's prose that the other holds
    (``Comparison.cover``); ``jaccard`` is over all characters.
    """

    verdict: str  # "copy", "conflict" or "apart"
    cover_a: float
    cover_b: float
    jaccard: float

    @property
    def containment(self) -> float:
        return max(self.cover_a, self.cover_b)

    def covered(self, first: bool) -> float:
        """Share of the first (or second) text's prose that the other one holds."""
        return self.cover_a if first else self.cover_b

    def swapped(self) -> Judgment:
        return Judgment(self.verdict, self.cover_b, self.cover_a, self.jaccard)


@dataclass(frozen=True)
class Comparison:
    """The evidence for one pair and the verdict it leads to.

    ``shared`` and the lengths count every aligned character; ``cover_a`` / ``cover_b``
    only the prose lines of each text, weighed by what they say (``Profile.prose_in``): a
    farm's related-stories list, comment lines and titles left in a copy's text are not
    what it took from the original, and would otherwise count as much against it as a
    paragraph of its own; nor are an English notice or a line its page printed twice.
    """

    shared: int
    len_a: int
    len_b: int
    evidence: Evidence
    verdict: str
    cover_a: float = 0.0
    cover_b: float = 0.0

    @property
    def jaccard(self) -> float:
        union = self.len_a + self.len_b - self.shared
        return self.shared / union if union else 0.0

    @property
    def containment(self) -> float:
        """The share of the smaller text (by prose) that the other holds."""
        return max(self.cover_a, self.cover_b)

    @property
    def judgment(self) -> Judgment:
        return Judgment(self.verdict, self.cover_a, self.cover_b, self.jaccard)


def _moved_prose(blocks: list, side: int, w: Profile, other: str) -> int:
    """Prose characters of ``p``'s paragraphs that lie outside every shared block yet occur
    verbatim in the ``other`` text: paragraphs moved.  The blocks are one order-keeping
    chain, so a paragraph a newsroom or a farm's editor moved (or re-joined to another
    neighbour) stands outside it, though the other text holds every character of it."""
    p = w.prepared
    spans = sorted((blk[side], blk[side] + blk[2]) for blk in blocks)
    starts = [s for s, _ in spans]
    held = 0
    for j in range(len(p.paragraphs) - 1):
        s, e = p.paragraphs[j], p.paragraphs[j + 1]
        if e - s < MOVED_MIN:
            continue
        k = bisect.bisect_right(starts, e - 1) - 1  # the last block starting inside or before
        if k >= 0 and spans[k][1] > s:
            continue  # a block overlaps the paragraph: it is (partly) in the chain
        if p.text[s:e] in other:
            held += w.prose_in(s, e)
    return held


def _cover(alignment, a: Profile, b: Profile) -> tuple[float, float]:
    """The share of each text's prose characters that the other holds in shared blocks --
    or, when that lets one text be held nearly whole (``MOVED_COVER``), also in paragraphs
    moved (``_moved_prose``)."""
    pa, pb = a.prepared, b.prepared
    held_a = sum(a.prose_in(a0, a0 + n) for a0, _, n in alignment.blocks)
    held_b = sum(b.prose_in(b0, b0 + n) for _, b0, n in alignment.blocks)
    if alignment.unshared:  # characters replaced inside position-matched blocks
        held_a -= alignment.unshared
        held_b -= alignment.unshared
    chained = _shares(held_a, held_b, a.prose_length, b.prose_length)
    moved_a = _moved_prose(alignment.blocks, 0, a, pb.text)
    moved_b = _moved_prose(alignment.blocks, 1, b, pa.text)
    if not (moved_a or moved_b):
        return chained
    moved = _shares(held_a + moved_a, held_b + moved_b, a.prose_length, b.prose_length)
    return moved if max(moved) >= MOVED_COVER else chained


def _shares(held_a: int, held_b: int, len_a: int, len_b: int) -> tuple[float, float]:
    return (max(held_a, 0) / len_a if len_a else 0.0), (max(held_b, 0) / len_b if len_b else 0.0)


def compare(a: Profile, b: Profile) -> Comparison:
    """Align ``a`` and ``b`` and judge them: "copy", "conflict" (two stories) or "apart"."""
    if a.text == b.text:
        n = len(a.text)
        return Comparison(n, n, n, Evidence(), "copy" if n else "apart", 1.0, 1.0)
    alignment = align(a.prepared, b.prepared)
    evidence = facts_differ(alignment, a, b)
    cover_a, cover_b = _cover(alignment, a, b)
    if evidence.conflicting:
        verdict = "conflict"
    elif max(cover_a, cover_b) >= COPY_CONTAINMENT:
        verdict = "copy"
    else:
        verdict = "apart"
    shared, len_a, len_b = alignment.shared, alignment.len_a, alignment.len_b
    return Comparison(shared, len_a, len_b, evidence, verdict, cover_a, cover_b)


def compare_texts(a: str, b: str) -> Comparison:
    """Two raw texts prepared as one batch and compared (a one-off read: tests, benches)."""
    pa, pb = profiles(prepare([a, b]))
    return compare(pa, pb)
