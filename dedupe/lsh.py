"""LSH banding: which signature pairs are worth verifying.

A signature of ``num_perm`` minima is cut into ``bands`` bands of ``rows`` values; two
documents become a candidate pair when any band is equal, which happens with probability
``1 - (1 - J**rows)**bands`` at Jaccard ``J``.  ``optimal_bands`` picks the split whose S-curve
best approximates a step at the threshold (the same weighted false-positive / false-negative
area criterion as datasketch's ``_optimal_param``, integrated on a grid with numpy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from dedupe.config import DedupeConfig

_GRID = 1001


def candidate_probability(j: np.ndarray | float, bands: int, rows: int) -> np.ndarray:
    """Probability that a pair with Jaccard ``j`` shares at least one band."""
    return 1.0 - (1.0 - np.asarray(j, dtype=float) ** rows) ** bands


def optimal_bands(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` minimising weighted FP + FN area.

    FP area is the integral of the candidate probability over [0, threshold], FN area the
    integral of its complement over [threshold, 1].  Ties keep the fewest bands, then the
    fewest rows (datasketch's iteration order).
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands = np.array([p[0] for p in pairs], dtype=float)[:, None]
    rows = np.array([p[1] for p in pairs], dtype=float)[:, None]
    below = np.linspace(0.0, threshold, _GRID)[None, :]
    above = np.linspace(threshold, 1.0, _GRID)[None, :]
    fp = np.trapezoid(1.0 - (1.0 - below**rows) ** bands, below, axis=1)
    fn = np.trapezoid((1.0 - above**rows) ** bands, above, axis=1)
    error = fp_weight * fp + fn_weight * fn
    best = int(np.argmin(error))  # first minimum = datasketch's strict "<" tie-break
    return pairs[best]


_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def band_keys(sigs: np.ndarray, cfg: DedupeConfig) -> np.ndarray:
    """One uint64 key per band, shape ``(n, cfg.bands)``: equal band values give equal keys.

    Each band's ``rows`` values are folded through multiply-xorshift steps (splitmix64's
    constants) starting from the band index, so the top bits of a key are as good as any
    (``candidate_pairs`` keeps only those).  Different contents collide with probability
    ~2**-40 per pair; every candidate is verified exactly afterwards anyway.
    """
    n = sigs.shape[0]
    if sigs.ndim != 2 or sigs.shape[1] < cfg.bands * cfg.rows:
        raise ValueError(f"signatures must be (n, >= {cfg.bands * cfg.rows}), got {sigs.shape}")
    cube = sigs[:, : cfg.bands * cfg.rows].reshape(n, cfg.bands, cfg.rows)
    keys = np.empty((n, cfg.bands), dtype=np.uint64)
    keys[:] = np.arange(1, cfg.bands + 1, dtype=np.uint64) * _M2
    for r in range(cfg.rows):
        keys ^= cube[:, :, r]
        keys *= _M1
        keys ^= keys >> np.uint64(31)
    keys *= _M2
    keys ^= keys >> np.uint64(29)
    return keys


def _pairs_in_runs(order: np.ndarray, hi: np.ndarray, max_bucket: int) -> np.ndarray:
    """Pairs of ``order`` entries whose (sorted) ``hi`` values are equal.

    Runs up to ``max_bucket`` long give all their pairs; a longer run (one template repeated
    thousands of times) gives a chain plus a star on its head: O(run) pairs, still one
    connected set of candidates, instead of O(run**2).
    """
    n = hi.size
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], hi[1:] != hi[:-1])))
    lengths = np.diff(np.append(starts, n))
    out: list[np.ndarray] = []
    small = (lengths >= 2) & (lengths <= max_bucket)
    if small.any():
        s_start, s_len = starts[small], lengths[small]
        # Every member at rank a of a run of length L pairs with ranks a+1 .. L-1.
        member = np.repeat(s_start, s_len) + _ranks(s_len)
        partners = np.repeat(s_len, s_len) - 1 - _ranks(s_len)
        left = np.repeat(member, partners)
        right = left + 1 + _ranks(partners)
        out.append(np.stack([order[left], order[right]], axis=1))
    big = lengths > max_bucket
    for start, length in zip(starts[big].tolist(), lengths[big].tolist(), strict=True):
        run = order[start : start + length]
        out.append(np.stack([run[:-1], run[1:]], axis=1))
        out.append(np.stack([np.full(length - 2, run[0]), run[2:]], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    return np.concatenate(out).astype(np.int64, copy=False)


def _ranks(lengths: np.ndarray) -> np.ndarray:
    """0..L-1 for every L in ``lengths``, concatenated."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.arange(total, dtype=np.int64) - np.repeat(ends - lengths, lengths)


def pair_codes(keys: np.ndarray, rows: np.ndarray, n: int, max_bucket: int = 64) -> np.ndarray:
    """Sorted unique codes ``i * n + j`` (i < j) of rows sharing a key in any column of
    ``keys`` (``keys[k]`` belongs to row ``rows[k]``).  Bands are independent, so callers
    may split the columns between processes and merge the codes.

    Per band, the position is packed into the low bits of the (remixed) key and the column
    sorted as plain uint64, twice as fast as an argsort; the key keeps ``64 - log2(n)``
    bits, so two different band values collide with probability ~n/2**64 per pair, harmless
    before verification.
    """
    if rows.size < 2:
        return np.empty(0, dtype=np.int64)
    bits = max(int(rows.size - 1).bit_length(), 1)
    low = np.uint64((1 << bits) - 1)
    local = np.arange(rows.size, dtype=np.uint64)
    codes = []
    for band in range(keys.shape[1]):
        packed = keys[:, band] * _M1  # odd multiplier: a bijection moving entropy up
        packed ^= packed >> np.uint64(32)
        packed &= ~low
        packed |= local
        packed.sort()
        pairs = rows[
            _pairs_in_runs((packed & low).astype(np.int64), packed >> np.uint64(bits), max_bucket)
        ]
        lo, hi = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
        codes.append(lo * np.int64(n) + hi)
    return np.unique(np.concatenate(codes))


def decode_pairs(codes: np.ndarray, n: int) -> np.ndarray:
    """``(m, 2)`` int64 pairs from :func:`pair_codes` codes."""
    return np.stack([codes // n, codes % n], axis=1) if codes.size else np.empty((0, 2), np.int64)


def candidate_pairs(
    keys: np.ndarray, max_bucket: int = 64, valid: np.ndarray | None = None
) -> np.ndarray:
    """Unique candidate pairs ``(i, j)``, i < j, sorted, as an ``(m, 2)`` int64 array.

    ``i``/``j`` are row indices into ``keys``.  Rows where ``valid`` is False (documents
    without shingles, whose signatures are all equal) never become candidates.
    """
    n = keys.shape[0]
    rows = np.arange(n, dtype=np.int64) if valid is None else np.flatnonzero(valid)
    return decode_pairs(pair_codes(keys[rows], rows, n, max_bucket), n)
