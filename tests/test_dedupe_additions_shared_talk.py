"""Commentary two copies share, at their edge, beyond the story's agreed text (issue 12, class 6).

The class, measured on genweb tuning seeds 438808571375 and 774334491568: farms compose their
commentary from the same stock sentences (and copy each other), so two copies of a story end
in one commentary paragraph the original and the story's other copies lack — with a
different opener ("网友纷纷表示，…" / "在我们看来，…") or whole.  Seed 438808571375: the
story has its original, and the only other copy crawled holds the commentary, so "most other
copies" held it; seed 774334491568: the original is behind robots.txt, and in a farm-only
story "another member holds it".  Copies alone never settle a copy's edge: what only they
hold beyond the text the story agrees on is judged by its shape (facts stay).

Instances vary the story (storygen worlds), the opener, the stock sentences and closers
(pools apart from storygen's and from genweb's), head or tail, own line or run into the
story's last paragraph, identical or differently opened commentary, and how many copies.
"""

from __future__ import annotations

import random

import pytest

from dedupe.additions import farm_additions
from dedupe.records import DocRecord
from tests.storygen import generate

OPENERS = ("依我看", "坦白讲", "总而言之", "讲句实在话", "要我说", "")
STOCK = (
    "保护好自己的隐私比什么都重要",
    "网络不是法外之地这句话永远不过时",
    "每个人都应该多留个心眼",
    "科技向善才是正道",
    "别让便利变成隐患",
)
CLOSERS = ("你怎么看？", "欢迎关注我们，每天更新！", "觉得有道理就点个赞吧！", "你中招过吗？")
SEEDS = (3, 11, 29)


def _commentary(rng: random.Random, stock: list[str], closer: str) -> str:
    opener = rng.choice(OPENERS)
    return (opener + "，" if opener else "") + "。".join(stock) + "。" + closer


def _stories(seed: int):
    for story in generate(seed).stories:
        if story.on_topic and len(story.paragraphs) >= 5:
            yield list(story.paragraphs)


def _with(paras: list[str], talk: str, at_head: bool, merged: bool) -> str:
    if at_head:
        return "\n".join([talk + paras[0] if merged else talk, *paras[int(merged) :]])
    if merged:
        return "\n".join([*paras[:-1], paras[-1] + talk])
    return "\n".join([*paras, talk])


def _shared_pair(rng: random.Random) -> tuple[str, str]:
    """Two copies' commentary: the same stock and closer, opened alike or not (a copy of a
    copy, or two farms writing from one stock)."""
    stock, closer = rng.sample(STOCK, rng.randint(1, 2)), rng.choice(CLOSERS)
    mine = _commentary(rng, stock, closer)
    theirs = mine if rng.random() < 0.4 else _commentary(rng, stock, closer)
    return mine, theirs


@pytest.mark.parametrize("seed", SEEDS)
def test_commentary_two_copies_share_goes_though_the_original_is_present(seed: int) -> None:
    """Original + two copies that share a commentary (the other copies not crawled)."""
    rng = random.Random(seed)
    checked = 0
    for paras in _stories(seed):
        mine, theirs = _shared_pair(rng)
        at_head, merged = rng.random() < 0.3, rng.random() < 0.4
        docs = [
            DocRecord(1, "\n".join(paras), role="publisher"),
            DocRecord(2, _with(paras, mine, at_head, merged), role="farm"),
            DocRecord(3, _with(paras, theirs, at_head, rng.random() < 0.4), role="forum"),
        ]
        got = farm_additions(docs, 1)
        assert got[2].removed == [mine] and got[2].text == "\n".join(paras)
        assert got[3].removed == [theirs] and got[3].text == "\n".join(paras)
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_commentary_some_copies_share_goes_in_a_story_without_its_original(seed: int) -> None:
    """Four copies, no original: two end in one commentary, two end where the story does."""
    rng = random.Random(seed)
    for paras in _stories(seed):
        mine, theirs = _shared_pair(rng)
        plain = "\n".join(paras)
        docs = [
            DocRecord(1, _with(paras, mine, False, rng.random() < 0.4), role="farm"),
            DocRecord(2, _with(paras, theirs, False, False), role="farm"),
            DocRecord(3, plain, role="aggregator"),
            DocRecord(4, plain, role="farm"),
        ]
        got = farm_additions(docs, 3)
        assert got[1].removed == [mine] and got[1].text == plain
        assert got[2].removed == [theirs] and got[2].text == plain
        assert 3 not in got and 4 not in got


@pytest.mark.parametrize("seed", SEEDS)
def test_a_closing_that_states_facts_stays_where_only_copies_hold_it(seed: int) -> None:
    """The story's last paragraph the original's page lost (or most copies trimmed) reports
    facts: copies holding it keep it, with or without the original."""
    for paras in _stories(seed):
        story, tail = paras[:-1], paras[-1]
        docs = [
            DocRecord(1, "\n".join(story), role="publisher"),
            DocRecord(2, "\n".join(paras), role="farm"),
            DocRecord(3, "\n".join(paras), role="farm"),
        ]
        assert farm_additions(docs, 1) == {}
        farm_only = [
            DocRecord(4, "\n".join(paras), role="farm"),
            DocRecord(5, "\n".join(paras), role="farm"),
            DocRecord(6, "\n".join(story), role="farm"),
            DocRecord(7, "\n".join(story), role="farm"),
        ]
        got = farm_additions(farm_only, 6)
        assert all(d not in got or tail in got[d].text for d in (4, 5))


def test_a_shared_talking_line_inside_the_story_stays() -> None:
    """Between the story's paragraphs what copies share is the story's (a quoted appeal the
    original's page lost), however it is voiced."""
    paras = next(_stories(SEEDS[0]))
    appeal = "你身边有人遇到过吗？欢迎关注我们！"
    inner = [*paras[:2], appeal, *paras[2:]]
    docs = [
        DocRecord(1, "\n".join(paras), role="publisher"),
        DocRecord(2, "\n".join(inner), role="farm"),
        DocRecord(3, "\n".join(inner), role="farm"),
    ]
    assert farm_additions(docs, 1) == {}
