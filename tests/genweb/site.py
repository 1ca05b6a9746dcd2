"""``GenSite``: one generated site, rendered for phase 1 and phase 2, and answered per request.

Rendering is deterministic per page (each page draws from its own generator keyed by the
seed, the site and the page), so a page whose content did not change renders to the same
bytes in both phases; article pages keep their phase-1 bytes whatever happens around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape

from crawler.demoweb.records import Page, SiteBuild
from crawler.demoweb.server import Resolved
from tests.genweb import forum, layout
from tests.genweb.chrome_nav import PageCtx
from tests.genweb.lists import ListMaker
from tests.genweb.pages import ArticleView, SiteChrome, article_page, site_chrome
from tests.genweb.plan import SitePlan
from tests.genweb.records import Entry, GenArticle
from tests.genweb.rng import sub
from tests.genweb.traps import TrapSpace, with_session
from tests.genweb.urls import ARTICLE_SCHEMES, Ident, canonical

ArticleRenderer = Callable[[ArticleView, PageCtx, SiteChrome], tuple[str, tuple[str, ...]]]
EPOCH = datetime(2020, 1, 1)


@dataclass
class Built:
    build: SiteBuild
    chrome: dict[str, set[str]] = field(default_factory=dict)  # article url -> strings


class GenSite:
    def __init__(
        self,
        plan: SitePlan,
        base_url: str,
        seed: int,
        renderer: ArticleRenderer | None = None,
        heavy: bool = False,
    ) -> None:
        self.plan, self.style, self.seed = plan, plan.style, seed
        self.name, self.role, self.outlet = plan.name, plan.style.role, plan.outlet
        self.base_url = base_url.rstrip("/")
        self.renderer = renderer or article_page
        self.heavy = heavy
        self.spaces = TrapSpace(self.name, self.style, seed)
        self.placed = {e.key: self._place(e) for e in plan.entries}
        self._built: dict[int, Built] = {}
        self._links: dict[int, tuple] = {}

    # -- URLs -----------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base_url + path

    def _place(self, entry: Entry) -> layout.Placed:
        replies = (
            forum.reply_pages(sub(self.seed, "replies", entry.key))
            if self.style.kind == "forum"
            else 0
        )
        return layout.place(entry, self.style, self.seed, replies)

    def canonical_url(self, p: layout.Placed) -> str:
        """The URL the article is stored under: its canonical path, query sorted (as any
        crawler spells a URL once; ``/index.php?m=content&c=index...`` is one page)."""
        return canonical(self.url(p.canonical))

    def content_type(self) -> str:
        declared = self.style.declare in ("header", "both")
        return f"text/html; charset={self.style.charset}" if declared else "text/html"

    def encode(self, html: str) -> bytes:
        return html.encode(self.style.charset, errors="xmlcharrefreplace")

    # -- robots -----------------------------------------------------------------------------
    def robots(self) -> str:
        r = sub(self.seed, "robots", self.name)
        lines = []
        if r.random() < 0.4:
            lines += ["User-agent: Baiduspider", "Allow: /", ""]
        lines.append("User-agent: *")
        lines += [f"Disallow: {p}" for p in self.style.disallow] or ["Disallow:"]
        if self.style.crawl_delay:
            lines.append(f"Crawl-delay: {self.style.crawl_delay}")
        if self.style.sitemap:
            lines += ["", f"Sitemap: {self.url('/sitemap.xml')}"]
        return "\n".join(lines) + "\n"

    # -- building -----------------------------------------------------------------------------
    def entries(self, phase: int) -> list[Entry]:
        return [e for e in self.plan.entries if e.phase <= phase]

    def site_ctx(self, phase: int, key: str) -> PageCtx:
        if phase not in self._links:
            lists = ListMaker(self, phase)
            firsts = [e for e in self.plan.entries if e.phase == 1][:5]
            self._links[phase] = (
                lists.channel_links(),
                lists.tag_links(),
                [self.related(e) for e in firsts],
            )
        chans, tags, others = self._links[phase]
        return PageCtx(
            self.style,
            sub(self.seed, "page", self.name, key),
            "/",
            chans,
            tags,
            [],
            list(others),
            [],
            self.stamp(1),
        )

    def related(self, e: Entry) -> tuple[str, str, str]:
        return (e.title, self.placed[e.key].link, e.body[0])

    def stamp(self, phase: int) -> datetime:
        """When list pages of ``phase`` last changed (phase 2 is always later)."""
        last = max((e.published for e in self.plan.entries), default=EPOCH)
        return last + timedelta(days=2 if phase == 1 else 9)

    def build(self, phase: int) -> Built:
        if phase in self._built:
            return self._built[phase]
        built = Built(SiteBuild())
        chrome = site_chrome(self.site_ctx(1, "chrome"), self.heavy)
        b = built.build
        b.pages["/robots.txt"] = Page(
            self.robots().encode(), "text/plain; charset=utf-8", EPOCH, "robots"
        )
        for entry in self.entries(phase):
            self._article(entry, chrome, built)
        ListMaker(self, phase).build(b, chrome)
        if phase == 2:
            self._freeze(b)
        self._built[phase] = built
        return built

    def _others(self, entry: Entry) -> list[tuple[str, str, str]]:
        pool = [
            e for e in self.plan.entries if e.phase == 1 and e.key != entry.key and not e.section
        ]
        i = sum(map(ord, entry.key)) % max(1, len(pool))
        return [self.related(e) for e in (pool[i:] + pool[:i])[:6]]

    def _article(self, entry: Entry, chrome: SiteChrome, built: Built) -> None:
        p = self.placed[entry.key]
        urls = [self.url(x) for x in p.pages]
        strings: set[str] = set()
        r = sub(self.seed, "comments", entry.key)
        lo, hi = self.style.comments
        for k, path in enumerate((*p.pages, *p.extra), start=1):
            ctx = self.site_ctx(1, f"{entry.key}#{k}")
            ctx.others = self._others(entry)
            ctx.when = entry.published
            if self.style.kind == "forum":
                all_urls = urls + [self.url(x) for x in p.extra]
                replies = r.randint(0, 6) if k == 1 else 10
                html, said = forum.thread_page(
                    entry,
                    k,
                    all_urls,
                    replies,
                    ctx,
                    chrome,
                    self.url(path) if self.style.canonical_tag else None,
                )
            else:
                canon = (
                    self.url(path if k > 1 else p.canonical) if self.style.canonical_tag else None
                )
                view = ArticleView(entry, k, urls, canon, self._source(entry), r.randint(lo, hi))
                html, said = self.renderer(view, ctx, chrome)
            kind = "article" if k == 1 else "article-page"
            built.build.pages[layout.site_key(path)] = Page(
                self.encode(html), self.content_type(), entry.published, kind
            )
            if k > len(p.pages):
                built.build.non_articles.append(self.url(path))
            strings.update(said)
        if p.redirect_from:
            built.build.redirects[layout.site_key(p.redirect_from)] = self.url(p.pages[0])
        body = "\n".join(entry.body)
        url = self.canonical_url(p)
        built.chrome[url] = {
            s for s in strings if len(s) >= 6 and s not in body and s not in entry.title
        }
        built.build.articles.append(self.truth(entry, p))

    def _source(self, entry: Entry) -> str | None:
        if entry.kind == "original":
            return self.style.label if sub(self.seed, "src", entry.key).random() < 0.6 else None
        return entry.credited_outlet

    def truth(self, entry: Entry, p: layout.Placed) -> GenArticle:
        return GenArticle(
            url=self.canonical_url(p),
            site=self.name,
            role=self.role,
            story_id=entry.story_id,
            on_topic=entry.on_topic,
            title=entry.title,
            body="\n".join(entry.body),
            published=entry.published,
            credited_outlet=entry.credited_outlet,
            back_dated=entry.back_dated,
            page_urls=tuple(self.url(x) for x in p.pages),
            phase=entry.phase,
            kind=entry.kind,
            family_id=entry.family_id,
            layout=self.style.body_markup
            if self.style.kind != "forum"
            else f"forum-{'quote' if entry.quoted else 'paste'}",
            route=entry.route,
        )

    def _freeze(self, b: SiteBuild) -> None:
        """Phase 2 keeps phase-1 article bytes; any other page that changed looks newer."""
        first = self.build(1).build
        for key, page in b.pages.items():
            old = first.pages.get(key)
            if old is None:
                continue
            if old.kind in ("article", "article-page") or old.body == page.body:
                b.pages[key] = old
            else:
                b.pages[key] = Page(
                    page.body, page.content_type, self.stamp(2), page.kind, page.status
                )

    # -- answering -------------------------------------------------------------------------------
    def broken_paths(self) -> list[tuple[str, int]]:
        r = sub(self.seed, "broken", self.name)
        make = ARTICLE_SCHEMES[self.style.scheme][0]
        return [
            (make(Ident.draw(9000 + k, EPOCH, "gone", r)), 404 if k else 500)
            for k in range(self.style.broken)
        ]

    def route_key(self, path: str, query: str) -> str:
        return layout.site_key(f"{path}?{query}" if query else path)

    def lookup(self, path: str, query: str, phase: int) -> Resolved:
        built = self.build(phase).build
        extra = {"validators": self.style.validators, "server": self.style.server}
        if "session" in self.style.traps and re.search(
            rf"(^|&){re.escape(self.style.session_param)}=", query
        ):
            return self._session(path, query, phase, extra)
        key = self.route_key(path, query)
        if key in built.redirects:
            return Resolved(location=built.redirects[key], status=301, **extra)
        page = built.pages.get(key)
        if page is None:
            html = self.spaces.page(
                path, query, self.entries(phase), ListMaker(self, phase).trap_render
            )
            if html is not None:
                page = Page(self.encode(html), self.content_type(), self.stamp(phase), "trap")
        return Resolved(page=page or self.not_found(), **extra)

    def _session(self, path: str, query: str, phase: int, extra: dict) -> Resolved:
        param = self.style.session_param
        rest = "&".join(p for p in query.split("&") if not p.startswith(f"{param}="))
        inner = self.lookup(path, rest, phase)
        if inner.page is None or inner.page.status != 200:
            return inner
        html = inner.page.body.decode(self.style.charset, errors="replace")
        token = f"{sub(self.name, path, query).getrandbits(48):x}"
        body = self.encode(with_session(html, self.base_url, param, token))
        return Resolved(
            page=Page(body, inner.page.content_type, inner.page.modified, "trap"), **extra
        )

    def not_found(self) -> Page:
        label = escape(self.style.label)
        html = (
            "<html><head><title>404 Not Found</title></head><body><h1>404</h1>"
            f'<p>页面不存在。<a href="/">{label}</a></p></body></html>'
        )
        return Page(self.encode(html), self.content_type(), EPOCH, "other", status=404)
