"""A farm that splits each copy over three pages (``?page=2``, ``?page=3``) and offers a
"全文阅读" single-page view (``?page=all``, whose ``rel=canonical`` names page 1).

Quotes are re-punctuated to corner brackets (「」); the credit and the editor line close the
last page.  Short posts fit on one page.
"""

from __future__ import annotations

from crawler.demoweb.records import Page, Post, SiteBuild
from crawler.demoweb.textops import attr, esc, pick
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, chunks, latest, newest_first

LABEL = "聚法资讯"
PER_LIST = 4


def split3(paragraphs: tuple[str, ...]) -> list[tuple[str, ...]]:
    if len(paragraphs) < 6:
        return [paragraphs]
    size = -(-len(paragraphs) // 3)
    return [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]


class PagedFarmSite(MiniSite):
    name = "pagedfarm"
    label = LABEL
    query_keys = frozenset({"page"})

    def disallowed(self) -> list[str]:
        return ["/search/", "/user/"]

    @staticmethod
    def base_path(post: Post) -> str:
        return f"/html/fz/{post.num}.html"

    def page_key(self, post: Post, page: int | str) -> str:
        params = {} if page == 1 else {"page": str(page)}
        return self.key(self.base_path(post), params)

    @staticmethod
    def list_path(n: int) -> str:
        return "/html/fz/" if n == 1 else f"/html/fz/list_{n}.html"

    def _doc(self, title: str, main: str, head: str = "") -> str:
        nav = noise.menu(self.name, noise.offsite("www.jufa.example"), 1, 12)
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>{head}{noise.stylesheet(self.name, 30)}</head><body>"
            f'<div class="header"><a href="/" class="logo">{LABEL}</a><ul class="menu">{nav}'
            f'<li><a href="{self.list_path(1)}">法制</a></li></ul>'
            '<form action="/search/" class="so"><input name="wd"></form></div>'
            f'<div class="container">{main}</div>'
            f'<div class="footer">{noise.footer(self.name, LABEL)}</div>'
            f"{noise.script(self.name, 2500)}</body></html>"
        )

    def _pager(self, post: Post, n: int, total: int) -> str:
        if total == 1:
            return ""
        parts = []
        if n > 1:
            parts.append(f'<a href="{attr(self.page_key(post, n - 1))}">上一页</a>')
        for k in range(1, total + 1):
            parts.append(
                f'<a href="{attr(self.page_key(post, k))}">{k}</a>'
                if k != n
                else f"<span>{k}</span>"
            )
        if n < total:
            parts.append(f'<a href="{attr(self.page_key(post, n + 1))}">下一页</a>')
        parts.append(f'<a href="{attr(self.page_key(post, "all"))}" class="quanwen">全文阅读</a>')
        return f'<div class="article-pages">{"".join(parts)}</div>'

    def _page(self, post: Post, paras: tuple[str, ...], n: int, total: int, head: str) -> str:
        editor = pick(self.content.extras.editors, "ped", post.key)
        tail = ""
        if n == total:
            credit = f"<p>{esc(post.credit_line)}</p>" if post.credit_line else ""
            tail = f'{credit}<p class="editor">（责任编辑：{esc(editor)}）</p>'
        body = "".join(f"<p>{esc(p)}</p>" for p in paras)
        suffix = f"(第{n}页)" if n > 1 else ""
        main = (
            f'<div class="article"><h1>{esc(post.title)}</h1>'
            f'<div class="info"><span>{post.published:%Y-%m-%d %H:%M:%S}</span>'
            f"<span>浏览：{noise.views(post.key)}</span></div>"
            f'<div class="article-content">{body}{tail}</div>'
            f"{self._pager(post, n, total)}</div>"
        )
        return self._doc(f"{post.title}{suffix}-{LABEL}", main, head)

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        for post in posts:
            parts = split3(post.paragraphs)
            rendered = [
                (self.page_key(post, n), self._page(post, chunk, n, len(parts), ""))
                for n, chunk in enumerate(parts, 1)
            ]
            self.add_article(build, post, rendered)
            if len(parts) > 1:
                head = f'<link rel="canonical" href="{self.url(self.page_key(post, 1))}">'
                html = self._page(post, post.paragraphs, len(parts), len(parts), head)
                key = self.page_key(post, "all")
                build.pages[key] = Page(
                    self.encode(html), self.content_type, post.posted, "article-page"
                )
                build.non_articles.append(self.url(key))
            editor = pick(self.content.extras.editors, "ped", post.key)
            self.note_chrome(
                self.url(self.page_key(post, 1)),
                post.credit_line or "",
                f"责任编辑：{editor}",
                "全文阅读",
            )
        ordered = newest_first(posts)
        pages = chunks(ordered, PER_LIST)
        for n, chunk in enumerate(pages, 1):
            items = "".join(
                f'<dl><dt><a href="{self.base_path(p)}">{esc(p.title)}</a></dt>'
                f'<dd>{esc(p.summary)}</dd><dd class="t">{p.posted:%Y-%m-%d}</dd></dl>'
                for p in chunk
            )
            nav = "".join(
                f'<a href="{self.list_path(k)}">{k}</a>' if k != n else f"<b>{k}</b>"
                for k in range(1, len(pages) + 1)
            )
            if n < len(pages):
                nav += f'<a href="{self.list_path(n + 1)}">下一页</a>'
            main = f'<div class="newslist">{items}</div><div class="pages">{nav}</div>'
            self.add_page(build, self.list_path(n), self._doc(f"法制-{LABEL}", main), latest(chunk))
        items = "".join(
            f'<li><a href="{self.base_path(p)}">{esc(p.title)}</a></li>' for p in ordered[:8]
        )
        main = f'<div class="hot"><h2>最新资讯</h2><ul>{items}</ul></div>'
        self.add_page(build, "/", self._doc(LABEL, main), latest(posts))
        return build
