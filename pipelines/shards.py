"""Item pipeline of a scale-out worker: pages and articles go to shard files, not DuckDB.

DuckDB takes one writer at a time, and a worker may run on another machine, so each worker
writes its rows as small Parquet shards into a directory; ``reprints ingest`` (or the
coordinating ``reprints crawl --workers K``) loads each shard into the database exactly once.
A shard is written to a temporary directory, fsynced and renamed, so a reader never sees half
of one and a killed worker leaves at most an ignored ``.tmp-*`` directory.  Only after the
rename are the shard's leases released (crawler/shared/leases.py): what was fetched but not
written is fetched again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.shared.crawl import SharedCrawl
from pipelines.store import buffer_rows
from storage.writes import ARTICLE_COLUMNS, PAGE_COLUMNS

log = logging.getLogger(__name__)


def write_shard(out_dir: Path, name: str, pages: list[dict], articles: list[dict]) -> Path:
    """Write one shard atomically; returns its directory."""
    tmp = out_dir / f".tmp-{name}"
    tmp.mkdir(parents=True, exist_ok=True)
    for table_name, rows, columns in (
        ("pages", pages, PAGE_COLUMNS),
        ("articles", articles, ARTICLE_COLUMNS),
    ):
        table = pa.table(
            {c: [r.get(c) for r in rows] for c, _ in columns}, schema=pa.schema(columns)
        )
        path = tmp / f"{table_name}.parquet"
        pq.write_table(table, path)
        _fsync(path)
    _fsync(tmp)
    final = out_dir / name
    os.rename(tmp, final)
    _fsync(out_dir)
    return final


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ShardPipeline:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        out = settings.get("REPRINTS_SHARD_DIR")
        if not out:
            raise NotConfigured("REPRINTS_SHARD_DIR is not set")
        self.crawler = crawler
        self.out_dir = Path(out)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.shared = SharedCrawl.of(crawler)
        self.worker = self.shared.worker if self.shared else f"local-{os.getpid()}"
        self.batch_size = settings.getint("REPRINTS_STORE_BATCH", 200)
        self.max_wait = settings.getfloat("REPRINTS_STORE_SECONDS", 2.0)
        self.pages: dict[str, dict] = {}
        self.articles: dict[str, dict] = {}
        self.leases: list[str] = []
        self.seq = 0
        self.closing = False  # a write failed: the crawl is being stopped
        self.loop = task.LoopingCall(self.flush_sync)
        crawler.signals.connect(self._gone, signal=signals.item_dropped)
        crawler.signals.connect(self._gone, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self) -> None:
        self.loop.start(self.max_wait, now=False)

    def _gone(self, item, *args, **kwargs) -> None:
        """A Page dropped or failed in a pipeline: nothing to write, its lease is done."""
        if self.shared and hasattr(item, "get"):
            self.shared.leases.page_done(item.get("lease"))

    def process_item(self, item):
        buffer_rows(self, item)
        if item.get("lease"):
            self.leases.append(item["lease"])
        if len(self.pages) >= self.batch_size:
            self.flush_sync()
        return item

    def flush_sync(self) -> None:
        if not self.pages and not self.articles:
            return
        self.seq += 1
        name = f"{self.worker}-{self.seq:06d}-{int(time.time() * 1000)}"
        pages, articles = list(self.pages.values()), list(self.articles.values())
        try:
            write_shard(self.out_dir, name, pages, articles)
        except OSError as exc:
            # Disk full, directory gone: stop; the leases go back and others fetch them again.
            self.crawler.stats.set_value("store/error", f"{self.out_dir}: {exc.strerror or exc}")
            log.error("cannot write shard %s: %s; stopping this worker", name, exc)
            self.pages, self.articles, self.leases = {}, {}, []
            engine = self.crawler.engine
            if engine.spider is not None and not self.closing:
                self.closing = True
                asyncio.ensure_future(engine.close_spider_async(reason="storage_error"))
            return
        self.pages, self.articles = {}, {}
        leases, self.leases = self.leases, []
        stats = self.crawler.stats
        stats.inc_value("store/pages", len(pages))
        stats.inc_value("store/articles_written", len(articles))
        stats.inc_value("store/shards")
        if self.shared:
            for lease in leases:
                self.shared.leases.page_done(lease)

    def close_spider(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.flush_sync()
