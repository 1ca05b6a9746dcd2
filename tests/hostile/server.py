"""A hostile web site on loopback, for crawling end to end (cases.py: which URL is which
case; routes.py: how each bad path answers).

Each host gets its own 127.0.0.x address (the main site and three robots.txt variants).
The server must survive its own hostility: big bodies are built once at start, every
request has its own thread (a page that never finishes does not hold up the others), and
writes to a client that hung up are ignored.  ``stop()`` wakes the sleeping handlers.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.hostile import content
from tests.hostile.cases import (
    CASES,
    GOOD_PATHS,
    HOSTS,
    MAIN,
    ROBOTS_5XX,
    ROBOTS_404,
    ROBOTS_GARBAGE,
    Case,
)
from tests.hostile.routes import ROUTES


@dataclass(frozen=True)
class Hit:
    host: str
    path: str
    time: float


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, host: str, site: HostileSite) -> None:
        self.host = host
        self.site = site
        super().__init__(address, _Handler)

    def handle_error(self, request, client_address) -> None:
        """Clients hanging up on purpose-built bad responses are the normal case here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one response per connection: close-delimited bodies work
    server: _Server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        """Silenced: requests go to the site's log instead."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        site = self.server.site
        site.log_hit(self.server.host, self.path)
        try:
            site.answer(self, self.server.host, self.path)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass

    # -- writing helpers -----------------------------------------------------------------
    def send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (),
        length: bool = True,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def raw(self, data: bytes) -> None:
        self.close_connection = True
        self.wfile.write(data)


class HostileSite:
    """Serve the hostile hosts; ``cases`` says which URL is which case."""

    def __init__(self, base_ip: int = 120) -> None:
        if not 1 <= base_ip <= 250:
            raise ValueError(f"base_ip must be 1..250, got {base_ip}")
        self.ips = {host: f"127.0.0.{base_ip + i}" for i, host in enumerate(HOSTS)}
        self.stopping = threading.Event()
        self._servers: dict[str, _Server] = {}
        self._lock = threading.Lock()
        self._hits: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.first_seen: dict[str, float] = {}
        self.bodies: dict[str, bytes] = {}

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> HostileSite:
        for host, ip in self.ips.items():
            server = _Server((ip, 0), host, self)
            self._servers[host] = server
            threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            ).start()
        self._build()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers = {}

    def __enter__(self) -> HostileSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _build(self) -> None:
        """Everything big, once."""
        self.bodies = {
            "huge": content.huge_page(25 * content.MB),
            "nine": content.huge_page(9 * content.MB),
            "random": content.random_bytes(200_000),
            "bomb": content.gzip_bomb(),
            "links": content.many_links(20_000, self.ips[MAIN]),
            "deep": b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000,
        }

    # -- addresses ----------------------------------------------------------------------------
    def base(self, host: str = MAIN) -> str:
        server = self._servers[host]
        return f"http://{self.ips[host]}:{server.server_address[1]}"

    def url(self, case: Case) -> str:
        if case.path.startswith("/"):
            return self.base(case.host) + case.path
        return case.path

    @property
    def cases(self) -> tuple[Case, ...]:
        return CASES

    @property
    def good_urls(self) -> list[str]:
        return [self.base() + p for p in GOOD_PATHS]

    def sources_toml(self) -> str:
        lines = [
            "[[source]]",
            'name = "hostile"',
            'role = "farm"',
            f'start_urls = ["{self.base()}/"]',
            f'sitemap_urls = ["{self.base()}/sitemap.xml"]',
            "",
        ]
        for host in HOSTS[1:]:
            lines += ["[[source]]", f'name = "{host}"', 'role = "farm"']
            lines += [f'start_urls = ["{self.base(host)}/a.html"]', ""]
        return "\n".join(lines)

    # -- request log --------------------------------------------------------------------------
    def log_hit(self, host: str, path: str) -> None:
        with self._lock:
            self._hits.append(Hit(host, path, time.monotonic()))

    @property
    def hits(self) -> list[Hit]:
        with self._lock:
            return list(self._hits)

    def count(self, key: str) -> int:
        with self._lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            self.first_seen.setdefault(key, time.monotonic())
            return self.counts[key]

    # -- answers --------------------------------------------------------------------------------
    def answer(self, h: _Handler, host: str, target: str) -> None:
        split = urlsplit(target)
        path, query = split.path, parse_qs(split.query)
        if host != MAIN:
            self._robots_host(h, host, path)
            return
        route = ROUTES.get(path)
        if route is not None:
            route(self, h, query)
        elif path == "/":
            h.send(200, self._home())
        elif path in GOOD_PATHS:
            story = content.GOOD_STORIES[GOOD_PATHS.index(path)]
            h.send(200, content.page(story, links='<a href="/">返回首页</a>').encode())
        elif path.startswith("/m/"):
            h.send(200, b"<html><body><p>stub</p></body></html>")
        else:
            h.send(404, b"<html><body>not found</body></html>")

    def _home(self) -> bytes:
        links = [f'<li><a href="{p}">好新闻{i}</a></li>' for i, p in enumerate(GOOD_PATHS)]
        for case in CASES:
            if case.linked and case.host == MAIN:
                links.append(f'<li><a href="{case.path}">{case.name}</a></li>')
        return (
            "<html><head><meta charset='utf-8'><title>首页</title></head><body><ul>"
            + "".join(links)
            + "</ul></body></html>"
        ).encode()

    def _robots_host(self, h: _Handler, host: str, path: str) -> None:
        if path == "/robots.txt":
            if host == ROBOTS_404:
                h.send(404, b"not found", "text/plain")
            elif host == ROBOTS_5XX:
                h.send(503, b"<html>maintenance</html>")
            elif host == ROBOTS_GARBAGE:
                h.send(200, content.random_bytes(3000, seed=9), "text/plain")
            return
        h.send(200, b"<html><body><p>a page on a robots test host</p></body></html>")
