"""The class the previous round missed (issue 13, tuning seeds 253 and 269): an original
that repeats a paragraph, copied with paragraphs split, re-joined or reordered, must join
its own story and stay apart from its sibling.

Instances are built, not picked: for each sibling pair of ``tests.storygen`` families
(stages and scheme), the original repeats one of its paragraphs either as a paragraph of
its own further down or inside a longer paragraph, and its farm copy splits the longest
paragraph and re-joins two others, moves a paragraph, or both.  A repeated paragraph is
no unique anchor: the copy may hold its text once, twice, or cut across a paragraph end.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest

from dedupe.cluster import find_duplicates
from dedupe.config import DedupeConfig
from dedupe.records import DocRecord
from tests.storygen import Story, generate
from tests.storygen.copies import _split_join

REPEATS = ("own_paragraph", "inside_paragraph")
COPY_EDITS = ("split_join", "move", "split_at_repeat", "split_at_repeat+move")


def _sibling_pairs(seeds: range) -> list[tuple[Story, Story]]:
    pairs = []
    for seed in seeds:
        world = generate(seed)
        for ids in world.families().values():
            stories = [world.story(i) for i in ids]
            if len(stories) >= 2 and stories[0].on_topic and len(stories[0].paragraphs) >= 5:
                pairs.append((stories[0], stories[1]))
    return pairs


def _repeating(story: Story, how: str, rng: random.Random) -> tuple[Story, str]:
    """``story`` with one paragraph repeated (``how``: as its own paragraph, or at the start
    or end of another one, before or after it), as a newsroom restates a finding or a
    statute; and the repeated text."""
    paras = list(story.paragraphs)
    j = rng.randrange(1, len(paras) - 1)
    repeated = paras[j]
    if how == "own_paragraph":
        paras.insert(rng.randrange(j + 2, len(paras) + 1), repeated)
    else:
        k = rng.choice([i for i in range(len(paras)) if abs(i - j) > 1 or i == j - 1])
        paras[k] = repeated + paras[k] if rng.random() < 0.5 else paras[k] + repeated
    return replace(story, paragraphs=tuple(paras)), repeated


def _split_at_repeat(paras: list[str], repeated: str, rng: random.Random) -> list[str]:
    """Re-paragraphed around the repeat, as a farm's editor does: the paragraph holding the
    repeated text as part of it is split there, and the repeated text that stood alone is
    joined to a neighbour -- the copy's lone paragraph is now the other occurrence."""
    holder = next((i for i, p in enumerate(paras) if repeated in p and p != repeated), None)
    if holder is not None:
        rest = paras[holder].replace(repeated, "", 1)
        first = paras[holder].startswith(repeated)
        paras[holder : holder + 1] = [repeated, rest] if first else [rest, repeated]
    alone = [i for i, p in enumerate(paras) if p == repeated]
    i = alone[0] if holder is None or alone[0] not in (holder, holder + 1) else alone[-1]
    if len(paras) > 2:
        k = i - 1 if i == len(paras) - 1 or (i > 0 and rng.random() < 0.5) else i
        paras[k : k + 2] = [paras[k] + paras[k + 1]]
    return paras


def _farm_copy(story: Story, repeated: str, edits: str, rng: random.Random) -> str:
    paras = list(story.paragraphs)
    if "split_join" in edits:
        paras = _split_join(paras, rng)
    if "split_at_repeat" in edits:
        paras = _split_at_repeat(paras, repeated, rng)
    if "move" in edits:
        moved = paras.pop(rng.randrange(1, len(paras)))
        paras.insert(rng.randrange(1, len(paras)), moved)
    return "\n".join(paras)


def _instances() -> list[tuple[str, Story, str, Story]]:
    rng = random.Random(13)
    out = []
    for n, (story, sibling) in enumerate(_sibling_pairs(range(1, 9))):
        how, edits = REPEATS[n % 2], COPY_EDITS[(n // 2) % 4]
        original, repeated = _repeating(story, how, rng)
        copy = _farm_copy(original, repeated, edits, rng)
        out.append((f"{n}:{story.story_id}:{how}:{edits}", original, copy, sibling))
    return out


INSTANCES = _instances()


def test_instances_cover_the_class() -> None:
    kinds = {name.split(":", 2)[2] for name, *_ in INSTANCES}
    assert len(INSTANCES) >= 30
    assert kinds == {f"{h}:{e}" for h in REPEATS for e in COPY_EDITS}


@pytest.mark.parametrize("name", [i[0] for i in INSTANCES])
def test_copy_of_a_repeating_original_joins_it_and_not_its_sibling(name: str) -> None:
    _, original, copy, sibling = next(i for i in INSTANCES if i[0] == name)
    docs = [
        DocRecord(0, original.body, role="publisher", published_at=original.published),
        DocRecord(1, copy, published_at=original.published + timedelta(hours=5)),
        DocRecord(2, sibling.body, role="publisher", published_at=sibling.published),
    ]
    canonical = find_duplicates(docs, DedupeConfig()).decision.canonical
    assert canonical[1] == canonical[0] == 0, name
    assert canonical[2] == 2, name
