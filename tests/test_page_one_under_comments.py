"""Page 1 of a split article above a long comment section is article text (crawl side).

The page's largest block was one comment of the section (a comment of 76-110 characters
beats a page 1 of two sentences), so page 1 read as "a post of a run", opened no
chain, and was stored alone without its later pages (genweb seed 1 site01, seed 3 site05).
A comment under the article is a *later* item of a run; the page's article text is the
largest block of sentences outside any run, above it.  A thread's reply page, whose
largest block is a reply too, has no such block above its replies (a breadcrumb carrying
a headline's 震惊！ ends no sentence) and stays a run.  Instances vary the comment count
and length, class names or none, the article's length and the wrappers.
"""

from __future__ import annotations

import random

import pytest
from lxml.html import document_fromstring

from crawler.pageshape import read_shape
from crawler.spiders.chain import MIN_CHAIN_PROSE

HEADLINE = "震惊！男子用换脸软件伪造视频诈骗获刑"
SENTENCES = (
    "记者从市人民法院获悉，一起利用换脸技术伪造视频实施诈骗的案件日前一审宣判。",
    "被告人以非法占有为目的，虚构事实骗取他人财物，其行为已构成诈骗罪。",
    "承办检察官介绍，审查中发现被告人还曾将部分视频发送至多个群组。",
)
WORDS = ("支持法院依法判决", "现在打电话都要先问暗号", "这年头眼见都不一定为实", "赶紧告诉爸妈",
         "关键是钱能不能追回来", "平台也应该承担责任", "技术是把双刃剑")  # fmt: skip


def _comment(rng: random.Random, named: bool) -> str:
    # longer than page 1's text: every phrase once, some twice (76-110 characters)
    text = "，".join([*rng.sample(WORDS, len(WORDS)), *rng.sample(WORDS, rng.randint(0, 3))])
    cls = " class='cmt-item'" if named else ""
    return (
        f"<div{cls}><div><a href='/u/{rng.randint(1, 999)}'>网友{rng.randint(1, 999)}</a>"
        f"<span>2025-10-0{rng.randint(1, 9)}</span></div><div>{text}</div></div>"
    )


def _page(rng: random.Random, named: bool, article: list[str] | None) -> str:
    crumb = f"<div>论坛 › 版块 › {HEADLINE[:12]}</div>"
    comments = "".join(_comment(rng, named) for _ in range(rng.randint(8, 40)))
    wrap = rng.choice(("div", "section"))
    main = ""
    if article is not None:
        body = "".join(f"<p>{s}</p>" for s in article)
        main = (
            f"<{wrap}><h1>{HEADLINE}</h1><div>{body}</div><a href='/a/1_2.html'>下一页</a></{wrap}>"
        )
    cls = " class='comments'" if named else ""
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><div>{crumb}{main}"
        f"<div{cls}>{comments}</div></div></body></html>"
    )


@pytest.mark.parametrize("seed", range(10))
def test_a_short_page_one_above_long_comments_is_article_text(seed: int):
    rng = random.Random(seed)
    article = rng.sample(SENTENCES, 2)  # 64-70 characters
    shape = read_shape(document_fromstring(_page(rng, seed % 2 == 0, article)))
    assert shape.article_text
    assert shape.prose == sum(map(len, article)) >= MIN_CHAIN_PROSE


@pytest.mark.parametrize("seed", range(10))
def test_a_reply_page_under_a_headline_breadcrumb_stays_a_run(seed: int):
    rng = random.Random(100 + seed)
    shape = read_shape(document_fromstring(_page(rng, seed % 2 == 0, None)))
    assert shape.in_run and not shape.article_text
