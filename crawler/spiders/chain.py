"""Paginated documents: a page and its next pages fetched as one chain, yielded as one Page.

The spider's part that decides which pages belong to one split article (``_document``):
the next page is asked for only when page 1 holds article text, page 2+ met alone walks
back to the page before it, and the whole chain is yielded under page 1's URL.  A mixin of
``ReprintsSpider`` (it uses the spider's frontier, ``parse``, ``on_error``, ``follow`` and
``_page``), kept apart so the spider reads as discovery and this as pagination.
"""

from __future__ import annotations

import scrapy
from scrapy.http import Response, TextResponse

from crawler.items import Page
from crawler.links import Link
from crawler.pageshape import shape_of
from crawler.pagination import (
    ChainPage,
    LaterPage,
    NextPage,
    find_next_page,
    find_prev_page,
    pager_links,
    sibling_pages,
)
from crawler.sources import Source

MAX_CHAIN = 10  # pages joined into one article at most
# Page 1 may be joined with its next page when its main block holds at least this much text
# outside links (a calendar, a menu page holds none; a split article's page 1 may be short).
MIN_CHAIN_PROSE = 40
# Statuses the spider sees itself (to record them); 3xx stay with RedirectMiddleware.
HANDLED_STATUSES = [304, *range(400, 600)]


class PaginatedDocuments:
    """Chain fetching for the spider (see the module docstring)."""

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
