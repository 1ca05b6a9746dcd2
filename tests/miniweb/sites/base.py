"""What every mini-web site shares: URLs and query routing, encodings, robots.txt, and the
bookkeeping that turns rendered pages into ground truth.

Unlike the demo web's base, a site here routes query strings itself (a PHP or ASP script
answers ``?t=5`` and ignores ``&sid=…``; a static ``.html`` ignores every query), declares
its robots groups (with Crawl-delay and wildcard rules), and records which chrome strings
it placed on each article page so the test can tell exactly what leaked into a body.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from urllib.parse import parse_qsl, unquote, urlencode

from crawler.demoweb.records import Page, Post, SiteBuild, TrueArticle
from tests.miniweb.content import MiniContent

EPOCH = datetime(2024, 1, 1)
# Page kinds the server treats specially (see web.py).
SLOW, DROP = "slow", "drop"


class MiniSite:
    name: ClassVar[str] = ""
    role: ClassVar[str] = "farm"
    label: ClassVar[str] = ""  # the site's display name
    charset: ClassVar[str] = "utf-8"  # how the bytes are encoded
    header_charset: ClassVar[str | None] = "utf-8"  # charset in Content-Type; None: none given
    validators: ClassVar[tuple[str, ...]] = ("etag", "last-modified")
    server: ClassVar[str] = "nginx"
    query_keys: ClassVar[frozenset[str]] = frozenset()  # parameters the site's scripts read
    sitemaps: ClassVar[tuple[str, ...]] = ()
    feeds: ClassVar[tuple[str, ...]] = ()
    max_depth: ClassVar[int] = 5

    def __init__(self, base_url: str, content: MiniContent, outlet: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.content = content
        self.outlet = outlet
        self.chrome: dict[str, set[str]] = {}

    # -- URLs, routing, encoding ----------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base_url + path

    def key(self, path: str, params: dict[str, str] | list[tuple[str, str]] | None = None) -> str:
        """The lookup key of a path plus the parameters the site reads (sorted)."""
        items = sorted((params.items() if isinstance(params, dict) else params) or [])
        kept = [(k, v) for k, v in items if k in self.query_keys]
        return unquote(path) + ("?" + urlencode(kept) if kept else "")

    def route_key(self, path: str, query: str) -> str:
        return self.key(path, parse_qsl(query, keep_blank_values=True))

    @property
    def content_type(self) -> str:
        if self.header_charset is None:
            return "text/html"
        return f"text/html; charset={self.header_charset}"

    def encode(self, html: str) -> bytes:
        return html.encode(self.charset)

    # -- robots -------------------------------------------------------------------------
    def robots_groups(self) -> list[tuple[tuple[str, ...], list[str]]]:
        """(user agents, rule lines) per group; the '*' group is what applies to us."""
        return [(("*",), [f"Disallow: {p}" for p in self.disallowed()] or ["Allow: /"])]

    def robots(self) -> str:
        out = []
        for agents, rules in self.robots_groups():
            out += [f"User-agent: {a}" for a in agents] + rules + [""]
        out += [f"Sitemap: {self.url(s)}" for s in self.sitemaps]
        return "\n".join(out).rstrip("\n") + "\n"

    def disallowed(self) -> list[str]:
        return []

    def crawl_delay(self) -> float | None:
        return None

    def calendar_prefix(self) -> str | None:
        return None

    def trap_prefixes(self) -> dict[str, str]:
        """Endless or huge URL spaces other than the calendar: label -> path prefix."""
        return {}

    # -- building -------------------------------------------------------------------------
    def build(self, posts: list[Post]) -> SiteBuild:
        raise NotImplementedError

    def dynamic(self, path: str, params: dict[str, str]) -> Page | None:
        return None

    def not_found(self) -> Page:
        html = (
            f'<html><head><meta charset="{self.charset}"><title>404 Not Found</title></head>'
            "<body><h1>404 - 您访问的页面不存在</h1><p>可能已被删除或移动。"
            '<a href="/">返回首页</a></p></body></html>'
        )
        return Page(self.encode(html), self.content_type, EPOCH, "other", status=404)

    def error_page(self, status: int) -> Page:
        html = f"<html><body><h1>{status} Internal Server Error</h1></body></html>"
        return Page(html.encode(), "text/html", EPOCH, "other", status=status)

    def new_build(self) -> SiteBuild:
        build = SiteBuild()
        build.pages["/robots.txt"] = Page(
            self.robots().encode(), "text/plain; charset=utf-8", EPOCH, "robots"
        )
        return build

    def add_page(self, build: SiteBuild, key: str, html: str, modified: datetime) -> None:
        """A navigation page (home, list, tag page): served and recorded as a non-article."""
        build.pages[key] = Page(self.encode(html), self.content_type, modified, "list")
        build.non_articles.append(self.url(key))

    def add_xml(self, build: SiteBuild, key: str, xml: str, ctype: str, modified) -> None:
        build.pages[key] = Page(xml.encode("utf-8"), ctype, modified, "feed")

    def add_article(
        self,
        build: SiteBuild,
        post: Post,
        pages: list[tuple[str, str]],
        canonical: str | None = None,
        aliases: tuple[str, ...] = (),
        extra: list[tuple[str, str]] = (),
    ) -> None:
        """Serve an article: its pages (page 1 first), other keys serving page 1's bytes
        (``aliases``: a print-free dynamic URL, a full-text view), and pages of its URL
        family that hold none of its text (``extra``: a thread's replies-only page 2)."""
        for i, (key, html) in enumerate([*pages, *extra]):
            kind = "article" if i == 0 else "article-page"
            build.pages[key] = Page(self.encode(html), self.content_type, post.posted, kind)
            if i:
                build.non_articles.append(self.url(key))
        for key in aliases:
            build.pages[key] = build.pages[pages[0][0]]
            build.non_articles.append(self.url(key))
        url = self.url(canonical or pages[0][0])
        build.articles.append(self.truth_for(post, url, [k for k, _ in pages]))

    def truth_for(self, post: Post, url: str, keys: list[str]) -> TrueArticle:
        return TrueArticle.of(post, self.name, self.role, url, tuple(self.url(k) for k in keys))

    def note_chrome(self, url: str, *snippets: str) -> None:
        """Remember furniture placed on an article page (checked against stored bodies)."""
        self.chrome.setdefault(url, set()).update(s for s in snippets if s and len(s) >= 6)


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.posted, p.num), reverse=True)


def latest(posts: list[Post], default: datetime = EPOCH) -> datetime:
    return max((p.posted for p in posts), default=default)


def chunks(items: list, size: int) -> list[list]:
    out = [items[i : i + size] for i in range(0, len(items), size)]
    return out or [[]]
