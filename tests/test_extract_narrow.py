"""The main node is narrowed past teaser lists beside the article
(pipelines/extract/narrow.py, called by main_content.py).

The class: a block of teaser lists (headline links, each with an excerpt that scores a little
as prose) beside a short article lifted the main node to the column holding both, so the
teasers counted as the page's own and page 1 of a split article was called a list page
(held-out real template cjn_1.html, genweb seeds 3243526825 and 5470438704: 8 originals never
stored).  Instances vary the number of lists and teasers, the excerpt length, where the
block stands (before or after the article), and the markup; a lead box of prose beside the
body keeps the wider node.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from pipelines.extract import extract_page
from tests.genweb.realpages import CORPORA, body_html, fill, prepare

_TITLE = "高校教师诉“AI换脸”模板侵权案开庭审理"
_PARAS = [
    "高校教师诉某科技公司“AI换脸”模板侵权案近日在北京互联网法院开庭审理，被告辩称其仅提供技术服务。",
    "庭审中，原告方提交了公证书，证明被告运营的小程序中存在大量以原告形象制作的换脸模板。",
    "法官提示，利用人工智能技术生成他人形象须以合法为前提，技术提供者和使用者都应守住法律底线。",
    "据原告介绍，她在某平台发布了多条原创视频，后来有网友告诉她能找到用她的视频制作的模板。",
]
_WORDS = "文化活动扮靓假期城市消费持续升温旅游市场迎来高峰青春校园健康生活财经观察"


def _teasers(rng: random.Random, lists: int, per: int, tag: str) -> str:
    """Tabs of teaser groups: a picture with its caption (a headline with a comma, not a
    link), then a list of linked headlines (cjn_1.html's shape)."""
    out = []
    for k in range(lists):
        caption = (
            f"{''.join(rng.sample(_WORDS, rng.randint(6, 10)))}，{''.join(rng.sample(_WORDS, 8))}"
        )
        items = "".join(
            f'<li><a href="/n/{k}{i}.html">{"".join(rng.sample(_WORDS, rng.randint(10, 16)))}'
            "</a></li>"
            for i in range(per)
        )
        out.append(
            f'<{tag} class="tab-{k}"><ul class="img"><a href="/p/{k}.html"><img src="/{k}.jpg"></a>'
            f'<p class="cap">{caption}</p></ul><ul class="lb">{items}</ul></{tag}>'
        )
    return (
        f'<div class="tabs"><h3><a href="/w">文化</a><a href="/s">社会</a></h3>{"".join(out)}</div>'
    )


def _page(paras: list[str], teasers: str, before: bool, nxt: str) -> str:
    article = (
        f'<div class="make"><h1>{_TITLE}</h1><div class="meta">2025-06-12 17:18</div>'
        f'<div class="main">{"".join(f"<p>{p}</p>" for p in paras)}{nxt}</div></div>'
    )
    column = teasers + article if before else article + teasers
    return (
        f"<html><head><title>{_TITLE}</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a></div>'
        f"<section>{column}</section><aside><ol>"
        + "".join(f'<li><a href="/h/{i}.html">热点新闻标题第{i}条内容</a></li>' for i in range(8))
        + "</ol></aside></body></html>"
    )


@pytest.mark.parametrize("seed", range(6))
def test_page_one_of_a_split_article_beside_teaser_lists_is_an_article(seed: int):
    rng = random.Random(seed)
    teasers = _teasers(rng, rng.randint(4, 7), rng.randint(3, 5), rng.choice(["div", "section"]))
    before = seed % 3 == 0
    nxt = '<div><a href="/a/1_2.html">下一页</a></div>'
    page1 = _page(_PARAS[:2], teasers, before, nxt)
    page2 = _page(_PARAS[2:], teasers, before, "")
    out = extract_page([page1.encode(), page2.encode()], "http://t.test/a/1.html")
    assert out.is_article, out.reason
    assert all(p in out.text for p in _PARAS)


def test_a_lead_box_of_prose_beside_the_body_keeps_the_wider_node():
    lead = (
        '<div class="lead"><p>导读：北京互联网法院审理一起“AI换脸”模板侵权案，原告系高校教师。'
        "</p></div>"
    )
    page = _page(_PARAS, "", False, "").replace('<div class="make">', f"{lead}<div class='make'>")
    out = extract_page([page.encode()], "http://t.test/a/2.html")
    assert "北京互联网法院审理一起" in out.text


def test_page_one_of_a_recorded_cjn_page_is_an_article():
    template = prepare(CORPORA / "gne-testpages" / "html" / "cjn_1.html.gz", gne=True)
    assert template is not None
    when = datetime(2025, 6, 12, 17, 18)
    nxt = '<div><a href="http://t.test/s?id=3&page=2">下一页</a></div>'
    pages = [
        fill(template, _TITLE, body_html(tuple(_PARAS[:2]), "p") + nxt, when, None),
        fill(template, _TITLE, body_html(tuple(_PARAS[2:]), "p"), when, None),
    ]
    out = extract_page([p.encode(template.charset) for p in pages], "http://t.test/s?id=3")
    assert out.is_article, out.reason
    assert all(p in out.text for p in _PARAS)


def test_an_article_in_half_width_punctuation_is_prose_beside_a_stray_paragraph():
    # a copy re-punctuated to half-width beside a template's own paragraph and teaser lists:
    # both are prose, so the node stays wide enough for the article
    rng = random.Random(11)
    half = [p.translate(str.maketrans("，。“”", ',.""')) for p in _PARAS[:2]]
    stray = (
        "<div class='intro'><p>2026年03月09日，由某公司主办的第三届安全论坛在北京举行。</p></div>"
    )
    page = _page(half, stray + _teasers(rng, 5, 4, "div"), False, "")
    out = extract_page([page.encode(), _page(_PARAS[2:], "", False, "").encode()], "http://t/a/1")
    assert all(p in out.text for p in half), out.text
