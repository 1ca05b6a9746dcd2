"""Issue 14: a source that is down is visible.  A crawl of hosts that refuse connections used
to print "0 failed" and write nothing.  Now the summary, ``stats`` and the ``pages`` table
say per source what happened, and the exit code is 0 only when some source answered.

Each way of being down is its own small site on loopback: robots.txt unreachable (refused,
DNS), robots.txt answering 503, and a site whose robots.txt is fine but every page fails."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.summary import CrawlSummary, SourceState, tally_pages
from tests.e2e_helpers import FAST, query, reprints

PAGE = (
    "<html><head><title>首页</title></head><body><h1>首页</h1>"
    "<p>这是一个能打开的网站。</p></body></html>"
).encode()


class Site(BaseHTTPRequestHandler):
    robots = 404  # status of /robots.txt (404: no rules, crawl)
    pages = 200  # status of every other path

    def do_GET(self) -> None:  # noqa: N802
        status = self.robots if self.path == "/robots.txt" else self.pages
        body = PAGE if status == 200 else b"error"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _serve(host: str, robots: int, pages: int) -> ThreadingHTTPServer:
    handler = type("H", (Site,), {"robots": robots, "pages": pages})
    server = ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _closed_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]  # nothing listens once it is closed


def _source(name: str, url: str, role: str = "farm") -> str:
    return f'[[source]]\nname = "{name}"\nrole = "{role}"\nstart_urls = ["{url}"]\n\n'


@pytest.fixture
def web():
    servers = {
        "ok": _serve("127.0.0.61", 404, 200),
        "robots503": _serve("127.0.0.62", 503, 200),
        "all500": _serve("127.0.0.63", 404, 500),
    }
    urls = {
        name: f"http://{s.server_address[0]}:{s.server_address[1]}/" for name, s in servers.items()
    }
    urls["refused"] = f"http://127.0.0.64:{_closed_port('127.0.0.64')}/"
    urls["nodns"] = "http://no-such-host.invalid/"
    yield urls
    for s in servers.values():
        s.shutdown()
        s.server_close()


WHY = {
    "refused": "robots.txt unreachable (connection refused), which RFC 9309 reads as "
    "'disallow all'; nothing was fetched",
    "nodns": "robots.txt unreachable (DNS failure: the host name does not resolve), which "
    "RFC 9309 reads as 'disallow all'; nothing was fetched",
    "robots503": "robots.txt answered HTTP 503: the site asks crawlers to stay away for now; "
    "nothing was fetched",
    "all500": "every request failed: HTTP 500",
}


def test_every_down_source_is_named_with_why_in_summary_stats_and_pages(web, tmp_path):
    sources = tmp_path / "s.toml"
    sources.write_text("".join(_source(n, u) for n, u in web.items()), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    r = reprints("crawl", "--sources", str(sources), "--db", db, *FAST)
    assert r.returncode == 0, r.stderr[-2000:]  # one source answered
    lines = r.stdout.splitlines()
    at = lines.index("sources: 1 of 5 answered; nothing from:")
    assert sorted(lines[at + 1 : at + 5]) == sorted(f"  {n}: {w}" for n, w in WHY.items())
    assert "Traceback" not in r.stderr and "ERROR" not in r.stderr, r.stderr
    errors = dict(
        query(db, "SELECT source, error FROM pages WHERE url = ANY(?)", [list(web.values())])
    )
    assert errors == {
        "ok": None,
        "refused": "robots:unreachable:refused",
        "nodns": "robots:unreachable:dns",
        "robots503": "robots:server_error:503",
        "all500": "http:500",
    }
    stats = reprints("stats", "--db", db)
    assert "sources in the last crawl: 1 of 5 answered; nothing from:" in stats.stdout
    assert f"  nodns: {WHY['nodns']}" in stats.stdout


def test_no_source_answered_exits_1(web, tmp_path):
    sources = tmp_path / "s.toml"
    sources.write_text(_source("refused", web["refused"], "publisher"), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    r = reprints("crawl", "--sources", str(sources), "--db", db, *FAST)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1] == (
        "reprints: no source answered (see 'sources:' above)"
    )
    assert f"  refused: {WHY['refused']}" in r.stdout


def test_tally_counts_each_source_and_a_source_with_no_rows():
    summary = CrawlSummary()
    rows = [
        ("a", 200, None, "article", 3),
        ("a", 404, "http:404", "fetch_failed", 1),
        ("b", 0, "timeout", "fetch_failed", 2),
        ("b", 0, "refused", "fetch_failed", 1),
        ("c", 304, None, None, 4),
    ]
    tally_pages(rows, summary, ["a", "b", "c", "d"])
    by_name = {s.name: s for s in summary.sources}
    assert [s.name for s in summary.sources if not s.worked] == ["b", "d"]
    assert by_name["b"].why() == "every request failed (timed out 2, connection refused 1)"
    assert by_name["d"].why().startswith("nothing was requested")
    assert (summary.pages_fetched, summary.pages_not_modified, summary.pages_failed) == (3, 4, 4)
    assert SourceState("x", failed={"robots:disallowed": 1}).why() == (
        "robots.txt disallows its start URLs for our user agent; nothing was fetched"
    )
