"""Stories, not connected components: split a group of linked documents around its cores.

Connected components of "copy" verdicts merge two stories as soon as one document looks
like a copy of both (a trimmed copy of one sibling that shares the background of the other:
A~B, B~C => A, B, C).  Here a group (a component) is split so that:

* its members are visited best-first by the canonical ranking (``dedupe.canonical``: a
  publisher's page, the credited outlet, the earliest credible date, the most central copy,
  the longest text), so the core of a story is the document that would stand for it;
* a document joins a story only if the story's core judges it a copy and the story's
  members do not disagree (``dedupe.compare``: other numbers, names, stages; see
  ``_joins``); among several such stories it joins the most similar core;
* otherwise it becomes the core of a new story.

The result is a function of the group's documents alone (their texts, metadata and ids),
never of the order they arrived in, so a crawl adding documents one batch at a time ends
with the partition a rebuild from scratch gives.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence

from dedupe.canonical import evidence_key, rank_members
from dedupe.compare import Judgment
from dedupe.records import DocRecord

# Members (after the core) a newcomer is checked against for conflicts: enough to see
# whether a story's majority disagrees, bounded so a 1,000-copy story costs 1,000 x 8
# comparisons, not 1,000**2.
MEMBERS_CHECKED = 8

Judge = Callable[[int, int], Judgment]
# A copy dated up to a day before its original is still taken as after it (time zones).
RECENCY_SLACK_DAYS = 1.0


def _joins(doc: int, story: list[int], judge: Judge, publisher: set[int]) -> Judgment | None:
    """The core's judgment of ``doc`` if ``doc`` may join ``story``, else None.

    A publisher's page as core is the story as its newsroom wrote it: a newcomer it judges a
    copy joins, unless another publisher page in the story conflicts with it (two copies
    may conflict over their own ads).  A farm page as core may be a copy that bridges two
    stories, so the story's members vote: the newcomer stays out when as many of them
    conflict with it as agree (the core's agreement counts as one).
    """
    verdict = judge(doc, story[0])
    if verdict.verdict != "copy":
        return None
    checked = story[1 : 1 + MEMBERS_CHECKED]
    if story[0] in publisher:
        checked = [m for m in checked if m in publisher]
        if any(judge(doc, m).verdict == "conflict" for m in checked):
            return None
        return verdict
    votes = [judge(doc, m).verdict for m in checked]
    if votes.count("conflict") >= 1 + votes.count("copy"):
        return None
    return verdict


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


def split_group(
    members: Sequence[DocRecord],
    neighbours: Mapping[int, set[int]],
    judge: Judge,
) -> list[list[int]]:
    """Stories of one group, each a list of doc ids with its core first.

    ``neighbours`` maps each member id to the members it was judged a copy of as a candidate
    pair; a document is only offered to stories that hold one of them (its core is then
    judged even when the two were never candidates).  ``judge(i, j)`` returns the
    comparison of two member ids (symmetric, cached by the caller).
    """
    centrality = {
        m.id: sum(judge(m.id, other).containment for other in neighbours.get(m.id, ()))
        for m in members
    }
    ranked = rank_members(members, centrality=centrality)
    # Equal evidence is settled by the text, not by the ids (row numbers of an input file,
    # arrival order in a crawl), so the partition does not depend on the order of the input.
    digest = {m.id: hashlib.sha1(m.text.encode("utf-8")).digest() for m in members}
    ranked.sort(key=lambda r: (evidence_key(r), digest[r.id], r.id))
    order = [r.id for r in ranked]
    publisher = {r.id for r in ranked if r.publisher}
    by_id = {m.id: m for m in members}
    stories: list[list[int]] = []
    story_of: dict[int, int] = {}
    for doc in order:
        offered = sorted({story_of[n] for n in neighbours.get(doc, ()) if n in story_of})
        best_key: tuple[float, float] | None = None
        best = -1
        for k in offered:
            verdict = _joins(doc, stories[k], judge, publisher)
            if verdict is None:
                continue
            # The core that holds most of the newcomer's text (a copy that kept only the
            # background two stages share is inside both, but its own detail paragraph is
            # only inside its own story), then the story published last before it, then the
            # closest text.
            core = stories[k][0]
            key = (
                round(verdict.covered(doc < core), 2),
                _recency(by_id[doc], by_id[core]),
                verdict.jaccard,
            )
            if best_key is None or key > best_key:
                best_key, best = key, k
        if best < 0:
            best = len(stories)
            stories.append([])
        story_of[doc] = best
        stories[best].append(doc)
    return stories
