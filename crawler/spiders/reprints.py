"""The one spider: discovers URLs of every source in sources.toml and yields ``Page`` items.

Thin on purpose (news-please style): it fetches and follows links, it does not read
articles.  Extraction, topic and storage are item pipelines.  What it does decide:
which links to follow (same source, depth, robots via Scrapy, trap shapes), which pages
belong to one paginated article (fetched as a chain and yielded as one Page), and what to
replay when a re-crawl gets 304 Not Modified.
"""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse

from crawler.failures import failure_reason
from crawler.feeds import parse_feed, parse_sitemap
from crawler.frontier import Frontier
from crawler.history import FetchHistory
from crawler.items import Page
from crawler.links import extract_links
from crawler.pageshape import shape_of
from crawler.pagination import (
    JOIN,
    REPLIES,
    ChainPage,
    LaterPage,
    continues,
    header,
    known_texts,
    precedes,
)
from crawler.shared.crawl import SharedCrawl
from crawler.shared.leases import leased
from crawler.sources import Source, load_sources
from crawler.spiders.chain import HANDLED_STATUSES, MIN_CHAIN_PROSE, PaginatedDocuments
from crawler.urls import canonicalize
from storage.db import StorageError
from storage.trapstate import save_trap_state


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _canonical_list(urls: list[str]) -> list[str]:
    return [c for c in (canonicalize(u) for u in urls) if c]


class ReprintsSpider(PaginatedDocuments, scrapy.Spider):
    name = "reprints"

    def __init__(self, sources: str, db: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.config = load_sources(sources)
        self.db_path = db
        self.frontier = Frontier()
        self.max_links = 1000
        self.shared: SharedCrawl | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        kwargs.setdefault("db", crawler.settings.get("REPRINTS_DB"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_links = settings.getint("REPRINTS_MAX_LINKS", 1000)
        spider.shared = SharedCrawl.of(crawler)  # None unless several workers share Redis
        spider.frontier = Frontier.for_crawl(
            crawler, FetchHistory.load(spider.db_path), spider.shared, _now
        )
        crawler.signals.connect(spider.redirect_scheduled, signal=signals.request_scheduled)
        return spider

    # -- discovery ---------------------------------------------------------------------------
    async def start(self):
        for src in self.config.sources:
            for url in src.start_urls:
                request = self.page_request(url, src, depth=0, force=True)
                if request is not None:
                    yield request
            for url in src.sitemap_urls:
                if self.frontier.seen.claim(url):
                    yield self._list_request(url, src, self.parse_sitemap)
            for url in src.feed_urls:
                if self.frontier.seen.claim(url):
                    yield self._list_request(url, src, self.parse_feed)

    def _list_request(self, url: str, src: Source, callback) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={
                "source": src.name,
                "depth": 0,
                "handle_httpstatus_list": HANDLED_STATUSES,
                "listing": True,
            },
            dont_filter=True,
        )

    def _page_request(self, url: str, src: Source, depth: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            priority=-depth,  # breadth first: lists before what lies deep behind them
            meta={"source": src.name, "depth": depth, "handle_httpstatus_list": HANDLED_STATUSES},
            # The frontier de-duplicates; Scrapy's filter would silently drop the second leg of
            # a redirect loop, which then never reaches the error handler and is not recorded.
            dont_filter=True,
        )

    def page_request(self, url: str, src: Source, depth: int, force: bool = False):
        """A request for a start URL of ``src`` (canonicalised), or None."""
        return self.frontier.admit(
            url, src, depth, lambda u: self._page_request(u, src, depth), force=force
        )

    def follow(self, links: list[str], src: Source, depth: int, parent: str | None = None):
        make = lambda u, d: self._page_request(u, src, d)  # noqa: E731
        yield from self.frontier.follow(links, src, depth, make, parent=parent)

    @leased
    def parse_sitemap(self, response: Response):
        src = self.config.by_name(response.meta["source"])
        if response.status != 200:
            self.crawler.stats.inc_value(f"listing/failed/{response.status}")
            return
        pages, nested = parse_sitemap(response.body)
        for url in nested[:1000]:
            if src.allows(url) and self.frontier.seen.claim(url):
                yield self._list_request(url, src, self.parse_sitemap)
        yield from self.follow(_canonical_list(pages), src, depth=1)

    @leased
    def parse_feed(self, response: Response):
        src = self.config.by_name(response.meta["source"])
        if response.status != 200:
            self.crawler.stats.inc_value(f"listing/failed/{response.status}")
            return
        yield from self.follow(_canonical_list(parse_feed(response.body)), src, depth=1)

    # -- pages -------------------------------------------------------------------------------
    @leased
    def parse(self, response: Response):
        meta = response.meta
        src = self.config.by_name(meta["source"])
        depth = meta.get("depth", 0)
        chain: list[ChainPage] = meta.get("chain", [])
        links_so_far: list[str] = meta.get("chain_links", [])
        first_url = chain[0].url if chain else self._requested_url(response)

        if response.status != 200 or not isinstance(response, TextResponse):
            yield from self._later_alone(meta, src, depth)  # no page before it after all
        if response.status == 304 and not chain:
            yield self._page(response, src, first_url, status=304)
            history = self.frontier.history
            seen = history.get(first_url) or history.get(response.url)
            if seen:
                # its later pages are unchanged too: no request for them at all
                self.frontier.seen.update(history.later_pages(seen.article_url))
                yield from self.follow(list(seen.links), src, depth + 1, parent=first_url)
            return
        if response.status >= 300 and not chain:
            yield self._page(response, src, first_url, error=f"http:{response.status}")
            return
        if response.status >= 300:  # a later page of a chain failed: keep what we have
            yield self._chain_page(meta["first_response"], src, chain, links_so_far)
            yield from self.follow(links_so_far, src, depth + 1, parent=chain[0].url)
            return

        is_text = isinstance(response, TextResponse)
        links = (
            self.frontier.own_links(response.url, extract_links(response, self.max_links))
            if is_text
            else []
        )
        # The page's structure is read only where it decides something (a chain page, or a
        # page with a next-page link): on portal pages it costs a third of a link pass.
        shape = shape_of(response, known_texts(chain)) if is_text and chain else None
        reroot = None
        later: LaterPage | None = meta.get("later")
        if later is not None and is_text:  # fetched as the page before ``later``
            shape = shape_of(response)
            # (and may open a chain: a page 1 too short to open one would end it at once)
            if precedes(response.url, links, shape, later) and shape.prose >= MIN_CHAIN_PROSE:
                reroot = later.response.url  # the chain starts here and fetches it again
            else:
                yield from self._later_alone(meta, src, depth)
        elif not chain and is_text:
            back = self._walk_back(response, src, depth, links)
            if back is not None:
                yield back
                return
        if chain:
            verdict = continues(chain, shape)
            if verdict != JOIN:
                # Not a page of this article: the article ends before it, and the page is
                # read as what it is (another article, a page of replies).  It stays among
                # the article's links, so a re-crawl that gets a 304 still asks for it.
                first = meta["first_response"]
                links_so_far = [*links_so_far, response.url]
                yield self._chain_page(first, src, chain, links_so_far)
                yield from self.follow(links_so_far, src, depth + 1, parent=chain[0].url)
                if verdict == REPLIES:
                    self.frontier.continuations.update([response.url])  # (the Redis set has no add)
                yield from self._document(response, src, depth, [], [], links, shape)
                return
            self._schedule(self.frontier.page_joined(response.url))
        yield from self._document(
            response, src, depth, chain, links_so_far, links, shape, reroot=reroot
        )

    def _page(
        self,
        response: Response,
        src: Source,
        url: str,
        status: int | None = None,
        error: str | None = None,
    ) -> Page:
        return Page(
            url=url,
            final_url=response.url,
            source=src.name,
            role=src.role,
            status=status if status is not None else response.status,
            fetched_at=_now(),
            etag=header(response, "ETag"),
            last_modified=header(response, "Last-Modified"),
            content_type=header(response, "Content-Type"),
            bodies=[],
            page_urls=[response.url],
            links=[],
            error=error,
            depth=response.meta.get("depth", 0),
            continuation=url in self.frontier.continuations
            or response.url in self.frontier.continuations,
        )

    @leased
    def on_error(self, failure):
        request = failure.request
        reason = failure_reason(failure)
        self.crawler.stats.inc_value(f"fetch_failed/{reason}")
        meta = request.meta
        if meta.get("later") is not None:  # the page before a page met first: none after all
            yield from self._later_alone(meta, self.config.by_name(meta["source"]), meta["depth"])
        if (reason.startswith("robots") and meta.get("depth", 0)) or "source" not in meta:
            return  # a link robots.txt keeps us from; a start URL is recorded with the reason
        src = self.config.by_name(meta["source"])
        if meta.get("chain"):  # page N of an article failed: keep pages 1..N-1
            first = meta["first_response"]
            yield self._chain_page(first, src, meta["chain"], meta.get("chain_links", []))
            yield from self.follow(meta.get("chain_links", []), src, meta.get("depth", 0) + 1)
            return
        if meta.get("listing"):
            return
        yield Page(
            url=request.meta.get("redirect_urls", [request.url])[0],
            final_url=request.url,
            source=src.name,
            role=src.role,
            status=0,
            fetched_at=_now(),
            bodies=[],
            page_urls=[request.url],
            links=[],
            error=reason,
            depth=meta.get("depth", 0),
        )

    def redirect_scheduled(self, request: scrapy.Request, spider=None) -> None:
        """Drop a redirect to a URL the crawl fetches anyway (``/?p=123`` -> permalink)."""
        meta = request.meta
        if not meta.get("redirect_urls") or meta.get("chain"):
            return
        if self.frontier.claim_redirect(request.url, meta):
            return
        self.crawler.stats.inc_value("redirect/to_seen_url")
        if self.shared is not None and meta.get("lease"):
            self.shared.leases.release(meta["lease"])
        raise IgnoreRequest(f"redirect to a URL already taken: {request.url}")

    def closed(self, reason: str) -> None:
        """Keep what the trap guard learned for the next crawl (one process; several
        workers share theirs in Redis)."""
        if self.shared is None and self.db_path:
            try:
                save_trap_state(self.db_path, self.frontier.guard.learned())
            except StorageError as exc:
                self.logger.error("storage: trap state not saved: %s", exc)

    # -- feedback from the pipelines ---------------------------------------------------------
    def article_found(self, *urls: str) -> None:
        """Called by the extraction pipeline with (requested, final, article URL)."""
        self._schedule(self.frontier.article_found(*urls))

    def _schedule(self, released: list) -> None:
        """Requests the trap guard held back and releases now."""
        for request in released:
            self.crawler.stats.inc_value("traps/released")
            self.crawler.engine.crawl(request)
