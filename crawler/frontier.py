"""What to fetch next: the crawl's policy, kept out of the spider so it can be tested alone.

One place decides whether a discovered URL becomes a request: seen before, outside the
source, too deep, an unchanged article the server gives no validators for (skipped, its
stored links followed instead), a parameter variant of a page the site's canonical names,
or a trap shape on probation (held back until its shape proves productive).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from crawler.history import FetchHistory, unchanged_article
from crawler.sources import Source
from crawler.traps import TrapGuard, url_shape
from crawler.urls import canonicalize, host_of, ignorable_params, strip_params


class Frontier:
    def __init__(
        self,
        history: FetchHistory | None = None,
        guard: TrapGuard | None = None,
        refetch_days: float = 30.0,
        now: Callable[[], datetime] = datetime.utcnow,
        count: Callable[[str], None] = lambda key: None,
    ) -> None:
        self.history = history or FetchHistory()
        self.guard = guard or TrapGuard()
        self.refetch_days = refetch_days
        self.now = now
        self.count = count  # stats hook: count("traps/held_back")
        self.seen: set[str] = set()
        self.continuations: set[str] = set()  # page 2+ of lists and threads
        self.discovered_by: dict[str, str] = {}  # url -> shape of the page that found it first
        self.ignorable: dict[str, set[str]] = {}  # host -> query params that select nothing
        for url, seen in self.history.entries.items():
            if seen.article_url and seen.article_url != url:
                self.learn_params(url, seen.article_url)
            if seen.outcome in ("article", "duplicate"):
                # Shapes that yielded articles before are trusted from the start: a re-crawl
                # whose known articles answer 304 must not spend the probation budget on them
                # and hold back the new ones.
                self.guard.confirm(url)

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
    ):
        """The request for ``url`` if it is to be fetched now, else None."""
        if url in self.seen or depth > src.max_depth:  # the common case: a link seen before
            return None
        canon = url if canonical else canonicalize(url)
        if canon is None or canon in self.seen or not src.allows(canon):
            return None
        self.seen.add(canon)
        if parent is not None:
            self.discovered_by[canon] = url_shape(parent)
        request = make_request(canon)
        if not force and not self.guard.admit(canon, request):
            self.count("traps/held_back")
            return None
        return request

    def follow(
        self,
        links: list[str],
        src: Source,
        depth: int,
        make_request: Callable[[str, int], object],
        parent: str | None = None,
    ) -> Iterator:
        """Requests for the canonical ``links`` of a page at ``depth - 1``."""
        stack = [(url, depth) for url in reversed(links)]
        while stack:
            url, d = stack.pop()
            if self.ignorable:
                names = self.ignorable.get(host_of(url))
                url = strip_params(url, names) if names else url
            skipped = None if url in self.seen else self._unchanged_article(url)
            if skipped is not None:
                # Known article, server gives no validators: do not download it again;
                # follow the links it had, so what lies behind it is still reached.
                self.seen.add(url)
                self.count("recrawl/skipped_known_article")
                stack.extend((u, d + 1) for u in reversed(skipped.links) if d + 1 <= src.max_depth)
                continue
            request = self.admit(
                url, src, d, lambda u, d=d: make_request(u, d), canonical=True, parent=parent
            )
            if request is not None:
                yield request

    def _unchanged_article(self, url: str):
        return unchanged_article(self.history, url, self.refetch_days, self.now())

    def learn_params(self, url: str, canonical: str) -> None:
        names = ignorable_params(url, canonical)
        if names:
            self.ignorable.setdefault(host_of(url), set()).update(names)

    def article_found(self, *urls: str) -> list:
        """(requested URL, final URL, article URL) of an article: trust its shape, credit the
        shape of the page that led to it, learn parameters its canonical drops.  Returns the
        held-back requests to schedule now."""
        for url in urls[:-1]:
            self.learn_params(url, urls[-1])
        released = self.guard.confirm(*urls)
        # credited once per article: pop its discoverer
        parent = next((self.discovered_by.pop(u) for u in urls if u in self.discovered_by), None)
        if parent is not None:
            released += self.guard.credit(parent)
        return released
