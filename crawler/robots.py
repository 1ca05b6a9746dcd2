"""robots.txt as RFC 9309 reads it, where Scrapy's middleware does not.

Scrapy parses whatever body the robots.txt request returns, so a 503 error page counts as
"no rules" and the crawler walks into a site that asked to be left alone for now.  RFC 9309
§2.3.1: 4xx means no restrictions (crawl), 5xx or an unreachable server means complete
disallow (do not crawl) — until the next crawl asks again.
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from crawler.failures import exception_reason

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class _NoTraceback(logging.Filter):
    """An unreachable robots.txt is an expected event on the real web: one line, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        if record.levelno >= logging.ERROR:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_NoTraceback())


class Rfc9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    """Also honours ``Crawl-delay`` (which Scrapy parses but never applies): the host's
    download slot waits at least that long between requests, capped at
    ``REPRINTS_MAX_CRAWL_DELAY`` so a hostile robots.txt cannot stall a crawl for days."""

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self._why: dict[str, str] = {}  # netloc -> why the site is closed to us

    def process_request_2(self, rp, request) -> None:
        """A refusal names why (``[robots:unreachable:refused]``), so the spider can record
        it for a start URL and a source that is down is not silent."""
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            why = self._why.get(urlparse_cached(request).netloc, "robots:disallowed")
            raise IgnoreRequest(f"Forbidden by robots.txt [{why}]") from None

    async def _parse_robots(self, response: Response, netloc: str, request) -> None:
        if response.status >= 500:
            self._stats.inc_value("robotstxt/server_error_disallow_all")
            self._why[netloc] = f"robots:server_error:{response.status}"
            response = response.replace(body=DISALLOW_ALL)
        elif response.status >= 400:
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)
        self._apply_crawl_delay(self._parsers.get(netloc), request)

    def _apply_crawl_delay(self, parser, request) -> None:
        if parser is None or not hasattr(parser, "crawl_delay"):
            return
        agent = self._robotstxt_useragent or self._default_useragent
        try:
            delay = parser.crawl_delay(agent)
        except (TypeError, ValueError):
            return
        if not delay or delay <= 0:
            return
        cap = self.crawler.settings.getfloat("REPRINTS_MAX_CRAWL_DELAY", 30.0)
        delay = min(float(delay), cap)
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        # No jitter on this slot: a ±50 % random delay would dip below what the site asked.
        slot_settings = downloader.per_slot_settings.setdefault(key, {})
        slot_settings.update(delay=max(delay, slot_settings.get("delay", 0.0)), jitter=0.0)
        slot_settings.setdefault("concurrency", 1)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, delay)
            slot.jitter = 0.0
            slot.concurrency = 1
        self._stats.set_value(f"robotstxt/crawl_delay/{key}", delay)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        # Unreachable robots.txt (timeout, reset, refused): assume complete disallow.
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._stats.inc_value("robotstxt/unreachable_disallow_all")
        self._why[netloc] = f"robots:unreachable:{exception_reason(exc)}"
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)
