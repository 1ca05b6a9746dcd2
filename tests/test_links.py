"""Outlinks of a page (crawler/links.py): what the per-href memory must not change."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from crawler.links import extract_links

MENU = (
    '<a href="2.html">下一 页</a><a href="/news/">新闻</a><a href="http://Other.test:80/a?utm_x=1">'
    'x</a><a href="javascript:void(0)">js</a><a href="#top">top</a><a href="mailto:a@b">m</a>'
    '<a href="/f/report.pdf">pdf</a><a href=" /news/ ">again</a><a href="?page=3"><b>3</b> 页</a>'
)


def _links(url: str, body: str, **kw) -> list[tuple[str, str, str]]:
    html = f"<html><body>{body}</body></html>".encode()
    response = HtmlResponse(url, body=html, encoding="utf-8")
    return [(link.url, link.text, link.rel) for link in extract_links(response, **kw)]


def test_each_page_resolves_the_same_hrefs_against_itself():
    first = _links("http://a.test/x/1.html", MENU)
    assert first == [
        ("http://a.test/x/2.html", "下一 页", ""),
        ("http://a.test/news/", "新闻", ""),
        ("http://other.test/a", "x", ""),
        ("http://a.test/x/1.html?page=3", "3 页", ""),
    ]
    # the same menu on another site and another directory: nothing carried over
    assert [u for u, _, _ in _links("http://b.test/y/z/", MENU)] == [
        "http://b.test/y/z/2.html",
        "http://b.test/news/",
        "http://other.test/a",
        "http://b.test/y/z/?page=3",
    ]
    assert _links("http://a.test/x/1.html", MENU) == first


def test_base_href_rel_and_the_cap():
    body = '<a href="p/1" rel="Next">1</a><a href="p/2">2</a><a href="p/3">3</a>'
    got = _links("http://a.test/q/r", f'<base href="http://c.test/base/">{body}', max_links=2)
    assert got == [("http://c.test/base/p/1", "1", "next"), ("http://c.test/base/p/2", "2", "")]
