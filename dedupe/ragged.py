"""Many variable-length arrays as one flat array plus offsets (Arrow's list layout).

Every dedupe stage works on whole blocks of documents at once: codepoints, normalised
codepoints and shingle hashes of 1,000 documents are one numpy array each, so the work is a
handful of array operations per block instead of a Python call per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Ragged:
    """``values[offsets[i]:offsets[i + 1]]`` is item ``i``; ``offsets`` is int64, length n+1."""

    values: np.ndarray
    offsets: np.ndarray

    def __post_init__(self) -> None:
        if self.offsets.ndim != 1 or self.offsets.size == 0:
            raise ValueError("offsets must be a non-empty 1-D array")
        if int(self.offsets[-1]) != self.values.size:
            raise ValueError(
                f"offsets end at {int(self.offsets[-1])} but there are {self.values.size} values"
            )

    @classmethod
    def from_arrays(cls, arrays: Sequence[np.ndarray], dtype: type | np.dtype) -> Ragged:
        offsets = np.zeros(len(arrays) + 1, dtype=np.int64)
        np.cumsum([a.size for a in arrays], out=offsets[1:])
        values = np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.empty(0, dtype)
        return cls(values, offsets)

    def __len__(self) -> int:
        return self.offsets.size - 1

    def __getitem__(self, i: int) -> np.ndarray:
        return self.values[self.offsets[i] : self.offsets[i + 1]]

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def owners(self) -> np.ndarray:
        """The item index of every value (int64, same length as ``values``)."""
        return np.repeat(np.arange(len(self), dtype=np.int64), self.lengths)

    def take(self, items: np.ndarray) -> Ragged:
        """A new Ragged holding ``items`` (indices) in that order; no Python loop."""
        items = np.asarray(items, dtype=np.int64)
        lengths = self.lengths[items]
        offsets = np.zeros(items.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        # Index of every gathered value: its item's start plus its rank inside the item.
        starts = np.repeat(self.offsets[items] - offsets[:-1], lengths)
        return Ragged(self.values[starts + np.arange(offsets[-1], dtype=np.int64)], offsets)
