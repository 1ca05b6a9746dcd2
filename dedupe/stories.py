"""Stories, not connected components: split a group of linked documents around its cores.

Connected components of candidate pairs merge two stories as soon as one document looks
like a copy of both (a trimmed copy of one sibling that shares the background of the other:
A~B, B~C => A, B, C).  Here a group (a connected component of the pairs that passed the
shingle gate) is split so that:

* its members are visited best-first by the canonical ranking (``dedupe.canonical``: a
  publisher's page, the credited outlet, the earliest credible date, the most central copy,
  the longest text), so the core of a story is the document that would stand for it;
* a document joins a story only if the story's core judges it a copy and the story's
  members do not disagree (``dedupe.compare``: other numbers, names, stages; see
  ``_joins``); among several such stories it joins the most similar core;
* otherwise it becomes the core of a new story.

The result is a function of the group's documents and its gated pairs alone (their texts,
metadata and ids), never of the order they arrived in, so a crawl adding documents one
batch at a time ends with the partition a rebuild from scratch gives.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from dedupe.canonical import Ranked, evidence_key, rank_members
from dedupe.compare import Judgment
from dedupe.overlap import Overlap
from dedupe.records import DocRecord

# Members (after the core) a newcomer is checked against for conflicts: enough to see
# whether a story's majority disagrees, bounded so a 1,000-copy story costs 1,000 x 8
# checks, not 1,000**2.
MEMBERS_CHECKED = 8
# Two copies of one core can only disagree in text the core does not hold, so a member is
# compared with a newcomer (a full alignment) only when
# * the core does not hold the newcomer nearly whole, nor the member: measured on
#   tests/storygen families 1-199 (841 farm-only groups of two sibling stories' copies
#   with a copy that kept only the paragraphs the siblings share), the share of a copy
#   that such a bridging core holds is 0.27-0.67 (5th-95th percentile, median 0.41); a
#   farm copy's own additions (commentary, ads, a related-stories list) leave more of it
#   outside its original, down to ~0.7 on the speed corpus's chrome-heavy copies;
# * and the two share at least ``VOTE_SHARED`` k-grams the core lacks (a sentence or two:
#   their own leads and details, written from one frame).
# A member that fails either test cannot disagree with the newcomer and votes with the core.
VOTE_COVER = 0.75
VOTE_SHARED = 40

# A story split in two by the order its members were visited (a copy that kept only the
# second half of an article came before the full copies that would have led it to the
# original's story; or the original's stored page lost the text the copy kept) is joined
# back when one member holds both cores at least this share of their prose, and neither
# core nor that member conflicts with the other.  Measured on genweb crawls (tuning seeds
# 1-2): a full farm copy holds a truncated original 0.91 (its one comment line is the
# rest) and a lead-trimmed copy 0.95-1.0; a copy that kept only what two sibling stories
# share cannot hold the other sibling's core: its own facts lie outside.
CORES_HELD = 0.85
# Two such cores are parts of one article when they share less than this share of either
# one: their alignment is then a few stray characters, and the "conflict" it reports (a
# stage word of the lead against one in the closing paragraph) compares different places.
# Measured: two parts of one article share 0.02-0.10 (genweb seed 1, storygen seeds 3,
# 11, 29 in tests/test_dedupe_rejoin.py); sibling originals share 0.5-0.76 (issue 13).
PARTS_SHARED_MAX = 0.3

# Characters of a part's (normalised) opening searched for in a copy holding it: enough to
# be unique within one article (a lead sentence runs 40-80).
LEAD_CHARS = 16

Judge = Callable[[int, int], Judgment]
# A copy dated up to a day before its original is still taken as after it (time zones).
RECENCY_SLACK_DAYS = 1.0


def _joins(
    doc: int, story: list[int], judge: Judge, publisher: set[int], overlap: Overlap
) -> Judgment | None:
    """The core's judgment of ``doc`` if ``doc`` may join ``story``, else None.

    A publisher's page as core is the story as its newsroom wrote it: a newcomer it judges a
    copy joins, unless another publisher page in the story conflicts with it (two copies
    may conflict over their own ads).  A farm page as core may be a copy that bridges two
    stories (it kept only the background they share), so the story's members vote: the
    newcomer stays out when as many of them conflict with it as agree (the core's agreement
    counts as one).  A member that shares nothing beyond the core with the newcomer agrees.
    """
    core = story[0]
    verdict = judge(doc, core)
    if verdict.verdict != "copy":
        return None
    checked = story[1 : 1 + MEMBERS_CHECKED]
    if core in publisher:
        checked = [m for m in checked if m in publisher]
        if any(judge(doc, m).verdict == "conflict" for m in checked):
            return None
        return verdict
    if verdict.covered(doc < core) >= VOTE_COVER:
        return verdict  # the core holds the newcomer: nothing of it lies beyond the core
    asked = [
        m
        for m in checked
        if judge(m, core).covered(m < core) < VOTE_COVER
        and overlap.shared_beyond(doc, m, core) >= VOTE_SHARED
    ]
    conflicts, agree = 0, len(checked) - len(asked)
    for k, m in enumerate(asked):
        if conflicts + len(asked) - k < 1 + agree:
            break  # the rest cannot outvote the agreement any more
        vote = judge(doc, m).verdict
        conflicts += vote == "conflict"
        agree += vote == "copy"
    return None if conflicts >= 1 + agree else verdict


def _recency(doc: DocRecord, core: DocRecord) -> float:
    """How well ``core``'s date fits as the original of ``doc``: a copy appears after its
    original, so the latest core not after the copy (a day's slack for time zones) fits
    best; a core dated after the copy, or an unknown date, fits worst."""
    if doc.published_at is None or core.published_at is None:
        return -math.inf
    try:
        days = (doc.published_at - core.published_at).total_seconds() / 86400
    except TypeError:  # one aware, one naive datetime
        return -math.inf
    return -days if days >= -RECENCY_SLACK_DAYS else -math.inf


def _tie_broken(ranked: Sequence, texts: Mapping[int, str]) -> Callable:
    """Sort key: the evidence, then -- among members with equal evidence -- the text, not
    the id (a row number of an input file, arrival order in a crawl), so the partition does
    not depend on the order of the input.  A text is hashed only when its evidence ties
    with another member's: most members' evidence differs (dates, centrality, lengths)."""
    keys = {r.id: evidence_key(r) for r in ranked}
    tied = Counter(keys.values())
    digest = {
        d: hashlib.sha1(texts[d].encode("utf-8")).digest() if tied[key] > 1 else b""
        for d, key in keys.items()
    }
    return lambda r: (keys[r.id], digest[r.id], r.id)


def visit_order(
    members: Sequence[DocRecord], neighbours: Mapping[int, set[int]], overlap: Overlap
) -> list[Ranked]:
    """The members of a group best-first, as ``split_group`` visits them: the canonical
    ranking (centrality among the group's gated pairs), ties broken by the text.  Its first
    member is the first core, the one most members are judged against (``dedupe.decide``
    prepares those pairs' texts as one batch before the group is split)."""
    centrality = {
        m.id: sum(overlap.containment(m.id, other) for other in neighbours.get(m.id, ()))
        for m in members
    }
    ranked = rank_members(members, centrality=centrality)
    ranked.sort(key=_tie_broken(ranked, {m.id: m.text for m in members}))
    return ranked


def split_group(
    members: Sequence[DocRecord],
    neighbours: Mapping[int, set[int]],
    judge: Judge,
    overlap: Overlap,
    order: Sequence[Ranked] | None = None,
) -> list[list[int]]:
    """Stories of one group, each a list of doc ids with its core first.

    ``neighbours`` maps each member id to the members it formed a gated candidate pair with;
    a document is only offered to stories that hold one of them (its core is then judged
    even when the two were never candidates).  ``judge(i, j)`` returns the comparison of two
    member ids (symmetric, cached by the caller); ``overlap`` their shingle overlap.
    ``order`` is the group's ``visit_order`` when the caller computed it already.
    """
    ranked = visit_order(members, neighbours, overlap) if order is None else order
    publisher = {r.id for r in ranked if r.publisher}
    order = [r.id for r in ranked]
    by_id = {m.id: m for m in members}
    stories: list[list[int]] = []
    story_of: dict[int, int] = {}
    for doc in order:
        offered = sorted({story_of[n] for n in neighbours.get(doc, ()) if n in story_of})
        best = _best_story(doc, offered, stories, judge, publisher, overlap, by_id)
        if best < 0 and len(offered) < len(stories):
            # No story it is linked to takes it: its link into the group may run through
            # a copy of a sibling (a farm's chrome kept its pair with its own original
            # below the shingle gate), so the group's other cores are asked as well.
            others = [k for k in range(len(stories)) if k not in offered]
            best = _best_story(doc, others, stories, judge, publisher, overlap, by_id)
        if best < 0:
            best = len(stories)
            stories.append([])
        story_of[doc] = best
        stories[best].append(doc)
    return _rejoin_parts(stories, story_of, neighbours, judge)


def _best_story(
    doc: int,
    candidates: Sequence[int],
    stories: list[list[int]],
    judge: Judge,
    publisher: set[int],
    overlap: Overlap,
    by_id: Mapping[int, DocRecord],
) -> int:
    """The index of the story among ``candidates`` that ``doc`` joins, or -1.

    The core that holds most of the newcomer's text (a copy that kept only the background
    two stages share is inside both, but its own detail paragraph is only inside its own
    story), then the story published last before it, then the closest text."""
    best_key: tuple[float, float, float] | None = None
    best = -1
    for k in candidates:
        verdict = _joins(doc, stories[k], judge, publisher, overlap)
        if verdict is None:
            continue
        core = stories[k][0]
        key = (
            round(verdict.covered(doc < core), 2),
            _recency(by_id[doc], by_id[core]),
            verdict.jaccard,
        )
        if best_key is None or key > best_key:
            best_key, best = key, k
    return best


def _holds(judge: Judge, doc: int, core: int) -> bool:
    """Whether ``doc`` is a copy of ``core`` that holds nearly all of ``core``'s prose."""
    if doc == core:
        return True
    verdict = judge(doc, core)
    return verdict.verdict == "copy" and verdict.covered(core < doc) >= CORES_HELD


def first_part(
    canon: int,
    story: Sequence[DocRecord],
    judge: Judge,
    text_of: Callable[[int], str],
) -> int:
    """The page that leads the article when the story's canonical is one of its parts.

    An article paginated across pages whose links the crawl did not follow as one is
    stored as separate articles of its publisher, one per page, all of one date; once
    rejoined (``_rejoin_parts``) the later page, held whole by more copies, can rank above
    the first.  The first page is the one whose opening comes first in a copy that carries
    both openings: ``canon`` is replaced by a same-source, same-day page of the story whose
    opening it lacks and that precedes it there."""
    by_id = {m.id: m for m in story}
    lead = by_id[canon]
    if not is_publisher(lead) or lead.published_at is None:
        return canon
    parts = [
        m.id
        for m in story
        if m.id != canon
        and is_publisher(m)
        and m.source == lead.source
        and m.published_at is not None
        and m.published_at.date() == lead.published_at.date()
    ]
    best = canon
    for part in parts:
        opening, later = text_of(part)[:LEAD_CHARS], text_of(best)[:LEAD_CHARS]
        if opening in text_of(best):
            continue  # not a part of its own: the same page again, or a lead inside it
        for holder in story:
            text = text_of(holder.id)
            at_part, at_best = text.find(opening), text.find(later)
            if holder.id not in (part, best) and 0 <= at_part < at_best:
                best = part
                break
    return best


def is_publisher(member: DocRecord) -> bool:
    return member.role.strip().casefold() == "publisher"


def _disagree(cores: Judgment) -> bool:
    """Whether two cores conflict at places they share (``PARTS_SHARED_MAX``)."""
    return cores.verdict == "conflict" and cores.containment >= PARTS_SHARED_MAX


def _rejoin_parts(
    stories: list[list[int]],
    story_of: Mapping[int, int],
    neighbours: Mapping[int, set[int]],
    judge: Judge,
) -> list[list[int]]:
    """Stories joined back in pairs where one member holds both cores (``CORES_HELD``) and
    the two cores do not conflict.  A story that could join more than one other is a
    bridge (a fragment both siblings hold) and joins none: only one-to-one links merge,
    into the story whose core ranks first."""
    if len(stories) < 2:
        return stories
    links: set[tuple[int, int]] = set()
    for k, story in enumerate(stories):
        for doc in story:
            other = {story_of[n] for n in neighbours.get(doc, ()) if n in story_of} - {k}
            if not other or not _holds(judge, doc, story[0]):
                continue
            for j in other:
                core, mine = stories[j][0], story[0]
                if _holds(judge, doc, core) and not _disagree(judge(core, mine)):
                    links.add((min(j, k), max(j, k)))
    degree: dict[int, int] = {}
    for a, b in links:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    merged = {b: a for a, b in links if degree[a] == 1 and degree[b] == 1}
    for b, a in merged.items():
        stories[a].extend(stories[b])
    return [s for k, s in enumerate(stories) if k not in merged]
