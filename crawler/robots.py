"""robots.txt as RFC 9309 reads it, where Scrapy's middleware does not.

Scrapy parses whatever body the robots.txt request returns, so a 503 error page counts as
"no rules" and the crawler walks into a site that asked to be left alone for now.  RFC 9309
§2.3.1: 4xx means no restrictions (crawl), 5xx or an unreachable server means complete
disallow (do not crawl) — until the next crawl asks again.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.misc import build_from_crawler

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class Rfc9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    async def _parse_robots(self, response: Response, netloc: str, request) -> None:
        if response.status >= 500:
            self._stats.inc_value("robotstxt/server_error_disallow_all")
            response = response.replace(body=DISALLOW_ALL)
        elif response.status >= 400:
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        # Unreachable robots.txt (timeout, reset, refused): assume complete disallow.
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._stats.inc_value("robotstxt/unreachable_disallow_all")
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)
