"""The k-gram anchor search: shared blocks inside the spans paragraph matching left open.

A full edit-distance alignment of two 1,500-character texts costs milliseconds in Python;
this is the patience-diff idea done with numpy instead: a k-gram that occurs exactly once in
each span is an anchor (the i-th of several occurrences pairs with the i-th on the other
side when both spans hold it equally often), anchors on one diagonal (``b - a`` constant)
and close together form one shared block, and the heaviest chain of blocks in order is the
alignment.  Spans come in pairs (region r of ``a`` against region r of ``b``), so the keys
are tagged by region and one search serves every region of a pair.
"""

from __future__ import annotations

import numpy as np

from dedupe.prepared import Prepared

# A k-gram repeated more often than this in a region (a separator line, a repeated slogan)
# is no anchor (the rank must also fit in the 4 bits it is packed into).
_MAX_REPEAT = 15

Ranges = list[tuple[int, int]]


def _positions(p: Prepared, ranges: Ranges | None, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Start positions of the k-grams lying wholly inside each range, and their range index."""
    if ranges is None:
        pos = np.arange(p.grams.size, dtype=np.int64)
        return pos, np.zeros(pos.size, dtype=np.int64)
    parts = [np.arange(lo, hi - k + 1, dtype=np.int64) for lo, hi in ranges]
    tags = np.repeat(np.arange(len(parts), dtype=np.int64), [x.size for x in parts])
    return np.concatenate(parts) if parts else np.empty(0, np.int64), tags


def _ranked(p: Prepared, ranges: Ranges | None, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each k-gram of the ranges keyed by (region, hash, occurrences, occurrence rank),
    sorted, and its position."""
    pos, tags = _positions(p, ranges, k)
    n = pos.size
    if n == 0:
        return np.empty(0, np.uint64), pos
    pos_bits = max(int(len(p)).bit_length(), 1)
    tag_bits = max(int(tags[-1]).bit_length(), 1)
    if 32 + pos_bits + tag_bits > 64:  # absurdly long texts: one region for all ranges
        tags = np.zeros_like(tags)
        tag_bits = 1
    tagged = (tags.astype(np.uint64) << np.uint64(32)) | p.grams[pos].astype(np.uint64)
    # tagged << pos_bits | position: one plain sort orders by key, then by position.
    packed = (tagged << np.uint64(pos_bits)) | pos.astype(np.uint64)
    packed.sort()
    positions = (packed & np.uint64((1 << pos_bits) - 1)).astype(np.int64)
    hashes = packed >> np.uint64(pos_bits)
    repeated = hashes[1:] == hashes[:-1]
    if not repeated.any():  # the common case: every k-gram occurs once
        return (hashes << np.uint64(8)) | np.uint64(1 << 4), positions
    start = np.ones(n, dtype=bool)
    start[1:] = ~repeated
    run = np.cumsum(start) - 1
    firsts = np.flatnonzero(start)
    rank = np.arange(n) - firsts[run]
    count = np.diff(np.append(firsts, n))[run]
    keep = count <= _MAX_REPEAT
    keys = (hashes << np.uint64(8)) | (count.astype(np.uint64) << np.uint64(4))
    keys |= rank.astype(np.uint64)
    return keys[keep], positions[keep]


def anchor_blocks(
    a: Prepared, b: Prepared, k: int, ra: Ranges | None = None, rb: Ranges | None = None
) -> np.ndarray:
    """Candidate blocks ``(a_start, b_start, length)`` from anchors between region r of
    ``ra`` in ``a`` and region r of ``rb`` in ``b`` (whole texts for ``None``), in ``a``
    order."""
    a_keys, a_pos = _ranked(a, ra, k)
    b_keys, b_pos = _ranked(b, rb, k)
    if a_keys.size == 0 or b_keys.size == 0:
        return np.empty((0, 3), dtype=np.int64)
    # Both key arrays are sorted: a binary search of one into the other is the intersection.
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


def chain(blocks: np.ndarray) -> list[tuple[int, int, int]]:
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
