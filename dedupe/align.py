"""Align two normalised texts: the runs they share, and the spans where they differ.

Shingle overlap says *how much* two texts share; telling a copy from a sibling story needs
*where* they differ and with what (``dedupe.compare``).  A full edit-distance alignment of
two 1,500-character texts costs milliseconds in Python; this is the patience-diff idea done
with numpy instead: a k-gram that occurs exactly once in each text is an anchor, anchors on
one diagonal (``b - a`` constant) and close together form one shared block, and the longest
chain of blocks in order is the alignment.  Between two consecutive blocks lies one
differing span on each side (either may be empty); its common prefix and suffix are
trimmed, so a swapped name leaves exactly the two names.

Texts are prepared once (``prepare``), with the normalised-text offset where each of their
paragraphs starts, so a differing span can be traced back to the paragraphs it covers.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from dedupe.normalise import codepoints_of, normalise_batch
from dedupe.ragged import Ragged
from dedupe.shingle import shingle_batch

# Anchors are 5-grams, the shingle size: long enough that a k-gram occurring once in a news
# text is rarely a coincidence, short enough that a two-character name swap still leaves
# anchors on both sides of it.
ANCHOR_SIZE = 5
# Shared prefix/suffix trimming of a differing span looks this far at most (a longer common
# run would have held an anchor unless it repeats elsewhere in the text).
_TRIM_LIMIT = 64
# A k-gram repeated more often than this in a text (a separator line, a repeated slogan)
# is no anchor (the rank must also fit in the 4 bits it is packed into).
_MAX_REPEAT = 15


@dataclass(frozen=True)
class Prepared:
    """One text ready for alignment: normalised codepoints, anchors, paragraph starts."""

    norm: np.ndarray  # uint32 normalised codepoints
    grams: np.ndarray  # uint32 hash of the k-gram starting at each position
    paragraphs: np.ndarray  # int64 offsets into ``norm`` of each paragraph start, plus the end

    def __len__(self) -> int:
        return int(self.norm.size)

    def string(self, start: int, end: int) -> str:
        return self.norm[start:end].astype("<u4").tobytes().decode("utf-32-le")

    @property
    def text(self) -> str:
        return self.string(0, self.norm.size)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped: the paragraphs every stage of ``dedupe`` talks about."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def prepare(texts: Sequence[str], k: int = ANCHOR_SIZE) -> list[Prepared]:
    """``Prepared`` texts, normalised as one block (``dedupe.normalise``)."""
    paras = [split_paragraphs(t) for t in texts]
    flat = [p for ps in paras for p in ps]
    norm = normalise_batch(codepoints_of(flat))
    counts = np.array([len(ps) for ps in paras], dtype=np.int64)
    doc_bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=doc_bounds[1:])
    docs = Ragged(norm.values, norm.offsets[doc_bounds])
    grams = shingle_batch(docs, k)
    out = []
    for i in range(len(texts)):
        lo, hi = doc_bounds[i], doc_bounds[i + 1]
        start = norm.offsets[lo]
        values = docs[i]
        out.append(
            Prepared(
                norm=values,
                grams=grams[i] if values.size >= k else np.empty(0, np.uint32),
                paragraphs=norm.offsets[lo : hi + 1] - start,
            )
        )
    return out


@dataclass(frozen=True)
class Gap:
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
    """Shared blocks ``(a_start, b_start, length)`` in order, and the gaps between them."""

    blocks: list[tuple[int, int, int]]
    gaps: list[Gap]
    len_a: int
    len_b: int

    @property
    def shared(self) -> int:
        return sum(length for _, _, length in self.blocks)


def _ranked(grams: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each k-gram keyed by (hash, occurrence rank), with its position and its count.

    The i-th occurrence of a k-gram in one text is paired with its i-th occurrence in the
    other when both texts hold it equally often: a k-gram occurring once on each side is the
    classic patience-diff anchor, and a paragraph repeated in both texts still aligns.
    """
    order = np.argsort(grams, kind="stable")
    s = grams[order].astype(np.uint64)
    start = np.ones(s.size, dtype=bool)
    start[1:] = s[1:] != s[:-1]
    run = np.cumsum(start) - 1
    firsts = np.flatnonzero(start)
    rank = np.arange(s.size) - firsts[run]
    count = np.diff(np.append(firsts, s.size))[run]
    keep = count <= _MAX_REPEAT
    keys = (s[keep] << np.uint64(4)) | rank[keep].astype(np.uint64)
    return keys, order[keep], count[keep]


def _anchor_blocks(a: Prepared, b: Prepared, k: int) -> np.ndarray:
    """Candidate blocks ``(a_start, b_start, length)`` from anchors, in ``a`` order."""
    ka, pa, ca = _ranked(a.grams)
    kb, pb, cb = _ranked(b.grams)
    _, ia, ib = np.intersect1d(ka, kb, assume_unique=True, return_indices=True)
    same = ca[ia] == cb[ib]
    ia, ib = ia[same], ib[same]
    if ia.size == 0:
        return np.empty((0, 3), dtype=np.int64)
    xa, xb = pa[ia].astype(np.int64), pb[ib].astype(np.int64)
    order = np.argsort(xa)
    xa, xb = xa[order], xb[order]
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
    rows = [(int(r[0]), int(r[1]), int(r[2])) for r in blocks]
    if all(rows[i][1] < rows[i + 1][1] for i in range(len(rows) - 1)):
        return rows
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


def _common(x: np.ndarray, y: np.ndarray) -> int:
    """Length of the common prefix of two arrays (up to ``_TRIM_LIMIT``)."""
    m = min(x.size, y.size, _TRIM_LIMIT)
    if m == 0:
        return 0
    diff = np.flatnonzero(x[:m] != y[:m])
    return int(diff[0]) if diff.size else m


def _tidy(chain: list[tuple[int, int, int]], a: np.ndarray, b: np.ndarray):
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
        back = _common(a[lo_a : blk[0]][::-1], b[lo_b : blk[1]][::-1])
        blk[0], blk[1], blk[2] = blk[0] - back, blk[1] - back, blk[2] + back
        hi_a = out[i + 1][0] if i + 1 < len(out) else a.size
        hi_b = out[i + 1][1] if i + 1 < len(out) else b.size
        fwd = _common(a[blk[0] + blk[2] : hi_a], b[blk[1] + blk[2] : hi_b])
        blk[2] += fwd
    merged: list[tuple[int, int, int]] = []
    for a0, b0, n in out:
        if merged:
            pa, pb, pn = merged[-1]
            if pa + pn == a0 and pb + pn == b0:
                merged[-1] = (pa, pb, pn + n)
                continue
        merged.append((a0, b0, n))
    return merged


def align(a: Prepared, b: Prepared, k: int = ANCHOR_SIZE) -> Alignment:
    """Shared blocks and differing gaps of ``a`` and ``b`` (normalised coordinates)."""
    blocks = _tidy(_chain(_anchor_blocks(a, b, k)), a.norm, b.norm) if len(a) and len(b) else []
    gaps: list[Gap] = []
    if not blocks:
        if len(a) or len(b):
            gaps.append(Gap(0, len(a), 0, len(b), "head"))
        return Alignment(blocks, gaps, len(a), len(b))
    ea = eb = 0
    for i, (a0, b0, n) in enumerate(blocks):
        if a0 > ea or b0 > eb:
            gaps.append(Gap(ea, a0, eb, b0, "inside" if i else "head"))
        ea, eb = a0 + n, b0 + n
    if ea < len(a) or eb < len(b):
        gaps.append(Gap(ea, len(a), eb, len(b), "tail"))
    return Alignment(blocks, [g for gap in gaps for g in _refine(gap, a, b)], len(a), len(b))


def _refine(gap: Gap, a: Prepared, b: Prepared) -> list[Gap]:
    """Split a short two-sided gap at the characters both sides still share.

    Anchors need ``k`` equal characters, so "5月张某" against "6月李" arrives as one gap; a
    character-level diff of the two short strings gives "5"/"6" and "张某"/"李", the spans
    that actually changed.
    """
    if gap.where != "inside" or min(gap.a_len, gap.b_len) < 2 or max(gap.a_len, gap.b_len) > 32:
        return [gap]
    sa, sb = a.string(gap.a0, gap.a1), b.string(gap.b0, gap.b1)
    out = []
    for op, i0, i1, j0, j1 in SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(Gap(gap.a0 + i0, gap.a0 + i1, gap.b0 + j0, gap.b0 + j1, "inside"))
    return out or [gap]


def paragraph_of(prepared: Prepared, offset: int) -> int:
    """Index of the paragraph holding normalised offset ``offset``."""
    return max(bisect.bisect_right(prepared.paragraphs.tolist(), offset) - 1, 0)
