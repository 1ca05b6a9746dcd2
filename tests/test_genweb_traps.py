"""Endless URL spaces of generated webs (issue 12): ≤ 20 requests into any, crawl and
re-crawl together, with every reachable article still found.

Each site of a range of ``tests.genweb`` seeds that has calendars, search pages, filter
combinations or session ids in its URLs is walked breadth-first through the real
``Frontier`` as the spider walks it (its links cleaned by ``own_links``, a page N+1 asked
for through ``admit_next_page``, every article reported with ``article_found``), offline:
pages come from the site's own resolver.  The second walk is the re-crawl of phase 2,
started from what the first one stored (``FetchHistory`` with the guard's state).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pytest
from scrapy.http import HtmlResponse

from crawler.frontier import Frontier
from crawler.history import FetchHistory, Seen
from crawler.links import extract_links
from crawler.pagination import find_next_page
from crawler.sources import Source
from crawler.traps import TrapGuard
from tests.genweb.plan import make_plan
from tests.genweb.reach import reachable_keys
from tests.genweb.web import MAX_DEPTH, GenWeb
from tests.miniweb.robots import allowed, rules_for

SEEDS = range(1, 13)
BUDGET = 20
MAX_REQUESTS = 3000  # a walk that runs away stops here (and fails on its counts)


@dataclass
class Walk:
    requests: list[str] = field(default_factory=list)  # paths with query, in order
    outcomes: dict[str, Seen] = field(default_factory=dict)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def walk(site, phase: int, history: FetchHistory) -> tuple[Walk, Frontier]:
    """One crawl of ``site`` through a fresh Frontier started from ``history``."""
    host = urlsplit(site.base_url).hostname
    src = Source(
        site.name, site.role, (site.url("/"),), allowed_domains=(host,), max_depth=MAX_DEPTH
    )
    guard = TrapGuard(8).restore(history.trap_state)
    frontier = Frontier(history=history, guard=guard)
    rules = rules_for(site.robots(), "reprints")
    out = Walk()
    queue = deque([frontier.admit(site.url("/"), src, 0, lambda u: (u, 0), force=True)])
    while queue and len(out.requests) < MAX_REQUESTS:
        url, depth = queue.popleft()
        path = _path(url)
        if not allowed(rules, path):
            continue
        out.requests.append(path)
        for _ in range(5):  # redirects
            resolved = site.lookup(*_split(path), phase)
            if resolved.location is None:
                break
            path = _path(resolved.location)
        if path != _path(url):
            out.requests.append(path)  # the redirect's target
        page = resolved.page
        if page is None or page.status != 200:
            continue
        if page.kind == "article":
            queue.extend(frontier.article_found(url, site.url(path), site.url(path)))
            out.outcomes[url] = Seen(None, None, "article", (), None, 200)
        else:
            out.outcomes[url] = Seen(None, None, "not_article", (), None, 200)
        response = HtmlResponse(
            url=url, body=page.body, headers={"Content-Type": page.content_type}
        )
        links = frontier.own_links(url, extract_links(response))
        nxt = find_next_page(url, links)
        if nxt is not None and nxt.related:  # as if every page opened a chain
            request = frontier.admit_next_page(nxt.url, lambda u, d=depth: (u, d + 1))
            if request is not None:
                queue.append(request)
        make = lambda u, d: (u, d)  # noqa: E731
        queue.extend(frontier.follow([x.url for x in links], src, depth + 1, make, parent=url))
    return out, frontier


def _split(path: str) -> tuple[str, str]:
    base, _, query = path.partition("?")
    return unquote(base), query


def trap_sites() -> list:
    return [(seed, p.name) for seed in SEEDS for p in make_plan(seed).sites if p.style.traps]


@pytest.fixture(scope="module")
def webs():
    """One served web per seed for the whole module (pages carry the port in URLs)."""
    started: dict[int, GenWeb] = {}

    def get(seed: int) -> GenWeb:
        if seed not in started:
            started[seed] = GenWeb(seed).start()
        return started[seed]

    yield get
    for web in started.values():
        web.stop()


@pytest.mark.parametrize(("seed", "name"), trap_sites())
def test_endless_spaces_get_at_most_20_requests_over_crawl_and_recrawl(webs, seed, name):
    site = webs(seed).site(name)
    first, frontier = walk(site, 1, FetchHistory())
    history = FetchHistory(first.outcomes, trap_state=frontier.guard.learned())
    second, _ = walk(site, 2, history)
    for trap in site.spaces.traps():
        n = sum(trap.matches(name, p) for p in first.requests + second.requests)
        assert n <= BUDGET, (seed, name, trap.label, n)
    reachable = reachable_keys(site, 2, MAX_DEPTH)
    fetched = {site.route_key(*_split(p)) for p in first.requests + second.requests}
    articles = {
        site.route_key(*_split(_path(a.page_urls[0]))) for a in site.build(2).build.articles
    }
    missed = (reachable & articles) - fetched
    assert not missed, (seed, name, sorted(missed)[:5])
