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

Steps 1-4 only look inside one connected component of the pairs passed in (a small one
has all its pairs compared, not only the gated ones), so :func:`decide` over any union of
whole components gives the same stories as over the whole corpus: the streamed path hands
components to worker processes, and the crawl re-decides only the components its new
articles joined.
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
# Stored stories were decided by this version of compare/stories: bump it when their rules
# change, so a database's next run rebuilds instead of mixing old and new decisions.
DECISION_VERSION = 1
# Components (of the gated pairs) up to this size have every pair compared: 48 documents are
# 1,128 comparisons, ~0.2 s; the stories of one case family and its copies are well below.
ALL_PAIRS_MAX = 48


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

    def __init__(self, records: Mapping[int, DocRecord], ids: Iterable[int]) -> None:
        wanted = sorted(set(ids))
        prepared = prepare([records[i].text for i in wanted])
        self.profiles: dict[int, Profile] = dict(zip(wanted, profiles(prepared), strict=True))
        self.cache: dict[Pair, Judgment] = {}
        self.computed = 0

    def __call__(self, a: int, b: int) -> Judgment:
        key = (a, b) if a < b else (b, a)
        found = self.cache.get(key)
        if found is None:
            first, second = self.profiles[key[0]], self.profiles[key[1]]
            # Compared in an order set by the texts, not the ids (row numbers, arrival).
            if (len(second.text), second.text) < (len(first.text), first.text):
                found = compare(second, first).judgment
                found = Judgment(found.verdict, found.shared, found.len_b, found.len_a)
            else:
                found = compare(first, second).judgment
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


def _judged_pairs(component: list[int], gated: list[Pair]) -> list[Pair]:
    """The pairs of a component to compare: all of them when it is small, so the stories
    depend on which documents are there and not on which of their pairs LSH proposed (a
    crawl and a rebuild can see different pairs of one bucket); the gated ones otherwise."""
    if len(component) <= ALL_PAIRS_MAX:
        return [(a, b) for k, a in enumerate(component) for b in component[k + 1 :]]
    return gated


def decide(records: Sequence[DocRecord], pairs: Iterable[Pair]) -> Decision:
    """Stories of ``records`` given the candidate ``pairs`` (doc ids) that passed the gate."""
    by_id = {r.id: r for r in records}
    if len(by_id) != len(records):
        raise ValueError("DocRecord ids must be unique within one decide() call")
    gated = sorted({(a, b) if a < b else (b, a) for a, b in pairs if a != b})
    components = _components(sorted(by_id), gated)
    gated_in: dict[int, list[Pair]] = {}
    label = {d: k for k, comp in enumerate(components) for d in comp}
    for p in gated:
        gated_in.setdefault(label[p[0]], []).append(p)
    judge = Judge(by_id, (d for comp in components if len(comp) > 1 for d in comp))
    neighbours: dict[int, set[int]] = {}
    copies: list[Pair] = []
    for k, comp in enumerate(components):
        for a, b in _judged_pairs(sorted(comp), gated_in.get(k, [])) if len(comp) > 1 else ():
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
    verdicts = [j.verdict for j in judge.cache.values()]
    stats = {
        "gated_pairs": len(gated),
        "comparisons": judge.computed,
        "copy_pairs": verdicts.count("copy"),
        "conflict_pairs": verdicts.count("conflict"),
        "stories": len(stories),
    }
    return Decision(stories, canonical, dict(judge.cache), stats)


def _canonical(members: list[DocRecord], neighbours: Mapping[int, set[int]], judge) -> int:
    if len(members) == 1:
        return members[0].id
    inside = {m.id for m in members}
    centrality = {
        m.id: sum(judge(m.id, n).containment for n in neighbours.get(m.id, ()) if n in inside)
        for m in members
    }
    return choose_canonical(members, centrality=centrality)
