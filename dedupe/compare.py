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

So the pair is aligned (``dedupe.align``) and every short gap *inside* the alignment (both
sides within one sentence's reach) is examined:

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

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from dedupe.align import Alignment, Gap, Prepared, align, paragraph_of

FACTS_PATH = Path(__file__).with_name("facts.toml")
# A gap this short on both sides is inside one sentence frame: a name, a place, an amount,
# a date (normalised characters; a court name such as 浦东新区人民法院 is 8).
SMALL_GAP = 16
# Facts are compared inside prose only: a gap counts when the paragraph holding it is at
# least this long on both sides.  News paragraphs run 60-200 characters; the short lines
# around an article (上一篇 2024年3月5日, a view count, a 相关推荐 date, a caption) are
# page furniture, and two copies of one story from similar farm templates differ there by
# dates and counts that are not the story's (measured: every false conflict between copies
# in tests/test_dedupe_quality.py's corpus came from such lines, all under 20 characters).
PROSE_MIN = 30
# Conflicts needed to call a pair two stories.  One number conflict is enough on its own
# (a copy never changes a number); entity conflicts count one each.
CONFLICT_MIN = 1
# The overlap of a copy without conflicts (measured: see DedupeConfig for the shingle figures;
# character alignment gives the same order).
COPY_CONTAINMENT = 0.72
COPY_JACCARD = 0.5

_DIGITS = np.zeros(128, dtype=bool)
_DIGITS[48:58] = True
_DIGIT_RUN = re.compile(r"[0-9]+")
_NUMERALS = frozenset("〇零一二三四五六七八九十两百千")
VERDICTS = ("copy", "conflict", "apart")


@cache
def stage_words(path: Path = FACTS_PATH) -> tuple[str, ...]:
    """Every stage word of ``facts.toml``, longest first."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words = {w for group in data["stages"].values() for w in group}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Profile:
    """A prepared text with what the comparison reads from it more than once."""

    prepared: Prepared
    text: str  # the normalised text as a string
    stages: frozenset[str]


def profile(prepared: Prepared) -> Profile:
    text = prepared.text
    return Profile(prepared, text, frozenset(w for w in stage_words() if w in text))


def profiles(prepared: Iterable[Prepared]) -> list[Profile]:
    return [profile(p) for p in prepared]


@dataclass(frozen=True)
class Judgment:
    """What the story clustering needs from a comparison (and what storage keeps of it)."""

    verdict: str  # "copy", "conflict" or "apart"
    jaccard: float
    containment: float


@dataclass(frozen=True)
class Comparison:
    """The evidence for one pair and the verdict it leads to."""

    shared: int
    len_a: int
    len_b: int
    numbers: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str], ...]
    stages: tuple[tuple[str, ...], tuple[str, ...]]  # stage words only in a, only in b
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
        return Judgment(self.verdict, round(self.jaccard, 6), round(self.containment, 6))

    @property
    def conflicts(self) -> int:
        staged = bool(self.stages[0] and self.stages[1])
        return len(self.numbers) + len(self.entities) + staged


def _is_digit(cp: int) -> bool:
    return cp < 128 and bool(_DIGITS[cp])


def _number_at(p: Prepared, start: int, end: int) -> str:
    """The digit runs of ``p`` in ``[start, end)`` grown over adjacent digits, joined by
    "/" ('' if none): 5月 against 6月 gives "5" and "6", 3万 against 13万 "3" and "13"."""
    norm = p.norm
    while start > 0 and _is_digit(int(norm[start - 1])):
        start -= 1
    while end < norm.size and _is_digit(int(norm[end])):
        end += 1
    return "/".join(_DIGIT_RUN.findall(p.string(start, end)))


def _in_prose(p: Prepared, start: int, end: int) -> bool:
    """Whether ``[start, end)`` (or the insertion point ``start``) lies in a paragraph of at
    least ``PROSE_MIN`` characters."""
    if len(p) == 0:
        return False
    k = paragraph_of(p, min(start, len(p) - 1))
    if end > start and paragraph_of(p, end - 1) != k:
        return False
    return int(p.paragraphs[k + 1] - p.paragraphs[k]) >= PROSE_MIN


def _number_conflict(gap: Gap, a: Profile, b: Profile) -> tuple[str, str] | None:
    na = _number_at(a.prepared, gap.a0, gap.a1)
    nb = _number_at(b.prepared, gap.b0, gap.b1)
    two_sided = gap.a_len > 0 and gap.b_len > 0
    if na != nb and ((na and nb) or (two_sided and (na or nb))):
        return na, nb
    xa, xb = a.text[gap.a0 : gap.a1], b.text[gap.b0 : gap.b1]
    if two_sided and xa != xb and set(xa) <= _NUMERALS and set(xb) <= _NUMERALS:
        return xa, xb
    return None


def _entity_conflict(gap: Gap, a: Profile, b: Profile) -> tuple[str, str] | None:
    if gap.a_len == 0 or gap.b_len == 0:
        return None
    xa, xb = a.text[gap.a0 : gap.a1], b.text[gap.b0 : gap.b1]
    if xa in b.text or xb in a.text:
        return None
    if a.text.count(xa) >= 2 or b.text.count(xb) >= 2:
        return xa, xb
    return None


def facts_differ(alignment: Alignment, a: Profile, b: Profile):
    """Number and entity conflicts in the short gaps inside the alignment."""
    numbers: set[tuple[str, str]] = set()
    entities: set[tuple[str, str]] = set()
    for gap in alignment.gaps:
        if gap.where != "inside" or max(gap.a_len, gap.b_len) > SMALL_GAP:
            continue
        if not (_in_prose(a.prepared, gap.a0, gap.a1) and _in_prose(b.prepared, gap.b0, gap.b1)):
            continue
        found = _number_conflict(gap, a, b)
        if found:
            numbers.add(found)
            continue
        found = _entity_conflict(gap, a, b)
        if found:
            entities.add(found)
    return tuple(sorted(numbers)), tuple(sorted(entities))


def compare(a: Profile, b: Profile) -> Comparison:
    """Align ``a`` and ``b`` and judge them: "copy", "conflict" (two stories) or "apart"."""
    alignment = align(a.prepared, b.prepared)
    numbers, entities = facts_differ(alignment, a, b)
    only_a, only_b = tuple(sorted(a.stages - b.stages)), tuple(sorted(b.stages - a.stages))
    result = Comparison(
        alignment.shared, alignment.len_a, alignment.len_b, numbers, entities,
        (only_a, only_b), "apart",
    )  # fmt: skip
    if result.conflicts >= CONFLICT_MIN:
        verdict = "conflict"
    elif result.containment >= COPY_CONTAINMENT or result.jaccard >= COPY_JACCARD:
        verdict = "copy"
    else:
        verdict = "apart"
    return Comparison(**{**result.__dict__, "verdict": verdict})
