"""The hostile site's case table: which URL is which case, and what a sound crawler does.

``accept`` lists the outcomes that count as handled, as prefixes of the observed outcome
the test derives from the ``pages`` table and the server's request log:

- ``error:<pages.error>``   fetched, failed, recorded with a reason (status 0 or >= 400)
- ``fetched:<outcome>``     status 200, recorded, not an article (list, binary, empty ...)
- ``article:on|off``        stored in ``articles`` (on or off topic)
- ``not_fetched``           deliberately never requested (robots, non-page link, bad href)
- ``error:robots:<why>``    a start URL robots.txt kept us from: never requested, recorded
                            with why, so a source that is closed to us is not silent
- ``lost``                  requested but never recorded: never acceptable
"""

from __future__ import annotations

from dataclasses import dataclass

MAIN, ROBOTS_404, ROBOTS_5XX, ROBOTS_GARBAGE = "main", "robots404", "robots5xx", "robotsgarbage"
HOSTS = (MAIN, ROBOTS_404, ROBOTS_5XX, ROBOTS_GARBAGE)


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    path: str  # path (+ query) on ``host``; for hrefs that are not URLs, the raw href
    accept: tuple[str, ...]
    host: str = MAIN
    probe: str = ""  # substring that marks a request / row for this case (default: path)
    linked: bool = True  # linked from the home page

    @property
    def marker(self) -> str:
        return self.probe or self.path


LONG_HREF = "/t/longmark?q=" + "x" * 5000

CASES: tuple[Case, ...] = (
    Case("huge_25mb", "25 MB page, Content-Length given", "/t/huge", ("error:too_large",)),
    Case(
        "huge_no_length",
        "25 MB page, no Content-Length (ends at close)",
        "/t/hugestream",
        ("error:too_large",),
    ),
    Case(
        "near_limit_9mb", "9 MB page, under DOWNLOAD_MAXSIZE", "/t/ninemb", ("fetched:", "article:")
    ),
    Case("random_bytes", "200 KB of random bytes as text/html", "/t/random", ("fetched:",)),
    Case("gzip_bomb", "200 KB gzip inflating to 200 MB", "/t/bomb", ("error:too_large",)),
    Case("bad_gzip", "Content-Encoding: gzip on plain bytes", "/t/badgzip", ("error:", "fetched:")),
    Case("redirect_loop", "302 /t/loop <-> /t/pool", "/t/loop", ("error:",)),
    Case("redirect_chain", "endless 302 chain ?n=k -> ?n=k+1", "/t/grow?n=1", ("error:",)),
    Case(
        "meta_refresh_chain",
        "endless meta refresh ?n=k -> ?n=k+1",
        "/t/refresh?n=1",
        ("error:", "fetched:"),
    ),
    Case(
        "never_finishes", "no response until long after the timeout", "/t/sleep", ("error:timeout",)
    ),
    Case("trickle", "headers, then one byte every 0.5 s", "/t/trickle", ("error:timeout",)),
    Case(
        "reset_mid_body",
        "TCP reset after 20 KB of a 200 KB body",
        "/t/reset",
        ("error:connection_lost",),
    ),
    Case(
        "short_body",
        "Content-Length 100000, 1000 bytes, clean close",
        "/t/short",
        ("error:connection_lost",),
    ),
    Case("garbage_http", "not an HTTP response at all", "/t/garbage", ("error:",)),
    Case("huge_headers", "a 200 KB response header line", "/t/headers", ("error:",)),
    Case("nul_bytes", "malformed HTML with NUL bytes", "/t/nul", ("article:off",)),
    Case("gbk_as_utf8", "GBK bytes under charset=utf-8", "/t/gbk", ("article:off",)),
    Case("unknown_charset", "charset=x-no-such-charset", "/t/charset", ("article:off",)),
    Case("empty_200", "200 with an empty body", "/t/empty", ("fetched:",)),
    Case("many_links", "20,000 links on one page", "/t/links", ("fetched:",)),
    Case("pdf", "a PDF at a page-like URL", "/t/download", ("fetched:not_article",)),
    Case("pdf_link", "a link ending in .pdf", "/files/report.pdf", ("not_fetched",)),
    Case(
        "rate_limited",
        "429 with Retry-After: 3 (then 200)",
        "/t/busy",
        ("error:http:429", "fetched:"),
    ),
    Case("flaky_503", "503 once, then the page", "/t/flaky", ("article:off",)),
    Case("server_error", "500 every time", "/t/broken", ("error:http:500",)),
    Case("not_found", "404", "/t/gone", ("error:http:404",)),
    Case("deep_nesting", "50,000 nested <div>s", "/t/deep", ("fetched:",)),
    Case(
        "sitemap_bomb",
        "sitemap with a billion-laughs DOCTYPE (its <loc> must still be read)",
        "/t/sitemapped",
        ("fetched:",),
        linked=False,
    ),
    Case("robots_disallowed", "Disallow: /private/", "/private/secret.html", ("not_fetched",)),
    Case(
        "javascript_href",
        "href=javascript:...",
        "javascript:window.location='/t/jsmark'",
        ("not_fetched",),
        probe="jsmark",
    ),
    Case(
        "mailto_href",
        "href=mailto:...",
        "mailto:mailmark@example.com",
        ("not_fetched",),
        probe="mailmark",
    ),
    Case(
        "broken_href",
        "href=http://[broken",
        "http://[127.0.0.120/t/brokenmark",
        ("not_fetched",),
        probe="brokenmark",
    ),
    Case(
        "bad_port_href",
        "href with port 99999",
        "http://127.0.0.120:99999/t/portmark",
        ("not_fetched",),
        probe="portmark",
    ),
    Case("long_href", "a 5,000-character href", LONG_HREF, ("not_fetched",), probe="longmark"),
    Case(
        "robots_404",
        "robots.txt is 404: allow all",
        "/a.html",
        ("fetched:",),
        host=ROBOTS_404,
        linked=False,
    ),
    Case(
        "robots_5xx",
        "robots.txt is 503: disallow all (RFC 9309)",
        "/a.html",
        ("error:robots:server_error:503",),
        host=ROBOTS_5XX,
        linked=False,
    ),
    Case(
        "robots_garbage",
        "robots.txt is random bytes: nothing disallowed",
        "/a.html",
        ("fetched:",),
        host=ROBOTS_GARBAGE,
        linked=False,
    ),
)

GOOD_PATHS = ("/news/ai-face-swap-portrait.html", "/news/ai-face-swap-fraud.html")
