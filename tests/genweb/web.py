"""``GenWeb``: a generated web served on 127.0.0.100-199, its two phases and its truth.

Reuses the demo web's HTTP plumbing (``crawler.demoweb.server``: conditional GET, request
log, one address per site on one ephemeral port).  Pages are rendered on first use, after
the port is known, since they carry absolute URLs.  The interface (``site``, ``lookup``,
``builds``, ``truth``, ``chrome_snippets``, ``requests``) is the one ``tests.miniweb.report``
reads, so its miss details work on generated webs too.
"""

from __future__ import annotations

import threading

from crawler.demoweb.records import SiteBuild
from crawler.demoweb.server import RequestLog, Resolved, ServedWeb, bind_all, serve_in_threads
from tests.genweb.plan import WebPlan, make_plan
from tests.genweb.reach import reachable_keys
from tests.genweb.records import GenTruth
from tests.genweb.site import ArticleRenderer, GenSite

FIRST_IP = 100
MAX_SITES = 100  # 127.0.0.100-199
MAX_DEPTH = 10
# An endless space ends (404) after this many requests into it, so a crawler that does not
# contain it still finishes; the figure then reads "at least TRAP_CAP" (the goal is <= 20).
TRAP_CAP = 100


class GenWeb(ServedWeb):
    def __init__(
        self,
        seed: int = 0,
        plan: WebPlan | None = None,
        renderers: dict[str, ArticleRenderer] | None = None,
        heavy: bool = False,
    ) -> None:
        self.plan = plan or make_plan(seed)
        self.seed = self.plan.seed
        if len(self.plan.sites) > MAX_SITES:
            raise ValueError(f"at most {MAX_SITES} sites, got {len(self.plan.sites)}")
        self.renderers, self.heavy = renderers or {}, heavy
        self.port = 0
        self._phase = 1
        self._log = RequestLog()
        self._servers: list = []
        self._sites: dict[str, GenSite] = {}
        self._lock = threading.Lock()
        self._trap_hits: dict[tuple[str, str], int] = {}

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> GenWeb:
        if not self._servers:
            names = [s.name for s in self.plan.sites]
            ips = [self.ip(i) for i in range(len(names))]
            self._servers, self.port = bind_all(ips, 0, names, self.resolve, self._log, lambda: 0.0)
            serve_in_threads(self._servers)
        return self

    def ip(self, index: int) -> str:
        return f"127.0.0.{FIRST_IP + index}"

    def base_url(self, name: str) -> str:
        index = [s.name for s in self.plan.sites].index(name)
        return f"http://{self.ip(index)}:{self.port or 80}"

    # -- sites ------------------------------------------------------------------------------
    def site(self, name: str, phase: int | None = None) -> GenSite:
        with self._lock:
            if not self._sites:
                if not self.port:
                    raise RuntimeError("start() the web first: pages carry the port in URLs")
                self._sites = {
                    p.name: GenSite(
                        p, self.base_url(p.name), self.seed, self.renderers.get(p.name), self.heavy
                    )
                    for p in self.plan.sites
                }
        return self._sites[name]

    def sites_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.plan.sites)

    def builds(self, phase: int) -> dict[str, SiteBuild]:
        return {n: self.site(n).build(phase).build for n in self.sites_names()}

    def lookup(self, site: str, path: str, query: str, phase: int | None = None) -> Resolved:
        return self.site(site).lookup(path, query, phase or self._phase)

    def resolve(self, site: str, path: str, query: str) -> Resolved:
        """Answer a live request (the server's resolver): lookup, and the trap budget."""
        full = f"{path}?{query}" if query else path
        gen = self.site(site)
        for trap in gen.spaces.traps():
            if trap.matches(site, full):
                with self._lock:
                    self._trap_hits[trap.label, site] = (
                        self._trap_hits.get((trap.label, site), 0) + 1
                    )
                    over = self._trap_hits[trap.label, site] > TRAP_CAP
                if over:
                    return Resolved(page=gen.not_found(), validators=gen.style.validators)
        return self.lookup(site, path, query)

    # -- truth -------------------------------------------------------------------------------
    def truth(self, phase: int | None = None) -> GenTruth:
        phase = phase or self._phase
        truth = GenTruth([], [], {}, {}, [])
        for name in self.sites_names():
            site = self.site(name)
            built = site.build(phase)
            seen = reachable_keys(site, phase, MAX_DEPTH)
            for a in built.build.articles:
                key = site.route_key(*_split(a.page_urls[0], site.base_url))
                truth.articles.append(_with_reach(a, key in seen))
            truth.non_articles += built.build.non_articles
            truth.broken.update(built.build.broken)
            truth.redirects.update({site.url(k): v for k, v in built.build.redirects.items()})
            truth.traps += site.spaces.traps()
            truth.robots[name] = site.robots()
            if site.style.disallow:
                truth.disallowed[name] = list(site.style.disallow)
            for url, strings in built.chrome.items():
                truth.chrome.setdefault(url, set()).update(strings)
        truth.new_in_phase2 = [
            self.site(p.name).canonical_url(self.site(p.name).placed[e.key])
            for p in self.plan.sites
            for e in p.entries
            if e.phase == 2
        ]
        return truth

    def truth_articles(self, phase: int) -> list:
        return [a for n in self.sites_names() for a in self.site(n).build(phase).build.articles]

    def chrome_snippets(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for phase in (1, 2):
            for name in self.sites_names():
                for url, strings in self.site(name).build(phase).chrome.items():
                    out.setdefault(url, set()).update(strings)
        return out

    def sources_toml(self) -> str:
        lines = [f"# Generated by tests.genweb, seed {self.seed}.", ""]
        for name in self.sites_names():
            site = self.site(name)
            sitemaps = [site.url("/sitemap.xml")] if site.style.sitemap else []
            feeds = [site.url("/rss.xml")] if site.style.feed else []
            lines += ["[[source]]", f'name = "{name}"', f'role = "{site.role}"']
            if site.outlet:
                lines.append(f'outlet = "{site.outlet}"')
            lines += [
                f'start_urls = ["{site.base_url}/"]',
                f"sitemap_urls = {_toml(sitemaps)}",
                f"feed_urls = {_toml(feeds)}",
                f"max_depth = {MAX_DEPTH}",
                "",
            ]
        return "\n".join(lines)


def _split(url: str, base: str) -> tuple[str, str]:
    path, _, query = url.removeprefix(base).partition("?")
    return path, query


def _with_reach(a, reachable: bool):
    from dataclasses import replace

    return replace(a, reachable=reachable)


def _toml(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"
