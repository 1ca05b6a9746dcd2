"""Exact verification of LSH candidates on the shingle sets.

MinHash only proposes pairs; the decision is made on the exact sets, with two measures:

* Jaccard ``|A∩B| / |A∪B|``: near-identical copies (re-titled, re-punctuated, spaced);
* containment ``|A∩B| / min(|A|, |B|)``: a trimmed copy (lead or closing paragraph dropped,
  farm chrome appended) is still mostly *inside* the original, even when the chrome pulls
  its Jaccard down.

Containment alone would also join a 40-character snippet to every story that quotes it, so
it is only trusted when the smaller document has ``cfg.min_containment_shingles`` shingles.
Thresholds and the measurements behind them are documented on ``DedupeConfig``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from dedupe.config import DedupeConfig


def intersection_size(a: np.ndarray, b: np.ndarray) -> int:
    """``|a ∩ b|`` for sorted arrays of unique values."""
    if a.size == 0 or b.size == 0:
        return 0
    # A stable sort of two sorted runs is one merge pass (timsort), ~3x faster than a
    # binary search of one set into the other; equal neighbours are the common values.
    merged = np.concatenate((a, b))
    merged.sort(kind="stable")
    return int(np.count_nonzero(merged[1:] == merged[:-1]))


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """``(jaccard, containment)`` of two sorted unique shingle arrays (0, 0 if one is empty)."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = intersection_size(a, b)
    union = a.size + b.size - inter
    return inter / union, inter / min(a.size, b.size)


@dataclass(frozen=True)
class Verified:
    """Exact measures for each candidate pair and whether the pair joins one cluster."""

    pairs: np.ndarray  # (m, 2) int64 row indices
    jaccard: np.ndarray  # (m,) float64
    containment: np.ndarray  # (m,) float64
    joined: np.ndarray  # (m,) bool

    @property
    def edges(self) -> np.ndarray:
        """The joined pairs only."""
        return self.pairs[self.joined]


def joins(jaccard: float, containment: float, smaller: int, cfg: DedupeConfig) -> bool:
    """The join rule for one pair, given the size of the smaller shingle set."""
    if jaccard >= cfg.jaccard_min:
        return True
    return containment >= cfg.containment_min and smaller >= cfg.min_containment_shingles


def gate(
    inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray, cfg: DedupeConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(joined, jaccard, containment)`` per pair from exact intersection and set sizes."""
    smaller = np.minimum(size_a, size_b)
    empty = smaller == 0
    union = np.where(empty, 1, size_a + size_b - inter)
    jac = np.where(empty, 0.0, inter / union)
    con = np.where(empty, 0.0, inter / np.maximum(smaller, 1))
    joined = (jac >= cfg.jaccard_min) | (
        (con >= cfg.containment_min) & (smaller >= cfg.min_containment_shingles)
    )
    return joined, jac, con


def verify_pairs(
    pairs: np.ndarray,
    shingle_arrays: Sequence[np.ndarray] | Mapping[int, np.ndarray],
    cfg: DedupeConfig,
) -> Verified:
    """Measure every candidate pair exactly and apply the join rule.

    ``shingle_arrays[i]`` must be the sorted set of document i's shingle hashes.  Cost is
    one merge of the two sets per pair (~10 µs for 1,500-shingle news articles); memory is
    three floats per pair.
    """
    rows = pairs.tolist()
    inter = np.array(
        [intersection_size(shingle_arrays[i], shingle_arrays[j]) for i, j in rows],
        dtype=np.int64,
    )
    size_a = np.array([shingle_arrays[i].size for i, _ in rows], dtype=np.int64)
    size_b = np.array([shingle_arrays[j].size for _, j in rows], dtype=np.int64)
    joined, jac, con = gate(inter, size_a, size_b, cfg)
    return Verified(pairs=pairs, jaccard=jac, containment=con, joined=joined)
