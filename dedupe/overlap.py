"""Shingle overlap between the texts of one decision, for the questions that need no
alignment: how central a document is among its candidates, and whether two copies of a
story's core could disagree at all.

The containment of a gated pair is the one the shingle gate measured (every caller passes
it); anything else is measured on each text's k-gram hashes (``dedupe.decide`` hashes them
as ``dedupe.prepared`` does, without the rest of a preparation), each text's set built once,
an intersection one merge of two sorted arrays (``dedupe.verify``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dedupe.shingle import sorted_unique
from dedupe.verify import intersection_size

Pair = tuple[int, int]


class Overlap:
    """Sorted k-gram sets by doc id, and the overlaps asked for, cached.

    ``grams`` maps each doc id to the hashes of its k-grams (unsorted, repeats kept).
    ``counted`` may hold, for pairs keyed ``(smaller id, larger id)``, the sizes the gate
    already measured on these same k-gram sets: ``(|A∩B|, |A|, |B|)``."""

    def __init__(
        self,
        grams: Mapping[int, np.ndarray],
        known: Mapping[Pair, float] | None = None,
        counted: Mapping[Pair, tuple[int, int, int]] | None = None,
    ) -> None:
        self.grams = grams
        self.known: dict[Pair, float] = dict(known or {})
        self.counted: Mapping[Pair, tuple[int, int, int]] = counted or {}
        self.sets: dict[int, np.ndarray] = {}
        self.outside: dict[Pair, np.ndarray] = {}

    def set(self, doc: int) -> np.ndarray:
        found = self.sets.get(doc)
        if found is None:
            found = self.sets[doc] = sorted_unique(self.grams[doc])
        return found

    def sizes(self, a: int, b: int) -> tuple[int, int, int]:
        """``(|A∩B|, |A|, |B|)`` for ``a < b``: the gate's counts when it measured the pair
        (no set is sorted again for it), else measured here."""
        found = self.counted.get((a, b))
        if found is None:
            sa, sb = self.set(a), self.set(b)
            found = (intersection_size(sa, sb), int(sa.size), int(sb.size))
        return found

    def containment(self, a: int, b: int) -> float:
        """``|A∩B| / min(|A|, |B|)`` of the two shingle sets (0 when one is empty)."""
        key = (a, b) if a < b else (b, a)
        found = self.known.get(key)
        if found is None:
            sa, sb = self.set(a), self.set(b)
            small = min(sa.size, sb.size)
            found = intersection_size(sa, sb) / small if small else 0.0
            self.known[key] = found
        return found

    def beyond(self, doc: int, core: int) -> np.ndarray:
        """The k-grams of ``doc`` that ``core`` lacks (sorted)."""
        key = (doc, core)
        found = self.outside.get(key)
        if found is None:
            s, c = self.set(doc), self.set(core)
            found = self.outside[key] = s[~np.isin(s, c, assume_unique=True)]
        return found

    def shared_beyond(self, a: int, b: int, core: int) -> int:
        """How many k-grams ``a`` and ``b`` share that ``core`` does not hold."""
        return intersection_size(self.beyond(a, core), self.beyond(b, core))
