"""A copy whose page kept a long block of chrome (a template's code sample, a related list)
still loses it: the cap on how much of a copy may be its own does not hold when what the
copy keeps is the story (most of the publisher original's length).  A copy that keeps
little of the original stays as stored, whatever it adds (misaligned, or not this story)."""

from __future__ import annotations

import random

import pytest

from dedupe.additions import farm_additions
from dedupe.records import DocRecord
from tests.storygen import generate

CODE = (
    "- const isRequired = () => {",
    "- throw new Error('param is required')",
    "- Promise.allSettled(PromiseArray).then(res =>{",
    "- console.log(res);",
    "- }).catch(err => console.log(err));",
    '- //{status: "fulfilled", value: 100},',
)


def _stories(seed: int):
    world = generate(seed)
    for story in world.stories:
        paragraphs = story.body.split("\n")
        if len(paragraphs) >= 4:
            yield paragraphs


def _code_block(rng: random.Random, chars: int) -> list[str]:
    lines: list[str] = []
    while sum(map(len, lines)) < chars:
        lines.append(rng.choice(CODE) + f" // {rng.randint(1, 999)}")
    return lines


@pytest.mark.parametrize("seed", (4, 11, 23))
def test_a_long_chrome_block_under_the_whole_story_is_removed(seed: int) -> None:
    rng = random.Random(seed)
    checked = 0
    for paragraphs in list(_stories(seed))[:6]:
        story = "\n".join(paragraphs)
        code = _code_block(rng, 3 * len(story))  # far more than the cap allows
        copy = "\n".join([*paragraphs, *code])
        docs = [DocRecord(0, story, role="publisher"), DocRecord(1, copy, role="farm")]
        trimmed = farm_additions(docs, 0)[1]
        assert all(line not in trimmed.text for line in code)
        assert all(p in trimmed.text for p in paragraphs)
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("seed", (4, 11, 23))
def test_a_copy_keeping_little_of_the_original_is_left_as_stored(seed: int) -> None:
    rng = random.Random(100 + seed)
    for paragraphs in list(_stories(seed))[:6]:
        story = "\n".join(paragraphs)
        code = _code_block(rng, 3 * len(story))
        copy = "\n".join([paragraphs[0], *code])  # a lead alone beside the block
        docs = [DocRecord(0, story, role="publisher"), DocRecord(1, copy, role="farm")]
        assert 1 not in farm_additions(docs, 0)
