"""Scrapy extension: a one-line progress display (pages, articles, held back) on a terminal."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    def __init__(self, crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("REPRINTS_PROGRESS", sys.stderr.isatty()):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("REPRINTS_PROGRESS_INTERVAL", 1.0))
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        s = self.crawler.stats
        pages = s.get_value("store/pages", 0) + len(getattr(self, "_pending", ()))
        return (
            f"\r{time.monotonic() - self.started:6.0f}s  "
            f"responses {s.get_value('response_received_count', 0):>6}  "
            f"stored pages {pages:>6}  articles {s.get_value('extract/articles', 0):>5} "
            f"(on topic {s.get_value('articles/on_topic', 0)})  "
            f"held back {s.get_value('traps/held_back', 0)}   "
        )

    def tick(self) -> None:
        sys.stderr.write(self.line())
        sys.stderr.flush()

    def opened(self, spider) -> None:
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.interval, now=True)

    def closed(self, spider, reason) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        self.tick()
        sys.stderr.write("\n")
