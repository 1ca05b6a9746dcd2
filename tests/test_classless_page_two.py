"""A split article on a site that names no blocks: its pages are the article's, not posts.

A site without class or id names wraps its date line, breadcrumb, article, tag cloud and
footer in look-alike plain wrappers, and the article wrapper holds the same bare tags as
they do (a title box with ``<span>`` meta, ``<p>`` paragraphs, a 上一条/下一条 box with
links).  Compared as a bag of tags, the article wrapper and the date line were "two posts
of a run": page 1 opened no chain, and page 2 was read as a thread's reply page, so page 1
was stored alone, too short (genweb seed 989294940518, site01: four of five split
articles).  Posts of one thread repeat one inner structure (``div/a``, ``div/span``,
``div/p`` paths); layout wrappers do not.  A classless thread's reply page stays replies,
and its first page (the opening post before its replies) opens no chain.

Instances vary the wrapper tag (div, section), how many chrome wrappers stand beside the
article and where, the meta line, the paragraph counts and lengths, a numbered pager bar
or a lone 下一页, and the posts' markup.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from scrapy.http import HtmlResponse

from crawler.pageshape import shape_of
from crawler.pagination import JOIN, REPLIES, ChainPage, continues, known_texts

HEADLINE = "利用人脸替换技术出售视频获利，被告人一审获刑"
SENTENCES = (
    "法院经审理查明，被告人违反国家有关规定，利用人脸替换技术非法处理他人人脸信息。",
    "检察机关提前介入引导侦查，围绕人脸信息的来源、数量和用途调取证据。",
    "该案宣判后，被告人当庭表示认罪服判，不上诉。",
    "主审法官表示，人脸信息具有唯一性和不可更改性，一旦泄露风险将伴随终身。",
    "《互联网信息服务深度合成管理规定》明确，服务提供者应当提示使用者依法告知被编辑的个人。",
    "2023年3月，被告人伙同他人利用换脸软件合成视频，通过网络出售获利。",
    "办案检察官提醒，公众应增强个人信息保护意识，不随意上传人脸照片。",
)
REPLIES_TEXT = ("顶一下，支持楼主", "这种人就该重判！", "楼上说得对，法律终于跟上技术了",
                "有没有人知道是哪个软件", "前排围观，学到了")  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """One site's template, the same on every page: its wrapper tag (div, section, or a
    table whose rows hold the blocks), which chrome blocks it shows and where the article
    sits among them."""

    tag: str
    table: bool
    chrome: tuple[int, ...]
    at: int

    @classmethod
    def draw(cls, rng: random.Random) -> Layout:
        order = [1, 2, 3]
        rng.shuffle(order)
        chrome = (0, *order[: rng.randint(2, 3)])
        table = rng.random() < 0.3
        return cls(rng.choice(("div", "section")), table, chrome, rng.randint(1, len(chrome)))


def _chrome(rng: random.Random, tag: str) -> list[str]:
    """The site's unnamed layout wrappers, each with links and a little text of its own
    (the same on every page but for a counter)."""
    return [
        f"<{tag}><span>在线 {rng.randint(100, 9999)} 人</span><a href='/app'>客户端</a>"
        f"<a href='/m'>手机版</a></{tag}>",
        f"<{tag}>您的位置：<a href='/'>首页</a> &gt; <a href='/gn/'>国内</a> &gt; 正文</{tag}>",
        f"<{tag}><{tag}><h4>TAG</h4><a href='/t/1'>人脸</a> <a href='/t/2'>诉讼</a></{tag}>"
        f"</{tag}>",
        f"<{tag}><p><a href='/about'>关于我们</a> | <a href='/ad'>广告服务</a></p>"
        "<p>Copyright © 2001-2024 本网 版权所有</p><p>ICP备05012345号</p>"
        f"</{tag}>",
    ]


def _place(rng: random.Random, layout: Layout, article: str) -> str:
    chrome = _chrome(rng, layout.tag)
    blocks = [chrome[i] for i in layout.chrome]
    blocks.insert(layout.at, article)
    if layout.table:
        rows = "".join(f"<tr><td>{b}</td></tr>" for b in blocks)
        return f"<table>{rows}</table>"
    return f"<div>{''.join(blocks)}</div>"


def _pager(rng: random.Random, page: int, pages: int) -> str:
    nxt = f"<a href='/article/{page + 1}'>[下一页]</a>" if page < pages else ""
    if rng.random() < 0.5:
        return f"<p>{nxt}</p>"
    items = "".join(
        f"<span>{k}</span>" if k == page else f"<a href='/article/{k}'>{k}</a>"
        for k in range(1, pages + 1)
    )
    return f"<p>{items}{nxt}</p>"


def _article_page(
    rng: random.Random, layout: Layout, paragraphs: list[str], page: int, pages: int
) -> bytes:
    tag = layout.tag
    counter = f"<span>点击：{rng.randint(100, 99999)}</span><span>2025-09-26</span>"
    meta = rng.choice(("<span>来源：本网</span><span>作者：记者 龚婷</span>", counter))
    body = "".join(f"<p align='justify'>{p}</p>" for p in paragraphs)
    article = (
        f"<{tag}><{tag}><{tag}>{HEADLINE}</{tag}><{tag}>{meta}</{tag}></{tag}>"
        f"<{tag}>{body}</{tag}>{_pager(rng, page, pages)}"
        f"<{tag}><p>上一条：<a href='/article/90'>另一起换脸案件宣判</a></p>"
        f"<p>下一条：<a href='/article/91'>深度合成新规解读</a></p></{tag}>"
        f"<{tag}>相关标签：<a href='/t/1'>人脸</a></{tag}></{tag}>"
    )
    html = _place(rng, layout, article)
    return f"<html><head><title>{HEADLINE}_本网</title></head><body>{html}</body></html>".encode()


def _post(rng: random.Random, text: str, nested: bool) -> str:
    who = f"<a href='/u/{rng.randint(1, 999)}'>网友{rng.randint(1, 999)}</a>"
    if nested:
        return (
            f"<div><div>{who}<span>2025-09-2{rng.randint(0, 9)}</span></div><div>{text}</div></div>"
        )
    return f"<div>{who} {text}{'！' * rng.randint(0, 2)}</div>"


def _thread_page(rng: random.Random, opening: list[str] | None) -> bytes:
    """A classless thread page: the opening post (page 1) or none (a reply page), then
    replies, among the same unnamed layout wrappers an article page has."""
    nested = rng.random() < 0.5
    posts = [_post(rng, rng.choice(REPLIES_TEXT), nested) for _ in range(rng.randint(5, 12))]
    if opening is not None:
        posts.insert(0, _post(rng, "".join(f"<p>{p}</p>" for p in opening), nested))
    chrome = "".join(_chrome(rng, "div"))
    html = f"<h1>{HEADLINE}</h1>{chrome}<div>{''.join(posts)}</div>"
    return f"<html><head><title>{HEADLINE}</title></head><body>{html}</body></html>".encode()


def _response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url=url, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


def _verdict(first: bytes, later: bytes) -> str:
    page1 = _response("http://a.test/article/1", first)
    chain = [ChainPage.of(page1, shape_of(page1))]
    page2 = _response("http://a.test/article/2", later)
    return continues(chain, shape_of(page2, known_texts(chain)))


def _split(seed: int, rest: list[str] | None = None) -> tuple[bytes, bytes]:
    """Pages 1 and 2 of a split article on one classless site (``rest``: page 2's text)."""
    rng = random.Random(seed)
    layout = Layout.draw(rng)
    text = rng.sample(SENTENCES, rng.randint(3, 7))
    cut = rng.randint(1, len(text) - 1)
    pages = rng.randint(2, 4)
    first = _article_page(rng, layout, text[:cut], 1, pages)
    later = _article_page(rng, layout, rest if rest is not None else text[cut:], 2, pages)
    return first, later


@pytest.mark.parametrize("seed", range(12))
def test_page_one_among_classless_wrappers_is_article_text(seed: int):
    first, _ = _split(seed)
    shape = shape_of(_response("http://a.test/article/1", first))
    assert shape is not None and shape.article_text, "page 1 read as a post of a run"


@pytest.mark.parametrize("seed", range(12))
def test_the_continuation_among_classless_wrappers_joins(seed: int):
    first, later = _split(seed)
    assert _verdict(first, later) == JOIN


@pytest.mark.parametrize("seed", range(8))
def test_a_classless_reply_page_stays_replies(seed: int):
    rng = random.Random(100 + seed)
    first, _ = _split(200 + seed)
    assert _verdict(first, _thread_page(rng, None)) == REPLIES


@pytest.mark.parametrize("seed", range(8))
def test_a_classless_threads_first_page_opens_no_chain(seed: int):
    rng = random.Random(300 + seed)
    page = _thread_page(rng, rng.sample(SENTENCES, rng.randint(2, 5)))
    shape = shape_of(_response("http://a.test/thread/1", page))
    assert shape is not None and shape.in_run and shape.first_of_run


@pytest.mark.parametrize("seed", range(6))
def test_a_continuation_without_sentences_joins_at_page_ones_place(seed: int):
    """A last page holding only a list without full stops (the cases a report names) is
    still the article's: it sits where page 1's article text sat."""
    cases = ["附：典型案例", "案例一 利用换脸软件伪造视频诈骗案", "案例二 出售人脸合成视频牟利案"]
    first, later = _split(400 + seed, rest=cases[: 2 + seed % 2])
    assert _verdict(first, later) == JOIN


def _table_thread_page(rng: random.Random) -> bytes:
    """An old forum's reply page: each post a table of its own, the page's layout rows."""
    posts = "".join(
        f"<table><tr><td><a href='/u/{rng.randint(1, 999)}'>网友{rng.randint(1, 999)}</a>"
        f"<span>{k}楼</span></td><td>{rng.choice(REPLIES_TEXT)}</td></tr></table>"
        for k in range(2, rng.randint(7, 14))
    )
    layout = Layout("div", True, (0, 1, 3), 2)
    html = f"<h1>{HEADLINE}</h1>{_place(rng, layout, f'<div>{posts}</div>')}"
    return f"<html><head><title>{HEADLINE}</title></head><body>{html}</body></html>".encode()


@pytest.mark.parametrize("seed", range(6))
def test_a_classless_table_forums_reply_page_stays_replies(seed: int):
    rng = random.Random(500 + seed)
    first, _ = _split(600 + seed)
    assert _verdict(first, _table_thread_page(rng)) == REPLIES
