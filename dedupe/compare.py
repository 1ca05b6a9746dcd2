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

from dataclasses import dataclass

from dedupe.align import align
from dedupe.evidence import (
    Evidence,
    Profile,
    facts_differ,
    profile,
    profiles,
    stage_words,
    stages_in,
)

__all__ = [
    "Comparison", "Evidence", "Judgment", "Profile", "compare", "profile", "profiles",
    "stage_words", "stages_in",
]  # fmt: skip

# The aligned share of the shorter text a copy without conflicts has.  Measured on
# tests/storygen worlds 1-40 (character alignment): a copy against its original >= 0.75
# (5th percentile 0.87), two originals of sibling stories with no conflicting fact found
# <= 0.71; the shingle gate in front uses the same 0.72 (DedupeConfig).
COPY_CONTAINMENT = 0.72

VERDICTS = ("copy", "conflict", "apart")


@dataclass(frozen=True)
class Judgment:
    """What the story clustering needs from a comparison: the verdict and the overlap."""

    verdict: str  # "copy", "conflict" or "apart"
    shared: int  # aligned characters (normalised)
    len_a: int
    len_b: int

    @property
    def jaccard(self) -> float:
        union = self.len_a + self.len_b - self.shared
        return self.shared / union if union else 0.0

    @property
    def containment(self) -> float:
        small = min(self.len_a, self.len_b)
        return self.shared / small if small else 0.0

    def covered(self, first: bool) -> float:
        """Share of the first (or second) text that the other one holds."""
        n = self.len_a if first else self.len_b
        return self.shared / n if n else 0.0


@dataclass(frozen=True)
class Comparison:
    """The evidence for one pair and the verdict it leads to."""

    shared: int
    len_a: int
    len_b: int
    evidence: Evidence
    verdict: str

    @property
    def jaccard(self) -> float:
        union = self.len_a + self.len_b - self.shared
        return self.shared / union if union else 0.0

    @property
    def containment(self) -> float:
        small = min(self.len_a, self.len_b)
        return self.shared / small if small else 0.0

    @property
    def judgment(self) -> Judgment:
        return Judgment(self.verdict, self.shared, self.len_a, self.len_b)


def compare(a: Profile, b: Profile) -> Comparison:
    """Align ``a`` and ``b`` and judge them: "copy", "conflict" (two stories) or "apart"."""
    if a.text == b.text:
        n = len(a.text)
        return Comparison(n, n, n, Evidence(), "copy" if n else "apart")
    alignment = align(a.prepared, b.prepared)
    evidence = facts_differ(alignment, a, b)
    shared, len_a, len_b = alignment.shared, alignment.len_a, alignment.len_b
    result = Comparison(shared, len_a, len_b, evidence, "apart")
    if evidence.conflicting:
        verdict = "conflict"
    elif result.containment >= COPY_CONTAINMENT:
        verdict = "copy"
    else:
        verdict = "apart"
    return Comparison(shared, len_a, len_b, evidence, verdict)
