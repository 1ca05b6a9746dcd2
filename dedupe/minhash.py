"""Vectorised MinHash signatures with a proper universal hash family.

Each permutation is ``h(x) = (a*x + b) mod p`` with the Mersenne prime ``p = 2**61 - 1``,
``a`` uniform in [1, p) and ``b`` uniform in [0, p), and ``x`` the shingle hash reduced mod p.
numpy has no 128-bit integers, so ``a*x`` is computed exactly from 31-bit limbs and reduced
with the Mersenne identity ``2**61 = 1 (mod p)``.  Nothing is folded to 32 bits: the usual
shortcut (``(a*x + b) % p`` in overflowing uint64, then masking to 32 bits) is no longer a
universal family and is what biased Jaccard estimates in earlier work.

Work is done in blocks of about ``cfg.block_shingles`` shingles from consecutive documents:
three ``(num_perm, block)`` uint64 scratch arrays per worker (12 MB at the defaults), reused
between blocks, so memory does not grow with the corpus.  numpy releases the GIL inside the
array operations, so ``cfg.workers > 1`` threads scale on multi-core machines.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from dedupe.config import DedupeConfig

MERSENNE_61 = (1 << 61) - 1
_P = np.uint64(MERSENNE_61)
_M31 = np.uint64((1 << 31) - 1)
_M30 = np.uint64((1 << 30) - 1)
_S30, _S31, _S61 = np.uint64(30), np.uint64(31), np.uint64(61)
# Signature of a document without shingles: larger than any hash value, so it never matches
# a real minimum; the cluster stage keeps such documents as singletons.
EMPTY_VALUE = np.uint64(np.iinfo(np.uint64).max)

# Persisted form: num_perm little-endian uint64, nothing else (what the storage layer keeps
# per article).  Bytes are only comparable under the same scheme version, shingle size,
# num_perm and seed; ``config_fingerprint`` names that combination so the store can keep it
# next to the signatures and recompute them when it changes.
SCHEME_VERSION = 1


def permutations(cfg: DedupeConfig) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` coefficients of the ``num_perm`` hash functions, fixed by ``cfg.seed``."""
    rng = np.random.default_rng(cfg.seed)
    a = rng.integers(1, MERSENNE_61, size=cfg.num_perm, dtype=np.uint64)
    b = rng.integers(0, MERSENNE_61, size=cfg.num_perm, dtype=np.uint64)
    return a, b


class _Hasher:
    """Evaluates all permutations on a block of shingles, with reusable scratch arrays."""

    def __init__(self, a: np.ndarray, b: np.ndarray, block: int) -> None:
        self.a_hi2 = ((a >> _S31) * np.uint64(2))[:, None]  # 2*a_hi < 2**31
        self.a_hi = (a >> _S31)[:, None]
        self.a_lo = (a & _M31)[:, None]
        self.b = b[:, None]
        self.block = block
        # Flat buffers, reshaped per block, so every operand is one contiguous array.
        self.s = np.empty(a.size * block, np.uint64)
        self.mid = np.empty(a.size * block, np.uint64)
        self.t = np.empty(a.size * block, np.uint64)

    def hash_block(self, x: np.ndarray) -> np.ndarray:
        """Return a view ``(num_perm, x.size)`` congruent to ``(a*x + b) mod p``, in [0, p + 8).

        With a = a_hi*2**31 + a_lo and x = x_hi*2**31 + x_lo (all limbs < 2**31):
        a*x = 2*a_hi*x_hi*2**61 + mid*2**31 + a_lo*x_lo with mid = a_hi*x_lo + a_lo*x_hi,
        and mid*2**31 = (mid >> 30)*2**61 + (mid & (2**30-1))*2**31, where 2**61 = 1 (mod p).
        Every partial sum stays below 2**64.  The last conditional subtraction of p is left to
        the caller (it matters for at most 8 of 2**61 values; applied after the minimum).
        """
        shape = (self.a_lo.shape[0], x.size)
        size = shape[0] * shape[1]
        s, mid, t = (buf[:size].reshape(shape) for buf in (self.s, self.mid, self.t))
        x_hi = (x >> _S31)[None, :]
        x_lo = (x & _M31)[None, :]
        np.multiply(self.a_hi2, x_hi, out=s)  # < 2**61
        np.multiply(self.a_hi, x_lo, out=mid)
        np.multiply(self.a_lo, x_hi, out=t)
        mid += t  # < 2**63
        np.right_shift(mid, _S30, out=t)
        s += t
        mid &= _M30
        mid <<= _S31
        s += mid
        np.multiply(self.a_lo, x_lo, out=t)  # < 2**62
        s += t
        s += self.b  # < 2**63 + 2**62 + 2**33
        np.bitwise_and(s, _P, out=t)
        s >>= _S61
        s += t
        return s


def _blocks(sizes: np.ndarray, block: int) -> list[tuple[int, int]]:
    """Split documents into consecutive runs of about ``block`` shingles (>= 1 doc each)."""
    runs: list[tuple[int, int]] = []
    start, total = 0, 0
    for i, size in enumerate(sizes.tolist()):
        if total and total + size > block:
            runs.append((start, i))
            start, total = i, 0
        total += size
    if start < sizes.size:
        runs.append((start, int(sizes.size)))
    return runs


def _sign_run(
    hasher_for: _Hasher, arrays: Sequence[np.ndarray], lo: int, hi: int, out: np.ndarray
) -> None:
    """Fill ``out[lo:hi]`` with signatures; a doc larger than the block is done in pieces."""
    docs = [arrays[i] for i in range(lo, hi)]
    sizes = np.array([d.size for d in docs], dtype=np.int64)
    nonempty = np.flatnonzero(sizes)
    out[lo:hi] = EMPTY_VALUE
    if nonempty.size == 0:
        return
    block = hasher_for.block
    if sizes.sum() <= block:
        x = np.concatenate([docs[i] for i in nonempty]) % _P
        h = hasher_for.hash_block(x)
        starts = np.concatenate(([0], np.cumsum(sizes[nonempty])[:-1]))
        out[lo + nonempty] = np.minimum.reduceat(h, starts, axis=1).T
    else:  # one oversized document: fold its minimum over blocks
        (only,) = nonempty
        x_all = docs[only] % _P
        acc = np.full(out.shape[1], EMPTY_VALUE)
        for start in range(0, x_all.size, block):
            np.minimum(
                acc, hasher_for.hash_block(x_all[start : start + block]).min(axis=1), out=acc
            )
        out[lo + only] = acc
    rows = out[lo:hi]
    live = rows != EMPTY_VALUE
    rows[live & (rows >= _P)] -= _P  # the final Mersenne correction, after the minimum


def signatures(shingle_arrays: Sequence[np.ndarray], cfg: DedupeConfig) -> np.ndarray:
    """MinHash signatures, shape ``(n, cfg.num_perm)`` uint64, deterministic for ``cfg.seed``.

    Row i is the minimum of each permutation over ``shingle_arrays[i]``; a document without
    shingles gets a row of ``EMPTY_VALUE``.
    """
    n = len(shingle_arrays)
    out = np.empty((n, cfg.num_perm), dtype=np.uint64)
    if n == 0:
        return out
    a, b = permutations(cfg)
    sizes = np.array([arr.size for arr in shingle_arrays], dtype=np.int64)
    runs = _blocks(sizes, cfg.block_shingles)
    if cfg.workers == 1 or len(runs) == 1:
        hasher = _Hasher(a, b, cfg.block_shingles)
        for lo, hi in runs:
            _sign_run(hasher, shingle_arrays, lo, hi, out)
        return out
    workers = min(cfg.workers, len(runs))
    shares = [runs[w::workers] for w in range(workers)]

    def work(share: list[tuple[int, int]]) -> None:
        hasher = _Hasher(a, b, cfg.block_shingles)  # scratch arrays are per thread
        for lo, hi in share:
            _sign_run(hasher, shingle_arrays, lo, hi, out)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(work, shares))
    return out


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Fraction of permutations whose minima agree (an unbiased Jaccard estimate)."""
    if sig_a.shape != sig_b.shape:
        raise ValueError(f"signature shapes differ: {sig_a.shape} vs {sig_b.shape}")
    return float(np.mean(sig_a == sig_b))


def config_fingerprint(cfg: DedupeConfig) -> str:
    """A short string naming everything that makes two signatures comparable."""
    return f"minhash-v{SCHEME_VERSION}-k{cfg.shingle_size}-p{cfg.num_perm}-s{cfg.seed}"


def signature_to_bytes(sig: np.ndarray) -> bytes:
    """Serialise one signature as little-endian uint64 (8 * num_perm bytes)."""
    if sig.ndim != 1:
        raise ValueError(f"one signature must be 1-D, got shape {sig.shape}")
    return sig.astype("<u8", copy=False).tobytes()


def signature_from_bytes(b: bytes, cfg: DedupeConfig) -> np.ndarray:
    """Read a signature written by :func:`signature_to_bytes` under ``cfg``.

    Raises ValueError when the length does not match ``cfg.num_perm``; whether the bytes
    were made under the same seed and shingle size is for the caller to check with
    :func:`config_fingerprint`.
    """
    expected = 8 * cfg.num_perm
    if len(b) != expected:
        raise ValueError(
            f"signature bytes must be {expected} long for num_perm={cfg.num_perm}, got {len(b)}"
        )
    return np.frombuffer(b, dtype="<u8").astype(np.uint64)
