"""A Toutiao / 百家号-style content platform ("今日看点").

Articles carry JSON-LD (headline, dates, author), a clean ``rel=canonical``, and an
``<article>`` body with inline images whose captions sit between paragraphs.  Links from
the feed, author pages and the recommendation rail carry share/tracking parameters
(``?wfr=spider&for=pc``, ``?from=timeline&isappinstalled=0``), which the server ignores.
The platform's own statement and report link follow the body.
"""

from __future__ import annotations

import json

from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.textops import attr, esc, iso8601, pick, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, latest, newest_first

LABEL = "今日看点"
ACCOUNTS = ("法治观察员", "老刘说法", "看点新闻速递", "热点追踪君", "律界小灵通")
TRACKING = ("?wfr=spider&for=pc", "?from=timeline&isappinstalled=0", "?from=related&log_id=")
STATEMENT = f"本文为{LABEL}作者发布，不代表{LABEL}的观点或立场。"


class FeedSite(MiniSite):
    name = "feed"
    label = LABEL
    validators = ("etag",)
    server = "Tengine"

    def disallowed(self) -> list[str]:
        return ["/report", "/api/", "/passport/"]

    @staticmethod
    def gid(post: Post) -> int:
        return 7300000000000000000 + stable_int("gid", post.key, post.num) % 10**17

    def path(self, post: Post) -> str:
        return f"/article/{self.gid(post)}/"

    def link(self, post: Post, which: int) -> str:
        tail = TRACKING[which % len(TRACKING)]
        if tail.endswith("="):
            tail += str(stable_int("log", post.key) % 10**12)
        return esc(self.path(post) + tail)

    def account(self, post: Post) -> str:
        return pick(ACCOUNTS, "acct", post.key)

    def uid_path(self, account: str) -> str:
        return f"/c/user/{5000000 + stable_int('u', account) % 4000000}/"

    def _doc(self, title: str, main: str, head: str = "", side: str = "") -> str:
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>{head}{noise.stylesheet(self.name, 60)}"
            f'{noise.script(self.name + "h", 9000)}</head><body><div id="root">'
            '<div class="toutiao-header"><a href="/" class="logo">今日看点</a>'
            '<div class="search-container"><form action="/search/"><input name="keyword">'
            '</form></div><a href="/passport/login/?next=/" class="login-button">登录</a></div>'
            f'<div class="main-content">{main}</div><div class="right-sidebar">{side}</div>'
            "</div></body></html>"
        )

    def _rail(self, posts: list[Post], exclude: str | None) -> str:
        items = "".join(
            f'<li><a href="{self.link(p, 2)}" class="title">{esc(p.title)}</a></li>'
            for p in posts
            if p.key != exclude
        )
        return f'<div class="article-recommend"><h3>相关推荐</h3><ul>{items}</ul></div>'

    def _article(self, post: Post, listed: list[Post]) -> str:
        captions = self.content.extras.captions
        blocks, used = [], []
        for i, para in enumerate(post.paragraphs):
            blocks.append(f'<p data-track="{i + 1}">{esc(para)}</p>')
            if i in (0, 3) and len(post.paragraphs) > 4:
                cap = pick(captions, "cap", post.key, i)
                used.append(cap)
                img = f"{stable_int('img', post.key, i):x}"
                blocks.append(
                    '<div class="pgc-img"><img src="https://p3-sign.kandian.example/tos-cn-i/'
                    f'{img}~tplv-obj.image" img_width="640" img_height="360" alt="" inline="0">'
                    f'<p class="pgc-img-caption">{esc(cap)}</p></div>'
                )
        if post.credit_line:
            blocks.append(f"<p>{esc(post.credit_line)}</p>")
        account = self.account(post)
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": post.title,
            "datePublished": iso8601(post.published),
            "dateModified": iso8601(post.published),
            "author": {"@type": "Person", "name": account},
            "publisher": {"@type": "Organization", "name": LABEL},
            "description": post.summary or post.paragraphs[0][:80],
        }
        head = (
            f'<link rel="canonical" href="{self.url(self.path(post))}">'
            f'<meta name="description" content="{attr(ld["description"])}">'
            '<script type="application/ld+json">'
            f"{json.dumps(ld, ensure_ascii=False)}</script>"
        )
        main = (
            f'<div class="article-content"><h1>{esc(post.title)}</h1><div class="article-meta">'
            f'<span class="name"><a href="{self.uid_path(account)}">{esc(account)}</a></span>'
            f'<span class="time">{post.published:%Y-%m-%d %H:%M}</span>'
            '<span class="source">发布于 四川</span></div>'
            '<article class="syl-article-base tt-article-content syl-page-article syl-device-pc">'
            f"{''.join(blocks)}</article>"
            f'<div class="article-statement">{STATEMENT}</div>'
            f'<a href="/report?gid={self.gid(post)}" class="report">举报</a></div>'
        )
        self.note_chrome(self.url(self.path(post)), STATEMENT, post.credit_line or "", *used)
        return self._doc(f"{post.title} - {LABEL}", main, head, self._rail(listed, post.key))

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        ordered = newest_first(posts)
        phase1 = [p for p in ordered if p.phase == 1]
        for post in posts:
            rail = phase1 if post.phase == 1 else ordered
            self.add_article(build, post, [(self.path(post), self._article(post, rail[:6]))])
        items = "".join(
            f'<div class="feed-card-wrapper"><div class="feed-card-article-l">'
            f'<a href="{self.link(p, i)}" class="title" target="_blank">{esc(p.title)}</a>'
            f'<div class="feed-card-footer"><a href="{self.uid_path(self.account(p))}" '
            f'class="source">{esc(self.account(p))}</a><span>{p.posted:%m-%d %H:%M}</span>'
            "</div></div></div>"
            for i, p in enumerate(ordered)
        )
        self.add_page(
            build, "/", self._doc(LABEL, items, "", self._rail(ordered[:5], None)), latest(posts)
        )
        for account in ACCOUNTS:
            mine = [p for p in ordered if self.account(p) == account]
            if not mine:
                continue
            items = "".join(
                f'<div class="profile-article-card"><a href="{self.link(p, 1)}">{esc(p.title)}</a>'
                f"<span>{p.posted:%Y-%m-%d}</span></div>"
                for p in mine
            )
            main = f'<div class="profile-info"><h2>{esc(account)}</h2></div>{items}'
            self.add_page(build, self.uid_path(account), self._doc(account, main), latest(mine))
        return build
