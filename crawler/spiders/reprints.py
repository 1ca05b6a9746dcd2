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
from crawler.links import Link, extract_links
from crawler.pageshape import shape_of
from crawler.pagination import (
    JOIN,
    REPLIES,
    ChainPage,
    LaterPage,
    NextPage,
    continues,
    find_next_page,
    find_prev_page,
    header,
    known_texts,
    pager_links,
    precedes,
    sibling_pages,
)
from crawler.shared.crawl import SharedCrawl
from crawler.shared.leases import leased
from crawler.sources import Source, load_sources
from crawler.urls import canonicalize
from storage.db import StorageError
from storage.trapstate import save_trap_state

MAX_CHAIN = 10  # pages joined into one article at most
# Page 1 may be joined with its next page when its main block holds at least this much text
# outside links (a calendar, a menu page holds none; a split article's page 1 may be short).
MIN_CHAIN_PROSE = 40
# Statuses the spider sees itself (to record them); 3xx stay with RedirectMiddleware.
HANDLED_STATUSES = [304, *range(400, 600)]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _canonical_list(urls: list[str]) -> list[str]:
    return [c for c in (canonicalize(u) for u in urls) if c]


class ReprintsSpider(scrapy.Spider):
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

    def _walk_back(self, response, src: Source, depth: int, links) -> scrapy.Request | None:
        """A page met on its own whose 上一页 names an unrelated URL may be page 2+ of a
        split article: fetch that page first (the article starts where no 下一页 points
        to), carrying this one.  None when there is no such link, the page is no article
        text (a reply page, a list), or the page before is seen or held back."""
        prev = find_prev_page(response.url, pager_links(links))
        if prev is None:
            return None
        shape = shape_of(response)
        if not (shape and shape.article_text and shape.prose >= MIN_CHAIN_PROSE):
            return None
        meta = {
            "source": src.name,
            "depth": depth,
            "handle_httpstatus_list": HANDLED_STATUSES,
            "later": LaterPage(response, shape, links),
        }
        make = lambda u: scrapy.Request(  # noqa: E731
            u, callback=self.parse, errback=self.on_error, dont_filter=True, meta=meta
        )
        return self.frontier.admit(prev, src, depth, make, hold=False)

    def _later_alone(self, meta: dict, src: Source, depth: int):
        """The page that waited for its page before, read as a document of its own."""
        later: LaterPage | None = meta.get("later")
        if later is not None:
            yield from self._document(later.response, src, depth, [], [], later.links, later.shape)

    def _document(
        self, response, src: Source, depth: int, chain, links_so_far, links, shape, reroot=None
    ):
        """``response`` is page len(chain)+1 of a document: fetch its next page, or yield the
        whole document and follow its links."""
        pagers = pager_links(links)  # the few links that read like a pager: read once
        next_page = self._next_page(response, pagers, chain)
        if next_page is not None:
            shape = shape or shape_of(response)
            if not chain and not (shape and shape.article_text and shape.prose >= MIN_CHAIN_PROSE):
                next_page = None  # a list, a thread, a calendar: its other pages stay apart
        chain = [*chain, ChainPage.of(response, shape)]
        siblings = sibling_pages(response.url, pagers) | sibling_pages(chain[0].url, pagers)
        if next_page or len(chain) > 1:
            # Pages of a joined article are fetched through the chain only, never as documents.
            outlinks = [link.url for link in links if link.url not in siblings]
        else:
            # Other pages of a list or a thread: followed for their links, never articles.
            outlinks = [link.url for link in links]
            self.frontier.continuations.update(siblings - {response.url})
        links_so_far = list(dict.fromkeys(links_so_far + outlinks))
        first = response.meta.get("first_response") if len(chain) > 1 else None
        request = self._chain_request(
            next_page, src, depth, chain, links_so_far, first or response, reroot
        )
        if request is not None:
            yield request
            return
        yield self._chain_page(first or response, src, chain, links_so_far)
        yield from self.follow(links_so_far, src, depth + 1, parent=chain[0].url)

    def _chain_request(
        self, next_page: NextPage | None, src, depth, chain, links, first, reroot=None
    ):
        if next_page is None:
            return None
        meta = {
            "source": src.name,
            "depth": depth,
            "handle_httpstatus_list": HANDLED_STATUSES,
            "unconditional": True,
            "chain": chain,
            "chain_links": links,
            "first_response": first,
        }
        make = lambda u: scrapy.Request(  # noqa: E731
            u, callback=self.parse, errback=self.on_error, dont_filter=True, meta=meta
        )
        if next_page.url == reroot:  # met first, admitted then: fetched again as page 2
            return make(next_page.url)
        if next_page.related:
            return self.frontier.admit_next_page(next_page.url, make, first=chain[0].url)
        # Only its label says it is page N+1: an ordinary request as far as the frontier is
        # concerned (seen-set, trap shapes), so a 下一页 chain cannot run through a calendar.
        # Held, not dropped, when its URL shape has used its tries: a split article's pages
        # share its articles' shape (/s?id=N -> /s?id=M), which is trusted the moment one
        # of them is stored, page 1 itself included.  Meanwhile the pages so far are yielded
        # (the caller gets None); the released request carries the chain, which is yielded
        # again whole under page 1's URL (the article row is replaced by URL).
        return self.frontier.admit(next_page.url, src, depth, make, hold=True)

    @staticmethod
    def _next_page(response: Response, links: list[Link], chain) -> NextPage | None:
        """The link to page len(chain)+2, if the page has one and the chain may grow
        (``links``: the page's pager links, or all its links)."""
        if len(chain) + 1 >= MAX_CHAIN or not isinstance(response, TextResponse):
            return None
        next_page = find_next_page(response.url, links)
        if next_page is None or next_page.url in {p.url for p in chain} | {response.url}:
            return None
        return next_page

    @staticmethod
    def _requested_url(response: Response) -> str:
        redirects = response.meta.get("redirect_urls")
        return redirects[0] if redirects else response.request.url

    def _chain_page(self, first: Response, src: Source, chain, links: list[str]) -> Page:
        page = self._page(first, src, self._requested_url(first), status=first.status)
        page["bodies"] = [p.body for p in chain]
        page["page_urls"] = [p.url for p in chain]
        page["later_pages"] = [p.validators() for p in chain[1:]]
        # Pages 2..N among the links too: if the document turns out to be no article (its
        # later pages are then not recorded as pages of it), a 304 on page 1 still leads a
        # re-crawl to them.
        page["links"] = list(dict.fromkeys([*links, *(p.url for p in chain[1:])]))
        return page

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
