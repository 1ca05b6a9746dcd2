"""A farm's own closing line in place of the original's is not a later stage of the case.

Measured class (storygen --harder seed 509231473 of the issue 13 bench): a
farm copy cuts the original's closing paragraph ("该案宣判后，被告人当庭表示认罪服判，不
上诉。") and writes its own line there ("……你支持这样的判决吗？"); both ends hold a stage
word the other text never uses, so the pair read as a stage conflict -- two reports of one
case -- and the copy was left outside its story.  A sibling report's own closing is written
in the frame of the other's (the same court, defendant, case); the farm's line shares no
words with what it cut (``dedupe.stages._one_frame``), so a stage word after the last
shared block counts only when the two closings share some.

Instances: ``tests.storygen`` stories whose closing paragraph names a stage, copied without
the lead and the closing, with one of several farm closings (wordings, stage words,
lengths) in its place; sibling stage reports stay apart.
"""

from __future__ import annotations

import random

import pytest

from dedupe.compare import compare_texts
from dedupe.stages import stages_in
from tests.storygen import generate

_CLOSINGS = (
    "平心而论，这类案件越来越多，平台的责任同样不能缺位。你支持这样的判决吗？",
    "小编认为，维权的路虽然不容易，但总要有人站出来。坐等宣判结果，大家怎么看？",
    "说到底，谁也不想哪天在陌生视频里看到自己的脸。希望二审维持原判！",
    "这样的判决大快人心，欢迎在评论区留言讨论。",
    "建议从重判处，以儆效尤。你怎么看？欢迎转发给身边的人。",
    "技术无罪，用错了就是伤害。期待法院早日开庭，还受害者一个公道。",
)


def _instances() -> list[tuple[str, str, str]]:
    rng = random.Random(509)
    out = []
    for seed in range(1, 13):
        for story in generate(seed).stories:
            paras = story.paragraphs
            if not story.on_topic or len(paras) < 5 or not stages_in(paras[-1]):
                continue
            kept = "\n".join(paras[1:-1])
            closings = [c for c in _CLOSINGS if stages_in(c) - stages_in(story.body)]
            if not closings:
                continue
            copy = f"{kept}\n{rng.choice(closings)}"
            out.append((f"{seed}:{story.story_id}", story.body, copy))
    return out


INSTANCES = _instances()


def test_the_class_is_present() -> None:
    assert len(INSTANCES) >= 20


@pytest.mark.parametrize("name", [i[0] for i in INSTANCES])
def test_a_farm_closing_with_a_stage_word_keeps_the_copy_a_copy(name: str) -> None:
    _, original, copy = next(i for i in INSTANCES if i[0] == name)
    judged = compare_texts(original, copy)
    assert judged.verdict == "copy", (name, judged.evidence, judged.cover_a, judged.cover_b)


def test_stage_reports_of_one_case_stay_apart() -> None:
    """Every pair of stage reports of one case (whole, and the later one with the farm
    closing of a copy) is still judged two stories."""
    rng = random.Random(13)
    pairs = 0
    for seed in range(1, 13):
        world = generate(seed)
        for ids in world.families().values():
            stories = [world.story(i) for i in ids]
            if len(stories) < 2 or stories[0].kind != "stages":
                continue
            for one, two in zip(stories, stories[1:], strict=False):
                assert compare_texts(one.body, two.body).verdict != "copy", (seed, ids)
                farm = "\n".join([*two.paragraphs, rng.choice(_CLOSINGS)])
                assert compare_texts(one.body, farm).verdict != "copy", (seed, ids)
                pairs += 1
    assert pairs >= 8
