"""Where two normalised texts share text: the shared blocks an alignment is built on.

``dedupe.align`` turns shared blocks into the gaps between them; this module finds the
blocks, coarse to fine, so that the common cases cost a few dictionary look-ups instead of
a character search:

1. paragraphs both texts hold identically (and whose text occurs once in each) are shared
   blocks at once -- a copy keeps most of its original's paragraphs as they were;
2. between those, a paragraph of the same length and the same first or last few characters
   whose characters mostly agree position by position is the same paragraph lightly
   reworded, or the same sentence frame with other names and numbers (``positional``
   blocks: ``dedupe.align`` reads the positions that differ as its differences);
3. what is left on both sides between matched paragraphs is searched for k-gram anchors
   (``dedupe.anchors``), and the chain of blocks is grown over equal characters next to it.

Split from ``dedupe.align`` (373 lines) along this seam: finding what is shared needs no
notion of a gap, and reading the gaps needs none of how the blocks were found.
"""

from __future__ import annotations

import numpy as np

from dedupe.anchors import anchor_blocks, chain
from dedupe.prepared import END_KEY, Prepared

# Shared prefix/suffix trimming of a differing span looks this far at most (a longer common
# run would have held an anchor unless it repeats elsewhere in the text).
_TRIM_LIMIT = 64
# Two paragraphs of one length agreeing at this share of positions are one paragraph with
# characters replaced: a farm's rewording changes 1-3 %, a sibling's facts (a name, a date,
# an amount of the same length) 5-15 %; two different sentences of one length agree at
# ~5 % of positions by chance.
SAME_POSITIONS = 0.75
# Spans left between matched paragraphs are searched for anchors only when they share some
# of the k-grams whose hash is 0 modulo 8 (~1 in 8, the same ones in every text).
SAMPLE_MASK = 7

Block = tuple[int, int, int]


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


def shared_blocks(a: Prepared, b: Prepared, k: int) -> tuple[list[Block], list[Block]]:
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
