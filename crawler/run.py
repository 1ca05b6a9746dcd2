"""One crawl, start to finish: Scrapy fetches and stores, then the new articles are cleaned
per site and clustered into the existing stories; returns a summary for the CLI.

Twisted's reactor cannot be restarted in one process, so a process runs at most one crawl;
the scheduler starts a fresh process for every run.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import settings as default_settings
from crawler.logs import attach_terminal, log_overrides
from crawler.sources import SourcesConfig
from crawler.spiders.reprints import ReprintsSpider
from crawler.summary import CrawlSummary, tally_pages
from storage.clustering import update_clusters
from storage.db import StorageError, reader, writer
from storage.finalise import finalise_sources
from storage.writes import utcnow

__all__ = ["CrawlSummary", "build_settings", "crawl", "finish_crawl", "run_spider"]


def build_settings(db_path: str, overrides: dict[str, str]) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("REPRINTS_DB", db_path, priority="cmdline")
    extensions = {"crawler.progress.Progress": 500, "crawler.summary.HeldBackReport": 510}
    settings.set("EXTENSIONS", extensions, priority="project")
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="project")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def _page_summary(db_path: str, since: datetime, summary: CrawlSummary, names) -> None:
    """Pages, sources and articles of the crawl that started at ``since``, from the
    database: an article written twice within the crawl is new once, not also updated."""
    with reader(db_path) as con:
        rows = con.execute(
            "SELECT source, status, error, outcome, count(*) FROM pages WHERE fetched_at >= ? "
            "GROUP BY ALL",
            [since],
        ).fetchall()
        topic_rows = con.execute(
            "SELECT on_topic, topic_reason FROM articles WHERE first_seen_at >= ?", [since]
        ).fetchall()
        summary.articles_updated = con.execute(
            "SELECT count(*) FROM articles WHERE first_seen_at < ? AND fetched_at >= ?",
            [since, since],
        ).fetchone()[0]
    tally_pages(rows, summary, names)
    summary.articles_new = len(topic_rows)
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
    process = CrawlerProcess(settings)  # Scrapy's root handler: the log file
    attach_terminal(settings)
    crawler = process.create_crawler(ReprintsSpider)
    process.crawl(crawler, sources=sources, db=db_path)
    process.start()
    stats = crawler.stats
    if stats.get_value("finish_reason") is None:
        raise RuntimeError(f"the {what} did not start (see the log above)")
    return stats


def crawl(
    config: SourcesConfig, db_path: str, overrides: dict[str, str], verbose: bool = False
) -> CrawlSummary:
    """Run one crawl of every source and cluster what it found."""
    started = utcnow()
    # Create the schema now: an unwritable path fails here, in one line, before any fetch.
    with writer(db_path):
        pass
    overrides = log_overrides(overrides, Path(db_path).parent / "logs", "crawl", verbose)
    settings = build_settings(db_path, overrides)
    stats = run_spider(settings, config.path, db_path, "crawl")
    summary = CrawlSummary(log_file=overrides.get("LOG_FILE"))
    summary.trap_probation = settings.getint("REPRINTS_TRAP_PROBATION")
    summary.storage_error = stats.get_value("store/error")
    summary.spider_errors = stats.get_value("spider_exceptions/count", 0)
    summary.traps_held_back = stats.get_value("traps/held_back", 0) - stats.get_value(
        "traps/released", 0
    )
    summary.held_back_examples = stats.get_value("traps/held_back_examples", [])
    if summary.storage_error:
        raise StorageError(summary.storage_error)
    return finish_crawl(config, db_path, started, summary)


def finish_crawl(
    config: SourcesConfig, db_path: str, started: datetime, summary: CrawlSummary
) -> CrawlSummary:
    """After the fetching: per-site clean-up, page counts, clustering, the run's record."""
    crawled = utcnow()
    summary.phases["crawl"] = (crawled - started).total_seconds()
    names = [s.name for s in config.sources]
    finalise_sources(db_path, config, names)
    _page_summary(db_path, started, summary, names)
    cleaned = utcnow()
    summary.phases["clean-up"] = (cleaned - crawled).total_seconds()
    summary.clusters = update_clusters(db_path)
    summary.phases["clustering"] = (utcnow() - cleaned).total_seconds()
    summary.seconds = (utcnow() - started).total_seconds()
    record_run(db_path, "crawl", started, config.path, summary)
    logging.getLogger(__name__).info("crawl finished: %s", summary)
    return summary
