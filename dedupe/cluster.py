"""Cluster copies of one story: shingle -> sign -> band -> verify -> connected components.

This is the in-memory entry point (a list of ``DocRecord``s, as the storage layer holds
them); ``dedupe.jsonl`` runs the same stages streamed over a file with two processes.  Each
stage is a function of arrays, so a caller that already has signatures (the storage layer
keeps them) passes them in: then only the documents that appear in a candidate pair are
shingled again (for exact verification), usually a small share of a crawl.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from dedupe.config import DedupeConfig
from dedupe.lsh import band_keys, candidate_pairs
from dedupe.minhash import EMPTY_VALUE, signatures_batch
from dedupe.records import DocRecord
from dedupe.shingle import shingle_texts, sorted_unique
from dedupe.verify import Verified, verify_pairs


def connected_labels(n: int, edges: np.ndarray) -> np.ndarray:
    """Component label of each of ``n`` nodes: the smallest node index in its component.

    Vectorised union-find: hook every edge's larger root under its smaller one, then jump
    pointers until each node points at its root; repeat until no edge spans two roots.  The
    result does not depend on edge order.
    """
    labels = np.arange(n, dtype=np.int64)
    if edges.size == 0:
        return labels
    a, b = edges[:, 0], edges[:, 1]
    while True:
        la, lb = labels[a], labels[b]
        open_ = la != lb
        if not open_.any():
            return labels
        la, lb = la[open_], lb[open_]
        np.minimum.at(labels, np.maximum(la, lb), np.minimum(la, lb))
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        a, b = a[open_], b[open_]


@dataclass
class DedupeResult:
    """Components of doc ids plus what led to them (for stats, storage and debugging).

    ``joined`` lists every verified edge as ``(id_a, id_b, jaccard, containment)`` with
    ``id_a < id_b``; ``verified`` keeps every candidate, by row index into ``docs``.
    """

    components: list[list[int]]
    verified: Verified
    joined: list[tuple[int, int, float, float]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


def _check_ids(docs: Sequence[DocRecord]) -> None:
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise ValueError("DocRecord ids must be unique within one cluster() call")


def find_duplicates(
    docs: Sequence[DocRecord], cfg: DedupeConfig, signatures: np.ndarray | None = None
) -> DedupeResult:
    """Run every stage and keep the verified pairs; ``signatures`` rows follow ``docs``."""
    _check_ids(docs)
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
    verified = verify_pairs(pairs, sets, cfg)
    labels = connected_labels(n, verified.edges)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(docs[i].id)
    components = sorted(sorted(group) for group in groups.values())
    joined = [
        (*sorted((docs[i].id, docs[j].id)), float(jac), float(con))
        for (i, j), jac, con in zip(
            verified.edges.tolist(),
            verified.jaccard[verified.joined],
            verified.containment[verified.joined],
            strict=True,
        )
    ]
    stats = {
        "docs": n,
        "empty": int(n - valid.sum()),
        "candidates": int(pairs.shape[0]),
        "joined": int(verified.joined.sum()),
        "rejected": int(pairs.shape[0] - verified.joined.sum()),
        "clusters": len(components),
        "multi_member_clusters": sum(1 for c in components if len(c) > 1),
    }
    return DedupeResult(components=components, verified=verified, joined=joined, stats=stats)


def cluster(
    docs: Sequence[DocRecord], cfg: DedupeConfig, signatures: np.ndarray | None = None
) -> list[list[int]]:
    """Connected components of verified copies, as doc ids.

    Every document appears exactly once (singletons included); members are sorted and
    components are ordered by their smallest id, so the same input gives the same output.
    """
    return find_duplicates(docs, cfg, signatures).components
