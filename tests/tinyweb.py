"""Small served webs for crawl tests of one class of problem at a time.

A test writes the pages of a few sites as plain dicts (``{"/p/12": html, ...}``), one dict per
phase, and crawls them with the real CLI; ``TinyWeb`` serves them on loopback (one
127.0.0.x address per site, the demo web's HTTP plumbing: ETag / Last-Modified, 304s,
request log).  Unlike the demo web and the mini-web these webs are generated per test from a
seed, so no crawler rule can be fitted to one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crawler.demoweb.records import Page
from crawler.demoweb.server import RequestLog, Resolved, bind_all, serve_in_threads

EPOCH = datetime(2024, 3, 1)
FIRST_IP = 151  # 127.0.0.151 ...: clear of the demo web and the mini-web


@dataclass(frozen=True)
class Served:
    """One resource: HTML (or a redirect target), and which validators the server sends."""

    html: str = ""
    validators: tuple[str, ...] = ("etag", "last-modified")
    status: int = 200
    location: str | None = None
    content_type: str = "text/html; charset=utf-8"


Site = dict[str, "Served | str"]  # path (with ?query) -> resource


class TinyWeb:
    def __init__(self, phases: list[dict[str, Site]], roles: dict[str, str] | None = None):
        self.phases = phases
        self.phase = 1
        self.roles = roles or {}
        self.names = list(phases[0])
        self.log = RequestLog()
        self.servers: list = []
        self.port = 0

    def __enter__(self) -> TinyWeb:
        ips = [f"127.0.0.{FIRST_IP + i}" for i in range(len(self.names))]
        self.servers, self.port = bind_all(ips, 0, self.names, self.resolve, self.log, lambda: 0)
        serve_in_threads(self.servers)
        return self

    def __exit__(self, *exc) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def base_url(self, site: str) -> str:
        return f"http://127.0.0.{FIRST_IP + self.names.index(site)}:{self.port}"

    def url(self, site: str, path: str) -> str:
        return self.base_url(site) + path

    def requests(self, site: str | None = None) -> list:
        return [r for r in self.log.snapshot() if site is None or r.site == site]

    def resolve(self, site: str, path: str, query: str) -> Resolved:
        pages = self.phases[self.phase - 1].get(site, {})
        key = f"{path}?{query}" if query else path
        found = pages.get(key)
        if found is None and path == "/robots.txt":
            found = Served("User-agent: *\nAllow: /\n", content_type="text/plain")
        if found is None:
            return Resolved(Page(b"<html><body>404</body></html>", "text/html", EPOCH, status=404))
        if isinstance(found, str):
            found = Served(found)
        if found.location is not None:
            return Resolved(location=found.location, status=found.status)
        # A page that changes between phases is newer; one that does not keeps its date.
        changed = self.phase > 1 and self.phases[0].get(site, {}).get(key) != pages.get(key)
        modified = EPOCH + timedelta(days=10 if changed else 0)
        page = Page(found.html.encode(), found.content_type, modified, status=found.status)
        return Resolved(page, validators=found.validators)

    def sources_toml(self, max_depth: int = 5, topic: str = "") -> str:
        lines = []
        for name in self.names:
            lines += [
                "[[source]]",
                f'name = "{name}"',
                f'role = "{self.roles.get(name, "farm")}"',
                f'start_urls = ["{self.base_url(name)}/"]',
                f"max_depth = {max_depth}",
                "",
            ]
        return "\n".join(lines) + topic
