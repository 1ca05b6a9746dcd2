"""HTTP plumbing: one stdlib threading server per site, conditional GET, request log.

The server knows nothing about templates: it asks a resolver (``DemoWeb.resolve``) for the
resource behind a path and applies HTTP semantics (redirects, ETag / Last-Modified and
304s, HEAD, an optional per-request delay), then records the request for the tests.
"""

from __future__ import annotations

import errno
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from crawler.demoweb.records import Page, RequestRecord
from crawler.demoweb.textops import http_date, parse_http_date


@dataclass(frozen=True)
class Resolved:
    """What a path maps to: a page, or a redirect target."""

    page: Page | None = None
    location: str | None = None
    status: int = 200
    validators: tuple[str, ...] = ("etag", "last-modified")
    server: str = "nginx"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def not_modified(page: Page, etag: str, headers, validators: tuple[str, ...]) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since when both are sent."""
    inm = headers.get("If-None-Match")
    if inm is not None and "etag" in validators:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    ims = headers.get("If-Modified-Since")
    if ims and "last-modified" in validators:
        since = parse_http_date(ims)
        return since is not None and page.modified.replace(microsecond=0) <= since
    return False


class RequestLog:
    """Thread-safe, in-memory list of every request answered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # keep-alive clients must not make stop() hang

    def __init__(self, address, site: str, resolve: Callable, log: RequestLog, delay) -> None:
        self.site = site
        self.resolve = resolve
        self.log = log
        self.delay = delay  # a callable returning seconds, so it can change at runtime
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30
    server: SiteServer
    _server_name = "nginx"

    def version_string(self) -> str:
        return self._server_name

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        """Silenced: requests go to the in-memory log instead of stderr."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=True)

    def _serve(self, head: bool, arrived: float | None = None) -> None:
        """Answer one request; ``arrived`` is when it came in, if a subclass held it first."""
        started = arrived or time.time()
        delay = self.server.delay()
        if delay:
            time.sleep(delay)
        split = urlsplit(self.path)
        path, query = unquote(split.path) or "/", split.query
        found: Resolved = self.server.resolve(self.server.site, path, query)
        self._server_name = found.server
        status, headers, body = self._answer(found)
        responding = time.time()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)
        self.server.log.add(
            RequestRecord(
                site=self.server.site,
                method=self.command,
                path=self.path,
                status=status,
                conditional=bool(
                    self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")
                ),
                user_agent=self.headers.get("User-Agent", ""),
                time=time.time(),
                started=started,
                responding=responding,
            )
        )

    def _answer(self, found: Resolved) -> tuple[int, list[tuple[str, str]], bytes]:
        if found.location is not None:
            body = f'<html><body>Moved: <a href="{found.location}">here</a></body></html>'.encode()
            return found.status, [("Location", found.location), ("Content-Type", "text/html")], body
        page = found.page
        assert page is not None
        headers = [("Content-Type", page.content_type)]
        if page.status != 200:
            return page.status, headers, page.body
        etag = etag_of(page.body)
        if "etag" in found.validators:
            headers.append(("ETag", etag))
        if "last-modified" in found.validators:
            headers.append(("Last-Modified", http_date(page.modified)))
        headers.append(("Cache-Control", "max-age=60"))
        if not_modified(page, etag, self.headers, found.validators):
            return 304, [h for h in headers if h[0] != "Content-Type"], b""
        return 200, headers, page.body


def bind_all(
    ips: list[str], port: int, sites: list[str], resolve, log: RequestLog, delay, tries: int = 30
) -> tuple[list[SiteServer], int]:
    """Bind every site on the same port (one IP each); retry with a fresh port if taken."""
    last: OSError | None = None
    for _ in range(tries):
        servers: list[SiteServer] = []
        chosen = port
        try:
            for ip, site in zip(ips, sites, strict=True):
                server = SiteServer((ip, chosen), site, resolve, log, delay)
                servers.append(server)
                chosen = chosen or server.server_address[1]
            return servers, chosen
        except OSError as exc:
            for server in servers:
                server.server_close()
            last = exc
            if port or exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
    raise OSError(f"could not bind all demo sites on one port: {last}")


def serve_in_threads(servers: list[SiteServer]) -> list[threading.Thread]:
    threads = []
    for server in servers:
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"demoweb-{server.site}",
            daemon=True,
        )
        thread.start()
        threads.append(thread)
    return threads


class ServedWeb:
    """What every local web (demo web, test mini-web, generated webs) does the same way.

    A web binds its sites in its own ``start()`` (into ``_servers``) and keeps its request
    log in ``_log``; stopping, the context manager, the phase switch and the request list
    are one behaviour, written once here so the three webs cannot drift apart.
    """

    _servers: list
    _log: RequestLog
    _phase: int

    def start(self) -> ServedWeb:
        raise NotImplementedError

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def phase(self) -> int:
        return self._phase

    def set_phase(self, phase: int) -> None:
        """Phase 1 is the first crawl's web, phase 2 the changed web of the re-crawl."""
        if phase not in (1, 2):
            raise ValueError(f"phase must be 1 or 2, got {phase}")
        self._phase = phase

    @property
    def requests(self) -> list[RequestRecord]:
        return self._log.snapshot()

    def clear_requests(self) -> None:
        self._log.clear()
