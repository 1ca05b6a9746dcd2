"""One crawl, start to finish: Scrapy fetches and stores, then the new articles are cleaned
per site and clustered into the existing stories; returns a summary for the CLI.

Twisted's reactor cannot be restarted in one process, so a process runs at most one crawl;
the scheduler starts a fresh process for every run.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import settings as default_settings
from crawler.sources import SourcesConfig
from crawler.spiders.reprints import ReprintsSpider
from storage.clustering import ClusterSummary, update_clusters
from storage.db import StorageError, reader, writer
from storage.finalise import finalise_sources
from storage.writes import utcnow


@dataclass
class CrawlSummary:
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_failed: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)
    articles_new: int = 0
    articles_updated: int = 0
    articles_on_topic_new: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    traps_held_back: int = 0
    clusters: ClusterSummary | None = None
    phases: dict[str, float] = field(default_factory=dict)
    storage_error: str | None = None
    spider_errors: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"pages: {self.pages_fetched} fetched, {self.pages_not_modified} not modified, "
            f"{self.pages_failed} failed"
            + (f" ({_fmt(self.failed_by_reason)})" if self.failed_by_reason else ""),
            f"articles: {self.articles_new} new ({self.articles_on_topic_new} on topic), "
            f"{self.articles_updated} updated",
            f"dropped: {_fmt(self.dropped) or 'none'}",
            f"trap links held back: {self.traps_held_back}",
        ]
        if self.spider_errors:
            out.append(f"errors while parsing pages: {self.spider_errors} (see the log)")
        if self.clusters:
            out.append(self.clusters.line())
        detail = ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items())
        out.append(f"time: {self.seconds:.1f}s" + (f" ({detail})" if detail else ""))
        return out


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def build_settings(db_path: str, overrides: dict[str, str]) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("REPRINTS_DB", db_path, priority="cmdline")
    settings.set("EXTENSIONS", {"crawler.progress.Progress": 500}, priority="project")
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="project")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def _page_summary(db_path: str, since: datetime, summary: CrawlSummary) -> None:
    with reader(db_path) as con:
        rows = con.execute(
            "SELECT status, error, outcome, count(*) FROM pages WHERE fetched_at >= ? GROUP BY ALL",
            [since],
        ).fetchall()
        topic_rows = con.execute(
            "SELECT on_topic, topic_reason FROM articles WHERE first_seen_at >= ?", [since]
        ).fetchall()
    for status, error, outcome, n in rows:
        if status == 304:
            summary.pages_not_modified += n
        elif error or not status or status >= 400:
            summary.pages_failed += n
            reason = error or f"http:{status}"
            summary.failed_by_reason[reason] = summary.failed_by_reason.get(reason, 0) + n
        else:
            summary.pages_fetched += n
            if outcome and outcome not in ("article", "fetch_failed", "not_modified"):
                key = outcome.split(" ")[0]
                summary.dropped[key] = summary.dropped.get(key, 0) + n
    for on_topic, reason in topic_rows:
        if on_topic:
            summary.articles_on_topic_new += 1
        else:
            key = (reason or "topic:off").split(" ")[0]
            summary.dropped[key] = summary.dropped.get(key, 0) + 1


def record_run(db_path: str, kind: str, started: datetime, sources_file: str, summary) -> None:
    payload = json.dumps(
        summary, default=lambda o: o.__dict__ if hasattr(o, "__dict__") else str(o)
    )
    with writer(db_path) as con:
        con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
            [uuid.uuid4().hex, kind, started, utcnow(), sources_file, payload],
        )


def run_spider(settings: Settings, sources: str, db_path: str | None, what: str):
    """Run the spider in this process until it closes; returns its stats."""
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ReprintsSpider)
    process.crawl(crawler, sources=sources, db=db_path)
    process.start()
    stats = crawler.stats
    if stats.get_value("finish_reason") is None:
        raise RuntimeError(f"the {what} did not start (see the log above)")
    return stats


def crawl(config: SourcesConfig, db_path: str, overrides: dict[str, str]) -> CrawlSummary:
    """Run one crawl of every source and cluster what it found."""
    started = utcnow()
    # Create the schema now: an unwritable path fails here, in one line, before any fetch.
    with writer(db_path):
        pass
    stats = run_spider(build_settings(db_path, overrides), config.path, db_path, "crawl")
    summary = CrawlSummary()
    summary.storage_error = stats.get_value("store/error")
    summary.spider_errors = stats.get_value("spider_exceptions/count", 0)
    summary.traps_held_back = stats.get_value("traps/held_back", 0) - stats.get_value(
        "traps/released", 0
    )
    summary.articles_new = stats.get_value("store/articles_new", 0)
    summary.articles_updated = stats.get_value("store/articles_updated", 0)
    if summary.storage_error:
        raise StorageError(summary.storage_error)
    return finish_crawl(config, db_path, started, summary)


def finish_crawl(
    config: SourcesConfig, db_path: str, started: datetime, summary: CrawlSummary
) -> CrawlSummary:
    """After the fetching: per-site clean-up, page counts, clustering, the run's record."""
    crawled = utcnow()
    summary.phases["crawl"] = (crawled - started).total_seconds()
    finalise_sources(db_path, config, [s.name for s in config.sources])
    _page_summary(db_path, started, summary)
    cleaned = utcnow()
    summary.phases["clean-up"] = (cleaned - crawled).total_seconds()
    summary.clusters = update_clusters(db_path)
    summary.phases["clustering"] = (utcnow() - cleaned).total_seconds()
    summary.seconds = (utcnow() - started).total_seconds()
    record_run(db_path, "crawl", started, config.path, summary)
    logging.getLogger(__name__).info("crawl finished: %s", summary)
    return summary
