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


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, in place."""
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def band_keys(sigs: np.ndarray, cfg: DedupeConfig) -> np.ndarray:
    """One uint64 key per band, shape ``(n, cfg.bands)``: equal band values give equal keys.

    The band's ``rows`` minima are folded through splitmix64 with the band index mixed in,
    so equal keys in different bands never meet (pairs are only formed within a band anyway)
    and a key collision between different bands' contents has probability ~2**-64; every
    candidate is verified exactly afterwards.
    """
    n = sigs.shape[0]
    if sigs.ndim != 2 or sigs.shape[1] < cfg.bands * cfg.rows:
        raise ValueError(f"signatures must be (n, >= {cfg.bands * cfg.rows}), got {sigs.shape}")
    cube = sigs[:, : cfg.bands * cfg.rows].reshape(n, cfg.bands, cfg.rows)
    keys = np.broadcast_to(np.arange(cfg.bands, dtype=np.uint64), (n, cfg.bands)).copy()
    with np.errstate(over="ignore"):
        for r in range(cfg.rows):
            keys ^= cube[:, :, r]
            _mix(keys)
    return keys


def _band_pairs(col: np.ndarray, max_bucket: int) -> np.ndarray:
    """Pairs of row indices with equal keys in one band (i < j not yet enforced)."""
    n = col.size
    order = np.argsort(col, kind="stable")
    ordered = col[order]
    starts_run = np.ones(n, dtype=bool)
    starts_run[1:] = ordered[1:] != ordered[:-1]
    run_id = np.cumsum(starts_run) - 1
    run_start = np.flatnonzero(starts_run)
    run_len = np.diff(np.append(run_start, n))
    member_len = run_len[run_id]
    out: list[np.ndarray] = []
    small = member_len <= max_bucket
    longest_small = int(run_len[run_len <= max_bucket].max(initial=1))
    # Runs no longer than max_bucket: all pairs, by pairing each member with the one d later.
    for d in range(1, longest_small):
        same = (run_id[:-d] == run_id[d:]) & small[:-d]
        idx = np.flatnonzero(same)
        out.append(np.stack([order[idx], order[idx + d]], axis=1))
    # Longer runs (one template repeated many times): a chain plus a star on the run head
    # keep them connected with O(run length) pairs instead of O(run length**2).
    big = ~small
    if big.any():
        chain = np.flatnonzero(big[:-1] & (run_id[:-1] == run_id[1:]))
        out.append(np.stack([order[chain], order[chain + 1]], axis=1))
        members = np.flatnonzero(big & ~starts_run)
        heads = order[run_start[run_id[members]]]
        out.append(np.stack([heads, order[members]], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    return np.concatenate(out).astype(np.int64)


def candidate_pairs(
    keys: np.ndarray, max_bucket: int = 64, valid: np.ndarray | None = None
) -> np.ndarray:
    """Unique candidate pairs ``(i, j)``, i < j, sorted, as an ``(m, 2)`` int64 array.

    ``i``/``j`` are row indices into ``keys``.  Rows where ``valid`` is False (documents
    without shingles, whose signatures are all equal) never become candidates.
    """
    n = keys.shape[0]
    rows = np.arange(n) if valid is None else np.flatnonzero(valid)
    if rows.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    sub = keys[rows]
    found = [_band_pairs(sub[:, band], max_bucket) for band in range(sub.shape[1])]
    pairs = rows[np.concatenate(found)] if found else np.empty((0, 2), dtype=np.int64)
    if pairs.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    lo = np.minimum(pairs[:, 0], pairs[:, 1])
    hi = np.maximum(pairs[:, 0], pairs[:, 1])
    code = np.unique(lo * np.int64(n) + hi)
    return np.stack([code // n, code % n], axis=1)
