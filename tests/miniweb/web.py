"""``MiniWeb``: serve the mini-web on 127.0.0.61-70 and answer for its ground truth.

Reuses the demo web's HTTP plumbing (conditional GET, request log) but routes queries per
site, declares robots groups with Crawl-delay, and adds two misbehaving kinds of page: one
that answers slowly and one that drops the connection without a response.  Both phases are
rendered up front; article pages of phase 1 keep their bytes in phase 2.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from crawler.demoweb.records import RequestRecord, SiteBuild, Truth
from crawler.demoweb.server import Handler, RequestLog, Resolved, ServedWeb, serve_in_threads
from tests.miniweb.content import load
from tests.miniweb.plan import SITES, Planner
from tests.miniweb.sites.aspgb import AspGbSite
from tests.miniweb.sites.base import DROP, SLOW, MiniSite
from tests.miniweb.sites.chromefarm import ChromeFarmSite
from tests.miniweb.sites.feed import FeedSite
from tests.miniweb.sites.hongxing import HongxingSite
from tests.miniweb.sites.jiangcheng import JiangchengSite
from tests.miniweb.sites.listfarm import ListFarmSite
from tests.miniweb.sites.pagedfarm import PagedFarmSite
from tests.miniweb.sites.phpbb import PhpbbSite
from tests.miniweb.sites.retitlefarm import RetitleFarmSite
from tests.miniweb.sites.tagfarm import TagFarmSite

SITE_CLASSES: dict[str, type[MiniSite]] = {
    "hongxing": HongxingSite,
    "jiangcheng": JiangchengSite,
    "aspgb": AspGbSite,
    "phpbb": PhpbbSite,
    "feed": FeedSite,
    "chromefarm": ChromeFarmSite,
    "pagedfarm": PagedFarmSite,
    "retitlefarm": RetitleFarmSite,
    "listfarm": ListFarmSite,
    "tagfarm": TagFarmSite,
}
SLOW_SECONDS = 1.5
ARTICLE_KINDS = ("article", "article-page")


class MiniHandler(Handler):
    """The demo handler plus slow answers and dropped connections."""

    def _serve(self, head: bool, arrived: float | None = None) -> None:
        arrived = arrived or time.time()
        path = self.path.split("?", 1)
        found = self.server.resolve(self.server.site, path[0], path[1] if len(path) > 1 else "")
        kind = found.page.kind if found.page is not None else ""
        if kind == DROP:
            self.server.log.add(self._record(0, arrived))
            self.close_connection = True
            self.connection.close()
            return
        if kind == SLOW:
            time.sleep(SLOW_SECONDS)
        super()._serve(head, arrived)

    def _record(self, status: int, arrived: float) -> RequestRecord:
        return RequestRecord(
            self.server.site, self.command, self.path, status, False,
            self.headers.get("User-Agent", ""), time.time(), arrived,
        )  # fmt: skip


class MiniServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, site: str, resolve, log: RequestLog) -> None:
        self.site = site
        self.resolve = resolve
        self.log = log
        self.delay = lambda: 0.0
        super().__init__(address, MiniHandler)


@dataclass
class _Phase:
    sites: dict[str, MiniSite]
    builds: dict[str, SiteBuild]


class MiniWeb(ServedWeb):
    def __init__(self, content_path: str | Path | None = None, base_ip: int = 60) -> None:
        if not 1 <= base_ip <= 254 - len(SITES):
            raise ValueError(f"base_ip must be 1..{254 - len(SITES)}")
        self.content = load(content_path)
        self.base_ip = base_ip
        self.port = 0
        self._phase = 1
        self._posts = Planner(self.content).posts()
        self._phases: dict[int, _Phase] = {}
        self._log = RequestLog()
        self._servers: list[MiniServer] = []
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> MiniWeb:
        if self._servers:
            return self
        for i, site in enumerate(SITES):
            server = MiniServer((self.ip(i), self.port), site, self.resolve, self._log)
            self.port = self.port or server.server_address[1]
            self._servers.append(server)
        self._render()
        serve_in_threads(self._servers)
        return self

    def ip(self, index: int) -> str:
        return f"127.0.0.{self.base_ip + 1 + index}"

    def base_url(self, site: str) -> str:
        if not self.port:
            raise RuntimeError("start() the mini-web first: URLs need the port")
        return f"http://{self.ip(SITES.index(site))}:{self.port}"

    def site(self, name: str, phase: int | None = None) -> MiniSite:
        return self._render()[phase or self._phase].sites[name]

    def sites_names(self) -> tuple[str, ...]:
        return SITES

    def builds(self, phase: int) -> dict[str, SiteBuild]:
        return self._render()[phase].builds

    # -- rendering and answering -------------------------------------------------------------
    def _render(self) -> dict[int, _Phase]:
        with self._lock:
            if self._phases:
                return self._phases
            phases = {}
            for phase in (1, 2):
                sites = {}
                for name in SITES:
                    outlet = None
                    if SITE_CLASSES[name].role == "publisher":
                        outlet = self.content.core.outlets[name].name
                    sites[name] = SITE_CLASSES[name](self.base_url(name), self.content, outlet)
                builds = {
                    n: sites[n].build([p for p in self._posts[n] if p.phase <= phase])
                    for n in SITES
                }
                phases[phase] = _Phase(sites, builds)
            for name in SITES:
                _freeze(phases[1].builds[name], phases[2].builds[name])
            self._phases = phases
            return phases

    def lookup(self, site: str, path: str, query: str, phase: int | None = None) -> Resolved:
        state = self._render()[phase or self._phase]
        build, template = state.builds[site], state.sites[site]
        extra = {"validators": template.validators, "server": template.server}
        key = template.route_key(path, query)
        if key in build.redirects:
            return Resolved(location=build.redirects[key], status=301, **extra)
        page = build.pages.get(key)
        if page is None:
            page = template.dynamic(key.split("?", 1)[0], _params(key))
        return Resolved(page=page or template.not_found(), **extra)

    def resolve(self, site: str, path: str, query: str) -> Resolved:
        return self.lookup(site, unquote(path), query)

    # -- truth ------------------------------------------------------------------------------
    def truth(self, phase: int | None = None) -> Truth:
        phases = self._render()
        state = phases[phase or self._phase]
        truth = Truth([], [], {}, {}, [])
        for name, build in state.builds.items():
            template = state.sites[name]
            truth.articles += build.articles
            truth.non_articles += build.non_articles
            truth.broken.update(build.broken)
            truth.redirects.update({template.url(k): v for k, v in build.redirects.items()})
            if template.calendar_prefix():
                truth.calendar_prefixes[name] = template.calendar_prefix()
            rules = [r for _, lines in template.robots_groups() for r in lines]
            if any(r.startswith("Disallow:") for r in rules):
                truth.disallowed[name] = template.disallowed()
        truth.new_in_phase2 = [
            a.url for b in phases[2].builds.values() for a in b.articles if a.phase == 2
        ]
        return truth

    def chrome_snippets(self) -> dict[str, set[str]]:
        """Article URL -> furniture strings its page carries (never part of its body)."""
        out: dict[str, set[str]] = {}
        for state in self._render().values():
            for template in state.sites.values():
                for url, snippets in template.chrome.items():
                    out.setdefault(url, set()).update(snippets)
        return out

    def sources_toml(self) -> str:
        lines = ["# Generated by tests.miniweb: the generalisation mini-web on loopback.", ""]
        for name, template in self._render()[1].sites.items():
            lines += ["[[source]]", f'name = "{name}"', f'role = "{template.role}"']
            if template.outlet:
                lines.append(f'outlet = "{template.outlet}"')
            lines += [
                f'start_urls = ["{template.base_url}/"]',
                f"sitemap_urls = {_toml([template.url(s) for s in template.sitemaps])}",
                f"feed_urls = {_toml([template.url(s) for s in template.feeds])}",
                f"max_depth = {template.max_depth}",
                "",
            ]
        return "\n".join(lines)


def _params(key: str) -> dict[str, str]:
    return dict(parse_qsl(key.split("?", 1)[1])) if "?" in key else {}


def _toml(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _freeze(first: SiteBuild, second: SiteBuild) -> None:
    """Article pages keep their phase-1 bytes; any other page that changed looks newer."""
    stamp = max((p.modified for p in second.pages.values()), default=None)
    for key, page in first.pages.items():
        if key not in second.pages:
            continue
        if page.kind in ARTICLE_KINDS or second.pages[key].body == page.body:
            second.pages[key] = page
        elif stamp is not None:
            second.pages[key] = replace(second.pages[key], modified=max(stamp, page.modified))


__all__ = ["ARTICLE_KINDS", "MiniWeb"]
