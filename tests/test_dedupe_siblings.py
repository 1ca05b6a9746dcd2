"""The second stage on hard negatives built here, not by tests/storygen: what differs decides.

The base is a real public-interest lawsuit report (the one tests/test_dedupe_jsonl.py uses,
re-paragraphed).  Siblings are made the ways newsrooms make them: the same frames with
another defendant, district and amounts (a different case from one template), or the same
case reported at a later stage (a new lead, the background kept).  Copies are made the ways
farms make them.  Each class has several instances varying what changes and where.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from dedupe.align import prepare
from dedupe.compare import Comparison, compare, profile
from dedupe.config import DedupeConfig
from dedupe.decide import decide
from dedupe.records import DocRecord

LEAD = (
    "南都记者8月23日从杭州市萧山区检察院获悉，近日，由杭州市萧山区人民检察院提起的利用“AI换脸”"
    "技术侵犯公民个人信息民事公益诉讼案获判，被告人虞某某被判赔偿损害赔偿款60000元。"
)
BODY = (
    "2023年4月，萧山区检察院在办理刑事案件中发现公益诉讼线索：被告人虞某某通过网络购买AI换脸软件，"
    "制作换脸视频并在网络上传播牟利，涉及人脸信息1200余条。",
    "6月9日，萧山区检察院依法提起民事公益诉讼，请求判令被告人虞某某在国家级新闻媒体上公开赔礼道歉，"
    "并删除其留存的全部涉案个人信息。",
    "7月28日，杭州互联网法院公开开庭审理本案。庭审中，虞某某对检察机关指控的事实没有异议，"
    "表示愿意承担相应的民事责任。",
    "检察官提醒，任何组织或者个人不得利用信息技术手段伪造等方式侵害他人的肖像权，未经同意不得处理"
    "他人的人脸信息，否则将依法承担相应的法律责任。",
    "据了解，赔偿金额将专门用于个人信息保护、人脸深度合成技术不当应用的治理等公益事项，"
    "该案判决现已生效。",
)
STORY = "\n".join([LEAD, *BODY])


def _judge(a: str, b: str) -> Comparison:
    pa, pb = prepare([a, b])
    return compare(profile(pa), profile(pb))


def _swap(text: str, pairs: dict[str, str]) -> str:
    for old, new in pairs.items():
        text = text.replace(old, new)
    return text


# -- siblings: one template, another case ------------------------------------------------

SCHEME_SWAPS = [
    {"虞某某": "陈某", "萧山区": "余杭区", "60000": "35000", "1200": "800"},
    {"虞某某": "黄某某", "4月": "9月", "6月9日": "10月12日", "7月28日": "11月30日"},
    {"萧山区": "滨江区", "60000": "120000"},
    {"虞某某": "冯某"},
]


@pytest.mark.parametrize("swaps", SCHEME_SWAPS)
def test_template_sibling_with_other_facts_is_another_story(swaps: dict[str, str]) -> None:
    other = _swap(STORY, swaps)
    verdict = _judge(STORY, other)
    assert verdict.jaccard > 0.6  # shares more than a trimmed copy does
    assert verdict.verdict == "conflict", verdict.evidence


# -- siblings: one case, a later stage -------------------------------------------------

LATER_LEADS = (
    "南都记者11月2日从杭州互联网法院获悉，虞某某不服一审判决提出上诉，二审法院审理后裁定驳回上诉，"
    "维持原判。",
    "近日，杭州市萧山区人民检察院对虞某某涉嫌侵犯公民个人信息一案依法提起公诉，这是该区首例涉AI换脸"
    "的刑事案件。",
)


@pytest.mark.parametrize("lead", LATER_LEADS)
def test_same_case_at_another_stage_is_another_story(lead: str) -> None:
    later = "\n".join([lead, *BODY[:3], BODY[4]])
    verdict = _judge(STORY, later)
    assert verdict.verdict != "copy", (verdict.jaccard, verdict.containment, verdict.evidence)
    assert verdict.evidence.stages, verdict.evidence


# -- copies: what farms do ----------------------------------------------------------------


def _repunctuate(text: str) -> str:
    return text.translate(str.maketrans("，。：“”", ',.:""'))


def _reword(text: str, rate: float, seed: int) -> str:
    """A farm's light rewording: a few Han characters swapped for others at random."""
    rng = random.Random(seed)
    pool = "的是在了和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年"
    return "".join(
        rng.choice(pool) if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate else ch
        for ch in text
    )


COPIES = {
    "verbatim": STORY,
    "lead dropped": "\n".join(BODY),
    "tail dropped, re-punctuated": _repunctuate("\n".join([LEAD, *BODY[:3]])),
    "spaces and commentary": " ".join(STORY)
    + "\n小编认为，技术再先进也不能越过法律的边界，大家怎么看？欢迎留言。",
    "ad inside, commentary first": "\n".join(
        [
            "说到底，维权不易，但总要有人站出来。",
            LEAD,
            BODY[0],
            BODY[1],
            "【限时优惠】短视频剪辑课程今日报名立减99元，点击下方链接立即抢购！",
            *BODY[2:],
        ]
    ),  # fmt: skip
    "split and joined": "\n".join([LEAD + BODY[0], BODY[1][:30], BODY[1][30:], *BODY[2:]]),
    "reworded 2 %": _reword(STORY, 0.02, 1),
    "reworded 3 %": _reword(STORY, 0.03, 2),
}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_farm_copies_are_copies(name: str) -> None:
    verdict = _judge(STORY, COPIES[name])
    assert verdict.verdict == "copy", (name, verdict.containment, verdict.evidence)


# -- stories, not components --------------------------------------------------------------


def _docs(with_metadata: bool) -> list[DocRecord]:
    """A (an original), C (its template sibling), B (a copy of A that kept only what the
    two share), D (a copy of A)."""
    sibling = _swap(STORY, SCHEME_SWAPS[0])
    shared = "\n".join(p for p in BODY if p in sibling)
    when = datetime(2024, 8, 23, 9)
    meta = dict(role="publisher", published_at=when) if with_metadata else {}
    return [
        DocRecord(1, STORY, **meta),
        DocRecord(2, sibling, **meta),
        DocRecord(3, shared + "\n小编认为，这件事给每个人都提了个醒。"),
        DocRecord(4, _repunctuate(STORY) + "\n关注我们，带你看懂更多热点。"),
    ]


@pytest.mark.parametrize("with_metadata", [True, False])
def test_a_copy_of_shared_background_does_not_bridge_two_stories(with_metadata: bool) -> None:
    docs = _docs(with_metadata)
    pairs = [(a.id, b.id) for a in docs for b in docs if a.id < b.id]
    stories = decide(docs, pairs).stories
    assert [1, 2] not in stories and not any({1, 2} <= set(s) for s in stories), stories
    assert any({1, 4} <= set(s) for s in stories), stories


def test_partition_does_not_depend_on_input_order() -> None:
    docs = _docs(False)
    pairs = [(a.id, b.id) for a in docs for b in docs if a.id < b.id]
    first = decide(docs, pairs).stories
    renumbered = {1: 40, 2: 30, 3: 20, 4: 10}
    shuffled = [DocRecord(renumbered[d.id], d.text) for d in reversed(docs)]
    again = decide(shuffled, [(renumbered[a], renumbered[b]) for a, b in pairs]).stories
    back = {v: k for k, v in renumbered.items()}
    assert sorted(sorted(back[d] for d in s) for s in again) == first


def test_default_gate_lets_the_template_sibling_through() -> None:
    """The siblings above are hard negatives: the shingle gate alone would join them."""
    from dedupe.shingle import doc_shingles
    from dedupe.verify import joins, overlap

    a, b = doc_shingles(STORY, 5), doc_shingles(_swap(STORY, SCHEME_SWAPS[3]), 5)
    jac, con = overlap(a, b)
    assert joins(jac, con, min(a.size, b.size), DedupeConfig())


def test_cluster_keeps_template_siblings_apart_and_copies_together() -> None:
    """The in-memory entry point every caller had before: one story per case."""
    from dedupe.cluster import cluster

    docs = [DocRecord(1, STORY, role="publisher")]
    docs += [DocRecord(10 + k, _swap(STORY, s)) for k, s in enumerate(SCHEME_SWAPS)]
    docs += [DocRecord(20 + k, COPIES[name]) for k, name in enumerate(sorted(COPIES))]
    stories = cluster(docs, DedupeConfig())
    assert [1, *range(20, 20 + len(COPIES))] in stories, stories
    for k in range(len(SCHEME_SWAPS)):
        assert [10 + k] in stories, stories
