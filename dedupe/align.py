"""Align two normalised texts: the runs they share, and the spans where they differ.

Shingle overlap says *how much* two texts share; telling a copy from a sibling story needs
*where* they differ and with what (``dedupe.compare``).  A full edit-distance alignment of
two 1,500-character texts costs milliseconds in Python; this is the patience-diff idea done
with numpy instead: a k-gram that occurs exactly once in each text is an anchor, anchors on
one diagonal (``b - a`` constant) and close together form one shared block, and the longest
chain of blocks in order is the alignment.  Between two consecutive blocks lies one
differing span on each side (either may be empty); its common prefix and suffix are
trimmed, so a swapped name leaves exactly the two names.

Texts are prepared once (``dedupe.prepared``), with the normalised-text offset where each
of their paragraphs starts, so a differing span can be traced back to the paragraphs it
covers.  Paragraphs both texts hold identically are shared blocks at once; anchors are only
searched between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import NamedTuple

import numpy as np

from dedupe.prepared import ANCHOR_SIZE, Prepared, paragraph_of, prepare, split_paragraphs

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
    another, though "技" is common to both.
    """

    blocks: list[tuple[int, int, int]]
    gaps: list[Gap]
    len_a: int
    len_b: int
    replaced: list[Gap] = field(default_factory=list)

    @property
    def shared(self) -> int:
        return sum(length for _, _, length in self.blocks)


def _within(
    p: Prepared, ranges: list[tuple[int, int]] | None, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """``p``'s keys and positions of the k-grams lying inside ``ranges`` (still sorted);
    all of them for ``None``."""
    if ranges is None:
        return p.keys, p.positions
    edges = np.zeros(len(p) + 1, dtype=np.int8)
    for lo, hi in ranges:
        if hi - lo >= k:
            edges[lo] += 1
            edges[hi - k + 1] -= 1
    inside = np.cumsum(edges[:-1], dtype=np.int8)[p.positions] > 0
    return p.keys[inside], p.positions[inside]


def _anchor_blocks(
    a: Prepared,
    b: Prepared,
    k: int,
    ra: list[tuple[int, int]] | None = None,
    rb: list[tuple[int, int]] | None = None,
) -> np.ndarray:
    """Candidate blocks ``(a_start, b_start, length)`` from anchors within the ranges ``ra``
    of ``a`` and ``rb`` of ``b`` (everywhere for ``None``), in ``a`` order."""
    a_keys, a_pos = _within(a, ra, k)
    b_keys, b_pos = _within(b, rb, k)
    if a_keys.size == 0 or b_keys.size == 0:
        return np.empty((0, 3), dtype=np.int64)
    # Both key arrays are sorted: a binary search of one into the other is the intersection
    # (sorted needles keep numpy's search cache-friendly).
    at = np.searchsorted(b_keys, a_keys)
    np.minimum(at, b_keys.size - 1, out=at)
    hit = b_keys[at] == a_keys
    if not hit.any():
        return np.empty((0, 3), dtype=np.int64)
    # Into a's text order without a sort: each position holds at most one anchor.
    partner = np.full(len(a), -1, dtype=np.int64)
    partner[a_pos[hit]] = b_pos[at[hit]]
    xa = np.flatnonzero(partner >= 0)
    xb = partner[xa]
    diag = xb - xa
    # A new block wherever the diagonal changes or the anchors stop touching.
    new = np.ones(xa.size, dtype=bool)
    new[1:] = (diag[1:] != diag[:-1]) | (xa[1:] - xa[:-1] > k)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], xa.size) - 1
    return np.stack([xa[starts], xb[starts], xa[ends] + k - xa[starts]], axis=1)


def _chain(blocks: np.ndarray) -> list[tuple[int, int, int]]:
    """The heaviest chain of blocks increasing in both texts (crossings are moved text or
    coincidences; dropping the lighter side keeps the alignment monotone)."""
    if blocks.shape[0] < 2 or bool(np.all(blocks[1:, 1] > blocks[:-1, 1])):
        return [tuple(r) for r in blocks.tolist()]
    rows = [tuple(r) for r in blocks.tolist()]
    # Weighted longest increasing subsequence by b_start: a Fenwick tree of the best chain
    # weight ending at each b rank, O(n log n).
    ranks = {v: r + 1 for r, v in enumerate(sorted({r[1] for r in rows}))}
    size = len(ranks)
    tree = [(0, -1)] * (size + 1)
    best: list[int] = []
    back: list[int] = []
    for j, (_, bj, n) in enumerate(rows):
        i, prev = ranks[bj] - 1, (0, -1)
        while i > 0:
            prev = max(prev, tree[i])
            i -= i & -i
        best.append(prev[0] + n)
        back.append(prev[1])
        i = ranks[bj]
        while i <= size:
            tree[i] = max(tree[i], (best[j], j))
            i += i & -i
    j = max(range(len(rows)), key=lambda x: (best[x], -x))
    out = []
    while j >= 0:
        out.append(rows[j])
        j = back[j]
    return out[::-1]


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


def _tidy(chain: list[tuple[int, int, int]], a: str, b: str) -> list[tuple[int, int, int]]:
    """Clip overlapping blocks, then grow each block over equal characters next to it."""
    out: list[list[int]] = []
    for a0, b0, n in chain:
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
    merged: list[tuple[int, int, int]] = []
    for a0, b0, n in out:
        if merged:
            pa, pb, pn = merged[-1]
            if pa + pn == a0 and pb + pn == b0:
                merged[-1] = (pa, pb, pn + n)
                continue
        merged.append((a0, b0, n))
    return merged


def _same_paragraphs(a: Prepared, b: Prepared) -> list[tuple[int, int, int]]:
    """Blocks of whole paragraphs the two texts hold identically, in order (a copy keeps
    most of its original's paragraphs as they were: those need no k-gram search)."""
    pairs = sorted(
        (ka, kb) for text, ka in a.unique_paragraphs.items()
        if (kb := b.unique_paragraphs.get(text)) is not None
    )  # fmt: skip
    blocks = []
    for ka, kb in pairs:
        a0, b0 = a.paragraphs[ka], b.paragraphs[kb]
        n = a.paragraphs[ka + 1] - a0
        if blocks and (b0 <= blocks[-1][1]):
            return []  # paragraphs in another order: leave it to the k-gram anchors
        if blocks and blocks[-1][0] + blocks[-1][2] == a0 and blocks[-1][1] + blocks[-1][2] == b0:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + n)  # contiguous
        else:
            blocks.append((a0, b0, n))
    return blocks


def _blocks(a: Prepared, b: Prepared, k: int) -> list[tuple[int, int, int]]:
    """Shared blocks: identical paragraphs first, then k-gram anchors around them."""
    whole = _same_paragraphs(a, b)
    if not whole:
        return _tidy(_chain(_anchor_blocks(a, b, k)), a.text, b.text)
    ra, rb = [], []
    ea = eb = 0
    for a0, b0, n in [*whole, (len(a), len(b), 0)]:
        if a0 - ea >= k and b0 - eb >= k:  # text on both sides between identical paragraphs
            ra.append((ea, a0))
            rb.append((eb, b0))
        ea, eb = a0 + n, b0 + n
    rows = np.array(whole, dtype=np.int64)
    if ra:
        rows = np.concatenate([_anchor_blocks(a, b, k, ra, rb), rows])
    rows = rows[np.argsort(rows[:, 0], kind="stable")]
    return _tidy(_chain(rows), a.text, b.text)


def align(a: Prepared, b: Prepared, k: int = ANCHOR_SIZE) -> Alignment:
    """Shared blocks and differing gaps of ``a`` and ``b`` (normalised coordinates)."""
    blocks = _blocks(a, b, k) if len(a) and len(b) else []
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
    return Alignment(blocks, gaps, len(a), len(b), replaced)


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
