"""A split article met at page 2 first is stored from page 1 (issue 12, cause 7's class).

Page 2 of an article linked only by 下一页 / 上一页 to URLs that share no page number
(``/s?id=N`` <-> ``/s?id=M``) may be met before page 1 (a sitemap, a hot list, a re-crawl
that replays links).  Read alone it became an article of its own, titled "…(2)", and page 1,
whose 下一页 then named a page already seen, was cut to itself or dropped as too short.
The article starts at the page no 下一页 points to: the spider fetches the page the 上一页
names first, and when that page's 下一页 names the page met first under the same headline,
the chain starts there.  Instances vary the URL scheme, the body markup, the headline's page
marker and the pager's markup; a 上一页 to a different article leaves both pages alone.
"""

from __future__ import annotations

import random

import pytest
import scrapy
from scrapy.http import HtmlResponse

from crawler.items import Page
from crawler.spiders.reprints import ReprintsSpider
from tests.test_chain_held import news_spider

SCHEMES = (
    lambda n: f"http://news.test/s?id={n}",
    lambda n: f"http://news.test/p/{n}",
    lambda n: f"http://news.test/article/{n}.html",
    lambda n: f"http://news.test/?p={n}",
    lambda n: f"http://news.test/detail/{n:x}.html",
)
MARKERS = ("({k})", "（{k}）", "_第{k}页", " 第{k}页", "")
PARAS = (
    "记者从市人民法院获悉，一起利用人工智能换脸技术伪造视频实施诈骗的案件日前一审宣判。",
    "法院审理查明，被告人通过网络购买换脸软件，将他人面部替换进视频，骗取被害人钱财。",
    "法院认为，被告人以非法占有为目的，虚构事实骗取他人财物，数额较大，构成诈骗罪。",
    "承办法官提醒，公众应谨慎授权人脸信息，遇到视频借钱须通过其他渠道核实对方身份。",
)


def _page(rng: random.Random, title: str, k: int, prev: str | None, nxt: str | None) -> bytes:
    marker = rng.choice(MARKERS).format(k=k) if k > 1 else ""
    paras = PARAS[(k - 1) * 2 : (k - 1) * 2 + 2]
    if rng.random() < 0.5:
        body = "".join(f"<p>{p}</p>" for p in paras)
    else:
        body = "<div class='txt'>" + "<br><br>".join(paras) + "</div>"
    links = []
    if prev:
        links.append(f"<a href='{prev}'>{rng.choice(('上一页', '[上一页]', '« 上一页'))}</a>")
    if nxt:
        links.append(f"<a href='{nxt}'>{rng.choice(('下一页', '[下一页]', '下一页 »'))}</a>")
    pager = "".join(links)
    pager = f"<div class='fy'>{pager}</div>" if rng.random() < 0.5 else f"<p>{pager}</p>"
    return (
        f"<html><head><title>{title}{marker}_法治新闻网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/law/'>法治</a>"
        "<a href='/tech/'>科技</a></div>"
        f"<div class='main'><h1>{title}{marker}</h1><div class='content'>{body}</div>{pager}</div>"
        "<div class='footer'>版权所有 法治新闻网</div></body></html>"
    ).encode()


@pytest.fixture
def spider(tmp_path) -> ReprintsSpider:
    return news_spider(tmp_path, probation=8)


def _respond(request: scrapy.Request, pages: dict[str, bytes]) -> HtmlResponse:
    return HtmlResponse(request.url, body=pages[request.url], encoding="utf-8", request=request)


def _meet(spider: ReprintsSpider, url: str, pages: dict[str, bytes]) -> list:
    """Crawl from ``url`` met on its own, answering every request from ``pages``."""
    first = scrapy.Request(url, meta={"source": "news", "depth": 1}, dont_filter=True)
    spider.frontier.seen.claim(url)
    queue, items = [first], []
    while queue:
        out = list(spider.parse(_respond(queue.pop(0), pages)))
        items += [o for o in out if isinstance(o, Page)]
        queue += [o for o in out if isinstance(o, scrapy.Request) and o.url in pages]
    return items


@pytest.mark.parametrize("seed", range(10))
def test_page_two_met_first_is_stored_from_page_one(spider, seed):
    rng = random.Random(seed)
    scheme = SCHEMES[seed % len(SCHEMES)]
    url1, url2 = scheme(rng.randint(10**5, 10**6)), scheme(rng.randint(10**6, 10**7))
    title = "换脸诈骗案一审宣判"
    pages = {url1: _page(rng, title, 1, None, url2), url2: _page(rng, title, 2, url1, None)}
    items = _meet(spider, url2, pages)
    assert [(i["url"], i["page_urls"]) for i in items] == [(url1, [url1, url2])]


@pytest.mark.parametrize("seed", range(6))
def test_a_previous_page_of_another_article_leaves_both_alone(spider, seed):
    """A blog whose 上一页 is the previous post: two articles, each stored as itself."""
    rng = random.Random(100 + seed)
    scheme = SCHEMES[seed % len(SCHEMES)]
    url1, url2 = scheme(rng.randint(10**5, 10**6)), scheme(rng.randint(10**6, 10**7))
    pages = {
        url1: _page(rng, "换脸诈骗案一审宣判", 1, None, url2),
        url2: _page(rng, "检察院对深度伪造团伙提起公诉", 1, url1, None),
    }
    items = _meet(spider, url2, pages)
    assert sorted((i["url"], tuple(i["page_urls"])) for i in items) == sorted(
        [(url1, (url1,)), (url2, (url2,))]
    )


def test_a_page_before_too_short_to_open_a_chain_loses_nothing(spider):
    """Page 1 holds one short line: the page met first is still read, as itself."""
    url1, url2 = SCHEMES[0](11), SCHEMES[0](12)
    short = f"<html><body><h1>换脸诈骗案一审宣判</h1><p>详见下页。</p><a href='{url2}'>下一页</a>"
    pages = {
        url1: (short + "</body></html>").encode(),
        url2: _page(random.Random(5), "换脸诈骗案一审宣判", 2, url1, None),
    }
    items = _meet(spider, url2, pages)
    assert url2 in [i["url"] for i in items]
