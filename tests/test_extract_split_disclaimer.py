"""A site's disclaimer under the short pages of a split article (issue 12, chrome left).

The class: a site prints its disclaimer (版权声明, 本站声明, "（声明）…") under every article
page, in a container whose class names it as furniture.  On page 1 the article's prose is long
and the container goes; on page 2 or 3 the article's part may be one short paragraph, and
with it the page looked like "nothing but furniture" (a comments page), so the disclaimer
stayed and, in the main node of a few short pages only, no site template could cut it.  On
genweb seeds 422587973611, 455039711400 and 728211331912 it stayed in 12 articles, and in one
page 2 kept the disclaimer alone and lost its paragraph.

The instances are drawn here: the container's tag and class, the wording of the notice and
its length, the markup of the paragraph (<p>s, a <td> of &nbsp;-indented <br> runs, <section>
fragments), how long page 2's part is and where the notice sits.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import pytest

from pipelines.extract import extract_page

WS = re.compile(r"\s+")
_HEADS = ("版权声明：", "本站声明：", "（声明）", "郑重声明：", "原创声明：", "【免责声明】")
_CLAUSES = (
    "凡本网注明来源为其他媒体的作品均为转载",
    "转载目的在于传递更多信息",
    "本文仅代表作者个人观点",
    "如涉及作品内容、版权等问题请在三十日内与本网联系",
    "本平台仅提供信息存储服务",
    "联系邮箱{mail}",
)
_CLASSES = ("statement", "copyright", "declare", "disclaimer", "art-statement", "page__copyright")
_SENTENCES = (
    "根据被害人提供的线索，专案组顺藤摸瓜，历时两个多月，辗转多地将嫌疑人抓获",
    "法院审理查明，被告通过用户上传的方式提供涉案剧集的在线播放",
    "检察官提醒，个人信息一旦泄露就可能被不法分子利用",
    "民警在嫌疑人住处查获电脑九台、手机若干部，从中提取到大量人脸照片",
    "承办检察官介绍，审查中发现嫌疑人还曾将部分视频发送至多个群组",
    "目前，案件正在进一步办理中，相关平台已下架涉事应用",
)


def _notice(r: random.Random) -> str:
    mail = "".join(r.choice("abcdefgh") for _ in range(5)) + "@163.com"
    clauses = r.sample(_CLAUSES, r.randint(2, 4))
    return r.choice(_HEADS) + "，".join(c.format(mail=mail) for c in clauses) + "。"


def _paragraphs(r: random.Random, n: int, start: int) -> list[str]:
    """``n`` paragraphs of one to four sentences (a lone one may be long enough to win alone)."""
    out = []
    for k in range(n):
        said = r.sample(_SENTENCES, r.randint(1, 4))
        out.append("。".join(said) + f"，第{start}页第{k}段。")
    return out


def _body(r: random.Random, paras: list[str]) -> str:
    shape = r.randrange(3)
    if shape == 0:
        return "<div class='content'>" + "".join(f"<p>{p}</p>" for p in paras) + "</div>"
    if shape == 1:
        runs = "".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{p}<br>" for p in paras)
        return f"<table><tr><td id='rich_content'>{runs}</td></tr></table>"
    return (
        "<article>" + "".join(f"<section><span>{p}</span></section>" for p in paras) + "</article>"
    )


def _page(r: random.Random, site: Site, paras: list[str], k: int, n: int) -> bytes:
    tag, cls, title = site.tag, site.cls, site.title
    links = "".join(f"<a href='/a/77_{i}.html'>{i}</a>" for i in range(1, n + 1))
    pager = f"<div class='pages'>{links}<a href='/a/77_{min(k + 1, n)}.html'>下一页</a></div>"
    after = [
        f"<{tag} class='{cls}'>{site.notice}</{tag}>",
        "<div class='editor'>责任编辑：张明</div>",
    ]
    if site.editor_last:
        after.reverse()
    if site.linked:  # prev/next and tags in the article's column: links that drag it down
        titles = "".join(f"<li><a href='/a/{i}.html'>{_SENTENCES[i]}</a></li>" for i in range(3))
        after.append(f"<ul class='turn'>{titles}</ul>")
    menu = "".join(f"<li><a href='/c/{i}'>栏目{i}</a></li>" for i in range(12))
    html = (
        f"<html><head><meta charset='utf-8'><title>{title}_某某网</title></head><body>"
        f"<ul class='menu'>{menu}</ul><div class='main'><h1>{title}</h1>"
        f"<div class='info'>2024-05-0{k} 10:00 来源：某某日报</div>"
        f"<div class='art'>{_body(r, paras)}{pager}</div>{''.join(after)}</div>"
        "<div class='footer'>关于我们 联系我们</div></body></html>"
    )
    return html.encode()


@dataclass(frozen=True)
class Site:
    """What a site prints the same way under every article page."""

    notice: str
    tag: str
    cls: str
    editor_last: bool
    linked: bool = False
    title: str = "某地警方破获一起“AI换脸”诈骗案"

    @classmethod
    def draw(cls, seed: int, classes: tuple[str, ...] = _CLASSES) -> Site:
        r = random.Random(seed)
        tag = r.choice(("p", "div", "section"))
        return cls(_notice(r), tag, r.choice(classes), r.random() < 0.5, r.random() < 0.5)


def split_article(seed: int, site: Site | None = None) -> tuple[list[bytes], list[str], str]:
    """The pages of one split article (page 1 long, the later ones short) on ``site`` (or a
    site drawn with it), every paragraph of it, and the site's notice."""
    r = random.Random(seed)
    site = site or Site.draw(seed)
    n = r.randint(2, 3)
    parts = [_paragraphs(r, 6, 0)] + [_paragraphs(r, r.randint(1, 2), k) for k in range(1, n)]
    pages = [_page(r, site, paras, k + 1, n) for k, paras in enumerate(parts)]
    return pages, [p for part in parts for p in part], site.notice


@pytest.mark.parametrize("seed", range(12))
def test_a_sites_disclaimer_under_a_short_later_page_goes_and_its_paragraph_stays(seed: int):
    pages, paragraphs, notice = split_article(seed)
    out = extract_page(pages, "http://127.0.0.9/a/77_1.html")
    text = WS.sub("", out.text)
    assert WS.sub("", notice)[:12] not in text
    assert all(WS.sub("", p) in text for p in paragraphs)
