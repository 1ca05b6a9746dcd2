"""Scale-out crawling: ``reprints worker`` (one process on any machine) and
``reprints crawl --redis URL --workers K`` (K workers here, merged into one DuckDB file).

Workers share scrapy-redis' request queue plus the frontier state in crawler/shared/; each
writes Parquet shards; the coordinator loads shards into DuckDB while the crawl runs (so
``reprints sql`` sees progress) and, once every worker has finished, cleans, clusters and
summarises exactly as a single-process crawl does.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import redis

from crawler.run import CrawlSummary, build_settings, finish_crawl, run_spider
from crawler.shared.crawl import CrawlKeys, SharedCrawl, SharedStateError, connect
from crawler.sources import SourcesConfig
from storage.db import StorageError, writer
from storage.ingest import IngestResult, ingest_shards
from storage.writes import utcnow

log = logging.getLogger(__name__)
INGEST_EVERY = 2.0  # seconds between loads of new shards while workers run


def worker_settings(
    overrides: dict[str, str],
    redis_url: str,
    crawl_id: str,
    out_dir: str,
    history_db: str | None,
    worker_id: str | None = None,
):
    settings = build_settings(history_db or "", overrides)
    keys = CrawlKeys(crawl_id)
    shared = {
        "REPRINTS_REDIS_URL": redis_url,
        "REPRINTS_CRAWL_ID": crawl_id,
        "REPRINTS_WORKER_ID": worker_id or "",
        "REPRINTS_SHARD_DIR": out_dir,
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.shared.scheduler.SharedScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.shared.scheduler.LeasedQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.key("dupefilter"),
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
    }
    for name, value in shared.items():
        settings.set(name, value, priority="cmdline")
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    pipelines.pop("pipelines.store.StorePipeline", None)
    pipelines["pipelines.shards.ShardPipeline"] = 300
    settings.set("ITEM_PIPELINES", pipelines, priority="cmdline")
    return settings


def _reset_finished(url: str, crawl_id: str) -> None:
    """A crawl id whose crawl has finished starts afresh (else its seen-set skips all)."""
    client = connect(url)
    keys = CrawlKeys(crawl_id)
    workers = [w.decode() for w in client.smembers(keys.key("workers"))]
    if client.exists(keys.key("done")) and not any(client.exists(keys.alive(w)) for w in workers):
        keys.clear(client)


def run_worker(
    config: SourcesConfig,
    redis_url: str,
    out_dir: str,
    crawl_id: str,
    overrides: dict[str, str],
    history_db: str | None = None,
    worker_id: str | None = None,
) -> dict:
    """One worker until the shared crawl is finished; returns its counts."""
    _reset_finished(redis_url, crawl_id)  # also checks Redis answers, in one line
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "sources.toml").exists():  # so ``reprints ingest`` knows topic and sites
        shutil.copyfile(config.path, out / "sources.toml")
    settings = worker_settings(overrides, redis_url, crawl_id, out_dir, history_db, worker_id)
    stats = run_spider(settings, config.path, history_db, "worker")
    if stats.get_value("shared/error"):
        raise SharedStateError(stats.get_value("shared/error"))
    if stats.get_value("store/error"):
        raise StorageError(stats.get_value("store/error"))
    return {
        "pages": stats.get_value("store/pages", 0),
        "articles": stats.get_value("store/articles_written", 0),
        "shards": stats.get_value("store/shards", 0),
        "finish_reason": stats.get_value("finish_reason"),
    }


class Coordinator:
    """K worker processes on this machine, their shards loaded into ``db_path``."""

    def __init__(self, config, db_path, overrides, redis_url, workers, sets) -> None:
        self.config = config
        self.db_path = db_path
        self.overrides = overrides
        self.redis_url = redis_url
        self.n = workers
        self.sets = sets  # the --set pairs, passed on to every worker
        self.crawl_id = uuid.uuid4().hex[:12]
        db = Path(db_path)
        self.out_dir = db.parent / f".{db.name}.shards" / self.crawl_id
        self.procs: list[subprocess.Popen] = []
        self.ingested = IngestResult()
        self.died: list[str] = []
        self.last_ingest = 0.0

    def worker_id(self, i: int) -> str:
        return f"{self.crawl_id}-w{i}"

    def start(self) -> None:
        for i in range(self.n):
            cmd = [
                sys.executable, "-m", "crawler.cli", "worker",
                "--sources", self.config.path, "--redis", self.redis_url,
                "--out", str(self.out_dir), "--crawl", self.crawl_id,
                "--db", self.db_path, "--worker-id", self.worker_id(i),
                "--log-dir", str(Path(self.db_path).parent / "logs"),
            ]  # fmt: skip
            for pair in self.sets:
                cmd += ["--set", pair]
            self.procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL))

    def ingest(self) -> None:
        if self.out_dir.exists():
            got = ingest_shards(self.db_path, self.out_dir, remove=True)
            for name in ("shards", "pages", "articles_new", "articles_updated", "duplicates"):
                setattr(self.ingested, name, getattr(self.ingested, name) + getattr(got, name))

    def watch(self, client) -> None:
        """Until every worker has exited; a worker that dies has its leases reclaimed now."""
        keys = CrawlKeys(self.crawl_id)
        running = set(range(self.n))
        while running:
            time.sleep(0.2)
            for i in sorted(running):
                code = self.procs[i].poll()
                if code is None:
                    continue
                running.discard(i)
                if code != 0:
                    self.died.append(f"worker {i} exited with {_exit_text(code)}")
                    # no heartbeat to wait for: the others take its requests back now
                    with contextlib.suppress(redis.RedisError):
                        client.delete(keys.alive(self.worker_id(i)))
            if time.monotonic() - self.last_ingest > INGEST_EVERY:
                self.last_ingest = time.monotonic()
                self.ingest()

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()


def crawl_scaled(
    config: SourcesConfig,
    db_path: str,
    overrides: dict[str, str],
    redis_url: str,
    workers: int,
    sets: list[str],
) -> CrawlSummary:
    """``reprints crawl --redis URL --workers K``: same result and summary as one process."""
    started = utcnow()
    with writer(db_path):  # an unwritable path fails here, before any fetch
        pass
    client = connect(redis_url)
    coord = Coordinator(config, db_path, overrides, redis_url, workers, sets)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        coord.start()
        coord.watch(client)
    except BaseException:
        # Ctrl-C, SIGTERM: stop the workers, keep what they wrote, forget the crawl's queue
        coord.stop()
        coord.ingest()
        CrawlKeys(coord.crawl_id).clear(client)
        raise
    coord.ingest()
    if len(coord.died) == workers:
        raise RuntimeError("every worker failed: " + "; ".join(coord.died))
    shared = SharedCrawl(redis_url, coord.crawl_id, worker="coordinator")
    from crawler.shared.frontier import SharedTrapGuard

    summary = CrawlSummary()
    summary.traps_held_back = SharedTrapGuard(shared).contained()
    left = int(client.zcard(shared.keys.requests))
    if left:
        raise RuntimeError(f"{left} requests left in the queue: " + "; ".join(coord.died))
    for line in coord.died:
        print(f"reprints: {line}; its requests were fetched by the others", file=sys.stderr)
    shared.keys.clear(client)
    shutil.rmtree(coord.out_dir, ignore_errors=True)
    # new and updated articles are counted from the database by finish_crawl, not from
    # shard counts: a URL in two shards is one new article
    summary.log_file = str(Path(db_path).parent / "logs" / f"worker-{coord.crawl_id}-w*.log")
    return finish_crawl(config, db_path, started, summary)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # the workers are stopped and what they wrote is kept


def _exit_text(code: int) -> str:
    return f"signal {-code}" if code < 0 else f"status {code}"
