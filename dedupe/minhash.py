"""MinHash signatures by one-permutation hashing (OPH) with optimal densification.

Classic MinHash evaluates ``num_perm`` hash functions on every shingle: 128 x 1,500 hash
evaluations per article, which is what made earlier numpy versions only ~2x faster than
datasketch.  OPH (Li, Owen & Zhang 2012) evaluates one: each shingle hash goes through one
seeded bijection of uint32, whose top bits choose one of ``num_perm`` bins; the signature is
the minimum per bin.  A bin that no shingle fell into is filled by optimal densification
(Shrivastava 2017): probe a fixed, seeded sequence of other bins and copy the first
non-empty one.  Two documents agree on a bin with probability equal to their Jaccard
similarity either way, so the estimate stays unbiased (tests/test_dedupe_quality.py checks
it against exact Jaccard on >1,000 pairs); for 1,500-shingle articles a bin is empty with
probability ~1e-5, so densification only matters for short texts.

A block of documents is signed with ~10 array passes over its shingles plus one
``np.minimum.at`` into an ``(n, num_perm)`` array: no per-document Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from dedupe.config import DedupeConfig
from dedupe.ragged import Ragged

# Signature value of an empty bin (and of every bin of a document without shingles).
EMPTY_VALUE = np.uint32(0xFFFFFFFF)
# Persisted form: num_perm little-endian uint32.  Bytes are only comparable under the same
# scheme version, shingle size, num_perm and seed: ``config_fingerprint`` names that.
SCHEME_VERSION = 2
_PROBES = 64  # densification probes per empty bin before the deterministic fallback


def _fmix32(h: np.ndarray) -> np.ndarray:
    """murmur3's finaliser: a bijection of uint32 with full avalanche (in place)."""
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


@cache
def _seeded(seed: int, num_perm: int) -> tuple[np.uint32, np.ndarray]:
    """The seed's xor key of the bijection and its densification probe table (read-only)."""
    rng = np.random.default_rng(seed)
    key = np.uint32(rng.integers(0, 2**32, dtype=np.uint64))
    probes = rng.integers(0, num_perm, size=(_PROBES, num_perm), dtype=np.int64)
    probes.flags.writeable = False
    return key, probes


def permuted(hashes: np.ndarray, cfg: DedupeConfig) -> np.ndarray:
    """The seeded bijection applied to shingle hashes (a new uint32 array)."""
    key, _ = _seeded(cfg.seed, cfg.num_perm)
    return _fmix32(np.bitwise_xor(hashes, key, dtype=np.uint32))


def _densify(sig: np.ndarray, cfg: DedupeConfig) -> None:
    """Fill empty bins of non-empty documents in place from the probe sequence."""
    empty = sig == EMPTY_VALUE
    docs, bins = np.nonzero(empty & ~empty.all(axis=1, keepdims=True))
    if docs.size == 0:
        return
    _, probes = _seeded(cfg.seed, cfg.num_perm)
    original = sig.copy()
    for t in range(_PROBES):
        donor = original[docs, probes[t, bins]]
        found = donor != EMPTY_VALUE
        sig[docs[found], bins[found]] = donor[found]
        docs, bins = docs[~found], bins[~found]
        if docs.size == 0:
            return
    # Vanishingly rare (a document with one or two non-empty bins): the first non-empty bin.
    first = np.argmax(original[docs] != EMPTY_VALUE, axis=1)
    sig[docs, bins] = original[docs, first]


def signatures_batch(hashes: Ragged, cfg: DedupeConfig) -> np.ndarray:
    """Signatures ``(n, cfg.num_perm)`` uint32 of every document's shingle hashes.

    Repeated hashes within a document do not matter (a minimum is idempotent), so raw
    shingle hashes can be passed without building sets.
    """
    n, k = len(hashes), cfg.num_perm
    sig = np.full(n * k, EMPTY_VALUE, dtype=np.uint32)
    if hashes.values.size:
        p = permuted(hashes.values, cfg)
        slot = np.repeat(np.arange(0, n * k, k, dtype=np.intp), hashes.lengths)
        slot += p >> np.uint32(32 - cfg.bin_bits)
        np.minimum.at(sig, slot, p)
    sig = sig.reshape(n, k)
    _densify(sig, cfg)
    return sig


def signatures(shingle_arrays: Sequence[np.ndarray], cfg: DedupeConfig) -> np.ndarray:
    """Signatures of shingle-hash arrays (e.g. from ``doc_shingles``), one row each.

    A document without shingles gets a row of ``EMPTY_VALUE``.
    """
    return signatures_batch(Ragged.from_arrays(list(shingle_arrays), np.uint32), cfg)


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Fraction of bins whose minima agree (an unbiased Jaccard estimate)."""
    if sig_a.shape != sig_b.shape:
        raise ValueError(f"signature shapes differ: {sig_a.shape} vs {sig_b.shape}")
    return float(np.mean(sig_a == sig_b))


def config_fingerprint(cfg: DedupeConfig) -> str:
    """A short string naming everything that makes two signatures comparable."""
    return f"oph-v{SCHEME_VERSION}-k{cfg.shingle_size}-p{cfg.num_perm}-s{cfg.seed}"


def signature_to_bytes(sig: np.ndarray) -> bytes:
    """Serialise one signature as little-endian uint32 (4 * num_perm bytes)."""
    if sig.ndim != 1:
        raise ValueError(f"one signature must be 1-D, got shape {sig.shape}")
    return sig.astype("<u4", copy=False).tobytes()


def signature_from_bytes(b: bytes, cfg: DedupeConfig) -> np.ndarray:
    """Read a signature written by :func:`signature_to_bytes` under ``cfg``.

    Raises ValueError when the length does not match ``cfg.num_perm``; whether the bytes
    were made under the same seed and shingle size is for the caller to check with
    :func:`config_fingerprint`.
    """
    expected = 4 * cfg.num_perm
    if len(b) != expected:
        raise ValueError(
            f"signature bytes must be {expected} long for num_perm={cfg.num_perm}, got {len(b)}"
        )
    return np.frombuffer(b, dtype="<u4").astype(np.uint32)
