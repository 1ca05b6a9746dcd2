"""A DedeCMS farm: deep list pagination, an endless by-date archive, dead links.

The channel list holds two items a page and runs past page 10; its pager shows a window
(首页 上一页 n-2 … n+2 下一页 末页) with *relative* hrefs, as DedeCMS prints them.  Every day
has an archive page ``/date/YYYY-MM-DD/`` linking the previous and next day and the whole
month, for any date.  Headlines are ``<h2>`` inside ``div.title``; the copies drop their
last paragraph.  Some list entries point to deleted articles (404), the 问答 link fails
with 500.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from crawler.demoweb.records import Page, Post, SiteBuild
from crawler.demoweb.textops import esc, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import EPOCH, MiniSite, chunks, latest, newest_first

LABEL = "百姓法律网"
PER_PAGE = 2
WINDOW = 2
DELETED = 3  # list entries whose article was deleted


class ListFarmSite(MiniSite):
    name = "listfarm"
    label = LABEL
    server = "nginx/1.14.0"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.posts: list[Post] = []

    def disallowed(self) -> list[str]:
        return ["/plus/", "/include/", "/templets/", "/member/", "/dede/", "/data/"]

    def calendar_prefix(self) -> str | None:
        return "/date/"

    @staticmethod
    def path(post: Post) -> str:
        return f"/fazhi/{post.posted:%Y/%m%d}/{post.num}.html"

    @staticmethod
    def list_path(n: int) -> str:
        return "/fazhi/" if n == 1 else f"/fazhi/list_5_{n}.html"

    @staticmethod
    def day_path(d: date) -> str:
        return f"/date/{d:%Y-%m-%d}/"

    def _doc(self, title: str, main: str, side: str = "") -> str:
        nav = noise.menu(self.name, noise.offsite("www.bxfl.example"), 2, 11)
        return (
            '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=utf-8" /><title>{esc(title)}</title>'
            '<meta name="generator" content="DedeCMS V5.7 SP2" />'
            f"{noise.stylesheet(self.name, 35)}</head><body>"
            f'<div class="header"><div class="top"><a href="/">{LABEL}</a></div>'
            f'<div class="module blue mT10 wrapper w963"><ul id="navMenu">{nav}'
            f'<li><a href="{self.list_path(1)}">法律资讯</a></li><li><a href="/ask/">问答</a></li>'
            '<li><a href="/member/index.php">会员中心</a></li></ul></div>'
            '<form action="/plus/search.php" name="formsearch"><input name="q"></form></div>'
            f'<div class="w960 center clear mt1"><div class="pleft">{main}</div>'
            f'<div class="pright">{side}</div></div>'
            f'<div class="footer w960 center mt1 clear">{noise.footer(self.name, LABEL)}</div>'
            f"{noise.script(self.name, 1500)}</body></html>"
        )

    def _month(self, d: date) -> str:
        days = calendar.monthrange(d.year, d.month)[1]
        cells = "".join(
            f'<a href="{self.day_path(date(d.year, d.month, k))}">{k}</a>'
            for k in range(1, days + 1)
        )
        return f'<div class="calendar"><h3>按日期归档 {d.year}年{d.month}月</h3>{cells}</div>'

    def _article(self, post: Post, ordered: list[Post]) -> str:
        i = ordered.index(post)
        newer = ordered[i - 1] if i > 0 else None
        older = ordered[i + 1] if i + 1 < len(ordered) else None
        prev = f'<a href="{self.path(older)}">{esc(older.title)}</a>' if older else "没有了"
        nxt = f'<a href="{self.path(newer)}">{esc(newer.title)}</a>' if newer else "没有了"
        credit = esc((post.credit_line or "来源：未知").split("：", 1)[-1])
        body = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        day = post.posted.date()
        main = (
            '<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; '
            f'<a href="{self.list_path(1)}">法律资讯</a> &gt; </div>'
            f'<div class="viewbox"><div class="title"><h2>{esc(post.title)}</h2></div>'
            f'<div class="info"><small>时间:</small><a href="{self.day_path(day)}">'
            f"{post.published:%Y-%m-%d %H:%M}</a><small>来源:</small>{credit}"
            "<small>作者:</small>佚名<small>点击:</small>"
            f'<script src="/plus/count.php?view=yes&amp;aid={post.num}&amp;mid=1"></script>次</div>'
            f'<div class="content"><table width="100%"><tr><td>{body}</td></tr></table></div>'
            '<div class="boxoff"><strong>------分隔线----------------------------</strong></div>'
            f'<div class="handle"><div class="context"><ul><li>上一篇：{prev}</li>'
            f"<li>下一篇：{nxt}</li></ul></div>"
            f'<div class="actbox"><ul><li id="act-fav"><a href="/plus/stow.php?aid={post.num}">'
            f'收藏</a></li><li id="act-err"><a href="/plus/erraddsave.php?aid={post.num}">挑错'
            f'</a></li><li id="act-pus"><a href="/plus/recommend.php?aid={post.num}">推荐</a>'
            "</li></ul></div></div></div>"
            '<div class="mt1"><dl class="tbox"><dt><strong>发表评论</strong></dt><dd>'
            f'<a href="/plus/feedback.php?aid={post.num}">查看所有评论</a></dd></dl></div>'
        )
        self.note_chrome(self.url(self.path(post)), "------分隔线----", "查看所有评论")
        return self._doc(f"{post.title}_{LABEL}", main, self._month(day))

    def _pager(self, n: int, total: int) -> str:
        def rel(k: int) -> str:
            return f"list_5_{k}.html"

        items = [f"<li><a href='{rel(1)}'>首页</a></li>"]
        if n > 1:
            items.append(f"<li><a href='{rel(n - 1)}'>上一页</a></li>")
        for k in range(max(1, n - WINDOW), min(total, n + WINDOW) + 1):
            items.append(
                f'<li class="thisclass">{k}</li>'
                if k == n
                else f"<li><a href='{rel(k)}'>{k}</a></li>"
            )
        if n < total:
            items.append(f"<li><a href='{rel(n + 1)}'>下一页</a></li>")
        items.append(f"<li><a href='{rel(total)}'>末页</a></li>")
        items.append(f'<li><span class="pageinfo">共 <strong>{total}</strong>页</span></li>')
        return f'<div class="dede_pages"><ul class="pagelist">{"".join(items)}</ul></div>'

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        self.posts = list(posts)
        ordered = newest_first(posts)
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._article(post, ordered))])
        entries: list[tuple[str, str, str]] = []
        for i, p in enumerate(ordered):
            entries.append((self.path(p), p.title, f"{p.posted:%Y-%m-%d}"))
            if i % 6 == 5 and len(entries) < len(ordered) + DELETED:
                gone = f"/fazhi/2023/{1101 + i}/{90000 + stable_int('gone', i) % 999}.html"
                entries.append((gone, f"【已删除】{p.title[:10]}……", "2023-11-01"))
                build.broken[self.url(gone)] = 404
        pages = chunks(entries, PER_PAGE)
        for n, chunk in enumerate(pages, 1):
            items = "".join(
                f'<li><a href="{href}" class="title">{esc(title)}</a><span class="info">'
                f"<small>日期：</small>{when}</span></li>"
                for href, title, when in chunk
            )
            main = f'<div class="listbox"><ul class="e2">{items}</ul></div>'
            main += self._pager(n, len(pages))
            html = self._doc(f"法律资讯_{LABEL}", main)
            self.add_page(build, self.list_path(n), html, latest(posts))
            if n == 1:
                build.pages["/fazhi/list_5_1.html"] = build.pages["/fazhi/"]
        items = "".join(
            f'<li><a href="{self.path(p)}">{esc(p.title)}</a></li>' for p in ordered[:6]
        )
        main = (
            f'<div class="tbox"><dt>最新文章</dt><dd><ul>{items}</ul></dd>'
            f'<a href="{self.list_path(1)}">更多&gt;&gt;</a></div>'
        )
        home = self._doc(LABEL, main, self._month(ordered[0].posted.date()))
        self.add_page(build, "/", home, latest(posts))
        build.pages["/ask/"] = self.error_page(500)
        build.broken[self.url("/ask/")] = 500
        return build

    def dynamic(self, path: str, params: dict[str, str]) -> Page | None:
        """The by-date archive: a page for every day of 2000-2099."""
        if not path.startswith("/date/"):
            return None
        try:
            day = date.fromisoformat(path.removeprefix("/date/").strip("/"))
        except ValueError:
            return None
        if not 2000 <= day.year <= 2099:
            return None
        that_day = [p for p in self.posts if p.posted.date() == day]
        items = "".join(f'<li><a href="{self.path(p)}">{esc(p.title)}</a></li>' for p in that_day)
        nav = (
            f'<a href="{self.day_path(day - timedelta(days=1))}">« 前一天</a> '
            f'<a href="{self.day_path(day + timedelta(days=1))}">后一天 »</a>'
        )
        items = items or "<li>当天暂无文章</li>"
        main = f"<h2>{day.year}年{day.month}月{day.day}日</h2><ul>{items}</ul>{nav}"
        html = self._doc(f"{day:%Y-%m-%d}文章归档_{LABEL}", main, self._month(day))
        return Page(self.encode(html), self.content_type, EPOCH, "list")
