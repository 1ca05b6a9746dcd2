"""Character k-shingles hashed to 64-bit integers, as numpy array operations.

Chinese has no spaces, so word shingles would need a segmenter whose output shifts with
punctuation; character shingles over the normalised text are stable under re-punctuation and
inserted spaces.  Each shingle is hashed without building strings: codepoints -> polynomial
hash over the window (k vector multiply-adds, wrapping mod 2**64) -> the splitmix64 finaliser,
so that every output bit depends on every character.  The result per document is a sorted
array of unique uint64 values, which is what both MinHash and exact verification consume.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from dedupe.normalise import normalise

_BASE = np.uint64(0x100000001B3)  # odd 64-bit multiplier (the FNV-1a prime)
_EMPTY = np.empty(0, dtype=np.uint64)


def splitmix64(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: a bijection on uint64 with full avalanche (returns a copy)."""
    z = x.astype(np.uint64, copy=True)
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def codepoints(text: str) -> np.ndarray:
    """The Unicode codepoints of ``text`` as a uint64 array (no Python loop)."""
    raw = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    return raw.astype(np.uint64)


def shingle_hashes(normalised: str, k: int) -> np.ndarray:
    """Sorted unique 64-bit hashes of the character k-grams of an already normalised text.

    A text shorter than ``k`` (but not empty) yields one shingle for the whole text, so short
    documents still get a fingerprint; an empty text yields an empty array.
    """
    if not normalised:
        return _EMPTY
    cps = codepoints(normalised)
    width = min(k, cps.size)
    windows = cps.size - width + 1
    acc = cps[:windows].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, width):
            acc *= _BASE
            acc += cps[offset : offset + windows]
        # Mixing the window length in keeps a 3-character document from colliding with a
        # 3-character prefix of a longer window.
        acc += np.uint64(width) << np.uint64(56)
    hashes = splitmix64(acc)
    hashes.sort()
    # np.unique costs twice a sort on arrays this small; dedupe the sorted run by hand.
    keep = np.empty(hashes.size, dtype=bool)
    keep[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=keep[1:])
    return hashes[keep]


def doc_shingles(text: str, k: int) -> np.ndarray:
    """Normalise ``text`` and return its shingle hashes."""
    return shingle_hashes(normalise(text), k)


def shingle_all(texts: Iterable[str], k: int) -> list[np.ndarray]:
    """Shingle many texts; memory is about 8 bytes per character of text (one array each)."""
    return [doc_shingles(text, k) for text in texts]
