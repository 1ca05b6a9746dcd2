"""Farm chrome left in a copy's text is not the copy's facts: a related-stories list under
the article carries other stories' titles and excerpts -- their stages, numbers and names
-- where the original has its own closing, and must not make the copy a sibling.

Instances are built from ``tests.storygen`` worlds: each on-topic story's copy keeps a
related-stories list (``tests.storygen.chrome.related_list``: 2-4 other stories of its
world, with or without an excerpt, under one of several headings), sometimes comments and
a disclaimer too; the same stories' siblings must still be told apart.
"""

from __future__ import annotations

import random

import pytest

from dedupe.align import prepare
from dedupe.compare import compare, profiles
from tests.storygen import chrome as fc
from tests.storygen import generate


def _instances() -> list[tuple[str, str, str]]:
    rng = random.Random(11)
    out = []
    for seed in range(1, 7):
        world = generate(seed)
        others = [(s.title, s.paragraphs[0], s.published) for s in world.stories]
        for n, story in enumerate(world.stories):
            if not story.on_topic:
                continue
            # A farm often drops the closing paragraph(s) too: the related list then stands
            # where the original has its own last lines.
            lines = list(story.paragraphs[: -rng.randint(1, 2)] if n % 3 else story.paragraphs)
            lines += fc.related_list([o for o in others if o[0] != story.title], rng)
            if rng.random() < 0.5:
                lines += fc.comments(rng)
            if rng.random() < 0.5:
                lines.append(fc.disclaimer(rng))
            out.append((f"{seed}:{story.story_id}", story.body, "\n".join(lines)))
    return out


INSTANCES = _instances()


def _verdict(a: str, b: str) -> str:
    pa, pb = profiles(prepare([a, b]))
    return compare(pa, pb).verdict


def test_instances_carry_other_stories_stages() -> None:
    """The class is present: many related lists hold a stage word the original lacks."""
    from dedupe.compare import stages_in

    carrying = sum(
        bool(set(stages_in(copy)) - set(stages_in(original))) for _, original, copy in INSTANCES
    )
    assert len(INSTANCES) >= 40 and carrying >= 10


@pytest.mark.parametrize("name", [i[0] for i in INSTANCES])
def test_related_list_left_in_a_copy_does_not_make_it_a_sibling(name: str) -> None:
    _, original, copy = next(i for i in INSTANCES if i[0] == name)
    assert _verdict(original, copy) == "copy", name


def test_siblings_still_conflict() -> None:
    """Stage reports of one case are still told apart (their leads are prose)."""
    apart = total = 0
    for seed in range(1, 7):
        world = generate(seed)
        for ids in world.families().values():
            stories = [world.story(i) for i in ids]
            if len(stories) >= 2 and stories[0].kind == "stages":
                total += 1
                apart += _verdict(stories[0].body, stories[1].body) != "copy"
    assert total >= 3 and apart == total
