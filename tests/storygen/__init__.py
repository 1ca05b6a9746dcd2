"""Seeded worlds of Chinese news stories about AI face-swap litigation, and their farm copies.

Text only (no HTML, no Scrapy): the content of generated webs (``tests/genweb``) and the
corpus of the dedupe benchmark.  What makes it hard is what real newsrooms do: one case
reported at several stages, many cases written from one template, explanations repeated
verbatim across different stories, near-miss off-topic pieces, and copies that farms trim,
re-punctuate, re-title, re-date and pad with their own commentary and ads.

    world = generate(seed)
    world.stories   # originals (on- and off-topic), ``Story``
    world.copies    # farm copies, ``Copy`` (truth body apart from the farm's additions)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tests.storygen import lexicon as lx
from tests.storygen.copies import EDITS, Copy, make_copy
from tests.storygen.offtopic import offtopic_story
from tests.storygen.stories import Story, draw_habits, family

__all__ = ["EDITS", "Copy", "Story", "StoryWorld", "generate"]

FAMILY_KINDS = ("stages", "scheme", "single")
OFFTOPIC_KINDS = ("tech", "fraud", "passing", "far")
# how often a farm applies each edit to a copy
EDIT_RATES = {
    "trim_lead": 0.3,
    "trim_tail": 0.3,
    "repunctuate": 0.3,
    "space_latin": 0.25,
    "commentary": 0.35,
    "retitle": 0.5,
    "ads": 0.25,
    "split_join": 0.2,
    "back_date": 0.12,
}


@dataclass
class StoryWorld:
    seed: int
    outlets: list[str]
    stories: list[Story] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)

    def story(self, story_id: str) -> Story:
        return next(s for s in self.stories if s.story_id == story_id)

    def families(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for s in self.stories:
            out.setdefault(s.family_id, []).append(s.story_id)
        return out

    def copies_of(self, story_id: str) -> list[Copy]:
        return [c for c in self.copies if c.story_id == story_id]


def draw_edits(rng: random.Random) -> set[str]:
    return {name for name in EDITS if rng.random() < EDIT_RATES[name]}


def generate(
    seed: int,
    families: int | None = None,
    offtopic: int | None = None,
    copies: tuple[int, int] = (1, 4),
    start: datetime | None = None,
    harder: bool = False,
) -> StoryWorld:
    """A world of stories for ``seed``: the same seed gives the same world.

    ``harder`` adds what real farms and newsrooms also do (the default worlds, which the
    generated webs are built on, stay as they were): a later report of a case recaps the
    earlier one's lead, and farms leave their chrome in the copy's text -- commentary from
    wide pools, a related-stories list of the world's other stories, reader comments, a
    disclaimer (``tests.storygen.chrome``).
    """
    rng = random.Random(seed)
    start = start or datetime(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
    outlets = [o for o, _ in rng.sample(lx.OUTLETS, rng.randint(2, 4))]
    habits = {o: draw_habits(o, rng) for o in outlets}
    world = StoryWorld(seed=seed, outlets=outlets)
    for k in range(families if families is not None else rng.randint(6, 10)):
        kind = rng.choices(FAMILY_KINDS, weights=(0.35, 0.35, 0.3))[0]
        when = start + timedelta(days=rng.randint(0, 400))
        world.stories += family(
            f"f{k:02d}", kind, habits[rng.choice(outlets)], rng, when, recap=harder
        )
    n_off = offtopic if offtopic is not None else rng.randint(2, 4)
    for k, kind in enumerate(rng.sample(OFFTOPIC_KINDS, min(n_off, len(OFFTOPIC_KINDS)))):
        when = start + timedelta(days=rng.randint(0, 400))
        world.stories.append(offtopic_story(f"x{k:02d}", kind, rng, when))
    for story in world.stories:
        low, high = copies if story.on_topic else (0, 1)
        others = None
        if harder:
            others = [(o.title, o.paragraphs[0], o.published) for o in world.stories]
            others = [o for o in others if o[0] != story.title]
        for j in range(rng.randint(low, high)):
            cid = f"{story.story_id}/c{j}"
            world.copies.append(make_copy(story, cid, rng, draw_edits(rng), others))
    return world
