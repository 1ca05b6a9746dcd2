"""Stable cluster ids across re-runs, and what changed.

Each run re-clusters the articles from scratch (cheap: signatures are stored), but a
cluster the user has seen must keep its id: a component whose members already belonged to
a cluster keeps that id; a new component takes its smallest member id.  When a previous
cluster split, the component holding most of its old members keeps the id; when
components merged, the merged one keeps the id most of its members had (ties: smallest).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field


def assign_cluster_ids(
    components: list[list[int]],
    previous: Mapping[int, int | None],
    in_use: Collection[int] = (),
    floor: int = 0,
) -> dict[int, int]:
    """Map every doc id in ``components`` to a cluster id.

    ``previous`` maps doc ids to the cluster id they had (None or absent: never clustered).
    Every component gets a distinct id.  Claims on old ids are settled largest claim first
    (most members carrying the id, then smallest component); a component that loses or has
    no claim gets its smallest member id not already taken, else the smallest free id
    above every id in use and above ``floor``.  ``in_use`` are ids held by clusters outside
    ``components`` (a crawl re-decides only the stories its new articles touched).
    """
    claims: list[tuple[int, int, int, int]] = []  # (-members carrying id, min member, id, k)
    for k, comp in enumerate(components):
        counts = Counter(previous[d] for d in comp if previous.get(d) is not None)
        for old_id, n in counts.items():
            claims.append((-n, min(comp), old_id, k))
    claims.sort()
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, old_id, k in claims:
        if k not in chosen and old_id not in taken:
            chosen[k] = old_id
            taken.add(old_id)
    # Old ids that a split left behind stay reserved, so they are never reused for a
    # different story.
    reserved = taken | {c for c in previous.values() if c is not None} | set(in_use)
    next_free = max(reserved | {d for comp in components for d in comp} | {floor}) + 1
    for k, comp in sorted(enumerate(components), key=lambda kc: min(kc[1], default=0)):
        if k in chosen or not comp:
            continue
        own = next((d for d in sorted(comp) if d not in reserved), None)
        if own is None:
            own, next_free = next_free, next_free + 1
        chosen[k] = own
        reserved.add(own)
    return {d: chosen[k] for k, comp in enumerate(components) for d in comp}


@dataclass
class ClusterChanges:
    """What a re-run changed, by cluster id."""

    new: list[int] = field(default_factory=list)  # ids that did not exist before
    grown: dict[int, list[int]] = field(default_factory=dict)  # id -> doc ids added to it
    merged: dict[int, list[int]] = field(default_factory=dict)  # id -> old ids absorbed
    unchanged: list[int] = field(default_factory=list)


def summarise_changes(
    assignment: Mapping[int, int], previous: Mapping[int, int | None]
) -> ClusterChanges:
    """Compare a new ``assignment`` (doc -> cluster id) with ``previous`` (doc -> old id)."""
    old_ids = {c for c in previous.values() if c is not None}
    members: dict[int, list[int]] = {}
    for doc, cid in assignment.items():
        members.setdefault(cid, []).append(doc)
    changes = ClusterChanges()
    for cid in sorted(members):
        docs = sorted(members[cid])
        if cid not in old_ids:
            changes.new.append(cid)
            continue
        added = [d for d in docs if previous.get(d) != cid]
        absorbed = sorted({previous[d] for d in added if previous.get(d) is not None} - {cid})
        if added:
            changes.grown[cid] = added
        if absorbed:
            changes.merged[cid] = absorbed
        if not added:
            changes.unchanged.append(cid)
    return changes
