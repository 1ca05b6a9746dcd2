"""The one decision path from candidate pairs to stories and their canonical articles.

Every caller -- ``dedupe.cluster`` (in memory), ``dedupe.jsonl`` (streamed, ``reprints
dedupe --input``), ``storage.clustering`` (``reprints dedupe --db``, a full rebuild) and
``storage.incremental`` (after a crawl) -- finds candidate pairs its own way (LSH over arrays,
over a file, or a join on stored band keys) and keeps the pairs that pass the shingle gate
(``dedupe.verify``).  Everything after that is :func:`decide`:

1. each pair is compared (``dedupe.compare``): "copy", "conflict" or "apart";
2. the "copy" pairs link documents into groups (connected components);
3. each group is split into stories around their cores (``dedupe.stories``);
4. each story's canonical article is chosen (``dedupe.canonical``).

Steps 2-4 only look inside one group, and a group lies inside one component of the pairs
passed in, so :func:`decide` over any union of whole components gives the same stories as
over the whole corpus: the streamed path hands components to worker processes, and the
crawl re-decides only the components its new articles joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from dedupe.align import prepare
from dedupe.canonical import choose_canonical
from dedupe.compare import Judgment, Profile, compare, profiles
from dedupe.graph import connected_labels
from dedupe.records import DocRecord
from dedupe.stories import split_group

Pair = tuple[int, int]


@dataclass
class Decision:
    """Stories as sorted doc ids (ordered by their smallest id), each doc's canonical, and
    every judgment made (keyed by ``(smaller id, larger id)``)."""

    stories: list[list[int]]
    canonical: dict[int, int]
    judgments: dict[Pair, Judgment] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)


class Judge:
    """Compares two documents by id once, preparing their texts in one batch up front."""

    def __init__(
        self,
        records: Mapping[int, DocRecord],
        ids: Iterable[int],
        known: Mapping[Pair, Judgment] | None = None,
    ) -> None:
        wanted = sorted(set(ids))
        prepared = prepare([records[i].text for i in wanted])
        self.profiles: dict[int, Profile] = dict(zip(wanted, profiles(prepared), strict=True))
        self.cache: dict[Pair, Judgment] = dict(known or {})
        self.computed = 0

    def __call__(self, a: int, b: int) -> Judgment:
        key = (a, b) if a < b else (b, a)
        found = self.cache.get(key)
        if found is None:
            found = compare(self.profiles[key[0]], self.profiles[key[1]]).judgment
            self.cache[key] = found
            self.computed += 1
        return found


def _components(ids: list[int], edges: list[Pair]) -> list[list[int]]:
    index = {d: k for k, d in enumerate(ids)}
    arr = np.array([(index[a], index[b]) for a, b in edges], dtype=np.int64).reshape(-1, 2)
    labels = connected_labels(len(ids), arr)
    groups: dict[int, list[int]] = {}
    for k, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(ids[k])
    return list(groups.values())


def decide(
    records: Sequence[DocRecord],
    pairs: Iterable[Pair],
    known: Mapping[Pair, Judgment] | None = None,
) -> Decision:
    """Stories of ``records`` given the candidate ``pairs`` (doc ids) that passed the gate.

    ``known`` holds judgments already made for some pairs (storage keeps them), which are
    then not recomputed; they must come from the same comparison, so the answer does not
    depend on whether they are given.
    """
    by_id = {r.id: r for r in records}
    if len(by_id) != len(records):
        raise ValueError("DocRecord ids must be unique within one decide() call")
    pairs = sorted({(a, b) if a < b else (b, a) for a, b in pairs if a != b})
    judge = Judge(by_id, (d for p in pairs for d in p), known)
    neighbours: dict[int, set[int]] = {}
    copies = []
    for a, b in pairs:
        if judge(a, b).verdict == "copy":
            copies.append((a, b))
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)
    stories: list[list[int]] = []
    canonical: dict[int, int] = {}
    for group in _components(sorted(by_id), copies):
        parts = (
            split_group([by_id[d] for d in group], neighbours, judge) if len(group) > 1 else [group]
        )
        for story in parts:
            canon = _canonical([by_id[d] for d in story], neighbours, judge)
            canonical.update(dict.fromkeys(story, canon))
            stories.append(sorted(story))
    stories.sort()
    judged = {p: judge.cache[p] for p in pairs}
    stats = {
        "pairs": len(pairs),
        "copy_pairs": len(copies),
        "conflict_pairs": sum(j.verdict == "conflict" for j in judged.values()),
        "comparisons": judge.computed,
        "stories": len(stories),
    }
    return Decision(stories, canonical, judged, stats)


def _canonical(members: list[DocRecord], neighbours: Mapping[int, set[int]], judge) -> int:
    if len(members) == 1:
        return members[0].id
    inside = {m.id for m in members}
    centrality = {
        m.id: sum(judge(m.id, n).containment for n in neighbours.get(m.id, ()) if n in inside)
        for m in members
    }
    return choose_canonical(members, centrality=centrality)
