"""Cluster copies of one story: shingle -> sign -> band -> verify -> union-find.

Each stage is a function of arrays, so a caller that already has signatures (the storage
layer keeps them) passes them in: then only the documents that appear in a candidate pair
are shingled again (for exact verification), usually a small share of a crawl.

Memory for n documents of L characters: signatures 8*num_perm bytes each, band keys
8*bands bytes each, O(pairs) for candidates, and shingle arrays of ~8*L bytes for every
document being signed (or, with stored signatures, for every candidate document).  At a
million documents the signatures (1 GB) and keys fit; the shingle arrays (~12 GB) are the
part to stream: sign in chunks and persist, then cluster from stored signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from dedupe.config import DedupeConfig
from dedupe.lsh import band_keys, candidate_pairs
from dedupe.minhash import EMPTY_VALUE
from dedupe.minhash import signatures as compute_signatures
from dedupe.records import DocRecord
from dedupe.shingle import doc_shingles, shingle_all
from dedupe.verify import Verified, verify_pairs


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by smaller root index.

    Linking the larger root under the smaller one makes every root the smallest index of its
    set, so the result does not depend on the order in which edges arrive.
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb

    def groups(self) -> list[list[int]]:
        """Sets as sorted index lists, ordered by their smallest index."""
        by_root: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            by_root.setdefault(self.find(x), []).append(x)
        return list(by_root.values())


class _LazyShingles:
    """Shingle arrays computed on first access (for candidates of stored signatures)."""

    def __init__(self, docs: Sequence[DocRecord], k: int) -> None:
        self.docs, self.k = docs, k
        self.cache: dict[int, np.ndarray] = {}

    def __getitem__(self, i: int) -> np.ndarray:
        if i not in self.cache:
            self.cache[i] = doc_shingles(self.docs[i].text, self.k)
        return self.cache[i]

    def __len__(self) -> int:
        return len(self.docs)


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
    shingles: Sequence[np.ndarray]
    if signatures is None:
        shingles = shingle_all((d.text for d in docs), cfg.shingle_size)
        signatures = compute_signatures(shingles, cfg)
    elif signatures.shape != (n, cfg.num_perm):
        raise ValueError(
            f"signatures must have shape ({n}, {cfg.num_perm}), got {signatures.shape}"
        )
    else:
        shingles = _LazyShingles(docs, cfg.shingle_size)
    valid = ~np.all(signatures == EMPTY_VALUE, axis=1)
    pairs = candidate_pairs(band_keys(signatures, cfg), cfg.max_bucket_size, valid)
    verified = verify_pairs(pairs, shingles, cfg)
    uf = UnionFind(n)
    for i, j in verified.edges.tolist():
        uf.union(i, j)
    components = sorted(sorted(docs[i].id for i in group) for group in uf.groups())
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
