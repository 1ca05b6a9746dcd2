"""A copy's own additions to a story: the sentences the story's text does not hold.

A copy's text is what it took from the original; the commentary a farm writes in its own
words ("小编认为……欢迎在评论区留言"), the ads it places inside the article and a forum
poster's own lines are not the article, though the page shows them.  They are told apart by
the story, not by their wording: a sentence a copy took is also in the original (and
usually in most other copies); a sentence it added is not.

The unit is the sentence, not the paragraph: farms compose commentary from stock sentences
(two farms' paragraphs share one or two of them), and a `<br>` or fragment page may merge
the commentary into the story's last paragraph.  Each copy (any page that is not the
publisher's: farm, aggregator, forum repost) is aligned (``dedupe.align``) with the story's
best text and its other members, sentence by sentence; a sentence is the copy's own unless

* the story has a publisher's original and it holds the sentence, or most other copies
  do (the original's page lost a paragraph every copy still carries), or
* the story has no publisher's original (a farm-only story; the members are all the
  evidence) and another member holds it, or no one does but it stands beyond where the
  others' text ends and they do not agree where that is (one of them may have trimmed) --
  unless, there at the copy's edge, it states no fact and talks to the reader or is made
  of the farms' stock sentences (``dedupe.voice``, ``dedupe.stock``).  A story of one copy
  is judged at its edges that way alone.

Copies alone never settle a copy's edge: what only copies hold before the first or after
the last sentence the original holds (or, without one, that at least two other members
hold) is kept only when it states a fact -- farms copy each other's commentary and write
it from the same stock, so two copies may end in one commentary nobody else has.
What another copy holds counts only in a run of shared text the original does not already
explain, or a whole line: two farms' commentaries that share a stock sentence, next to the
story both carry, do not save each other.  Removed are whole paragraphs of own sentences
and an own head or tail of a paragraph whose rest is taken; an own sentence inside taken
ones stays (a reworded sentence, not an addition).  Publisher pages are never trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from dedupe.align import Prepared, align, prepare, split_paragraphs
from dedupe.records import DocRecord
from dedupe.voice import Stock, in_farm_voice

# A sentence counts as held by another member when that member holds more than this share
# of its (normalised) characters, aligned.  A sentence a copy took is (nearly) whole in the
# original; a farm's light rewording changes 1-3 % of characters.
SHARED_MAX = 0.5
# Other members each copy is compared with (the story's best text first): enough to find a
# sentence the original lacks but copies carry, bounded for 1,000-copy stories.
MEMBERS_COMPARED = 8
# Never take more than this share of a copy's text as its own: a copy that adds more than it
# took is misaligned or not of this story, and its text is left as the crawl stored it.
# Measured share of a copy's shown text that is additions (storygen seeds 1-30): median
# 0.10, max 0.28; harder worlds, with the farm's chrome left in: median 0.24, p99 0.53,
# max 0.60.
MOST_REMOVED = 0.65
# ... unless what the copy keeps is at least this share of the publisher original's length
# (every kept sentence is one the original holds): the copy is the story, and the rest is
# chrome its page kept, however long.  A blog template's code block (2,000 characters under
# a 500-character story, held-out real templates, seed 4330058) was left whole by the cap.
STORY_KEPT = 0.7
# What another copy holds counts only in runs of at least this many (normalised) characters
# shared in the same order: farms compose commentary from stock sentences of 10-20
# characters, so two farms' paragraphs share one or two of them, in pieces; a paragraph a
# copy took from the story (60-200 characters in news) is shared whole.  The original's
# holding counts at any length.
RUN_MIN = 40
# Members of a story without an original that must end (or start) at the same sentence of a
# copy before what the copy has beyond it counts as its own: one member alone may have
# trimmed its tail (storygen: ~1 copy in 5 drops the lead or the last 1-3 paragraphs).
AGREE_ENDS = 2
# A run that holds this share of a line of the copy holds that line, however short: a
# closing paragraph of 20 characters the original's page lost, but copies carry whole.
WHOLE_LINE = 0.9
# A sentence found verbatim elsewhere in the original is held by it when it has at least
# this many characters: a paragraph a copy moved is not aligned in
# order, and shorter pieces ("目前", "据了解") recur by chance.
MOVED_MIN = 8
# Characters two shared blocks may stand apart in both texts and still be one run (a farm's
# light rewording replaces one or two characters of a paragraph).
RUN_GAP = 3

# A sentence: up to a run of stops (full- or half-width; a '.' between digits is a decimal
# point) and the closing quotes or brackets after it, or the paragraph's end.
_SENTENCE = re.compile(r".+?(?:(?:[。！？!?；;…]|\.(?!\d))+[”\"’'」』）)]*|$)")


@dataclass(frozen=True)
class Trimmed:
    """A copy without its own additions: the text kept and the pieces removed."""

    text: str
    removed: list[str]


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, stripped, in order; they join back to it."""
    return [s.strip() for s in _SENTENCE.findall(paragraph) if s.strip()]


def _is(member: DocRecord, role: str) -> bool:
    return member.role.strip().casefold() == role


def _runs(blocks: Sequence[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Shared blocks grouped in runs that follow each other in both texts (a reworded
    character or two between them does not end a run)."""
    runs: list[list[tuple[int, int, int]]] = []
    for a0, b0, n in sorted(blocks):
        if runs:
            pa, pb, pn = runs[-1][-1]
            if 0 <= a0 - (pa + pn) <= RUN_GAP and 0 <= b0 - (pb + pn) <= RUN_GAP:
                runs[-1].append((a0, b0, n))
                continue
        runs.append([(a0, b0, n)])
    return runs


def _held_chars(
    copy: Prepared,
    other: Prepared,
    run_min: int,
    known: np.ndarray | None,
    lines: Sequence[tuple[int, int]],
) -> np.ndarray:
    """Per character of ``copy``: held by ``other`` in a shared run with at least
    ``run_min`` characters that ``known`` (what the original holds) does not explain, or
    in a run that holds a whole line (paragraph) of ``copy``."""
    mask = np.zeros(len(copy), dtype=bool)
    for run in _runs(align(copy, other).blocks):
        span = np.zeros(len(copy), dtype=bool)
        for a0, _, n in run:
            span[a0 : a0 + n] = True
        new = span if known is None else span & ~known
        if int(new.sum()) >= run_min:
            mask |= span
            continue
        for lo, hi in lines:
            if hi > lo and span[lo:hi].sum() >= WHOLE_LINE * (hi - lo):
                mask[lo:hi] |= span[lo:hi]
    return mask


def _held(
    copy: Prepared, others: Sequence[Prepared], has_original: bool, lines: Sequence[tuple[int, int]]
) -> np.ndarray:
    """``(len(others), units)``: whether each other member holds each unit (sentence) of
    ``copy``, aligned.  The original (``others[0]`` when ``has_original``) holds at any
    length; another copy only in runs of ``RUN_MIN`` characters the original lacks, or a
    whole line of ``copy``: two copies' commentaries that share stock sentences (and a
    closing line next to the story both carry) hold each other only in pieces.  ``lines``
    are the character ranges of ``copy``'s paragraphs."""
    starts = np.asarray(copy.paragraphs)
    lengths = np.maximum(np.diff(starts), 1)
    out = np.zeros((len(others), lengths.size))
    known = None
    for k, other in enumerate(others):
        original = has_original and k == 0
        if original:
            chars = known = _held_chars(copy, other, 0, None, ())
            for lo, hi in _moved(copy, other, list(pairwise(starts))):
                chars[lo:hi] = True
        else:
            chars = _held_chars(copy, other, RUN_MIN, known, lines)
        held = np.concatenate(([0], np.cumsum(chars)))
        out[k] = (held[starts[1:]] - held[starts[:-1]]) / lengths
    return out > SHARED_MAX


def _moved(
    copy: Prepared, other: Prepared, pieces: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The ``pieces`` (character ranges of ``copy``) that ``other`` holds verbatim somewhere,
    though the alignment, which keeps the order, left them out: a paragraph a copy moved.
    Read against the original only: between copies, where a copy's text ends decides what
    lies beyond it, and a paragraph a story repeats would move that end."""
    return [
        (lo, hi) for lo, hi in pieces if hi - lo >= MOVED_MIN and copy.text[lo:hi] in other.text
    ]


def _taken(held: np.ndarray, has_original: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per unit: taken from the story (row 0 of ``held`` is the original when there is one),
    and whether that is only because the members cannot tell (``unsure``).

    Without an original, any other member holding a unit makes it the story's.  A unit no
    one holds is the copy's own when it stands between held text (inserted), or beyond it
    when two or more others end (or start) exactly where the held text does: one copy may
    have trimmed its lead or tail, and copies that trimmed stop at different places; copies
    that agree on where the story ends did not trim.  When fewer agree (or no one else holds
    anything: a story of one copy), what lies beyond is kept but ``unsure``: its sentences'
    shape decides (``dedupe.voice.in_farm_voice``).

    Copies alone never settle a copy's edges (``_copies_edges``): what only copies hold
    beyond the story's agreed text is kept but ``unsure`` too."""
    unsure = np.zeros(held.shape[1], dtype=bool)
    if has_original:
        rest = held[1:]
        by_copies = 2 * rest.sum(axis=0) > max(len(rest), 1)
        return held[0] | by_copies, _beyond(held[0], by_copies)
    anyone = held.any(axis=0)
    if not anyone.any():
        return np.ones_like(anyone), ~unsure
    firsts = [int(np.argmax(h)) for h in held if h.any()]
    lasts = [len(h) - 1 - int(np.argmax(h[::-1])) for h in held if h.any()]
    lo, hi = min(firsts), max(lasts)
    taken = anyone.copy()
    taken[:lo] = unsure[:lo] = firsts.count(lo) < AGREE_ENDS
    taken[hi + 1 :] = unsure[hi + 1 :] = lasts.count(hi) < AGREE_ENDS
    agreed = held.sum(axis=0) >= AGREE_ENDS
    return taken, unsure | _beyond(agreed, anyone)


def _beyond(core: np.ndarray, maybe: np.ndarray) -> np.ndarray:
    """The units of ``maybe`` before the first unit of ``core`` or after its last: what only
    copies hold, at the copy's edge, beyond the text the story agrees on (the original's, or
    what at least ``AGREE_ENDS`` other members hold).

    Why copies cannot settle it: farms copy each other (a copy of a copy carries the first
    farm's commentary whole) and compose their own from the same stock sentences, so two or
    three copies of a story may end in one commentary that neither the original nor the
    story's other copies have.  A story's tail the original's page lost, or that most copies
    trimmed, reports facts; the commentary talks to the reader and names nothing: the
    sentences' shape decides (``dedupe.voice``).  Inside the agreed text, copies decide."""
    out = np.zeros(maybe.size, dtype=bool)
    if not core.any():
        return out
    first, last = int(np.argmax(core)), core.size - 1 - int(np.argmax(core[::-1]))
    out[:first] = maybe[:first]
    out[last + 1 :] = maybe[last + 1 :]
    return out


def _trim(
    text: str, paragraphs: list[list[str]], own: list[bool], story_chars: int = 0
) -> Trimmed | None:
    """``text`` without its own sentences: whole paragraphs, own heads and tails.
    ``story_chars``: the publisher original's length, when the story has one."""
    flags = iter(own)
    kept, removed = [], []
    for whole, sentences in zip(split_paragraphs(text), paragraphs, strict=True):
        mine = [next(flags) for _ in sentences]
        lo, hi = 0, len(sentences)
        while lo < hi and mine[lo]:
            lo += 1
        while hi > lo and mine[hi - 1]:
            hi -= 1
        if lo == 0 and hi == len(sentences):
            kept.append(whole)
            continue
        removed.append("".join(sentences[:lo] + sentences[hi:]))
        if hi > lo:
            kept.append("".join(sentences[lo:hi]))
    if not removed:
        return None
    total = sum(len(s) for ps in paragraphs for s in ps)
    is_the_story = story_chars > 0 and sum(map(len, kept)) >= STORY_KEPT * story_chars
    if sum(len(r) for r in removed) > MOST_REMOVED * total and not is_the_story:
        return None
    return Trimmed("\n".join(kept), removed)


def farm_additions(
    members: Sequence[DocRecord], canonical: int, stock: Stock | None = None
) -> dict[int, Trimmed]:
    """Each non-publisher member's text without its own additions (farm, aggregator and
    forum pages alike: any repost is a copy).  Members without additions are left out.
    ``stock``: what other stories' copies were shown to add (``dedupe.stock``)."""
    by_id = {m.id: m for m in members}
    if canonical not in by_id:
        return {}
    original = _is(by_id[canonical], "publisher")
    copies = [m.id for m in members if not _is(m, "publisher")]
    if not copies:
        return {}
    ids = sorted(by_id)
    units = {i: [split_sentences(p) for p in split_paragraphs(by_id[i].text)] for i in ids}
    lined = ["\n".join(s for ps in units[i] for s in ps) for i in ids]
    prepared = dict(zip(ids, prepare(lined), strict=True))
    story_chars = len(by_id[canonical].text) if original else 0
    out: dict[int, Trimmed] = {}
    for c in copies:
        first = [canonical] if original else []
        rest = [i for i in ids if i not in (c, canonical)]
        if not original and c != canonical:
            rest = [canonical] + rest
        others = first + rest[:MEMBERS_COMPARED]
        mine = prepared[c]
        bounds = np.cumsum([0] + [len(ps) for ps in units[c]])
        lines = [(mine.paragraphs[u0], mine.paragraphs[u1]) for u0, u1 in pairwise(bounds)]
        held = _held(mine, [prepared[o] for o in others], original, lines)
        taken, unsure = _taken(held, original)
        taken &= ~in_farm_voice(units[c], unsure, stock)
        starts = mine.paragraphs
        own = [bool(starts[k + 1] > starts[k] and not taken[k]) for k in range(len(starts) - 1)]
        trimmed = _trim(by_id[c].text, units[c], own, story_chars)
        if trimmed is not None:
            out[c] = trimmed
    return out
