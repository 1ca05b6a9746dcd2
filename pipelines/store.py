"""Item pipeline: write pages and articles to DuckDB in small batched transactions.

The file is opened only for the length of one batch (see storage/db.py), so users can run
``reprints sql`` while the crawl writes.  Batches are written on a worker thread, one at a
time, so the reactor never waits on the disk.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time

from scrapy.exceptions import NotConfigured

from pipelines.article import Article
from storage.db import StorageError
from storage.writes import write_batch

log = logging.getLogger(__name__)


def page_row(item) -> dict:
    status = item.get("status") or 0
    bodies = item.get("bodies") or []
    article: Article | None = item.get("article")
    return {
        "url": item["url"],
        "final_url": item.get("final_url"),
        "source": item.get("source"),
        "status": status,
        "fetched_at": item.get("fetched_at"),
        "etag": item.get("etag"),
        "last_modified": item.get("last_modified"),
        "content_sha1": hashlib.sha1(b"".join(bodies)).hexdigest() if bodies else None,
        "error": item.get("error"),
        "outcome": item.get("outcome"),
        "article_url": article.url if article else None,
        "links": list(item.get("links") or []),
        "fetch_count": 1 if status and status != 304 else 0,
        "not_modified_count": 1 if status == 304 else 0,
    }


def later_page_rows(item, article: Article | None) -> list[dict]:
    """Pages 2..N of a joined article: stored with their validators so a re-crawl can skip
    them when page 1 is unchanged, and re-check them cheaply otherwise.  Those of a joined
    document that is no article (too short, a list) too: without a row, a re-crawl reached
    them through page 1's replayed links and downloaded them again unconditionally."""
    return [
        {
            "url": p["url"],
            "final_url": p["url"],
            "source": item.get("source"),
            "status": 200,
            "fetched_at": item.get("fetched_at"),
            "etag": p.get("etag"),
            "last_modified": p.get("last_modified"),
            "outcome": "page_of_article" if article else "not_article:later_page",
            "article_url": article.url if article else None,
            "links": [],
            "fetch_count": 1,
            "not_modified_count": 0,
        }
        for p in item.get("later_pages") or []
    ]


def article_row(article: Article, source_outlet: str | None) -> dict:
    row = article.to_dict()
    row["source_outlet"] = source_outlet
    return row


def buffer_rows(pipeline, item) -> None:
    """Add the rows of one Page item to ``pipeline.pages`` / ``pipeline.articles`` (keyed by
    URL, so the last version in a batch wins)."""
    pipeline.pages[item["url"]] = page_row(item)
    article: Article | None = item.get("article")
    for row in later_page_rows(item, article):
        pipeline.pages[row["url"]] = row
    if article is not None:
        source = pipeline.crawler.spider.config.by_name(article.source)
        pipeline.articles[article.url] = article_row(article, source.outlet)
        on_topic = "articles/on_topic" if article.on_topic else "articles/off_topic"
        pipeline.crawler.stats.inc_value(on_topic)


class StorePipeline:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        self.db_path = settings.get("REPRINTS_DB")
        if not self.db_path:
            raise NotConfigured("REPRINTS_DB is not set")
        self.crawler = crawler
        self.batch_size = settings.getint("REPRINTS_STORE_BATCH", 200)
        self.max_wait = settings.getfloat("REPRINTS_STORE_SECONDS", 2.0)
        self.pages: dict[str, dict] = {}
        self.articles: dict[str, dict] = {}
        self.last_flush = time.monotonic()
        self.lock = asyncio.Lock()
        self.new_articles: list[str] = []
        self.error: str | None = None
        self.failures = 0  # consecutive failed flushes

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, item):
        buffer_rows(self, item)
        if len(self.pages) >= self.batch_size or time.monotonic() - self.last_flush > self.max_wait:
            await self.flush()
        return item

    async def flush(self) -> None:
        async with self.lock:
            if not self.pages and not self.articles:
                return
            pages, articles = list(self.pages.values()), list(self.articles.values())
            self.pages, self.articles = {}, {}
            self.last_flush = time.monotonic()
            try:
                result = await asyncio.to_thread(write_batch, self.db_path, pages, articles)
            except StorageError as exc:
                # Keep the rows: the next flush tries again; close_spider reports for good.
                for p in pages:
                    self.pages.setdefault(p["url"], p)
                for a in articles:
                    self.articles.setdefault(a["url"], a)
                self.error = str(exc)
                self.failures += 1
                log.error("storage: %s", exc)
                if self.failures == 3:
                    # Disk full, file unwritable: fetching more would only lose more work.
                    log.error("storage keeps failing: stopping the crawl")
                    asyncio.ensure_future(
                        self.crawler.engine.close_spider_async(reason="storage_error")
                    )
                return
            self.error = None
            self.failures = 0
            self.new_articles.extend(result.new_articles)
            stats = self.crawler.stats
            stats.inc_value("store/pages", len(pages))
            stats.inc_value("store/articles_new", len(result.new_articles))
            stats.inc_value("store/articles_updated", len(result.updated_articles))
            stats.inc_value("store/duplicates", result.duplicates)

    async def close_spider(self) -> None:
        for _ in range(3):
            await self.flush()
            if not self.pages and not self.articles:
                break
            await asyncio.sleep(1.0)
        if self.error:
            self.crawler.stats.set_value("store/error", self.error)
            self.crawler.stats.set_value("store/unwritten_pages", len(self.pages))
