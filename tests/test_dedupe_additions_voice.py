"""A farm's own closing left where the story's members cannot tell (issue 12, cause 6).

The class, measured on genweb tuning seeds 279210715456, 354299915563, 721419338647,
422587973611 and 575694474318: the story has no publisher original in the database (a
farm-only story), and fewer than two other copies end where the copy's shared text ends —
a story of two copies, copies that trimmed at different places, or a story of one copy (a
forum repost nobody else carried).  What lies beyond may be the story's tail the others
trimmed, so the members alone keep it; the sentences' shape decides: facts stay, a piece
that talks to the reader and names nothing goes.  Instances vary the story, the opener,
the stock sentences, the closer, head or tail, own line or run into the last paragraph.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dedupe.additions import farm_additions
from dedupe.records import DocRecord
from dedupe.stock import story_additions
from dedupe.voice import fact_bearing, farm_voice
from tests.storygen import generate

OPENERS = ("依我看", "坦白讲", "总而言之", "我觉得", "个人觉得", "讲句实在话")
STOCK = (
    "法律的红线任何时候都碰不得",
    "保护好自己的隐私比什么都重要",
    "网络不是法外之地这句话永远不过时",
    "希望相关部门持续加大打击力度",
    "每个人都应该多留个心眼",
)
CLOSERS = ("你怎么看？", "各位读者有什么想说的，评论区见！", "转给身边的人看看吧！", "你中招过吗？")
SEEDS = (5, 13, 27)


def _commentary(rng: random.Random) -> str:
    stock = "。".join(rng.sample(STOCK, rng.randint(1, 2)))
    return rng.choice(OPENERS) + "，" + stock + "。" + rng.choice(CLOSERS)


def _stories(seed: int):
    for story in generate(seed).stories:
        if story.on_topic and len(story.paragraphs) >= 5:
            yield list(story.paragraphs)


def _whole(text: str, paras: list[str]) -> bool:
    return all(p in text for p in paras)


@pytest.mark.parametrize("seed", SEEDS)
def test_two_copies_without_an_original_lose_their_closing_talk(seed: int) -> None:
    """Two copies that end at the same sentence: neither may have trimmed, but one other
    copy cannot prove it; each one's closing that talks to the reader goes."""
    rng = random.Random(seed)
    checked = 0
    for paras in _stories(seed):
        mine, theirs = _commentary(rng), _commentary(rng)
        merged = rng.random() < 0.4
        last = paras[-1] + mine if merged else None
        text = "\n".join(paras[:-1] + [last]) if merged else "\n".join(paras + [mine])
        docs = [
            DocRecord(1, text, role="farm"),
            DocRecord(2, "\n".join([theirs] + paras), role="farm"),
        ]
        got = farm_additions(docs, 2)
        assert got[1].removed == [mine]
        assert got[2].removed == [theirs]
        assert _whole(got[1].text, paras) and _whole(got[2].text, paras)
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_a_story_of_one_copy_loses_the_posters_own_lines(seed: int) -> None:
    rng = random.Random(seed)
    for paras in _stories(seed):
        own = rng.choice(
            ("转自网络，大家怎么看？", "刚看到这个，你们觉得呢？", "赶紧转给家里人！！")
        )
        docs = [DocRecord(7, "\n".join([own] + paras + [_commentary(rng)]), role="forum")]
        got = farm_additions(docs, 7)
        assert own in got[7].removed[0] and len(got[7].removed) == 2
        assert got[7].text == "\n".join(paras)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_tail_other_copies_trimmed_stays_when_it_states_facts(seed: int) -> None:
    """The story's last paragraphs (facts: names, numbers, courts, quotations) that the other
    copy trimmed stay, and so does the whole of a one-copy story."""
    for paras in _stories(seed):
        docs = [
            DocRecord(1, "\n".join(paras), role="farm"),
            DocRecord(2, "\n".join(paras[:-2]), role="farm"),
        ]
        got = farm_additions(docs, 2)
        assert 1 not in got or _whole(got[1].text, paras)
        assert farm_additions([DocRecord(3, "\n".join(paras), role="farm")], 3) == {}


def test_reported_talk_and_a_reworded_fact_are_not_the_farms_voice() -> None:
    assert fact_bearing("民警提醒大家，不要轻易点击陌生链接！")
    assert fact_bearing("“你们怎么能这样？”被害人说。")
    assert fact_bearing("这家公司一共骗了三千多人，你敢信吗？")
    assert not farm_voice(["截至发稿时，涉案平台已下架相关应用。"])
    assert farm_voice(["小编认为，这件事提了个醒。", "大家怎么看？欢迎在评论区留言讨论。"])
    assert farm_voice(["网友纷纷表示，太可怕了！"])
    # storygen harder worlds: a lone "一" is an article, an adverb before 说 is no speaker
    assert farm_voice(["一张自拍的边界必须尽快划清。", "你身边遇到过类似的事情吗？"])
    assert farm_voice(["往深里说，换脸软件不能只靠平台自觉。", "大家怎么看？"])
    assert fact_bearing("被告人一审被判十一个月。")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_voiceless_closing_goes_when_other_stories_show_it_is_the_farms_stock(
    seed: int,
) -> None:
    """Seed 728211331912: "说到底，技术跑得再快，也不能跑出法律的边界。…" (no question, no
    "you") under a one-copy story.  The same farm's stock sentences, shown to be additions
    in a story that has its original, decide it; the original's own closing line, repeated
    across the newsroom's stories, never enters the stock and stays."""
    rng = random.Random(seed)
    stories = list(_stories(seed))[:3]
    assert len(stories) == 3
    closing = "本报将持续关注案件进展。"
    stock = rng.sample(STOCK, 2)
    voiceless = [rng.choice(OPENERS[:3]) + "，" + s + "。" for s in stock]
    proven, lone = ([*p[:-1], p[-1] + closing] for p in stories[:2])
    trimmed = [*stories[2], closing]  # its own line: nothing but the stock could take it
    groups = [
        (
            [
                DocRecord(1, "\n".join(proven), role="publisher"),
                DocRecord(2, "\n".join(proven + [voiceless[0] + voiceless[1]]), role="farm"),
            ],
            1,
        ),
        ([DocRecord(3, "\n".join(lone + ["说到底，" + stock[1] + "。"]), role="farm")], 3),
        (
            [
                DocRecord(4, "\n".join(trimmed), role="farm"),
                DocRecord(5, "\n".join(trimmed[:-2]), role="aggregator"),
            ],
            5,
        ),
    ]
    got = story_additions(groups)
    assert got[2].removed == [voiceless[0] + voiceless[1]]
    assert got[3].text == "\n".join(lone)
    assert 4 not in got  # the newsroom's closing line is the story's: no stock, no voice
    assert farm_additions(*groups[1]) == {}  # without the stock the lone copy keeps it


def test_no_more_than_two_pieces_go_from_an_edge_of_a_one_copy_story() -> None:
    """An essay talks to its reader in its first lines too: the walk stops after two."""
    paras = next(_stories(SEEDS[0]))
    talk = ["你有没有想过这个问题？", "我想了很久。", "大家不妨也想一想！"]
    got = farm_additions([DocRecord(9, "\n".join(talk + paras), role="farm")], 9)
    assert got[9].removed == talk[:2] and got[9].text.startswith(talk[2])


def test_a_recrawl_reads_the_stock_earlier_runs_proved(tmp_path: Path) -> None:
    """A re-crawl re-decides only the stories it touched: a one-copy story found then
    still meets the stock that copies of a story with an original were shown to add."""
    from storage.clustering import recluster, update_clusters
    from storage.db import reader
    from storage.writes import write_batch

    first, later = list(_stories(SEEDS[1]))[:2]
    stock = "。".join(STOCK[:2]) + "。"
    docs = [
        ("pub", "publisher", "\n".join(first)),
        ("farm", "farm", "\n".join(first + ["总而言之，" + stock])),
    ]
    db = str(tmp_path / "db.duckdb")

    def _rows(batch):
        return [
            dict(url=f"http://{n}/a", source=n, role=r, title="t", text=t, on_topic=True,
                 page_urls=[f"http://{n}/a"])
            for n, r, t in batch
        ]  # fmt: skip

    write_batch(db, [], _rows(docs))
    recluster(db)
    write_batch(db, [], _rows([("lone", "farm", "\n".join(later + ["坦白讲，" + stock]))]))
    update_clusters(db)
    with reader(db) as con:
        text = con.execute("SELECT text FROM articles WHERE url = 'http://lone/a'").fetchone()[0]
    assert text == "\n".join(later)


def test_a_posters_aside_between_farm_talk_and_the_story_goes_with_the_talk() -> None:
    """A forum repost opens with the poster's lines and the farm's commentary: a short aside
    that states nothing ("刚看到这个新闻，分享一下。") between them no longer stops the walk
    (fresh genweb seed 125795827095); an aside with the story right after it stays."""
    paras = next(_stories(SEEDS[0]))
    head = ["转一篇，提醒家里人注意！", "刚看到这个新闻，分享一下。"]
    talk = "在我们看来，平台的审核责任同样不能缺位。关注我们，带你看懂更多热点。"
    got = farm_additions([DocRecord(9, "\n".join([*head, talk, *paras]), role="farm")], 9)
    assert got[9].text == "\n".join(paras)
    alone = farm_additions([DocRecord(8, "\n".join([head[1], *paras]), role="farm")], 8)
    assert 8 not in alone or alone[8].text.startswith(head[1])
