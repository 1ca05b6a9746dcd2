"""The one decision path from candidate pairs to stories and their canonical articles.

Every caller -- ``dedupe.cluster`` (in memory), ``dedupe.jsonl`` (streamed, ``reprints
dedupe --input``), ``storage.clustering`` (``reprints dedupe --db``, a full rebuild) and
``storage.incremental`` (after a crawl) -- finds candidate pairs its own way (LSH over arrays,
over a file, or a join on stored band keys) and keeps the pairs that pass the shingle gate
(``dedupe.verify``).  Everything after that is :func:`decide`:

1. the gated pairs link documents into groups (connected components);
2. each group is split into stories around their cores (``dedupe.stories``), comparing
   (``dedupe.compare``: "copy", "conflict" or "apart") each document with the cores of the
   stories its candidates belong to, and with the members that could disagree with it;
3. each story's canonical article is chosen (``dedupe.canonical``).

Steps 1-3 only look inside one connected component of the pairs passed in, and the gated
pairs of a set of documents do not depend on how they were found (LSH buckets are read
whole, or star-and-chained the same way by every path; a crawl rebuilds when a bucket it
touches is crowded), so :func:`decide` over any union of whole components gives the same
stories as over the whole corpus: the streamed path hands components to worker processes,
and the crawl re-decides only the components its new articles joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from dedupe.align import prepare
from dedupe.canonical import Ranked, choose_canonical, evidence_key, is_publisher
from dedupe.compare import Judgment, Profile, compare, profiles
from dedupe.graph import connected_labels
from dedupe.overlap import Overlap
from dedupe.parts import first_part
from dedupe.prepared import kgram_hashes
from dedupe.records import DocRecord
from dedupe.stages import added_stages
from dedupe.stories import split_group, visit_order

Pair = tuple[int, int]
# Stored stories were decided by this version of compare/stories: bump it when their rules
# change, so a database's next run rebuilds instead of mixing old and new decisions.
DECISION_VERSION = 9  # 9: every member is offered again to later cores (stories)
# A pair where this share of the smaller text's k-grams lies in the larger is judged a copy
# without an alignment: nothing of the smaller text differs from the larger one, so there is
# no aligned place where their facts could disagree (a changed digit or name removes the k
# k-grams around it).  Measured with the full comparison on every pair it was asked for:
# storygen tuning seeds 1-60 (5,489 pairs), no pair at or above 0.957 was anything but a
# copy; on the 10k speed corpus (seed 1, 3,084 pairs) none above 0.891; 59 % of the speed
# corpus's comparisons and 33 % of the story worlds' lie at or above 0.98.
WHOLLY_INSIDE = 0.98
# Two publisher pages this many days apart or more can be two reports of one case at two
# stages (``Judge._later_report``); pages closer than that (one article stored twice, the
# pages of one article, a same-day reprint; a day's slack for time zones as in
# ``dedupe.stories``) are left to the two-sided stage test.  The stages of one case are
# weeks apart: the 143 recapping stage pairs of storygen's harder worlds 1-40 lie 25-160
# days apart (median 83).
LATER_REPORT_DAYS = 2.0

# Texts prepared in one call at most: a batch's cost per text stops falling well before
# this (0.10 ms a text at 400 against 0.17 ms one at a time, speed corpus texts), and its
# intermediate arrays (codepoints, normalised, prose sums) stay a few megabytes.
PREPARE_BATCH = 512


@dataclass
class Decision:
    """Stories as sorted doc ids (ordered by their smallest id), each doc's canonical, and
    every judgment made (keyed by ``(smaller id, larger id)``)."""

    stories: list[list[int]]
    canonical: dict[int, int]
    judgments: dict[Pair, Judgment] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)


class Judge:
    """Compares two documents by id once; a text is prepared only when a pair needs it.

    A pair one of whose texts lies wholly inside the other by k-grams (``WHOLLY_INSIDE``)
    is a copy read off the shingle sets (its shares of each text and Jaccard are the
    k-gram ones); every other pair is aligned (``dedupe.compare``).  Either way, two
    publisher pages days apart whose later one names a stage the earlier never does are
    two reports of one case, not a copy (``_later_report``).  The k-gram hashes of
    every text are computed in one batch up front (or handed in: ``grams``, the shingles
    signing hashed, the same k-grams when the shingle size is ``ANCHOR_SIZE``); the full
    preparation for alignment only
    for texts of a pair that gets aligned: on the speed corpus most documents (a copy wholly
    inside its original, a two-document group) are never aligned at all.  Whether a gated
    pair is wholly inside is read off the gate's counts when the caller hands them in
    (``counted``, measured on the same k-gram sets), so its sets are not sorted again."""

    def __init__(
        self,
        records: Mapping[int, DocRecord],
        ids: Iterable[int],
        containment: Mapping[Pair, float] | None = None,
        grams: Mapping[int, np.ndarray] | None = None,
        counted: Mapping[Pair, tuple[int, int, int]] | None = None,
    ) -> None:
        wanted = sorted(set(ids))
        self.records = records
        known = dict(grams or {})
        missing = [i for i in wanted if i not in known]
        known.update(zip(missing, kgram_hashes([records[i].text for i in missing]), strict=True))
        self.overlap = Overlap(known, containment, counted)
        self.profiles: dict[int, Profile] = {}
        self.cache: dict[Pair, Judgment] = {}
        self.computed = 0
        self.aligned = 0

    def _prepare(self, docs: Iterable[int]) -> None:
        """Alignment profiles of those of ``docs`` not prepared yet, as one batch."""
        missing = list(dict.fromkeys(d for d in docs if d not in self.profiles))
        for at in range(0, len(missing), PREPARE_BATCH):
            batch = missing[at : at + PREPARE_BATCH]
            grams = [self.overlap.grams[d] for d in batch]
            prepared = prepare([self.records[d].text for d in batch], grams=grams)
            self.profiles.update(zip(batch, profiles(prepared), strict=True))

    def prepare_aligned(self, pairs: Iterable[Pair]) -> None:
        """Prepare, as one batch, the texts of those ``pairs`` that are not wholly inside
        one another: pairs the caller knows it will judge.  A batch of texts costs less than
        half as much per text as one or two at a time (numpy's per-call cost)."""
        self._prepare(
            d for a, b in pairs if self._inside(min(a, b), max(a, b)) is None for d in (a, b)
        )

    def _profiles(self, a: int, b: int) -> tuple[Profile, Profile]:
        """The alignment profiles of ``a`` and ``b``, prepared on first use."""
        self._prepare((a, b))
        return self.profiles[a], self.profiles[b]

    def prepared_text(self, d: int) -> str:
        """The text of ``d`` as the alignment reads it (prepared on first use)."""
        return self._profiles(d, d)[0].text

    def _inside(self, a: int, b: int) -> Judgment | None:
        shared, size_a, size_b = self.overlap.sizes(a, b)
        small = min(size_a, size_b)
        if small == 0:
            return None
        if shared < WHOLLY_INSIDE * small:
            return None
        union = size_a + size_b - shared
        return Judgment("copy", shared / size_a, shared / size_b, shared / union)

    def __call__(self, a: int, b: int) -> Judgment:
        key = (a, b) if a < b else (b, a)
        found = self.cache.get(key)
        if found is None:
            found = self._inside(*key) or self._aligned(*key)
            if found.verdict == "copy" and self._later_report(*key):
                found = Judgment("conflict", found.cover_a, found.cover_b, found.jaccard)
            self.cache[key] = found
            self.computed += 1
        return found

    def _aligned(self, a: int, b: int) -> Judgment:
        self.aligned += 1
        first, second = self._profiles(a, b)
        # Compared in an order set by the texts, not the ids (row numbers, arrival).
        if (len(second.text), second.text) < (len(first.text), first.text):
            return compare(second, first).judgment.swapped()
        return compare(first, second).judgment

    def _later_report(self, a: int, b: int) -> bool:
        """Both pages are on publisher sites, and the later one adds a stage the earlier
        one never names (``dedupe.stages.added_stages``): two reports of one case."""
        ra, rb = self.records[a], self.records[b]
        if not (is_publisher(ra) and is_publisher(rb)):
            return False
        if ra.published_at is None or rb.published_at is None:
            return False
        try:
            days = (rb.published_at - ra.published_at).total_seconds() / 86400
        except TypeError:  # one aware, one naive datetime
            return False
        if abs(days) < LATER_REPORT_DAYS:
            return False
        later, earlier = (b, a) if days > 0 else (a, b)
        return bool(added_stages(*self._profiles(later, earlier)))


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
    containment: Mapping[Pair, float] | None = None,
    grams: Mapping[int, np.ndarray] | None = None,
    counted: Mapping[Pair, tuple[int, int, int]] | None = None,
) -> Decision:
    """Stories of ``records`` given the candidate ``pairs`` (doc ids) that passed the gate.

    ``containment`` holds the gate's shingle containment of those pairs, keyed ``(smaller
    id, larger id)`` (every caller measured it to gate them); what is missing is measured
    here the same way.  ``grams`` may hold the k-gram hashes of some texts (``Judge``), and
    ``counted`` the gate's ``(|A∩B|, |A|, |B|)`` of pairs measured on those same k-gram
    sets (``Overlap``), so a pair wholly inside the other needs no set sorted again.
    """
    by_id = {r.id: r for r in records}
    if len(by_id) != len(records):
        raise ValueError("DocRecord ids must be unique within one decide() call")
    gated = sorted({(a, b) if a < b else (b, a) for a, b in pairs if a != b})
    components = _components(sorted(by_id), gated)
    grouped = (d for comp in components if len(comp) > 1 for d in comp)
    judge = Judge(by_id, grouped, containment, grams, counted)
    overlap = judge.overlap
    neighbours: dict[int, set[int]] = {}
    for a, b in gated:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    members_of_group = [[by_id[d] for d in sorted(group)] for group in components]
    orders = [
        visit_order(members, neighbours, overlap) if len(members) > 1 else []
        for members in members_of_group
    ]
    judge.prepare_aligned(_first_core_pairs(orders))
    stories: list[list[int]] = []
    canonical: dict[int, int] = {}
    for group, members, order in zip(components, members_of_group, orders, strict=True):
        parts = split_group(members, neighbours, judge, overlap, order) if order else [group]
        for story in parts:
            members_of = [by_id[d] for d in story]
            if len(parts) == 1 and order:
                canon = _first_ranked(order)  # the story is the group: ranked already
            else:
                canon = _canonical(members_of, neighbours, overlap)
            if len(story) > 2:
                canon = first_part(canon, members_of, judge, judge.prepared_text)
            canonical.update(dict.fromkeys(story, canon))
            stories.append(sorted(story))
    stories.sort()
    verdicts = [j.verdict for j in judge.cache.values()]
    stats = {
        "gated_pairs": len(gated),
        "comparisons": judge.computed,
        "alignments": judge.aligned,
        "copy_pairs": verdicts.count("copy"),
        "conflict_pairs": verdicts.count("conflict"),
        "stories": len(stories),
    }
    return Decision(stories, canonical, dict(judge.cache), stats)


def _first_core_pairs(orders: Iterable[Sequence]) -> Iterator[Pair]:
    """Each group's first core (``visit_order``) with every other member: the pairs the
    split judges first.  On the speed corpus (15k, seed 1) 1,904 of 1,953 alignments were
    such a pair, and preparing their texts as one batch instead of one or two at a time
    costs less than half as much per text (numpy's per-call cost, a cold normalisation
    table).  A group of two is decided by judging its one pair, nothing else."""
    for order in orders:
        for r in order[1:]:
            yield order[0].id, r.id


def _first_ranked(order: Sequence[Ranked]) -> int:
    """``choose_canonical`` of a group that is one story, read off its ``visit_order``: the
    same ranking over the same centrality (every gated neighbour of a member is in its
    group), whose ties ``choose_canonical`` breaks by the smaller id."""
    best = evidence_key(order[0])
    return min(r.id for r in order if evidence_key(r) == best)


def _canonical(members: list[DocRecord], neighbours: Mapping[int, set[int]], overlap) -> int:
    if len(members) == 1:
        return members[0].id
    inside = {m.id for m in members}
    centrality = {
        m.id: sum(overlap.containment(m.id, n) for n in neighbours.get(m.id, ()) if n in inside)
        for m in members
    }
    return choose_canonical(members, centrality=centrality)
