"""The facts two aligned texts disagree on: numbers, swapped entities, stage words.

``dedupe.compare`` judges a pair by this evidence (see its docstring for why); here is how
each kind is read off the alignment (``dedupe.align``):

* a **number conflict**: the number at an aligned place differs (30万 / 45万, 5月 / 6月,
  3 / 13, 三年 / 五年);
* an **entity conflict**: a token replaced by another, where the first one recurs in its own
  text but never occurs in the other and vice versa -- a name or a place swapped at every
  mention (no name list: recurrence and exclusivity make it an entity swap);
* a **stage conflict**: each text holds, where the other holds something else, a stage word
  (``facts.toml``) the other never uses (``dedupe.stages``);
* paragraphs a newsroom moved are aligned with each other first, so their facts count too.

Only prose counts (``PROSE_MIN``): the short lines around an article are furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from dedupe.align import Alignment, Gap, Prepared, paragraph_of
from dedupe.profile import ASCII_DIGITS, NUMERALS, Profile
from dedupe.stages import stage_conflict

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
# A paragraph that moved is found among one-sided gaps at least this long (a short news
# paragraph is 60 characters) that share at least this ratio of characters (difflib's ratio:
# a paragraph from one template with its names and amounts swapped is ~0.8, two different
# paragraphs of one newsroom ~0.3).
MOVED_MIN = 40
MOVED_SHARED = 0.6
# Paragraphs with a conflicting number or entity needed to call a pair two stories.  A copy
# never changes a number or a name of the text it took, so one is enough.  (Two copies can
# each carry an ad from the same template at the same place, "立减99元" / "立减5元", and so
# conflict with each other: ``dedupe.stories`` therefore weighs a copy's conflicts with the
# other copies of a story less than its agreement with the story's core.)
CONFLICT_PARAGRAPHS = 1
_DIGIT_RUN = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Evidence:
    """Facts that differ at aligned places: (value in a, value in b) pairs."""

    numbers: tuple[tuple[str, str], ...] = ()
    entities: tuple[tuple[str, str], ...] = ()
    stages: tuple[tuple[str, str], ...] = ()
    paragraphs: int = 0  # paragraphs of a holding a number or entity conflict

    @property
    def conflicting(self) -> bool:
        """Two stories: a stage replaced by another, or facts replaced in prose."""
        return bool(self.stages) or self.paragraphs >= CONFLICT_PARAGRAPHS


def _number_at(text: str, start: int, end: int) -> str:
    """The digit runs of ``text[start:end]`` grown over adjacent digits, joined by "/"
    ('' if none): 5月 against 6月 gives "5" and "6", 3万 against 13万 "3" and "13"."""
    while start > 0 and text[start - 1] in ASCII_DIGITS:
        start -= 1
    while end < len(text) and text[end] in ASCII_DIGITS:
        end += 1
    return "/".join(_DIGIT_RUN.findall(text, start, end)) if start < end else ""


def _in_prose(p: Prepared, start: int, end: int) -> bool:
    """Whether ``[start, end)`` (or the insertion point ``start``) lies in a paragraph of at
    least ``PROSE_MIN`` characters."""
    if len(p) == 0:
        return False
    k = paragraph_of(p, min(start, len(p) - 1))
    if end > start and paragraph_of(p, end - 1) != k:
        return False
    return p.paragraphs[k + 1] - p.paragraphs[k] >= PROSE_MIN


def _touches_number(p: Profile, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` or a character next to it is a digit or a numeral."""
    return b"\x01" in p.numeric[max(start - 1, 0) : end + 1]


def _number_conflict(gap: Gap, a: Profile, b: Profile) -> tuple[str, str] | None:
    if not (_touches_number(a, gap.a0, gap.a1) or _touches_number(b, gap.b0, gap.b1)):
        return None
    na = _number_at(a.text, gap.a0, gap.a1)
    nb = _number_at(b.text, gap.b0, gap.b1)
    two_sided = gap.a_len > 0 and gap.b_len > 0
    if na != nb and ((na and nb) or (two_sided and (na or nb))):
        return na, nb
    xa, xb = a.text[gap.a0 : gap.a1], b.text[gap.b0 : gap.b1]
    if two_sided and xa != xb and set(xa) <= NUMERALS and set(xb) <= NUMERALS:
        return xa, xb
    return None


def _entities(swaps: list[tuple[str, str, int, int]], a: Profile, b: Profile) -> list:
    """The swaps ``(xa, xb, where in a, where in b)`` that replace an entity, not a character.

    A name or a place is mentioned again and replaced at every mention: the token recurs in
    its own text (or the same swap recurs), and never occurs in the other.  A farm's light
    rewording (1-3 % of characters swapped at random, measured on ``dedupe.corpus``) also
    leaves single characters the other text lacks, so a single character counts only when
    the same swap happens at two places (张某某 -> 李某某 at each mention is "张" -> "李"
    twice), and is tested with the character after it (张某 / 李某: the surname 张 alone also
    counts photos, 照片3000余张).  Only swaps inside prose count (``_in_prose``).
    """
    seen = Counter((xa, xb) for xa, xb, _, _ in swaps)
    out = []
    for xa, xb, wa, wb in swaps:
        times = seen[(xa, xb)]
        if len(xa) == 1 and len(xb) == 1:
            ta, tb = a.text[wa : wa + 2], b.text[wb : wb + 2]
            if times < 2 or len(ta) < 2 or ta in b.text or tb in a.text:
                continue
        elif xa in b.text or xb in a.text:
            continue
        elif times < 2 and a.text.count(xa) < 2 and b.text.count(xb) < 2:
            continue
        if _in_prose(a.prepared, wa, wa + len(xa)) and _in_prose(b.prepared, wb, wb + len(xb)):
            out.append(((xa, xb), wa))
    return out


def _moved(alignment: Alignment, a: Profile, b: Profile) -> list[Gap]:
    """Gaps inside paragraphs that moved: a newsroom that reorders its middle paragraphs
    leaves the same paragraph (with its own facts) on one side here and on the other side
    there.  Each pair of one-sided gaps that mostly match is aligned character by character
    and its differences are examined like any other."""
    inside = [g for g in alignment.gaps if g.where == "inside"]
    only_a = [g for g in inside if g.a_len >= MOVED_MIN and g.b_len == 0]
    only_b = [g for g in inside if g.b_len >= MOVED_MIN and g.a_len == 0]
    if not (only_a and only_b):
        return []
    out: list[Gap] = []
    for ga in only_a:
        for gb in only_b:
            sa, sb = a.text[ga.a0 : ga.a1], b.text[gb.b0 : gb.b1]
            matcher = SequenceMatcher(None, sa, sb, autojunk=False)
            if matcher.quick_ratio() < MOVED_SHARED or matcher.ratio() < MOVED_SHARED:
                continue
            for op, i0, i1, j0, j1 in matcher.get_opcodes():
                if op != "equal":
                    out.append(Gap(ga.a0 + i0, ga.a0 + i1, gb.b0 + j0, gb.b0 + j1, "inside"))
    return out


def _examined(gap: Gap) -> bool:
    """A gap within one sentence frame: inside the alignment, or a short replacement at the
    very start or end of the texts ("由杭州市余杭……" / "由无锡市梁溪……")."""
    small = max(gap.a1 - gap.a0, gap.b1 - gap.b0) <= SMALL_GAP
    if gap.where == "inside":
        return small
    return small and gap.a1 > gap.a0 and gap.b1 > gap.b0


def _near_numeric(p: Profile, at: np.ndarray) -> np.ndarray:
    """Whether the character at each offset, or one next to it, is a digit or numeral."""
    flags = p.flags
    out = flags[at] | flags[np.maximum(at - 1, 0)] | flags[np.minimum(at + 1, flags.size - 1)]
    return out.astype(bool)


def _substituted(
    subs: np.ndarray, a: Profile, b: Profile, swaps: list, numbers: dict
) -> list[tuple[str, str, int, int]]:
    """Single characters replaced inside position-matched paragraphs, read as the single
    character gaps of ``facts_differ`` are: one near a digit or numeral is tested as a
    number (into ``numbers``); of the others only a swap seen twice can be an entity
    (``_entities``), so only those are returned."""
    if subs.shape[0] == 0:
        return []
    near = _near_numeric(a, subs[:, 0]) | _near_numeric(b, subs[:, 1])
    out: list[tuple[str, str, int, int]] = []
    at, bt = a.text, b.text
    for a0, b0 in subs[near].tolist():
        found = _number_conflict(Gap(a0, a0 + 1, b0, b0 + 1, "inside"), a, b)
        if found and _in_prose(a.prepared, a0, a0 + 1) and _in_prose(b.prepared, b0, b0 + 1):
            numbers.setdefault(found, paragraph_of(a.prepared, a0))
        else:
            out.append((at[a0], bt[b0], a0, b0))
    out += [(at[x], bt[y], x, y) for x, y in subs[~near].tolist()]
    seen = Counter((xa, xb) for xa, xb, _, _ in out)
    seen.update((xa, xb) for xa, xb, _, _ in swaps if len(xa) == 1 and len(xb) == 1)
    return [s for s in out if seen[(s[0], s[1])] >= 2]


def facts_differ(alignment: Alignment, a: Profile, b: Profile) -> Evidence:
    """Conflicting facts where the two texts are aligned (see the module docstring)."""
    numbers: dict[tuple[str, str], int] = {}
    swaps: list[tuple[str, str, int, int]] = []
    at, bt = a.text, b.text
    gaps = [*alignment.gaps, *_moved(alignment, a, b)]
    staged = stage_conflict(gaps, a, b)
    for gap in gaps:
        a0, a1, b0, b1, where = gap
        if a1 - a0 == 1 and b1 - b0 == 1 and where == "inside":
            # One character for another (most gaps of a lightly reworded copy): only a digit,
            # a numeral or a swap seen twice can matter.
            if a.numeric[a0 - 1 : a1 + 1].count(1) or b.numeric[b0 - 1 : b1 + 1].count(1):
                found = _number_conflict(gap, a, b)
                if found and _in_prose(a.prepared, a0, a1) and _in_prose(b.prepared, b0, b1):
                    numbers.setdefault(found, paragraph_of(a.prepared, a0))
                    continue
            swaps.append((at[a0], bt[b0], a0, b0))
            continue
        if not _examined(gap):
            continue
        found = _number_conflict(gap, a, b)
        if found is not None:
            if _in_prose(a.prepared, a0, a1) and _in_prose(b.prepared, b0, b1):
                numbers.setdefault(found, paragraph_of(a.prepared, a0))
        elif a1 > a0 and b1 > b0:
            swaps.append((at[a0:a1], bt[b0:b1], a0, b0))
    swaps += _substituted(alignment.subs, a, b, swaps, numbers)
    entities = _entities(swaps, a, b)
    for a0, a1, b0, b1, _ in alignment.replaced:
        # A whole replaced name ("信息技术" / "网络科技有限"), beside the pieces it was cut
        # in: an entity when each side recurs in its own text and never in the other (random
        # rewording leaves such spans too, but not recurring ones).
        xa, xb = at[a0:a1], bt[b0:b1]
        if (
            2 <= len(xa) <= SMALL_GAP
            and 2 <= len(xb) <= SMALL_GAP
            and xa not in bt
            and xb not in at
            and at.count(xa) >= 2
            and bt.count(xb) >= 2
            and _in_prose(a.prepared, a0, a1)
            and _in_prose(b.prepared, b0, b1)
        ):
            entities.append(((xa, xb), a0))
    paragraphs = set(numbers.values()) | {paragraph_of(a.prepared, w) for _, w in entities}
    return Evidence(
        tuple(sorted(numbers)),
        tuple(sorted({s for s, _ in entities})),
        (staged,) if staged else (),
        len(paragraphs),
    )
