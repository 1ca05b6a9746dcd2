"""``DemoWeb``: the bundled web of publishers and content farms, served on loopback.

Each site gets its own 127.0.0.x address (Scrapy keys politeness slots by host), all on one
port.  Both phases are rendered up front: phase 2 adds farm copies, and every article page
that already existed in phase 1 keeps its exact phase-1 bytes, so a re-crawl gets 304s for
them while list pages change their validators.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

from crawler.demoweb.bench import BENCH_SITES, BenchShard, bench_posts
from crawler.demoweb.content import load_content
from crawler.demoweb.plan import SITES, Planner
from crawler.demoweb.records import Post, SiteBuild, SiteInfo, Truth
from crawler.demoweb.server import RequestLog, Resolved, ServedWeb, bind_all, serve_in_threads
from crawler.demoweb.sites.aggregator import AggregatorSite
from crawler.demoweb.sites.base import Site
from crawler.demoweb.sites.fazhi import FazhiSite
from crawler.demoweb.sites.forum import ForumSite
from crawler.demoweb.sites.gbkportal import GbkPortalSite
from crawler.demoweb.sites.mirror import MirrorSite
from crawler.demoweb.sites.nandu import NanduSite
from crawler.demoweb.sites.splitfarm import SplitFarmSite
from crawler.demoweb.sites.wpfarm import WpFarmSite

SITE_CLASSES: dict[str, type[Site]] = {
    "nandu": NanduSite,
    "fazhi": FazhiSite,
    "wpfarm": WpFarmSite,
    "gbkportal": GbkPortalSite,
    "splitfarm": SplitFarmSite,
    "forum": ForumSite,
    "aggregator": AggregatorSite,
    "mirror": MirrorSite,
}
MAX_DEPTH = {"publisher": 4, "farm": 5}


@dataclass
class _Phase:
    sites: dict[str, Site]
    builds: dict[str, SiteBuild]


class DemoWeb(ServedWeb):
    """Serve the demo web; expose its ground truth and a request log."""

    def __init__(
        self,
        stories_path: str | Path | None = None,
        port: int = 0,
        base_ip: int = 20,
        phase: int = 1,
        delay: float = 0.0,
        bench_pages: int = 0,
    ) -> None:
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0..65535, got {port}")
        if not 1 <= base_ip <= 254 - len(SITES):
            raise ValueError(f"base_ip must be 1..{254 - len(SITES)} (sites use base_ip+1..+8)")
        if phase not in (1, 2):
            raise ValueError(f"phase must be 1 or 2, got {phase}")
        if delay < 0 or bench_pages < 0:
            raise ValueError("delay and bench_pages must not be negative")
        self.content = load_content(stories_path)
        unknown = sorted(set(self.content.outlets) - set(SITE_CLASSES))
        if unknown:
            raise ValueError(f"no publisher template for outlets {unknown}; known: nandu, fazhi")
        self.port = port
        self.base_ip = base_ip
        self.delay = delay
        self._phase = phase
        self._posts = Planner(self.content).posts()
        shards = bench_posts(self.content, bench_pages) if bench_pages else {}
        self._bench = {s: BenchShard(s, shards[s], self.content) for s in BENCH_SITES if shards}
        self._phases: dict[int, _Phase] = {}
        self._log = RequestLog()
        self._servers: list = []
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> DemoWeb:
        if self._servers:
            return self
        ips = [self.ip(i) for i in range(len(SITES))]
        self._servers, self.port = bind_all(
            ips, self.port, list(SITES), self.resolve, self._log, lambda: self.delay
        )
        self._render()
        serve_in_threads(self._servers)
        return self

    # -- configuration ----------------------------------------------------------------------
    def ip(self, index: int) -> str:
        return f"127.0.0.{self.base_ip + 1 + index}"

    def base_url(self, site: str) -> str:
        if not self.port:
            raise RuntimeError("the port is not known yet: call start() or pass port=N")
        return f"http://{self.ip(SITES.index(site))}:{self.port}"

    @property
    def sites(self) -> list[SiteInfo]:
        phase = self._render()[1]
        return [SiteInfo(name, s.role, s.base_url, s.outlet) for name, s in phase.sites.items()]

    # -- rendering ----------------------------------------------------------------------------
    def _make_sites(self) -> dict[str, Site]:
        return {
            name: SITE_CLASSES[name](self.base_url(name), self.content, self._bench.get(name))
            for name in SITES
        }

    def _render(self) -> dict[int, _Phase]:
        """Render both phases once (needs the port, since pages carry absolute URLs)."""
        with self._lock:
            if self._phases:
                return self._phases
            one, two = self._make_sites(), self._make_sites()
            first = {n: one[n].build([p for p in self._posts[n] if p.phase == 1]) for n in SITES}
            second = {n: two[n].build(self._posts[n]) for n in SITES}
            for name in SITES:
                _freeze(first[name], second[name], self._posts[name])
            self._phases = {1: _Phase(one, first), 2: _Phase(two, second)}
            return self._phases

    def resolve(self, site: str, path: str, query: str) -> Resolved:
        """Map a request to a resource; query strings are ignored like static servers do."""
        state = self._render()[self._phase]
        build, template = state.builds[site], state.sites[site]
        extra = {"validators": template.validators, "server": template.server}
        key = f"{path}?{query}" if query else path
        key = unquote(key)
        if key in build.redirects:
            return Resolved(location=build.redirects[key], status=301, **extra)
        if key in build.pages:
            return Resolved(page=build.pages[key], **extra)
        page = template.dynamic(path, query)
        if page is None and query and path in build.redirects:
            return Resolved(location=build.redirects[path], status=301, **extra)
        if page is None and query:
            page = build.pages.get(path)
        return Resolved(page=page or template.not_found(), **extra)

    # -- outputs ------------------------------------------------------------------------------
    def truth(self) -> Truth:
        phases = self._render()
        state = phases[self._phase]
        truth = Truth([], [], {}, {}, [])
        for name, build in state.builds.items():
            template = state.sites[name]
            truth.articles += build.articles
            truth.non_articles += build.non_articles
            truth.broken.update(build.broken)
            truth.redirects.update({template.url(k): v for k, v in build.redirects.items()})
            if template.calendar_prefix():
                truth.calendar_prefixes[name] = template.calendar_prefix()
            if template.disallowed():
                truth.disallowed[name] = template.disallowed()
        for name, shard in self._bench.items():
            template = state.sites[name]
            for post in shard.posts:
                path = shard.path(post)
                truth.articles.append(template.truth_for(post, template.url(path), [(path, "")]))
            lists = range(1, shard.list_count() + 1)
            truth.non_articles += [template.url(shard.list_path(n)) for n in lists]
        new = [a.url for b in phases[2].builds.values() for a in b.articles if a.phase == 2]
        truth.new_in_phase2 = new
        return truth

    def sources_toml(self) -> str:
        """A sources.toml listing every site, with publishers' sitemaps and feeds."""
        lines = ["# Generated by crawler.demoweb: the bundled demo web on loopback.", ""]
        for info, template in zip(self.sites, self._render()[1].sites.values(), strict=True):
            sitemaps, feeds = [], []
            if info.role == "publisher":
                sitemaps = [template.url(template.sitemap_path)] if template.sitemap_path else []
                feeds = [template.url(template.feed_path)] if template.feed_path else []
            lines += ["[[source]]", f'name = "{info.name}"', f'role = "{info.role}"']
            if info.outlet:
                lines.append(f'outlet = "{info.outlet}"')
            lines += [
                f'start_urls = ["{info.base_url}/"]',
                f"sitemap_urls = {_toml_list(sitemaps)}",
                f"feed_urls = {_toml_list(feeds)}",
                f"max_depth = {MAX_DEPTH[info.role]}",
                "",
            ]
        return "\n".join(lines)


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _freeze(first: SiteBuild, second: SiteBuild, posts: list[Post]) -> None:
    """Keep phase-1 article bytes in phase 2; make every changed page look newer."""
    stamp = max((p.posted for p in posts if p.phase == 2), default=None)
    for key, page in first.pages.items():
        unchanged = key in second.pages and second.pages[key].body == page.body
        if page.kind in ("article", "article-page") or unchanged:
            second.pages[key] = page
        elif key in second.pages and stamp:
            newer = max(second.pages[key].modified, stamp)
            second.pages[key] = replace(second.pages[key], modified=newer)
