"""A 下一页 to an unrelated URL whose shape has used its tries is held, not dropped (issue 12,
cause 7's class).

A split article whose pages live at URLs of its own permalink scheme (``/s?id=N`` ->
``/s?id=M``, ``/p/N`` -> ``/p/M``) asks the trap guard for page 2 under that shape; early
in a crawl, before any article of the shape is stored, its tries may be spent on the
site's other articles.  Dropping page 2 then cut the article to page 1 (or lost it as too
short) for good.  Held, the request comes back with its chain as soon as an article of the
shape is stored, and the whole article is yielded under page 1's URL.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from crawler.pagination import ChainPage, NextPage
from crawler.spiders.reprints import ReprintsSpider
from crawler.traps import TrapGuard

SCHEMES = (
    lambda n: f"http://news.test/s?id={n}",
    lambda n: f"http://news.test/p/{n}",
    lambda n: f"http://news.test/article/{n}.html",
    lambda n: f"http://news.test/?p={n}",
)


def news_spider(tmp_path, probation: int = 2) -> ReprintsSpider:
    """The spider of one source at news.test, its trap guard on a short probation."""
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "news"\nrole = "publisher"\nstart_urls = ["http://news.test/"]\n',
        encoding="utf-8",
    )
    spider = ReprintsSpider(sources=str(sources))
    spider.frontier.guard = TrapGuard(probation=probation)
    return spider


@pytest.fixture
def spider(tmp_path) -> ReprintsSpider:
    return news_spider(tmp_path)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_two_waits_for_its_shape_and_carries_the_chain(spider, scheme):
    src = spider.config.sources[0]
    page1 = scheme(9056713407602322905 % 10**7)
    page2 = scheme(2101927174000881011 % 10**7)
    # the site's other articles at this shape spent its tries
    make = lambda u: u  # noqa: E731
    for n in (11, 12, 13):
        spider.frontier.admit(scheme(n), src, 1, make)
    first = HtmlResponse(url=page1, body=b"<html><body><p>x</p></body></html>")
    chain = [ChainPage.of(first)]
    request = spider._chain_request(NextPage(page2, related=False), src, 1, chain, [], first)
    assert request is None  # not now: page 1 is yielded as it is meanwhile
    # one article of the shape is stored (page 1 itself, or a sibling): page 2 comes back
    released = spider.frontier.article_found(page1, page1, page1)
    chained = [r for r in released if not isinstance(r, str)]  # the others: plain links
    assert [r.url for r in chained] == [page2]
    assert chained[0].meta["chain"] == chain and chained[0].meta["first_response"] is first


NUMBERED = (
    ("http://news.test/4802917.html", "http://news.test/4802917_{k}.html"),
    ("http://news.test/article/4802917.html", "http://news.test/article/4802917_{k}.html"),
    ("http://news.test/s?id=4802917", "http://news.test/s?id=4802917&page={k}"),
    ("http://news.test/a/4802917/", "http://news.test/a/4802917/{k}/"),
)


@pytest.mark.parametrize("page1,later", NUMBERED)
def test_a_numbered_page_two_waits_too(spider, page1, later):
    """Page 2 at a URL one page number away (``_2``, ``?page=2``, ``/2/``) is held the
    same way, and released when another article's later page of its shape joins."""
    src = spider.config.sources[0]
    make = lambda u: u  # noqa: E731
    spent = [later.replace("4802917", str(n)).format(k=2) for n in (11, 12)]
    for url in spent:  # the shape's tries spent on other articles' page 2
        spider.frontier.admit_next_page(url, make)
    first = HtmlResponse(url=page1, body=b"<html><body><p>x</p></body></html>")
    chain = [ChainPage.of(first)]
    page2 = later.format(k=2)
    request = spider._chain_request(NextPage(page2, related=True), src, 1, chain, [], first)
    assert request is None
    released = spider.frontier.page_joined(spent[0])
    assert [r.url for r in released if not isinstance(r, str)] == [page2]


SPLIT_AFTER_SPENT = (
    # (page 1 of an article stored before, page 1 of the new one, its page 2, calendar day)
    (
        "http://news.test/2026/03/02/yufei/",
        "http://news.test/2026/04/11/hibshs/",
        "http://news.test/2026/04/11/hibshs/?page=2",
        "http://news.test/2026/06/{d:02d}/",
    ),
    (
        "http://news.test/a/4802917.html",
        "http://news.test/a/5100233.html",
        "http://news.test/a/5100233_2.html",
        "http://news.test/a/day-2026-06-{d:02d}/",
    ),
    (
        "http://news.test/news/20260302/7731.shtml",
        "http://news.test/news/20260411/9120.shtml",
        "http://news.test/news/20260411/9120/2/",
        "http://news.test/news/cal/202606{d:02d}/",
    ),
)


@pytest.mark.parametrize("stored,page1,page2,day", SPLIT_AFTER_SPENT)
def test_page_two_of_an_article_shape_is_asked_for_when_the_family_is_spent(
    tmp_path, stored, page1, page2, day
):
    """A re-crawl meets a new split article after the site's family budget went on an
    endless calendar in the same first path segment: page 1 sits at a shape that has
    yielded articles, so its page 2 is asked for at once (each article has its own page-2
    shape, which nothing would ever release); a calendar page with a next page is not."""
    spider = news_spider(tmp_path, probation=8)
    src = spider.config.sources[0]
    spider.frontier.article_found(stored, stored, stored)
    make = lambda u: u  # noqa: E731
    for d in range(1, 29):  # the calendar and its filters spend the family's budget
        url = day.format(d=d) + f"?view{d}=1"  # (a shape each, linked from its own pages)
        spider.frontier.admit(url, src, 1, make, parent=day.format(d=d + 1))
    first = HtmlResponse(url=page1, body=b"<html><body><p>x</p></body></html>")
    request = spider._chain_request(
        NextPage(page2, related=True), src, 1, [ChainPage.of(first)], [], first
    )
    assert request is not None and request.url == page2
    cal = HtmlResponse(url=day.format(d=1), body=b"<html><body><p>x</p></body></html>")
    more = spider._chain_request(
        NextPage(day.format(d=1) + "?page=2", related=True), src, 1, [ChainPage.of(cal)], [], cal
    )
    assert more is None
