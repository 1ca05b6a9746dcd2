"""Two reports of one case by publishers, the later recapping the earlier: two stories.

The class, found with tests/bench/split_pairs.py on storygen's harder worlds (1-30: 6 of 6
merged clusters): a newsroom's later report of a case opens with its own lead (a new
stage: 批准逮捕, 提起公诉, 一审) and then recaps the earlier report ("此前，某报曾报道：" and
the earlier lead), repeating the background.  The earlier report is then held (nearly)
whole by the later one and has no stage word the later one lacks, so the pair looks like a
copy that added a paragraph -- and a farm copy's commentary adds stage words too ("你支持这
样的判决吗？"), so the two-sided stage test cannot count it.  What tells them apart is who
wrote the pages and when: two publisher pages days apart, the later adding a stage the
earlier never names (``dedupe.decide.Judge._later_report``).  A publisher reprinting
another's report, days later and trimmed, adds none and stays one story with it.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from dedupe.cluster import cluster
from dedupe.config import DedupeConfig
from dedupe.records import DocRecord
from tests.storygen import generate


def _stage_pairs(seeds: range):
    """(earlier, later) originals of one stage family with a recap, from harder worlds."""
    for seed in seeds:
        world = generate(seed, harder=True)
        for s in world.stories:
            for t in world.stories:
                if (
                    s.family_id == t.family_id
                    and s.kind == t.kind == "stages"
                    and s.published < t.published
                    and any(p.startswith("此前，") and s.paragraphs[0] in p for p in t.paragraphs)
                ):
                    yield seed, s, t


def _reprint(story, rng: random.Random, doc_id: int) -> DocRecord:
    """Another publisher's reprint: 1-2 closing or middle paragraphs dropped, days later."""
    paras = list(story.paragraphs)
    for _ in range(rng.randint(1, 2)):
        paras.pop(rng.randrange(1, len(paras)))
    when = story.published + timedelta(days=rng.randint(3, 12), hours=rng.randint(0, 20))
    return DocRecord(doc_id, "\n".join(paras), role="publisher", published_at=when)


PAIRS = list(_stage_pairs(range(1, 41)))


def test_the_class_has_instances() -> None:
    assert len(PAIRS) >= 20, len(PAIRS)


@pytest.mark.parametrize("chunk", range(4))
def test_later_report_is_its_own_story_and_reprints_join_theirs(chunk: int) -> None:
    rng = random.Random(chunk)
    merged, split = [], []
    for seed, earlier, later in PAIRS[chunk::4]:
        docs = [
            DocRecord(0, earlier.body, role="publisher", published_at=earlier.published),
            DocRecord(1, later.body, role="publisher", published_at=later.published),
            _reprint(earlier, rng, 2),
            _reprint(later, rng, 3),
        ]
        stories = {d: k for k, s in enumerate(cluster(docs, DedupeConfig())) for d in s}
        if stories[0] == stories[1]:
            merged.append((seed, earlier.story_id, later.story_id))
        if stories[2] != stories[0] or stories[3] != stories[1]:
            split.append((seed, earlier.story_id, later.story_id))
    assert not merged, merged
    assert not split, split


def test_farm_pages_keep_the_two_sided_test() -> None:
    # A farm copy dated weeks later that dropped a middle paragraph and added commentary naming a
    # stage its original never names stays a copy: only publisher pairs are judged by date.
    for _, earlier, _ in PAIRS[:5]:
        word = next(w for w in ("判决", "宣判", "二审", "开庭") if w not in earlier.body)
        text = "\n".join(
            [*earlier.paragraphs[:2], *earlier.paragraphs[3:], f"你支持这样的{word}吗？欢迎留言。"]
        )
        docs = [
            DocRecord(0, earlier.body, role="publisher", published_at=earlier.published),
            DocRecord(1, text, role="farm", published_at=earlier.published + timedelta(days=30)),
        ]
        assert cluster(docs, DedupeConfig()) == [[0, 1]], earlier.story_id
