"""A farm that retitles every copy, opens it with its own editor's note ("编者按：…", part
of the text it shows) and back-dates it, claiming it as 本站原创.

Lists link the dynamic URL ``/show.php?id=N``; the page names ``/p/N.html`` as
``rel=canonical`` (served too, linked from nowhere).
"""

from __future__ import annotations

from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.textops import esc
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, chunks, latest, newest_first

LABEL = "今日法谈"
PER_PAGE = 3


class RetitleFarmSite(MiniSite):
    name = "retitlefarm"
    label = LABEL
    validators = ("etag",)
    server = "Apache/2.2.15 (CentOS)"
    query_keys = frozenset({"id", "cid", "page"})

    def disallowed(self) -> list[str]:
        return ["/admin/", "/user/", "/comment.php"]

    def show(self, post: Post) -> str:
        return self.key("/show.php", {"id": str(post.num)})

    @staticmethod
    def pretty(post: Post) -> str:
        return f"/p/{post.num}.html"

    def list_key(self, n: int) -> str:
        return self.key("/list.php", {"cid": "3"} | ({"page": str(n)} if n > 1 else {}))

    def _doc(self, title: str, main: str, head: str = "") -> str:
        nav = noise.menu(self.name, noise.offsite("www.jinrifatan.example"), 0, 9)
        return (
            '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>{head}"
            f'{noise.stylesheet(self.name, 20)}</head><body><div id="header">'
            f'<a href="/" id="logo">{LABEL}</a><ul id="nav">{nav}'
            f'<li><a href="{esc(self.list_key(1))}">法律热点</a></li></ul></div>'
            f'<div id="wrap">{main}</div><div id="footer">{noise.footer(self.name, LABEL)}</div>'
            f"{noise.script(self.name, 2000)}</body></html>"
        )

    def _article(self, post: Post, listed: list[Post]) -> str:
        body = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        more = "".join(
            f'<li><a href="{esc(self.show(p))}">{esc(p.title)}</a></li>'
            for p in listed
            if p.key != post.key
        )
        head = f'<link rel="canonical" href="{self.url(self.pretty(post))}">'
        main = (
            f'<div id="article"><h1 id="title">{esc(post.title)}</h1>'
            f'<div class="meta">{post.published:%Y-%m-%d %H:%M} {esc(post.credit_line or "")} '
            "作者：小编</div>"
            f'<div id="content">{body}</div>'
            f'<div class="comment-link"><a href="/comment.php?id={post.num}">我要评论</a></div>'
            f'<div class="more"><h3>看了本文的人还看了</h3><ul>{more}</ul></div></div>'
        )
        self.note_chrome(self.url(self.pretty(post)), "看了本文的人还看了", "我要评论")
        return self._doc(f"{post.title}-{LABEL}", main, head)

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        ordered = newest_first(posts)
        for post in posts:
            html = self._article(post, ordered[:5])
            self.add_article(
                build, post, [(self.show(post), html)], canonical=self.pretty(post),
                aliases=(self.pretty(post),),
            )  # fmt: skip
        pages = chunks(ordered, PER_PAGE)
        for n, chunk in enumerate(pages, 1):
            items = "".join(
                f'<li><a href="{esc(self.show(p))}">{esc(p.title)}</a>'
                f"<em>{p.published:%Y-%m-%d}</em></li>"
                for p in chunk
            )
            nav = "".join(
                f'<a href="{esc(self.list_key(k))}">{k}</a>' if k != n else f"<span>{k}</span>"
                for k in range(1, len(pages) + 1)
            )
            main = f'<ul class="list">{items}</ul><div class="page">{nav}</div>'
            self.add_page(
                build, self.list_key(n), self._doc(f"法律热点-{LABEL}", main), latest(chunk)
            )
        items = "".join(
            f'<li><a href="{esc(self.show(p))}">{esc(p.title)}</a></li>' for p in ordered[:6]
        )
        self.add_page(build, "/", self._doc(LABEL, f'<ul class="top">{items}</ul>'), latest(posts))
        return build
