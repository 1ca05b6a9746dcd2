"""Pairwise precision / recall / F1 of a clustering against gold labels.

A pair of documents is a positive when both sit in one cluster.  Counting is done on the
contingency table (sum of C(n, 2) over cells), never by enumerating pairs, so it is exact
and cheap for any corpus size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_scores(
    components: Sequence[Sequence[int]], gold: Mapping[int, Hashable]
) -> PairScores:
    """Score ``components`` (doc ids) against ``gold`` (doc id -> story label)."""
    predicted = sum(_pairs(len(c)) for c in components)
    gold_pairs = sum(_pairs(n) for n in Counter(gold.values()).values())
    cells: Counter[tuple[int, Hashable]] = Counter()
    for k, comp in enumerate(components):
        for doc in comp:
            cells[(k, gold[doc])] += 1
    true = sum(_pairs(n) for n in cells.values())
    precision = true / predicted if predicted else 1.0
    recall = true / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, true, predicted, gold_pairs)


def adjusted_rand_index(components: Sequence[Sequence[int]], gold: Mapping[int, Hashable]) -> float:
    """Hubert & Arabie's adjusted Rand index of ``components`` against ``gold`` (1.0 = the
    same partition, ~0 = chance), from the same contingency table as the pair scores."""
    n = sum(len(c) for c in components)
    cells: Counter[tuple[int, Hashable]] = Counter()
    for k, comp in enumerate(components):
        for doc in comp:
            cells[(k, gold[doc])] += 1
    index = sum(_pairs(v) for v in cells.values())
    rows = sum(_pairs(len(c)) for c in components)
    cols = sum(_pairs(v) for v in Counter(gold[d] for c in components for d in c).values())
    total = _pairs(n)
    expected = rows * cols / total if total else 0.0
    best = (rows + cols) / 2
    return 1.0 if best == expected else (index - expected) / (best - expected)
