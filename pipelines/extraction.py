"""Item pipeline: read each fetched page into an article, in a pool of worker processes.

trafilatura needs ~25 ms of CPU for a 100 KB portal page; done on the reactor thread that
would stall every download, and threads would share one core under the GIL.  So pages go
to a ``ProcessPoolExecutor`` (one worker per core by default, ``EXTRACT_WORKERS``) and the
pipeline awaits the future: the reactor keeps fetching while both cores extract.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pipelines.article import Extracted
from pipelines.extract import extract_page
from pipelines.records import build_article

log = logging.getLogger(__name__)
EXTRACT_TIMEOUT = 120.0


def die_with_parent() -> None:
    """In a pool process: end when the crawl process ends, even by ``kill -9``.  An orphaned
    pool process would otherwise live on and hold the crawl's stdout and stderr open."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(0)
    except (OSError, AttributeError):  # not Linux: the pool ends with its call queue
        pass


class ExtractPipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.workers = settings.getint("EXTRACT_WORKERS", os.cpu_count() or 1)
        self.min_chars = settings.getint("EXTRACT_MIN_CHARS", 150)
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _new_pool(self) -> ProcessPoolExecutor | None:
        if self.workers <= 0:
            return None
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=die_with_parent,
        )

    def open_spider(self) -> None:
        self.pool = self._new_pool()

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    async def _extract(self, item) -> Extracted:
        args = (list(item["bodies"]), item["final_url"], item.get("content_type"), self.min_chars)
        if self.pool is None:
            return await asyncio.to_thread(extract_page, *args)
        try:
            future = self.pool.submit(extract_page, *args)
            return await asyncio.wait_for(asyncio.wrap_future(future), EXTRACT_TIMEOUT)
        except BrokenProcessPool:
            log.warning("extraction worker died on %s; restarting the pool", item["url"])
            self.pool = self._new_pool()
            return Extracted(is_article=False, reason="extract_failed:worker_died")
        except TimeoutError:
            return Extracted(is_article=False, reason="extract_failed:timeout")

    async def process_item(self, item):
        stats = self.crawler.stats
        if item.get("error") or item.get("status") != 200 or not item.get("bodies"):
            item["outcome"] = "not_modified" if item.get("status") == 304 else "fetch_failed"
            return item
        spider = self.crawler.spider
        # Page 2+ of a list or thread whose page 1 linked it as such (the spider saw the pager);
        # a page reached otherwise is judged by what it shows (classify.is_continuation).
        if len(item["bodies"]) == 1 and item.get("continuation"):
            extracted = Extracted(is_article=False, reason="not_article:continuation")
        else:
            extracted = await self._extract(item)
        if not extracted.is_article:
            item["outcome"] = extracted.reason or "not_article"
            stats.inc_value(f"dropped/{item['outcome'].split(' ')[0]}")
            return item
        source = spider.config.by_name(item["source"])
        article = build_article(dict(item), extracted, source)
        item["article"] = article
        item["outcome"] = "article"
        stats.inc_value("extract/articles")
        spider.article_found(item["url"], item["final_url"], article.url)
        return item
