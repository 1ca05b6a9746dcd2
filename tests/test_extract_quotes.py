"""Issue 12, class 4: a forum post that quotes the article keeps the article.

Quote boxes found by tag, by class hint or by an attribution line; their headers go, a
quote's own short lines stay; a first post that is mostly a quote is the quote.  The
generated threads (Discuz tables, phpBB posts, floor cards, a class-less table BBS) are in
test_extract_mainpages.py.
"""

from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract.quotes import drop_header, quote_boxes, quoted_article, without_quotes

ARTICLE = "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益。"


def _el(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html)


def test_attribution_line_opening_a_quote_goes():
    box = _el(
        "<blockquote><font color=#999>以下是引用某某在2023-8-1 12:00的发言：</font><br>"
        f"{ARTICLE}<br>{ARTICLE}</blockquote>"
    )
    drop_header(box)
    assert box.text_content().startswith("法院审理认为")


def test_a_quotes_own_short_first_line_stays():
    # a markdown quote of two short lines: no one is named, no time is given
    for first in ("作者的理念：产品只考虑业务，不考虑基础服务", "以下统计截止时间为：2024年4月"):
        box = _el(f"<blockquote><p>{first}</p><p>拒绝重复的工作</p></blockquote>")
        drop_header(box)
        assert box.text_content().startswith(first)


@pytest.mark.parametrize("header", ["某某 发表于 2020-1-5 07:45", "引用 某某 的帖子："])
def test_bare_table_opening_with_an_attribution_is_a_quote(header: str):
    reply = _el(
        f"<td><table width='90%'><tr><td><font>{header}</font><br>"
        f"{ARTICLE}</td></tr></table>支持严惩！</td>"
    )
    assert len(quote_boxes(reply)) == 1
    assert without_quotes(reply).text_content() == "支持严惩！"


def test_first_post_that_is_mostly_a_quote_is_the_quote():
    post = _el(
        f"<div>转一篇新闻，大家看看。<br><div class='quote'><blockquote>{ARTICLE * 8}"
        "</blockquote></div>大家怎么看？</div>"
    )
    article = quoted_article(post, 300)
    assert article is not None and article.text_content() == ARTICLE * 8
    own = _el(f"<div><blockquote>{ARTICLE}</blockquote>{ARTICLE * 8}</div>")
    assert quoted_article(own, 300) is None  # quotes a sentence, then says its own piece
