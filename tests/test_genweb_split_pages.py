"""Split articles on generated webs (issue 12): the spider's page-by-page decisions.

Every split article of every composed site on a range of ``tests.genweb`` seeds, read the
way the spider reads it, offline: page k's next-page link is found and names page k+1
(whatever the pager looks like: a numbered bar, or only a 下一页 decorated as ``[下一页]``,
``下一页 >``, ``下一页»``, to a related or an unrelated URL); page 1 may open a chain; page
k+1 continues it; and page k+1 reached on its own says it is a later page when its pager
links page 1 or page k.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from lxml.html import document_fromstring
from scrapy.http import HtmlResponse

from crawler.links import extract_links
from crawler.pageshape import shape_of
from crawler.pagination import JOIN, ChainPage, continues, find_next_page, known_texts
from crawler.spiders.reprints import MIN_CHAIN_PROSE
from crawler.urls import canonicalize
from pipelines.classify import is_continuation
from tests.genweb.layout import site_key
from tests.genweb.web import GenWeb

SEEDS = range(1, 25)


@dataclass(frozen=True)
class Split:
    seed: int
    site: str
    pager: str
    bar: bool
    responses: tuple[HtmlResponse, ...]


def _response(site, path: str) -> HtmlResponse:
    page = site.build(1).build.pages[site_key(path)]
    return HtmlResponse(
        url=canonicalize(site.url(path)),  # as the spider requests it
        body=page.body,
        headers={"Content-Type": page.content_type},
    )


def split_articles(seeds) -> list[Split]:
    out = []
    for seed in seeds:
        with GenWeb(seed) as web:
            for name in web.sites_names():
                site = web.site(name)
                if site.style.kind == "forum" or not site.style.pager:
                    continue
                for placed in site.placed.values():
                    if len(placed.pages) < 2 or placed.entry.phase != 1:
                        continue
                    pages = tuple(_response(site, p) for p in placed.pages)
                    out.append(Split(seed, name, site.style.pager, site.style.pager_bar, pages))
    return out


@pytest.fixture(scope="module")
def splits() -> list[Split]:
    found = split_articles(SEEDS)
    assert len(found) >= 30  # the range holds enough instances to mean something
    return found


def _where(s: Split, k: int) -> str:
    return f"seed {s.seed} {s.site} pager={s.pager} bar={s.bar} page {k + 1}: {s.responses[k].url}"


def test_every_next_page_link_is_found(splits):
    misses = []
    for s in splits:
        for k, resp in enumerate(s.responses[:-1]):
            nxt = find_next_page(resp.url, extract_links(resp))
            if nxt is None or nxt.url != s.responses[k + 1].url:
                misses.append(_where(s, k))
    assert not misses, misses[:10]


def test_page_one_opens_a_chain_and_each_later_page_joins_it(splits):
    misses = []
    for s in splits:
        first = shape_of(s.responses[0])
        if not (first.article_text and first.prose >= MIN_CHAIN_PROSE):
            misses.append(("page 1 refused", _where(s, 0), first))
            continue
        chain = [ChainPage.of(s.responses[0], first)]
        for k, resp in enumerate(s.responses[1:], start=1):
            shape = shape_of(resp, known_texts(chain))
            if continues(chain, shape) != JOIN:
                misses.append(("not joined", _where(s, k), shape))
            chain.append(ChainPage.of(resp, shape))
    assert not misses, misses[:10]


def test_a_later_page_reached_alone_says_so_when_its_pager_links_back(splits):
    """With a bar or a 上一页 to a URL one page number away, page k+1 is a later page."""
    misses = []
    for s in splits:
        if s.pager == "next_only":
            continue  # 上一页 to an unrelated URL: only the chain can tell
        for k, resp in enumerate(s.responses[1:], start=1):
            if not is_continuation(document_fromstring(resp.text), resp.url):
                misses.append(_where(s, k))
    assert not misses, misses[:10]
