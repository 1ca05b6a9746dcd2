"""What earlier crawls fetched: validators for conditional GET, outlinks to replay on 304.

Loaded once from DuckDB when a crawl starts.  ``ConditionalGetMiddleware`` adds
If-None-Match / If-Modified-Since to requests for URLs fetched before, so unchanged pages
answer 304 and are not downloaded again; the spider then replays the links stored for that
page, so a 304 does not cut the crawl off from what lies behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from scrapy import Request
from scrapy.exceptions import NotConfigured

from storage.db import reader
from storage.trapstate import load_trap_state


@dataclass(frozen=True)
class Seen:
    etag: str | None
    last_modified: str | None
    outcome: str | None
    links: tuple[str, ...]
    fetched_at: datetime | None
    status: int | None
    article_url: str | None = None
    # the only page of the last crawl that linked some article: what it links next may be
    # the only way to a new one, so it is never trusted without a fresh look
    sole_way: bool = False


class FetchHistory:
    def __init__(
        self,
        entries: dict[str, Seen] | None = None,
        pages_of: dict[str, list[str]] | None = None,
        trap_state: list[tuple[str, int, int]] | None = None,
    ) -> None:
        self.entries = entries or {}
        self.pages_of = pages_of or {}
        # (shape, issued, extra) the trap guard learned in earlier crawls
        self.trap_state = trap_state or []

    def later_pages(self, article_url: str | None) -> list[str]:
        """Pages 2..N stored for the article at ``article_url``."""
        return self.pages_of.get(article_url, []) if article_url else []

    @classmethod
    def load(cls, db_path: str | None) -> FetchHistory:
        if not db_path or not Path(db_path).exists():
            return cls()
        entries: dict[str, Seen] = {}
        with reader(db_path) as con:
            tables = {
                r[0]
                for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
            }
            if "pages" not in tables:
                return cls()
            rows = con.execute(
                "SELECT url, final_url, etag, last_modified, outcome, links, fetched_at, status, "
                "article_url FROM pages WHERE status BETWEEN 200 AND 399"
            ).fetchall()
            trap_state = load_trap_state(con)
        pages_of: dict[str, list[str]] = {}
        for url, final_url, etag, lm, outcome, links, fetched_at, status, art in rows:
            seen = Seen(etag, lm, outcome, tuple(links or ()), fetched_at, status, art)
            entries[url] = seen
            if final_url and final_url != url:
                entries.setdefault(final_url, seen)
            if outcome == "page_of_article" and art:
                pages_of.setdefault(art, []).append(url)
        return cls(mark_sole_ways(entries), pages_of, trap_state)

    def get(self, url: str) -> Seen | None:
        return self.entries.get(url)

    def __len__(self) -> int:
        return len(self.entries)


def mark_sole_ways(entries: dict[str, Seen]) -> dict[str, Seen]:
    """Mark the pages that were the only page linking some article (a topic page, a list
    misread as an article): a re-crawl must look at them again to find what they link now."""
    inbound: dict[str, int] = {}
    pages = {id(seen): (url, seen) for url, seen in entries.items()}  # final URLs alias
    for url, seen in pages.values():
        for link in set(seen.links) - {url}:
            inbound[link] = inbound.get(link, 0) + 1
    articles = {u for u, s in entries.items() if s.outcome in ("article", "duplicate")}
    out = {}
    for url, seen in entries.items():
        sole = any(inbound.get(link) == 1 and link in articles for link in seen.links)
        out[url] = replace(seen, sole_way=True) if sole and not seen.sole_way else seen
    return out


class ConditionalGetMiddleware:
    """Downloader middleware: conditional GET for every URL a previous crawl fetched."""

    def __init__(self, crawler) -> None:
        if not crawler.settings.getbool("REPRINTS_CONDITIONAL_GET", True):
            raise NotConfigured
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request: Request, spider=None):
        frontier = getattr(self.crawler.spider, "frontier", None)
        history: FetchHistory | None = getattr(frontier, "history", None)
        if not history or request.method != "GET":
            return None
        seen = history.get(request.url)
        if seen is None or request.meta.get("unconditional"):
            return None
        if seen.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = seen.etag
            request.meta["conditional"] = True
        if seen.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = seen.last_modified
            request.meta["conditional"] = True
        return None


ARTICLE_OUTCOMES = ("article", "duplicate")
# A later page of a document (a thread's reply page, page 2+ met on its own): trusted as
# unchanged only when reached from its article skipped as unchanged (``Frontier.follow``).
LATER_PAGE_OUTCOMES = ("not_article:continuation",)


def unchanged_article(
    history: FetchHistory,
    url: str,
    refetch_days: float,
    now: datetime,
    outcomes: tuple[str, ...] = ARTICLE_OUTCOMES,
) -> Seen | None:
    """The history entry of an article page (or a page of ``outcomes``) that needs no
    re-download, or None.

    Pages with an ETag or Last-Modified are re-checked with a conditional GET (cheap: a 304
    has no body).  Without validators a re-check would download the whole page again, so an
    article fetched less than ``refetch_days`` ago is trusted as it is.
    """
    seen = history.get(url)
    if seen is None or seen.outcome not in outcomes or seen.sole_way:
        return None
    if seen.etag or seen.last_modified or seen.fetched_at is None:
        return None
    if (now - seen.fetched_at).total_seconds() > refetch_days * 86400:
        return None
    return seen
