"""Texts prepared once for alignment: normalised, paragraph starts, anchor keys.

A text is usually aligned with several others (its story's core, other members, the
additions check), so what alignment needs is computed once per text, for a whole batch of
texts at a time (``dedupe.normalise`` and ``dedupe.shingle`` work on blocks).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dedupe.normalise import codepoints_of, normalise_batch
from dedupe.ragged import Ragged
from dedupe.shingle import shingle_batch

# Anchors are 5-grams, the shingle size: long enough that a k-gram occurring once in a news
# text is rarely a coincidence, short enough that a two-character name swap still leaves
# anchors on both sides of it.
ANCHOR_SIZE = 5
# A k-gram repeated more often than this in a text (a separator line, a repeated slogan)
# is no anchor (the rank must also fit in the 4 bits it is packed into).
_MAX_REPEAT = 15


@dataclass(frozen=True)
class Prepared:
    """One text ready for alignment: its normalised form, anchor keys and paragraph starts.

    ``keys`` are the text's k-grams keyed by (hash, occurrences, occurrence rank), sorted,
    with the position of each (``_ranked``): computed once per text, since a text is usually
    aligned with several others.
    """

    text: str  # normalised text
    paragraphs: list[int]  # offset of each paragraph start in ``text``, plus len(text)
    keys: np.ndarray  # uint64, sorted
    positions: np.ndarray  # int64, position of each key's k-gram
    unique_paragraphs: dict[str, int]  # paragraph text -> index, for those occurring once

    def __len__(self) -> int:
        return len(self.text)

    def string(self, start: int, end: int) -> str:
        return self.text[start:end]


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped: the paragraphs every stage of ``dedupe`` talks about."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _ranked(grams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each k-gram keyed by (hash, occurrences, occurrence rank), sorted, and its position.

    The i-th occurrence of a k-gram in one text is paired with its i-th occurrence in the
    other when both texts hold it equally often (equal keys): a k-gram occurring once on
    each side is the classic patience-diff anchor, and a paragraph repeated in both texts
    still aligns.
    """
    n = grams.size
    # hash << 32 | position: one plain sort orders by hash, then by position (a stable
    # argsort of the hashes, at a fraction of its cost).
    packed = (grams.astype(np.uint64) << np.uint64(32)) | np.arange(n, dtype=np.uint64)
    packed.sort()
    positions = (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)
    hashes = packed >> np.uint64(32)
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
    joined = norm.values.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    out = []
    for i in range(len(texts)):
        lo, hi = int(docs.offsets[i]), int(docs.offsets[i + 1])
        starts = norm.offsets[doc_bounds[i] : doc_bounds[i + 1] + 1] - lo
        keys, positions = _ranked(grams[i] if hi - lo >= k else np.empty(0, np.uint32))
        text, bounds = joined[lo:hi], starts.tolist()
        paras = [text[bounds[j] : bounds[j + 1]] for j in range(len(bounds) - 1)]
        seen = Counter(paras)
        unique = {p: j for j, p in enumerate(paras) if seen[p] == 1 and len(p) >= k}
        out.append(Prepared(text, bounds, keys, positions, unique))
    return out


def paragraph_of(prepared: Prepared, offset: int) -> int:
    """Index of the paragraph holding normalised offset ``offset``."""
    return max(bisect.bisect_right(prepared.paragraphs, offset) - 1, 0)
