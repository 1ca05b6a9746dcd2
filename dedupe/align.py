"""Align two normalised texts: the runs they share, and the spans where they differ.

Shingle overlap says *how much* two texts share; telling a copy from a sibling story needs
*where* they differ and with what (``dedupe.compare``).  The shared blocks are found coarse
to fine (``dedupe.blocks``: identical paragraphs, paragraphs matched position by position,
then k-gram anchors); here they become the gaps between them.

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

from dedupe.blocks import Block, shared_blocks
from dedupe.prepared import ANCHOR_SIZE, Prepared, paragraph_of, prepare, split_paragraphs

__all__ = [
    "Alignment", "Gap", "Prepared", "align", "paragraph_of", "prepare", "split_paragraphs",
]  # fmt: skip

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


def align(a: Prepared, b: Prepared, k: int = ANCHOR_SIZE) -> Alignment:
    """Shared blocks and differing gaps of ``a`` and ``b`` (normalised coordinates)."""
    blocks, positional = shared_blocks(a, b, k) if len(a) and len(b) else ([], [])
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
