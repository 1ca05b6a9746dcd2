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
from dedupe.parts import Judge, rejoin_parts
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

# A newcomer held from this share up is held whole by a core: above it the shares two cores
# hold differ by how the prose is weighed (a title line, a punctuation mark), not by text of
# the newcomer's own.  Fresh genweb seed 603625406610: a copy of the four boilerplate
# paragraphs two stories share was held 1.0 by one core, 0.98 by its own story's core.
HELD_WHOLE = 0.95
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
        best, _ = _best_story(doc, offered, stories, judge, publisher, overlap, by_id)
        if best < 0 and len(offered) < len(stories):
            # No story it is linked to takes it: its link into the group may run through
            # a copy of a sibling (a farm's chrome kept its pair with its own original
            # below the shingle gate), so the group's other cores are asked as well.
            others = [k for k in range(len(stories)) if k not in offered]
            best, _ = _best_story(doc, others, stories, judge, publisher, overlap, by_id)
        if best < 0:
            best = len(stories)
            stories.append([])
        story_of[doc] = best
        stories[best].append(doc)
    if len(stories) > 1:
        _offer_again(stories, story_of, neighbours, judge, publisher, overlap, by_id)
    return rejoin_parts(stories, story_of, neighbours, judge)


def _offer_again(
    stories: list[list[int]],
    story_of: dict[int, int],
    neighbours: Mapping[int, set[int]],
    judge: Judge,
    publisher: set[int],
    overlap: Overlap,
    by_id: Mapping[int, DocRecord],
) -> None:
    """Members are offered once more to the stories whose cores came after them, and move
    where they fit better (``_best_story``'s key: first the share of them a core holds).

    Why: members are visited best-first, and a farm copy that kept only the background two
    stories share (statute paragraphs, a standard closing) can rank before its own story's
    core (dated earlier than its original by a back-dating farm), so it joined the only
    story there was.  Fresh genweb seed 603625406610: such a copy sat in a sibling story
    whose original was published two months after it.  Not only members held whole: on
    fresh genweb seed 183131982854 a copy that B's original held 72.5 % of (the shared
    paragraphs) stayed in B although A's core, coming later, held all of it.
    """
    for k, story in enumerate(stories):
        for doc in list(story[1:]):
            others = sorted({story_of[n] for n in neighbours.get(doc, ()) if n in story_of} - {k})
            if not others:
                continue
            here = judge(doc, story[0])
            best, key = _best_story(doc, others, stories, judge, publisher, overlap, by_id)
            if best >= 0 and key > _story_key(doc, story[0], here, by_id):
                story.remove(doc)
                stories[best].append(doc)
                story_of[doc] = best


def _best_story(
    doc: int,
    candidates: Sequence[int],
    stories: list[list[int]],
    judge: Judge,
    publisher: set[int],
    overlap: Overlap,
    by_id: Mapping[int, DocRecord],
) -> tuple[int, tuple[float, float, float] | None]:
    """The index of the story among ``candidates`` that ``doc`` joins (-1: none) and its key.

    The core that holds most of the newcomer's text (a copy that kept only the background
    two stages share is inside both, but its own detail paragraph is only inside its own
    story), then the story published last before it, then the closest text."""
    best_key: tuple[float, float, float] | None = None
    best = -1
    for k in candidates:
        verdict = _joins(doc, stories[k], judge, publisher, overlap)
        if verdict is None:
            continue
        key = _story_key(doc, stories[k][0], verdict, by_id)
        if best_key is None or key > best_key:
            best_key, best = key, k
    return best, best_key


def _story_key(
    doc: int, core: int, verdict: Judgment, by_id: Mapping[int, DocRecord]
) -> tuple[float, float, float]:
    """How well a story fits a newcomer its core judged a copy (larger fits better): the
    share of it the core holds, where any share from ``HELD_WHOLE`` up is the same (whole),
    then the date, then the closest text."""
    return (
        min(round(verdict.covered(doc < core), 2), HELD_WHOLE),
        _recency(by_id[doc], by_id[core]),
        verdict.jaccard,
    )
