"""Unit tests of the crawler's pure parts: URLs, links, pagination, traps, feeds, topic."""

from __future__ import annotations

from crawler.feeds import parse_feed, parse_sitemap
from crawler.links import Link, looks_like_page
from crawler.pagination import NextPage, find_next_page, page_numbers, sibling_pages
from crawler.sources import Topic
from crawler.traps import TrapGuard, url_shape
from crawler.urls import canonicalize
from pipelines.pagenumbers import is_later_page
from pipelines.topic import TopicFilter


def test_canonicalize_drops_tracking_fragment_default_port_and_sorts():
    assert (
        canonicalize("/a/1.html?utm_source=wx&b=2&spm=1.2&a=1#top", "HTTP://Example.COM:80/x/")
        == "http://example.com/a/1.html?a=1&b=2"
    )
    assert canonicalize("javascript:void(0)") is None
    assert canonicalize("mailto:a@b.c") is None
    assert canonicalize("http://x/" + "a" * 3000) is None
    # forum ids survive
    assert (
        canonicalize("http://bbs.x/viewtopic.php?t=12&f=3") == "http://bbs.x/viewtopic.php?f=3&t=12"
    )


def test_non_page_links_skipped():
    assert not looks_like_page("http://x/a/report.pdf")
    assert not looks_like_page("http://x/img/1.JPG")
    assert looks_like_page("http://x/a/1.html")
    assert looks_like_page("http://x/a/1.shtml")


def test_pagination_variants():
    assert page_numbers("http://a/news/123.html", "http://a/news/123_2.html") == (1, 2)
    assert page_numbers("http://a/x?id=5&page=3", "http://a/x?id=5") == (3, 1)
    assert page_numbers("http://a/thread-76-1-1.html", "http://a/thread-76-2-1.html") == (1, 2)
    assert page_numbers("http://a/news/123.html", "http://a/news/124.html") is None
    assert page_numbers("http://a/?p=12", "http://a/?p=13") is None
    discuz = [
        Link("http://a/thread-76-2-1.html", "2"),
        Link("http://a/thread-76-3-1.html", "3"),
        Link("http://a/thread-77-1-1.html", "另一个帖子"),
    ]
    assert find_next_page("http://a/thread-76-1-1.html", discuz) == NextPage(
        "http://a/thread-76-2-1.html", related=True
    )
    assert sibling_pages("http://a/thread-76-1-1.html", discuz) == {
        "http://a/thread-76-2-1.html",
        "http://a/thread-76-3-1.html",
    }
    assert is_later_page("http://a/news/123_2.html", "http://a/news/123.html")
    assert not is_later_page("http://a/?p=12", "http://a/?p=11")  # WordPress post ids
    links = [Link("http://a/news/124.html", "下一篇"), Link("http://a/news/123_2.html", "下一页")]
    assert find_next_page("http://a/news/123.html", links).url == "http://a/news/123_2.html"
    # "next post" is another article, never page 2
    assert (
        find_next_page("http://a/news/123.html", [Link("http://a/news/124.html", "下一篇")]) is None
    )
    numbered = [Link("http://a/n/9.html?page=2", "2"), Link("http://a/n/9.html?page=3", "3")]
    assert find_next_page("http://a/n/9.html", numbered).url == "http://a/n/9.html?page=2"


def test_trap_guard_holds_back_unproductive_shapes():
    guard = TrapGuard(probation=3)
    cal = [f"http://h/archive?y=2024&m={m}" for m in range(1, 13)]
    admitted = [u for u in cal if guard.admit(u, u)]
    assert len(admitted) == 3 and guard.contained() == 9
    assert url_shape(cal[0]) == url_shape(cal[5])
    # article shape: after one article is confirmed, its held-back siblings are released
    arts = [f"http://h/2024/05/{d:02d}/{d}.html" for d in range(1, 8)]
    assert sum(guard.admit(u, u) for u in arts) == 3
    released = guard.confirm(arts[0])
    assert released == arts[3:]
    assert guard.admit("http://h/2024/06/01/99.html", "x")


def test_sitemap_and_feeds():
    sm = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>http://a/1.html</loc></url><url><loc> http://a/2.html </loc></url></urlset>"""
    assert parse_sitemap(sm) == (["http://a/1.html", "http://a/2.html"], [])
    idx = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://a/s1.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(idx) == ([], ["http://a/s1.xml"])
    rss = b"<rss><channel><item><title>t</title><link>http://a/3.html</link></item></channel></rss>"
    assert parse_feed(rss) == ["http://a/3.html"]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate"
    href="http://a/4.html"/></entry></feed>"""
    assert parse_feed(atom) == ["http://a/4.html"]
    assert parse_sitemap(b"\x00garbage") == ([], [])
    assert parse_feed(b"") == []


def test_topic_filter():
    f = TopicFilter(Topic())
    on = f.classify(
        "利用AI换脸技术侵犯个人信息，公益诉讼获判",
        "检察院提起公益诉讼，杭州互联网法院判决被告停止侵权。AI换脸软件……法院认为……",
    )
    assert on.on_topic, on.reason
    tech = f.classify("AI换脸App教程", "这款AI换脸应用可以一键换脸，注意不要侵权。换脸效果自然。")
    assert not tech.on_topic and "angle" in tech.reason
    legal = f.classify("网络诈骗案宣判", "法院判决被告人犯诈骗罪，检察院提起公诉，一审宣判。")
    assert not legal.on_topic and "subject" in legal.reason


def test_article_url_honours_canonical_only_inside_the_source():
    from crawler.sources import Source
    from pipelines.article import Extracted
    from pipelines.records import article_url

    farm = Source("farm", "farm", ("http://farm.test/",), allowed_domains=("farm.test",))
    tracked = "http://farm.test/a/1.html?utm_source=x&from=timeline"
    # canonical inside the source: honoured
    e = Extracted(canonical_url="/a/1.html")
    assert article_url(tracked, e, farm) == "http://farm.test/a/1.html"
    # a farm naming the publisher's page as canonical must not take over the publisher's row
    e = Extracted(canonical_url="http://publisher.test/news/9.html")
    assert article_url(tracked, e, farm) == "http://farm.test/a/1.html"
    # a canonical pointing at page 2 of the article is ignored
    e = Extracted(canonical_url="http://farm.test/a/1_2.html")
    assert article_url("http://farm.test/a/1.html", e, farm) == "http://farm.test/a/1.html"
