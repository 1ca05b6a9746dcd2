"""Lines that name another article of the site (issue 12): prev/next and related links.

A site links its neighbours by title under a label drawn per page ("« 上一篇 …", "前一篇：…",
"上篇：…", "下篇：…", the bare link); genweb seeds 3, 4, 15 left them in the text of split
articles, where they sit between page 1's text and page 2's.  The line ends in the title of
another stored article of the site; a story's sentence that mentions such a title stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.article import Article
from pipelines.extract.sibling_titles import names_another_article, title_key
from tests.finalise_helpers import finalised_texts

TITLES = (
    "福州首例“深度合成”案提起公诉",
    "北京一电信诈骗团伙获刑，涉案340万元",
    "AI Face Swap 案终审",
)
OTHERS = frozenset(title_key(t) for t in TITLES)
LABELS = (
    "",
    "上一篇：",
    "« 上一篇 ",
    "下一篇 »",
    "前一篇：",
    "后一篇:",
    "上篇：",
    "下篇：",
    "相关：",
)


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("title", TITLES)
def test_a_label_and_another_articles_title_is_navigation(label: str, title: str):
    assert names_another_article(label + title, OTHERS)
    assert names_another_article(label + title.replace(" ", "  "), OTHERS)


@pytest.mark.parametrize(
    "line",
    [
        "据悉，福州首例“深度合成”案提起公诉",  # a clause before it: story text
        "福州首例“深度合成”案提起公诉。",  # a sentence
        "检察机关表示，北京一电信诈骗团伙获刑，涉案340万元。",
        "北京一电信诈骗团伙获刑，涉案295万元",  # another number: another story
        "上一篇：没有了",  # no title of the site (left to the other stages)
        "福州首例",  # a title's opening
    ],
)
def test_story_lines_and_other_titles_stay(line: str):
    assert not names_another_article(line, OTHERS)


def test_a_short_title_names_nothing():
    assert not names_another_article("上一篇：新闻发布会", frozenset({title_key("新闻发布会")}))
    assert not names_another_article("上一篇：" + TITLES[0], frozenset())


def test_finalise_cuts_neighbour_links_but_not_the_articles_own_headline(tmp_path: Path):
    story = "记者从检察机关获悉，该案系当地首例利用深度合成技术实施的犯罪案件，已依法提起公诉。"
    articles = []
    for i, title in enumerate(TITLES):
        prev, nxt = TITLES[i - 1], TITLES[(i + 1) % len(TITLES)]
        text = "\n".join([title, f"{story}{i}", f"{LABELS[i + 1]}{prev}", f"{LABELS[i + 4]}{nxt}"])
        articles.append(Article(f"http://gen.test/a/{i}.html", "gen", "publisher", title, text))
    stored = finalised_texts(tmp_path, articles)
    for i, title in enumerate(TITLES):
        assert stored[f"http://gen.test/a/{i}.html"].split("\n") == [title, f"{story}{i}"]
