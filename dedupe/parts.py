"""Parts of one article stored as separate stories, joined back; and which part leads.

Why apart from stories.py: stories.py splits a group of linked documents around its cores;
this is the one repair after that split, for an article the crawl stored in parts (a copy
that kept only its second half visited before the full copies, or pages of one article
stored one by one), and the choice of the part that leads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from dedupe.canonical import is_publisher
from dedupe.compare import Judgment
from dedupe.records import DocRecord

Judge = Callable[[int, int], Judgment]

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
    rejoined (``rejoin_parts``) the later page, held whole by more copies, can rank above
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


def _disagree(cores: Judgment) -> bool:
    """Whether two cores conflict at places they share (``PARTS_SHARED_MAX``)."""
    return cores.verdict == "conflict" and cores.containment >= PARTS_SHARED_MAX


def rejoin_parts(
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
