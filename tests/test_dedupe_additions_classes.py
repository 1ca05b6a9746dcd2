"""A copy's own additions that the story's paragraph-level check kept (issue 12, cause 6).

The classes, measured on 20 fresh genweb seeds (~18 articles in 13 webs kept a farm's
commentary): farms compose commentary from stock sentences, so two copies' paragraphs share
most of their characters and each saved the other; aggregator and forum reposts were never
checked (only role "farm"); a commentary merged into the story's last paragraph (one `<br>`
run, fragments) was judged with it; stories whose original was not crawled were skipped.
Instances vary the story, the stock sentences, where the commentary stands and how it is
attached; the story's own text must stay whole in every case.
"""

from __future__ import annotations

import random

import pytest

from dedupe.additions import farm_additions, split_sentences
from dedupe.records import DocRecord
from tests.storygen import generate

OPENERS = ("依我看", "坦白讲", "总而言之", "编者按", "个人觉得", "讲句实在话")
STOCK = (
    "法律的红线任何时候都碰不得",
    "保护好自己的隐私比什么都重要",
    "遇到可疑情况一定要第一时间报警",
    "网络不是法外之地这句话永远不过时",
    "希望相关部门持续加大打击力度",
    "每个人都应该提高警惕多留个心眼",
)
CLOSERS = ("你怎么看？评论区聊聊。", "点个在看，让更多人看到。", "")
SEEDS = (4, 9, 21)


def _commentary(rng: random.Random, stock: list[str]) -> str:
    return rng.choice(OPENERS) + "，" + "。".join(stock) + "。" + rng.choice(CLOSERS)


def _stories(seed: int):
    world = generate(seed)
    for story in world.stories:
        if story.on_topic and len(story.paragraphs) >= 5:
            yield list(story.paragraphs)


def _with(paras: list[str], extra: str, rng: random.Random, merged: bool = False) -> str:
    """``paras`` with ``extra`` added at the end (or the start), as its own line or run on
    into the neighbouring paragraph."""
    out = list(paras)
    if merged:
        out[-1] = out[-1] + extra
    elif rng.random() < 0.6:
        out.append(extra)
    else:
        out.insert(0, extra)
    return "\n".join(out)


def _assert_story_whole(text: str, paras: list[str]) -> None:
    for p in paras:
        assert p in text, p


@pytest.mark.parametrize("seed", SEEDS)
def test_stock_sentences_two_copies_share_do_not_save_them(seed: int) -> None:
    rng = random.Random(seed)
    checked = 0
    for paras in _stories(seed):
        stock = rng.sample(STOCK, 3)
        mine = _commentary(rng, stock)
        theirs = _commentary(rng, stock[1:] + [rng.choice([s for s in STOCK if s not in stock])])
        docs = [
            DocRecord(0, "\n".join(paras), role="publisher"),
            DocRecord(1, _with(paras, mine, rng), role="farm"),
            DocRecord(2, _with(paras, theirs, rng), role="farm"),
        ]
        got = farm_additions(docs, 0)
        for doc, comment in ((1, mine), (2, theirs)):
            assert doc in got, comment
            assert all(s not in got[doc].text for s in split_sentences(comment))
            _assert_story_whole(got[doc].text, paras)
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("role", ["aggregator", "forum", "Farm"])
def test_any_repost_is_a_copy(role: str) -> None:
    rng = random.Random(role)
    paras = next(_stories(SEEDS[0]))
    comment = _commentary(rng, rng.sample(STOCK, 2))
    docs = [
        DocRecord(5, "\n".join(paras), role="publisher"),
        DocRecord(6, _with(paras, comment, rng), role=role),
    ]
    got = farm_additions(docs, 5)
    assert got[6].removed == [comment]
    _assert_story_whole(got[6].text, paras)


@pytest.mark.parametrize("seed", SEEDS)
def test_commentary_run_into_the_last_paragraph_is_cut_at_the_sentence(seed: int) -> None:
    rng = random.Random(seed)
    for paras in _stories(seed):
        comment = _commentary(rng, rng.sample(STOCK, rng.randint(1, 3)))
        docs = [
            DocRecord(0, "\n".join(paras), role="publisher"),
            DocRecord(1, _with(paras, comment, rng, merged=True), role="farm"),
        ]
        got = farm_additions(docs, 0)
        assert got[1].removed == [comment]
        assert got[1].text.splitlines()[-1] == paras[-1]
        _assert_story_whole(got[1].text, paras)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_story_without_its_original_is_judged_by_its_copies(seed: int) -> None:
    """Two copies that end where the story ends show what a third copy appended; inserted
    ads are between held text.  Nothing the copies took goes."""
    rng = random.Random(seed)
    for paras in _stories(seed):
        comment = _commentary(rng, rng.sample(STOCK, 2))
        ad = f"扫码关注公众号，回复“{rng.choice(OPENERS)}”领取{rng.randint(3, 99)}元红包。"
        inserted = paras[:2] + [ad] + paras[2:]
        docs = [
            DocRecord(1, "\n".join(paras[1:]), role="farm"),
            DocRecord(2, "\n".join(inserted + [comment]), role="farm"),
            DocRecord(3, "\n".join(paras), role="aggregator"),
        ]
        got = farm_additions(docs, 1)
        assert sorted(got[2].removed) == sorted([comment, ad])
        _assert_story_whole(got[2].text, paras)
        assert 1 not in got and 3 not in got


@pytest.mark.parametrize("seed", SEEDS)
def test_text_only_one_copy_has_stays_when_the_others_stop_at_different_places(
    seed: int,
) -> None:
    """Without an original, a paragraph beyond what the other copies hold may be one they
    trimmed: when they stop at different places it is the story's, and stays."""
    for paras in _stories(seed):
        docs = [
            DocRecord(1, "\n".join(paras), role="farm"),
            DocRecord(2, "\n".join(paras[:-1]), role="farm"),
            DocRecord(3, "\n".join(paras[:-2]), role="forum"),
        ]
        got = farm_additions(docs, 2)
        assert 1 not in got


@pytest.mark.parametrize("seed", SEEDS)
def test_a_paragraph_the_originals_page_lost_stays_in_the_copies(seed: int) -> None:
    rng = random.Random(seed)
    for paras in _stories(seed):
        lost = rng.randrange(1, len(paras))
        comment = _commentary(rng, rng.sample(STOCK, 2))
        docs = [
            DocRecord(0, "\n".join(paras[:lost] + paras[lost + 1 :]), role="publisher"),
            DocRecord(1, _with(paras, comment, rng), role="farm"),
            DocRecord(2, "\n".join(paras), role="forum"),
        ]
        got = farm_additions(docs, 0)
        assert got[1].removed == [comment]
        _assert_story_whole(got[1].text, paras)
        assert 2 not in got


@pytest.mark.parametrize("seed", SEEDS)
def test_a_paragraph_the_copy_moved_is_still_taken(seed: int) -> None:
    """The alignment keeps the order, so a paragraph a farm moved (measured: genweb seed 19,
    the court's finding moved from the lead to the end) is found verbatim in the original."""
    rng = random.Random(seed)
    for paras in _stories(seed):
        moved = list(paras)
        moved.insert(rng.randint(len(paras) - 2, len(paras)), moved.pop(rng.randint(0, 1)))
        docs = [
            DocRecord(0, "\n".join(paras), role="publisher"),
            DocRecord(1, "\n".join(moved), role="farm"),
        ]
        assert farm_additions(docs, 0) == {}
