"""What to fetch next: the crawl's policy, kept out of the spider so it can be tested alone.

One place decides whether a discovered URL becomes a request: seen before, outside the
source, too deep, an unchanged article the server gives no validators for (skipped, its
stored links followed instead), a parameter variant of a page the site's canonical names,
or a trap shape on probation (held back until its shape proves productive).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime

from crawler.history import LATER_PAGE_OUTCOMES, FetchHistory, unchanged_article
from crawler.links import Link
from crawler.sources import Source
from crawler.traps import TrapGuard, loose_shape, url_shape, visitor_params
from crawler.urls import canonicalize, host_of, ignorable_params, strip_params


class LocalSeen(set):
    """URLs already taken into the crawl (one process)."""

    def claim(self, url: str) -> bool:
        """True the first time ``url`` is claimed, then False."""
        if url in self:
            return False
        self.add(url)
        return True


class LearnedParams(dict):
    """host -> query parameters that select nothing on that host (one process)."""

    def learn(self, host: str, names: set[str]) -> None:
        self.setdefault(host, set()).update(names)


class Frontier:
    def __init__(
        self,
        history: FetchHistory | None = None,
        guard: TrapGuard | None = None,
        refetch_days: float = 30.0,
        now: Callable[[], datetime] = datetime.utcnow,
        count: Callable[[str], None] = lambda key: None,
        seen=None,
        continuations=None,
        discovered_by=None,
        ignorable=None,
    ) -> None:
        self.history = history or FetchHistory()
        self.guard = guard or TrapGuard()
        self.refetch_days = refetch_days
        self.now = now
        self.count = count  # stats hook: count("traps/held_back")
        # Plain containers for one process; crawler/shared/frontier.py has Redis-backed ones
        # with the same interface for several workers.
        self.seen = seen if seen is not None else LocalSeen()
        self.continuations = continuations if continuations is not None else set()  # page 2+
        # url -> shape of the page that found it first
        self.discovered_by = discovered_by if discovered_by is not None else {}
        # host -> query params that select nothing (learned from rel=canonical)
        self.ignorable = ignorable if ignorable is not None else LearnedParams()
        self.articles: set[str] = set()  # article URLs found (this process, and before)
        for url, entry in self.history.entries.items():
            if entry.article_url and entry.article_url != url:
                self.learn_params(url, entry.article_url)
            if entry.outcome in ("article", "duplicate"):
                # Shapes that yielded articles before are trusted from the start: a re-crawl
                # whose known articles answer 304 must not spend the probation budget on them
                # and hold back the new ones.
                self.guard.confirm(url)
                self.articles.add(entry.article_url or url)

    @classmethod
    def for_crawl(cls, crawler, history: FetchHistory, shared, now) -> Frontier:
        """The frontier of a crawl: in this process, or in Redis when ``shared`` is set."""
        settings = crawler.settings
        probation = settings.getint("REPRINTS_TRAP_PROBATION", 8)
        # One process: the guard starts from what earlier crawls learned (Redis: from nothing)
        state: dict = {"guard": TrapGuard(probation).restore(history.trap_state)}
        if shared is not None:
            from crawler.shared.frontier import shared_frontier_state

            state = shared_frontier_state(shared, probation)
        return cls(
            history=history,
            refetch_days=settings.getfloat("REPRINTS_REFETCH_DAYS", 30.0),
            now=now,
            count=lambda key: crawler.stats.inc_value(key),  # stats exist once it runs
            **state,
        )

    def admit(
        self,
        url: str,
        src: Source,
        depth: int,
        make_request: Callable[[str], object],
        *,
        force: bool = False,
        canonical: bool = False,
        parent: str | None = None,
        hold: bool = True,
    ):
        """The request for ``url`` if it is to be fetched now, else None (held back by the
        trap guard unless ``hold`` is False)."""
        if url in self.seen or depth > src.max_depth:  # the common case: a link seen before
            return None
        canon = url if canonical else canonicalize(url)
        if canon is None or not src.allows(canon) or not self.seen.claim(canon):
            return None
        found_on = url_shape(parent) if parent is not None else None
        if found_on is not None:
            self.discovered_by[canon] = found_on
        request = make_request(canon)
        if not force and not self.guard.admit(canon, request, found_on=found_on, hold=hold):
            self.count("traps/held_back")
            return None
        return request

    def vouched(self, first_url: str | None) -> bool:
        """Page 1 of a chain is at a URL shape that has yielded articles: its pages 2..N are
        an article's (bounded by the chain's length, each joined only on its own text), not
        a space to budget.  Without this a split article met once the site's family budget
        was spent on a calendar (a re-crawl's new copy at /2026/04/11/slug/?page=2, each
        article its own page-2 shape) waited for ever and page 1 was lost as too short."""
        return bool(first_url) and self._trusted_shape(first_url)

    def _trusted_shape(self, url: str) -> bool:
        """``url``'s shape (exact or loose) has yielded articles."""
        trusted = getattr(self.guard, "trusted", None)
        if trusted is None:
            return False
        shape = url_shape(url)
        return bool({shape, loose_shape(shape)} & trusted)

    def admit_next_page(
        self, url: str, make_request: Callable[[str], object], first: str | None = None
    ):
        """The request for page N+1 of a document (its URL differs from page N's only in a
        page number), or None.  Asked for even when seen, since the chain needs its body,
        but charged to its shape's trap budget and held past it: a search or a calendar page
        that reads like an article must not page on for ever.  A page that joins the
        article earns its shape one more request (``page_joined``).  The chain of a page 1
        at an article shape (``first``, ``vouched``) is asked for without a budget."""
        if self.vouched(first):
            self.seen.add(url)
            return make_request(url)
        if url in self.seen:
            # fetched already as a document of its own (it was charged then): asked for again
            # only when its shape has yielded articles.  A list's page N met first, then
            # asked for again as page N+1 of page N-1, spent the list's budget twice and hid
            # its last pages (tests/miniweb listfarm); a calendar's pages stay contained.
            return make_request(url) if self._trusted_shape(url) else None
        self.seen.add(url)
        request = make_request(url)
        # held, not dropped: a split article's page 2 waits until an article of its shape is
        # stored (page 1 itself); a calendar's or a search's page 2 never is
        if not self.guard.admit(url, request, hold=True):
            self.count("traps/held_back")
            return None
        return request

    def page_joined(self, url: str) -> list:
        """Page N+1 at ``url`` continued its article: its shape is productive."""
        return self.guard.credit(url_shape(url))

    def own_links(self, page_url: str, links: list[Link]) -> list[Link]:
        """``links`` of the page at ``page_url`` without the query parameters that select
        nothing on their host: those a rel=canonical dropped, and a visitor's session id
        the page appends to every link (learned here, from this page)."""
        names = visitor_params(page_url, [link.url for link in links])
        if names:
            self.ignorable.learn(host_of(page_url), names)
        if not self.ignorable:
            return links
        out: dict[str, Link] = {}
        for link in links:
            names = self.ignorable.get(host_of(link.url))
            url = strip_params(link.url, names) if names and "?" in link.url else link.url
            out.setdefault(url, link if url == link.url else replace(link, url=url))
        return list(out.values())

    def follow(
        self,
        links: list[str],
        src: Source,
        depth: int,
        make_request: Callable[[str, int], object],
        parent: str | None = None,
    ) -> Iterator:
        """Requests for the canonical ``links`` of a page at ``depth - 1``.

        Most links of a page were seen before (a portal's 300-link menu recurs on every
        page), so a seen link costs one set lookup and nothing else."""
        seen, history = self.seen, self.history.entries
        now = None
        # (url, depth, linked from a page skipped as unchanged)
        stack = [(url, depth, False) for url in reversed(links)]
        while stack:
            url, d, behind = stack.pop()
            if self.ignorable and "?" in url:
                names = self.ignorable.get(host_of(url))
                url = strip_params(url, names) if names else url
            if url in seen:
                continue
            if url in history:
                now = now or self.now()
                skipped = self._unchanged(url, behind, now)
                if skipped is not None:
                    # Known article, server gives no validators: do not download it again;
                    # follow the links it had, so what lies behind it is still reached;
                    # its later pages too are among its links, and were never an
                    # article of their own.  So are a thread's reply pages, which the last
                    # crawl read as later pages: unchanged with it, their links followed.
                    seen.add(url)
                    seen.update(self.history.later_pages(skipped.article_url or url))
                    more = (u for u in reversed(skipped.links) if d + 1 <= src.max_depth)
                    stack.extend((u, d + 1, True) for u in more)
                    continue
            request = self.admit(
                url, src, d, lambda u, d=d: make_request(u, d), canonical=True, parent=parent
            )
            if request is not None:
                yield request

    def _unchanged(self, url: str, behind: bool, now: datetime):
        """The history entry of ``url`` when it needs no download: an unchanged article, or
        (``behind`` one) a later page of a document the last crawl read as such."""
        skipped = unchanged_article(self.history, url, self.refetch_days, now)
        if skipped is not None:
            self.count("recrawl/skipped_known_article")
            return skipped
        if behind:
            skipped = unchanged_article(
                self.history, url, self.refetch_days, now, LATER_PAGE_OUTCOMES
            )
            if skipped is not None:
                self.count("recrawl/skipped_later_page")
        return skipped

    def claim_redirect(self, url: str, meta: dict) -> bool:
        """A request was redirected to ``url``: False when another request has that URL (it
        is fetched there), so no URL is downloaded twice.  ``meta`` remembers the claim."""
        target = canonicalize(url)
        if target is None or meta.get("claimed") == target:
            return True  # a retry of a redirect this request already claimed
        if target in {canonicalize(u) for u in meta.get("redirect_urls", ())}:
            return True  # a loop: RedirectMiddleware ends it and the error is recorded
        if self.seen.claim(target):
            meta["claimed"] = target
            return True
        return False

    def learn_params(self, url: str, canonical: str) -> None:
        names = ignorable_params(url, canonical)
        if names:
            self.ignorable.learn(host_of(url), names)

    def article_found(self, *urls: str) -> list:
        """(requested URL, final URL, article URL) of an article: trust its shape, credit the
        shape of the page that led to it, learn parameters its canonical drops.  Returns the
        held-back requests to schedule now."""
        for url in urls[:-1]:
            self.learn_params(url, urls[-1])
        released = self.guard.confirm(*urls)
        # credited once per article: pop its discoverer; an article met again under another
        # URL (a session id, a tracking parameter) is nothing new and earns nothing
        parent = next((self.discovered_by.pop(u) for u in urls if u in self.discovered_by), None)
        if parent is not None and urls[-1] not in self.articles:
            released += self.guard.credit(parent)
        self.articles.add(urls[-1])
        return released
