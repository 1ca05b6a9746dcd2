"""Cluster copies of one story in memory: shingle -> sign -> band -> gate -> decide.

This is the in-memory entry point (a list of ``DocRecord``s, as the storage layer holds
them); ``dedupe.jsonl`` runs the same stages streamed over a file with worker processes.
Each stage is a function of arrays, so a caller that already has signatures (the storage
layer keeps them) passes them in: then only the documents that appear in a candidate pair
are shingled again (for the exact gate), usually a small share of a crawl.  What happens
after the gate -- comparison, stories, canonical choice -- is ``dedupe.decide``, shared by
every path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from dedupe.config import DedupeConfig
from dedupe.decide import Decision, decide
from dedupe.graph import connected_labels
from dedupe.lsh import band_keys, candidate_pairs
from dedupe.minhash import EMPTY_VALUE, signatures_batch
from dedupe.records import DocRecord
from dedupe.shingle import shingle_texts, sorted_unique
from dedupe.verify import Verified, verify_pairs

__all__ = ["DedupeResult", "cluster", "connected_labels", "find_duplicates", "gated_pairs"]


@dataclass
class DedupeResult:
    """Stories of doc ids plus what led to them (for stats, storage and debugging).

    ``joined`` lists every pair that passed the shingle gate as ``(id_a, id_b, jaccard,
    containment)`` with ``id_a < id_b``; ``verified`` keeps every candidate, by row index
    into ``docs``; ``decision`` is the second stage's answer (stories, canonicals, verdicts).
    """

    components: list[list[int]]
    verified: Verified
    decision: Decision
    joined: list[tuple[int, int, float, float]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


def _check_ids(docs: Sequence[DocRecord]) -> None:
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise ValueError("DocRecord ids must be unique within one cluster() call")


def gated_pairs(
    docs: Sequence[DocRecord], cfg: DedupeConfig, signatures: np.ndarray | None = None
) -> tuple[Verified, np.ndarray]:
    """LSH candidates measured on exact shingle sets; ``signatures`` rows follow ``docs``.

    Returns the measured candidates and the rows of documents that have no shingles.
    """
    n = len(docs)
    raw = None
    if signatures is None:
        raw = shingle_texts([d.text for d in docs], cfg.shingle_size)
        signatures = signatures_batch(raw, cfg)
    elif signatures.shape != (n, cfg.num_perm):
        raise ValueError(
            f"signatures must have shape ({n}, {cfg.num_perm}), got {signatures.shape}"
        )
    valid = ~np.all(signatures == EMPTY_VALUE, axis=1)
    pairs = candidate_pairs(band_keys(signatures, cfg), cfg.max_bucket_size, valid)
    # Exact sets only for documents in a candidate pair (re-shingled when signatures came in).
    needed = np.unique(pairs)
    if raw is None:
        raw_needed = shingle_texts([docs[i].text for i in needed.tolist()], cfg.shingle_size)
    else:
        raw_needed = raw.take(needed)
    sets: dict[int, np.ndarray] = {
        i: sorted_unique(raw_needed[k]) for k, i in enumerate(needed.tolist())
    }
    return verify_pairs(pairs, sets, cfg), np.flatnonzero(~valid)


def find_duplicates(
    docs: Sequence[DocRecord], cfg: DedupeConfig, signatures: np.ndarray | None = None
) -> DedupeResult:
    """Run every stage and keep what each decided."""
    _check_ids(docs)
    verified, empty = gated_pairs(docs, cfg, signatures)
    edges = verified.edges.tolist()
    ids = [(docs[i].id, docs[j].id) for i, j in edges]
    decision = decide(docs, ids)
    joined = [
        (*sorted(p), float(jac), float(con))
        for p, jac, con in zip(
            ids,
            verified.jaccard[verified.joined],
            verified.containment[verified.joined],
            strict=True,
        )
    ]
    stats = {
        "docs": len(docs),
        "empty": int(empty.size),
        "candidates": int(verified.pairs.shape[0]),
        "joined": len(joined),
        "rejected": int(verified.pairs.shape[0] - len(joined)),
        **{f"decide_{k}": v for k, v in decision.stats.items()},
        "clusters": len(decision.stories),
        "multi_member_clusters": sum(1 for c in decision.stories if len(c) > 1),
    }
    return DedupeResult(decision.stories, verified, decision, joined, stats)


def cluster(
    docs: Sequence[DocRecord], cfg: DedupeConfig, signatures: np.ndarray | None = None
) -> list[list[int]]:
    """Stories as doc ids.

    Every document appears exactly once (singletons included); members are sorted and
    stories are ordered by their smallest id, so the same input gives the same output.
    """
    return find_duplicates(docs, cfg, signatures).components
