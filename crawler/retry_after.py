"""Downloader middleware: honour ``Retry-After`` on 429 and 503 answers.

Scrapy retries these but ignores the header, so a site that asked for a minute's pause gets
hit again at the normal pace.  Here the host's download slot waits at least as long as asked
(capped by ``REPRINTS_MAX_RETRY_AFTER``) for the rest of the crawl, and the retry that
follows comes after that pause.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from time import time

from scrapy.exceptions import NotConfigured


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP-date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, when - (time() if now is None else now))


class RetryAfterMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("REPRINTS_MAX_RETRY_AFTER", 60.0)
        if self.cap <= 0:
            raise NotConfigured

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait:
                downloader = self.crawler.engine.downloader
                slot = downloader.slots.get(downloader.get_slot_key(request))
                if slot is not None:
                    slot.delay = max(slot.delay, min(wait, self.cap))
                    self.crawler.stats.inc_value("retry_after/honoured")
        return response
