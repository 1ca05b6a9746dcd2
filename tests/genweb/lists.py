"""A site's navigation pages: home, channel lists (paginated), tag pages, sitemap, feed,
trap pages, and the links to deleted or failing pages that real lists carry.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from crawler.demoweb.records import Page, SiteBuild
from tests.genweb import layout
from tests.genweb.pages import SiteChrome, list_items, list_page, pager, site_chrome
from tests.genweb.records import Entry
from tests.genweb.rng import sub
from tests.genweb.traps import h

EPOCH = datetime(2020, 1, 1)  # when pages that never change were last modified

if TYPE_CHECKING:
    from tests.genweb.site import GenSite


class ListMaker:
    def __init__(self, site: GenSite, phase: int) -> None:
        self.site, self.phase, self.style = site, phase, site.style
        listed = [e for e in site.entries(phase) if not e.section]
        self.newest = sorted(listed, key=lambda e: e.published, reverse=True)

    def channel(self, chan: str) -> list[Entry]:
        return [e for e in self.newest if e.ident.chan == chan]

    def channel_links(self) -> list[tuple[str, str]]:
        return [
            (layout.channel_name(c), h(layout.channel_lists(self.style, c, 1)[0]))
            for c in self.style.channels
        ]

    def tag_links(self) -> list[tuple[str, str]]:
        if "tags" not in self.style.after_body and "tagcloud" not in self.style.sidebar:
            return []
        words = sorted({w for e in self.newest for w in layout.entry_tags(e, self.site.seed)})
        return [(w, layout.tag_path(self.style, w)) for w in words]

    def _rows(self, entries: list[Entry], key: str) -> str:
        r = sub(self.site.seed, "rows", self.site.name, key)
        with_ex = r.random() < 0.4
        items = [
            (
                e.title,
                h(self.site.placed[e.key].link),
                e.published,
                e.body[0][:50] + "…" if with_ex else "",
            )
            for e in entries
        ]
        return list_items(items, self.style, r)

    def _add(self, b: SiteBuild, path: str, html: str, kind: str = "list") -> None:
        key = layout.site_key(path)
        b.pages[key] = Page(
            self.site.encode(html), self.site.content_type(), self.site.stamp(self.phase), kind
        )
        b.non_articles.append(self.site.url(path))

    def _list_pages(
        self, b: SiteBuild, chrome: SiteChrome, chan: str, entries: list[Entry]
    ) -> None:
        paths = layout.channel_lists(self.style, chan, len(entries))
        urls = [h(p) for p in paths]
        size = self.style.list_size
        for k, path in enumerate(paths, start=1):
            ctx = self.site.site_ctx(self.phase, f"list:{chan}:{k}")
            chunk = entries[(k - 1) * size : k * size]
            r = sub(self.site.seed, "listbar", self.site.name)
            bar = pager(urls, k, r.random() < 0.7, ctx.rng, self.style.naming("pager"))
            html = list_page(
                ctx, chrome, layout.channel_name(chan), self._rows(chunk, f"{chan}{k}"), bar
            )
            self._add(b, path, html)

    def build(self, b: SiteBuild, chrome: SiteChrome) -> None:
        for chan in self.style.channels:
            self._list_pages(b, chrome, chan, self.channel(chan))
        self._home(b, chrome)
        for word, path in self.tag_links():
            tagged = [e for e in self.newest if word in layout.entry_tags(e, self.site.seed)]
            ctx = self.site.site_ctx(self.phase, f"tag:{word}")
            self._add(b, path, list_page(ctx, chrome, f"标签：{word}", self._rows(tagged, word)))
        if self.style.sitemap:
            self._sitemap(b)
        if self.style.feed:
            self._feed(b)
        for path, status in self.site.broken_paths():
            b.broken[self.site.url(path)] = status
            if status != 404:
                b.pages[layout.site_key(path)] = Page(
                    b"<h1>500 Internal Server Error</h1>",
                    "text/html",
                    EPOCH,
                    "other",
                    status,
                )

    def _home(self, b: SiteBuild, chrome: SiteChrome) -> None:
        ctx = self.site.site_ctx(self.phase, "home")
        if self.site.plan.home == "portal":  # fixed picks: the page never changes
            picks = sorted((e for e in self.newest if e.phase == 1), key=lambda e: e.published)[:3]
            rows = self._rows(picks, "home")
        else:
            rows = self._rows(self.newest[: self.style.list_size], "home")
        chans = "".join(f'<a href="{u}">{escape(t)}</a> ' for t, u in self.channel_links())
        traps = "".join(
            f'<a href="{h(u)}">{escape(t)}</a> '
            for t, u in self.site.spaces.entries(self.site.stamp(1))
        )
        broken = "".join(
            f'<a href="{h(p)}">往期精选{k + 1}</a> '
            for k, (p, _) in enumerate(self.site.broken_paths())
        )
        extra = f"<div>{chans}</div><div>{traps}{broken}</div>"
        self._add(b, "/", list_page(ctx, chrome, self.style.label, rows, extra))

    def _sitemap(self, b: SiteBuild) -> None:
        locs = "".join(
            f"<url><loc>{escape(self.site.url(self.site.placed[e.key].canonical))}</loc>"
            f"<lastmod>{e.published:%Y-%m-%d}</lastmod></url>"
            for e in self.newest
        )
        xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        b.pages["/sitemap.xml"] = Page(
            xml.encode(), "application/xml", self.site.stamp(self.phase), "feed"
        )

    def _feed(self, b: SiteBuild) -> None:
        items = "".join(
            f"<item><title>{escape(e.title)}</title><link>{escape(self.site.url(self.site.placed[e.key].link))}</link>"
            f"<pubDate>{e.published:%a, %d %b %Y %H:%M:%S} +0800</pubDate></item>"
            for e in self.newest[:10]
        )
        head = f"<title>{escape(self.style.label)}</title>"
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
            f"<channel>{head}{items}</channel></rss>"
        )
        b.pages["/rss.xml"] = Page(
            xml.encode(), "application/rss+xml", self.site.stamp(self.phase), "feed"
        )

    def trap_render(self, heading: str, links: list[tuple[str, str]], entries: list[Entry]) -> str:
        chrome = self._trap_chrome()
        ctx = self.site.site_ctx(self.phase, f"trap:{heading}")
        rows = self._rows([e for e in entries if not e.section], heading)
        nav = "".join(f'<a href="{h(u)}">{escape(t)}</a> ' for t, u in links)
        return list_page(ctx, chrome, heading, rows, f"<div>{nav}</div>")

    def _trap_chrome(self) -> SiteChrome:
        return site_chrome(self.site.site_ctx(1, "chrome"), self.site.heavy)
