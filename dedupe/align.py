"""Align two normalised texts: the runs they share, and the spans where they differ.

Shingle overlap says *how much* two texts share; telling a copy from a sibling story needs
*where* they differ and with what (``dedupe.compare``).  Alignment works from coarse to fine,
so that the common cases cost a few dictionary look-ups instead of a character search:

1. paragraphs both texts hold identically (and whose text occurs once in each) are shared
   blocks at once -- a copy keeps most of its original's paragraphs as they were;
2. between those, a paragraph of the same length and the same first or last few characters
   whose characters mostly agree position by position is the same paragraph lightly
   reworded, or the same sentence frame with other names and numbers: the positions that
   differ are its differences (no search);
3. what is left on both sides between matched paragraphs is searched for k-gram anchors
   (``dedupe.anchors``).

Between two consecutive blocks lies one differing span on each side (either may be empty);
its common prefix and suffix are trimmed, so a swapped name leaves exactly the two names.
Texts are prepared once (``dedupe.prepared``), with the normalised-text offset where each of
their paragraphs starts, so a differing span can be traced back to the paragraphs it covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import NamedTuple

import numpy as np

from dedupe.anchors import anchor_blocks, chain
from dedupe.prepared import ANCHOR_SIZE, END_KEY, Prepared, paragraph_of, prepare, split_paragraphs

__all__ = [
    "Alignment", "Gap", "Prepared", "align", "paragraph_of", "prepare", "split_paragraphs",
]  # fmt: skip

# Shared prefix/suffix trimming of a differing span looks this far at most (a longer common
# run would have held an anchor unless it repeats elsewhere in the text).
_TRIM_LIMIT = 64
# Gaps refined character by character: the short side up to a sentence fragment, the long
# side up to a few paragraphs (SequenceMatcher is quadratic in the worst case).
_REFINE_SMALL = 32
_REFINE_LARGE = 600
# Two paragraphs of one length agreeing at this share of positions are one paragraph with
# characters replaced: a farm's rewording changes 1-3 %, a sibling's facts (a name, a date,
# an amount of the same length) 5-15 %; two different sentences of one length agree at
# ~5 % of positions by chance.
SAME_POSITIONS = 0.75
# Spans left between matched paragraphs are searched for anchors only when they share some
# of the k-grams whose hash is 0 modulo 8 (~1 in 8, the same ones in every text).
SAMPLE_MASK = 7

Block = tuple[int, int, int]


class Gap(NamedTuple):
    """Where two aligned texts differ: ``a[a0:a1]`` stands where ``b[b0:b1]`` stands.

    ``where`` is "head" (before the first shared block), "tail" (after the last) or
    "inside" (between two shared blocks).  Either side may be empty.
    """

    a0: int
    a1: int
    b0: int
    b1: int
    where: str

    @property
    def a_len(self) -> int:
        return self.a1 - self.a0

    @property
    def b_len(self) -> int:
        return self.b1 - self.b0


@dataclass(frozen=True)
class Alignment:
    """Shared blocks ``(a_start, b_start, length)`` in order, and the gaps between them.

    ``replaced`` keeps the two-sided inside gaps as found between anchors, before they were
    split at the characters they share: "信息技术" / "网络科技有限" is one company name for
    another, though "技" is common to both.  ``subs`` are single characters replaced inside
    paragraphs matched position by position (``(a, b)`` offsets, one row each): the blocks
    run over them, ``unshared`` counts every such replaced character.
    """

    blocks: list[Block]
    gaps: list[Gap]
    len_a: int
    len_b: int
    replaced: list[Gap] = field(default_factory=list)
    subs: np.ndarray = field(default_factory=lambda: np.empty((0, 2), dtype=np.int64))
    unshared: int = 0

    @property
    def shared(self) -> int:
        return sum(length for _, _, length in self.blocks) - self.unshared


def _common(x: str, xs: int, xe: int, y: str, ys: int, ye: int, step: int) -> int:
    """How many characters ``x[xs:xe]`` and ``y[ys:ye]`` share from their start
    (``step`` 1) or their end (``step`` -1), up to ``_TRIM_LIMIT``."""
    m = min(xe - xs, ye - ys, _TRIM_LIMIT)
    n = 0
    if step > 0:
        while n < m and x[xs + n] == y[ys + n]:
            n += 1
    else:
        while n < m and x[xe - 1 - n] == y[ye - 1 - n]:
            n += 1
    return n


def _tidy(blocks: list[Block], a: str, b: str) -> list[Block]:
    """Clip overlapping blocks, then grow each block over equal characters next to it."""
    out: list[list[int]] = []
    for a0, b0, n in blocks:
        if out:
            pa, pb, pn = out[-1]
            cut = max(pa + pn - a0, pb + pn - b0, 0)
            a0, b0, n = a0 + cut, b0 + cut, n - cut
            if n <= 0:
                continue
        out.append([a0, b0, n])
    for i, blk in enumerate(out):
        lo_a = out[i - 1][0] + out[i - 1][2] if i else 0
        lo_b = out[i - 1][1] + out[i - 1][2] if i else 0
        if blk[0] > lo_a and blk[1] > lo_b and a[blk[0] - 1] == b[blk[1] - 1]:
            back = _common(a, lo_a, blk[0], b, lo_b, blk[1], -1)
            blk[0], blk[1], blk[2] = blk[0] - back, blk[1] - back, blk[2] + back
        hi_a = out[i + 1][0] if i + 1 < len(out) else len(a)
        hi_b = out[i + 1][1] if i + 1 < len(out) else len(b)
        end_a, end_b = blk[0] + blk[2], blk[1] + blk[2]
        if end_a < hi_a and end_b < hi_b and a[end_a] == b[end_b]:
            blk[2] += _common(a, end_a, hi_a, b, end_b, hi_b, 1)
    merged: list[Block] = []
    for a0, b0, n in out:
        if merged:
            pa, pb, pn = merged[-1]
            if pa + pn == a0 and pb + pn == b0:
                merged[-1] = (pa, pb, pn + n)
                continue
        merged.append((a0, b0, n))
    return merged


def _identical(a: Prepared, b: Prepared) -> list[tuple[int, int]] | None:
    """Paragraph pairs ``(ka, kb)`` both texts hold identically, in order; None when they
    come in another order (moved paragraphs: left to the k-gram anchors)."""
    pairs = sorted(
        (ka, kb) for text, ka in a.unique_paragraphs.items()
        if (kb := b.unique_paragraphs.get(text)) is not None
    )  # fmt: skip
    if any(q[1] <= p[1] for p, q in zip(pairs, pairs[1:], strict=False)):
        return None
    return pairs


def _similar(a: Prepared, b: Prepared, ia: range, ib: range) -> list[tuple[int, int]]:
    """Paragraphs of ``a`` in ``ia`` matched in order to paragraphs of ``b`` in ``ib`` of the
    same length, with the same first or last ``END_KEY`` characters, that agree at
    ``SAME_POSITIONS`` of their positions (each text occurring once in its own text)."""
    by_length: dict[int, list[int]] = {}
    for kb in ib:
        n = b.paragraphs[kb + 1] - b.paragraphs[kb]
        if n > 2 * END_KEY and b.solo[kb]:
            by_length.setdefault(n, []).append(kb)
    out: list[tuple[int, int]] = []
    if not by_length:
        return out
    low = ib.start
    at, bt = a.text, b.text
    for ka in ia:
        s, e = a.paragraphs[ka], a.paragraphs[ka + 1]
        found = by_length.get(e - s)
        if not found or not a.solo[ka]:
            continue
        for kb in found:
            t = b.paragraphs[kb]
            u = t + e - s
            if kb < low or (
                at[s : s + END_KEY] != bt[t : t + END_KEY]
                and at[e - END_KEY : e] != bt[u - END_KEY : u]
            ):
                continue
            differ = int(np.count_nonzero(a.codes[s:e] != b.codes[t:u]))
            if differ <= (1 - SAME_POSITIONS) * (e - s):
                out.append((ka, kb))
                low = kb + 1
                break
    return out


def _matched_paragraphs(a: Prepared, b: Prepared) -> list[tuple[int, int]] | None:
    """Identical paragraphs, and similar ones between them, as ``(ka, kb)`` in order."""
    same = _identical(a, b)
    if same is None:
        return None
    out: list[tuple[int, int]] = []
    ea = eb = 0
    na, nb = len(a.paragraphs) - 1, len(b.paragraphs) - 1
    for ka, kb in [*same, (na, nb)]:
        if ka > ea and kb > eb:
            out += _similar(a, b, range(ea, ka), range(eb, kb))
        if ka < na:
            out.append((ka, kb))
        ea, eb = ka + 1, kb + 1
    return out


def _differences(a: Prepared, b: Prepared, rows: list[Block], k: int):
    """Characters that differ inside position-matched spans ``rows``: single ones as
    ``(a, b)`` rows; runs of several as gaps; clusters of changes closer than ``k`` (no
    anchor fits between them) as replaced spans."""
    found = []
    for a0, b0, n in rows:
        d = np.flatnonzero(a.codes[a0 : a0 + n] != b.codes[b0 : b0 + n])
        if d.size:
            found.append((d + a0, np.full(d.size, b0 - a0), np.full(d.size, len(found))))
    if not found:
        return np.empty((0, 2), dtype=np.int64), [], []
    pa, shift, row = (np.concatenate(x) for x in zip(*found, strict=True))
    pb = pa + shift
    step = np.diff(pa)
    other = np.diff(row) != 0  # a new position-matched span
    start = np.concatenate(([True], (step != 1) | other))
    end = np.concatenate(((step != 1) | other, [True]))
    single = start & end
    subs = np.stack([pa[single], pb[single]], axis=1)
    gaps, replaced = [], []
    if not single.all():
        ends = (pa[end & ~start] + 1).tolist()
        for i, j, e in zip(pa[start & ~end].tolist(), pb[start & ~end].tolist(), ends, strict=True):
            gaps.append(Gap(i, e, j, j + e - i, "inside"))
    cut = np.flatnonzero((step > k) | other)
    firsts, lasts = np.concatenate(([0], cut + 1)), np.concatenate((cut, [pa.size - 1]))
    wide = pa[lasts] > pa[firsts]
    if wide.any():
        for f, e in zip(firsts[wide].tolist(), lasts[wide].tolist(), strict=True):
            replaced.append(Gap(int(pa[f]), int(pa[e]) + 1, int(pb[f]), int(pb[e]) + 1, "inside"))
    return subs, gaps, replaced


def _paragraph_blocks(a: Prepared, b: Prepared, matched: list[tuple[int, int]]):
    """Blocks of the matched paragraphs (identical or position-matched), merged where they
    are contiguous on both sides, and the merged blocks holding a position-matched one."""
    blocks: list[Block] = []
    positional: set[int] = set()
    for ka, kb in matched:
        a0, b0 = a.paragraphs[ka], b.paragraphs[kb]
        n = a.paragraphs[ka + 1] - a0
        if blocks and blocks[-1][0] + blocks[-1][2] == a0 and blocks[-1][1] + blocks[-1][2] == b0:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + n)
        else:
            blocks.append((a0, b0, n))
        if a.text[a0 : a0 + n] != b.text[b0 : b0 + n]:
            positional.add(len(blocks) - 1)
    return blocks, [blocks[i] for i in sorted(positional)]


def _contained(a: Prepared, ra: tuple[int, int], b: Prepared, rb: tuple[int, int]):
    """The block when one side's span occurs once, whole, in the other's (a retitled
    headline holds the old one between a farm's hook and tail), else None."""
    sa, sb = a.text[ra[0] : ra[1]], b.text[rb[0] : rb[1]]
    if len(sa) <= len(sb):
        at = sb.find(sa)
        if at >= 0 and sb.find(sa, at + 1) < 0:
            return (ra[0], rb[0] + at, len(sa))
    else:
        at = sa.find(sb)
        if at >= 0 and sa.find(sb, at + 1) < 0:
            return (ra[0] + at, rb[0], len(sb))
    return None


def _sampled(p: Prepared, span: tuple[int, int], k: int) -> set[int]:
    grams = p.grams[span[0] : max(span[1] - k + 1, span[0])]
    return set(grams[(grams & SAMPLE_MASK) == 0].tolist())


def _may_share(a: Prepared, ra: tuple[int, int], b: Prepared, rb: tuple[int, int], k: int):
    """Whether two spans share enough k-grams to be worth an anchor search: at least two
    of the k-grams sampled by hash value (one in ``SAMPLE_MASK + 1``).  Chrome against
    chrome, or a trimmed closing paragraph against a farm's related-stories list, shares a
    few stock words at most; a sentence frame two siblings share, or a paragraph a copy
    split in two, shares tens of k-grams."""
    return len(_sampled(a, ra, k) & _sampled(b, rb, k)) >= 2


def _blocks(a: Prepared, b: Prepared, k: int) -> tuple[list[Block], list[Block]]:
    """Shared blocks (paragraph matches, then k-gram anchors around them) and the
    position-matched paragraphs among them."""
    matched = _matched_paragraphs(a, b)
    if not matched:
        return _tidy(chain(anchor_blocks(a, b, k)), a.text, b.text), []
    whole, positional = _paragraph_blocks(a, b, matched)
    ra, rb = [], []
    ea = eb = 0
    found: list[Block] = []
    for a0, b0, n in [*whole, (len(a), len(b), 0)]:
        if a0 - ea >= k and b0 - eb >= k:  # text on both sides between matched paragraphs
            inside = _contained(a, (ea, a0), b, (eb, b0))
            if inside is not None:
                found.append(inside)
            elif _may_share(a, (ea, a0), b, (eb, b0), k):
                ra.append((ea, a0))
                rb.append((eb, b0))
        ea, eb = a0 + n, b0 + n
    rows = np.array(whole + found, dtype=np.int64)
    if ra:
        rows = np.concatenate([anchor_blocks(a, b, k, ra, rb), rows])
    if ra or found:
        rows = rows[np.argsort(rows[:, 0], kind="stable")]
    return _tidy(chain(rows), a.text, b.text), positional


def align(a: Prepared, b: Prepared, k: int = ANCHOR_SIZE) -> Alignment:
    """Shared blocks and differing gaps of ``a`` and ``b`` (normalised coordinates)."""
    blocks, positional = _blocks(a, b, k) if len(a) and len(b) else ([], [])
    gaps: list[Gap] = []
    replaced: list[Gap] = []
    if not blocks:
        if len(a) or len(b):
            gaps.append(Gap(0, len(a), 0, len(b), "head"))
        return Alignment(blocks, gaps, len(a), len(b))
    ea = eb = 0
    for i, (a0, b0, n) in enumerate(blocks):
        if a0 > ea or b0 > eb:
            if i and a0 > ea and b0 > eb and (a0 - ea > 1 or b0 - eb > 1):
                replaced.append(Gap(ea, a0, eb, b0, "inside"))
                gaps.extend(_refine(replaced[-1], a, b))
            else:
                gaps.append(Gap(ea, a0, eb, b0, "inside" if i else "head"))
        ea, eb = a0 + n, b0 + n
    if ea < len(a) or eb < len(b):
        gaps.append(Gap(ea, len(a), eb, len(b), "tail"))
    if not positional:
        return Alignment(blocks, gaps, len(a), len(b), replaced)
    subs, runs, clusters = _differences(a, b, positional, k)
    unshared = subs.shape[0] + sum(g.a_len for g in runs)
    return Alignment(blocks, gaps + runs, len(a), len(b), replaced + clusters, subs, unshared)


def _refine(gap: Gap, a: Prepared, b: Prepared) -> list[Gap]:
    """Split a short two-sided gap at the characters both sides still share.

    Anchors need ``k`` equal characters, so "5月张某" against "6月李" arrives as one gap; a
    character-level diff of the two short strings gives "5"/"6" and "张某"/"李", the spans
    that actually changed.  The same holds when one side also carries a whole paragraph the
    other lacks ("244余次。据原告介绍……" against "339余次。"): the short side is matched
    inside the long one.
    """
    small, large = sorted((gap.a_len, gap.b_len))
    if small > _REFINE_SMALL or large > _REFINE_LARGE:
        return [gap]
    sa, sb = a.text[gap.a0 : gap.a1], b.text[gap.b0 : gap.b1]
    if len(sa) == len(sb):
        # Equal lengths (a swapped name, a changed digit): the differing positions, in runs.
        diff = [i for i in range(len(sa)) if sa[i] != sb[i]]
        runs = []
        for i in diff:
            if runs and runs[-1][1] == i:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1])
        return [Gap(gap.a0 + i, gap.a0 + j, gap.b0 + i, gap.b0 + j, "inside") for i, j in runs]
    out = []
    for op, i0, i1, j0, j1 in SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(Gap(gap.a0 + i0, gap.a0 + i1, gap.b0 + j0, gap.b0 + j1, "inside"))
    return out or [gap]
