"""What every demo site has in common: URLs, encoding, robots.txt, pages and truth records.

A site template subclasses ``Site`` and implements ``build(posts)``: it renders every page
it serves for a given set of posts and records which of them are articles (with their
truth) and which are list/navigation pages.  Paths that cannot be enumerated (an endless
calendar, error links, benchmark pages) are answered by ``dynamic``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar
from urllib.parse import unquote

from crawler.demoweb.content import Content
from crawler.demoweb.records import Page, Post, SiteBuild, TrueArticle
from crawler.demoweb.textops import encode_gbk, esc

EPOCH = datetime(2024, 1, 1)


class Site:
    name: ClassVar[str] = ""
    role: ClassVar[str] = "farm"
    charset: ClassVar[str] = "utf-8"
    # Which validators the server sends: most sites both, one old portal only Last-Modified.
    validators: ClassVar[tuple[str, ...]] = ("etag", "last-modified")
    server: ClassVar[str] = "nginx"
    sitemap_path: ClassVar[str | None] = None
    feed_path: ClassVar[str | None] = None

    def __init__(self, base_url: str, content: Content, bench=None) -> None:
        self.base_url = base_url.rstrip("/")
        self.content = content
        self.bench = bench  # a crawler.demoweb.bench.BenchShard or None
        self.outlet: str | None = None

    # -- URLs and encoding ----------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def content_type(self) -> str:
        return f"text/html; charset={self.charset}"

    def encode(self, html: str) -> bytes:
        return encode_gbk(html) if self.charset.lower() in ("gbk", "gb2312") else html.encode()

    # -- robots -------------------------------------------------------------------------
    def disallowed(self) -> list[str]:
        return []

    def robots(self) -> str:
        lines = ["User-agent: *"]
        lines += [f"Disallow: {p}" for p in self.disallowed()] or ["Allow: /"]
        if self.sitemap_path:
            lines += ["", f"Sitemap: {self.url(self.sitemap_path)}"]
        return "\n".join(lines) + "\n"

    def calendar_prefix(self) -> str | None:
        return None

    # -- building -------------------------------------------------------------------------
    def build(self, posts: list[Post]) -> SiteBuild:
        raise NotImplementedError

    def dynamic(self, path: str, query: str) -> Page | None:
        """Answer a path that is not in the build (benchmark pages by default)."""
        if self.bench is not None:
            return self.bench.answer(self, path, query)
        return None

    def not_found(self) -> Page:
        html = (
            f'<!DOCTYPE html><html><head><meta charset="{self.charset}"><title>404 页面不存在'
            f"</title></head><body><h1>抱歉，您访问的页面不存在或已被删除</h1>"
            f'<p><a href="/">返回首页</a></p></body></html>'
        )
        return Page(self.encode(html), self.content_type, EPOCH, "other", status=404)

    def new_build(self) -> SiteBuild:
        build = SiteBuild()
        build.pages["/robots.txt"] = Page(
            self.robots().encode(), "text/plain; charset=utf-8", EPOCH, "robots"
        )
        return build

    def add_page(self, build: SiteBuild, path: str, html: str, modified: datetime) -> None:
        """A navigation page (home, list, index): served and listed as a non-article."""
        build.pages[unquote(path)] = Page(self.encode(html), self.content_type, modified, "list")
        build.non_articles.append(self.url(path))

    def add_redirect(self, build: SiteBuild, path: str, target: str) -> None:
        build.redirects[unquote(path)] = self.url(target)

    def add_xml(self, build: SiteBuild, path: str, xml: str, ctype: str, modified) -> None:
        build.pages[unquote(path)] = Page(xml.encode(), ctype, modified, "feed")

    def add_article(
        self,
        build: SiteBuild,
        post: Post,
        pages: list[tuple[str, str]],
        canonical: str | None = None,
        extra: list[tuple[str, str]] = (),
    ) -> None:
        """Serve an article (page 1 first, then continuation pages) and record its truth.

        ``extra`` pages belong to the article's URL family but hold none of its text (a
        forum thread's reply-only page 2): served, frozen across phases, not in page_urls.
        """
        for i, (path, html) in enumerate([*pages, *extra]):
            kind = "article" if i == 0 else "article-page"
            page = Page(self.encode(html), self.content_type, post.posted, kind)
            build.pages[unquote(path)] = page
            if i:
                build.non_articles.append(self.url(path))
        build.articles.append(self.truth_for(post, canonical or self.url(pages[0][0]), pages))

    def truth_for(self, post: Post, url: str, pages: list[tuple[str, str]]) -> TrueArticle:
        return TrueArticle.of(post, self.name, self.role, url, tuple(self.url(p) for p, _ in pages))

    def bench_link(self, label: str = "专题") -> str:
        """A menu link into the benchmark archive, present only in bench mode."""
        if self.bench is None or not self.bench.posts:
            return ""
        return f'<a href="{self.bench.list_path(1)}" class="zt-entry">{esc(label)}</a>'


def paginate(items: list, per_page: int) -> list[list]:
    """Split into pages; an empty list still has one (empty) page."""
    pages = [items[i : i + per_page] for i in range(0, len(items), per_page)]
    return pages or [[]]


def pager(current: int, total: int, href: Callable[[int], str], prev="上一页", nxt="下一页") -> str:
    """A numbered pager like most CMSs print under lists."""
    if total <= 1:
        return ""
    parts = []
    if current > 1:
        parts.append(f'<a href="{href(current - 1)}" class="prev">{prev}</a>')
    for n in range(1, total + 1):
        cls = ' class="current"' if n == current else ""
        parts.append(
            f'<a href="{href(n)}"{cls}>{n}</a>' if n != current else f"<span{cls}>{n}</span>"
        )
    if current < total:
        parts.append(f'<a href="{href(current + 1)}" class="next">{nxt}</a>')
    return '<div class="pagination">' + "".join(parts) + "</div>"


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.posted, p.num), reverse=True)


def latest(posts: list[Post], default: datetime = EPOCH) -> datetime:
    return max((p.posted for p in posts), default=default)
