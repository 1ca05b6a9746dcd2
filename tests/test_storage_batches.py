"""A crawl's batch writes: cheap while the crawl runs, whole in the file once it ends."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

from scrapy.settings import Settings

import crawler.settings
import pipelines.store as store
from storage.db import reader, writer
from storage.writes import write_batch
from tests.test_storage import art, page


def test_crawl_batches_wait_in_the_log_and_a_later_write_folds_them_in(tmp_path):
    db = str(tmp_path / "t.duckdb")
    for n in range(3):
        write_batch(db, [page(f"http://a/{n}")], [art(f"http://a/{n}", f"正文{n}")])
    wal = Path(db + ".wal")
    assert wal.exists() and wal.stat().st_size > 0  # not checkpointed on close
    with reader(db) as con:  # readers see the logged batches
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    with writer(db) as con:  # any other write (clean-up, clusters) checkpoints
        con.execute("UPDATE articles SET cluster_id = id")
    assert not wal.exists() or wal.stat().st_size == 0
    with reader(db) as con:
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 3


# DuckDB folds the log into the file once it passes its checkpoint threshold (16 MB by
# default); a crawl's log should never hold much more than that plus one batch.
WAL_CEILING = 24 * 1024 * 1024


def test_a_long_crawls_log_is_folded_in_at_its_threshold(tmp_path):
    """Batches of 40 heavy articles (~2 MB of log each) until the log has been folded into
    the file at least once: the log never grows past the threshold and one batch."""
    db = str(tmp_path / "t.duckdb")
    wal = Path(db + ".wal")
    sizes = []
    for b in range(14):
        urls = [f"http://a/{b}/{i}" for i in range(40)]
        body = "法院审理认为被告人行为构成诈骗罪。" * 1200
        write_batch(db, [page(u) for u in urls], [art(u, f"{body}{u}") for u in urls])
        sizes.append(wal.stat().st_size if wal.exists() else 0)
    assert max(sizes) < WAL_CEILING, sizes
    folded = [n for n in range(1, len(sizes)) if sizes[n] < sizes[n - 1]]
    assert folded, sizes
    with reader(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 14 * 40


def test_a_crawl_slowed_to_ten_pages_a_second_still_writes_batches_of_dozens(monkeypatch):
    """A batch costs the same fixed ~60 ms however few rows it holds (crawler/settings.py):
    with the default settings, pages arriving every 0.1 s go out in batches of 40 or more."""
    now = [0.0]
    monkeypatch.setattr(store.time, "monotonic", lambda: now[0])
    batches: list[int] = []
    monkeypatch.setattr(store, "buffer_rows", lambda p, item: p.pages.update({item["url"]: {}}))

    async def flushed(self):
        batches.append(len(self.pages))
        self.pages, self.last_flush = {}, now[0]

    monkeypatch.setattr(store.StorePipeline, "flush", flushed)
    settings = Settings()
    settings.setmodule(crawler.settings)
    pipeline = store.StorePipeline(SimpleNamespace(settings=settings))
    for n in range(300):
        now[0] += 0.1
        asyncio.run(pipeline.process_item({"url": f"http://a/{n}"}))
    assert batches and min(batches) >= 40, batches
