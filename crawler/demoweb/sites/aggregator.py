"""A self-media aggregator: tracking parameters, comments, robots rules and crawler traps.

Every internal link carries tracking parameters (``spm``, ``utm_source``, ``from``) while
pages declare the clean URL with ``<link rel=canonical>``.  ``/search`` and ``/user/`` are
disallowed by robots.txt but linked everywhere; ``/archive`` is an endless calendar; some
links are dead (404) and some hit a failing backend (500).
"""

from __future__ import annotations

import calendar
from datetime import timedelta
from urllib.parse import parse_qs, quote

from crawler.demoweb import chrome
from crawler.demoweb.records import Page, Post, SiteBuild
from crawler.demoweb.sites.base import EPOCH, Site, latest, newest_first, paginate
from crawler.demoweb.textops import attr, esc, pick, stable_int

SITE_NAME = "看点资讯"
PER_PAGE = 6
ACCOUNTS = ("科技观察员", "法治视界", "每日资讯君", "热点速递", "数码前沿", "民生直通车")
DEAD = ("/a/7100042_0", "/a/7100977_0")  # deleted articles still linked from hot lists
FAILING = ("/topic/1180", "/topic/2291")  # topic pages whose backend is down


class AggregatorSite(Site):
    name = "aggregator"
    server = "openresty"
    sitemap_path = "/sitemap.xml"

    def __init__(self, base_url, content, bench=None) -> None:
        super().__init__(base_url, content, bench)
        self._posts: list[Post] = []

    def disallowed(self) -> list[str]:
        return ["/search", "/user/"]

    def calendar_prefix(self) -> str:
        return self.url("/archive")

    # -- URLs ---------------------------------------------------------------------------
    @staticmethod
    def account(post: Post) -> str:
        return pick(ACCOUNTS, "acct", post.key)

    def path(self, post: Post) -> str:
        return f"/a/{post.num}_{ACCOUNTS.index(self.account(post)) + 121000}"

    def tracked(self, post: Post, where: str, i: int = 0) -> str:
        """The clean path plus the tracking parameters this kind of link carries."""
        n = stable_int("trk", post.key, where, i)
        if where == "home":
            stamp = 1716000000000 + n % 10**9
            return f"{self.path(post)}?spm=smpc.home.top-news{i + 1}.{n % 9}.{stamp}"
        if where == "related":
            return f"{self.path(post)}?from=related&scm=1103.plw.{n % 900}.0.0"
        return f"{self.path(post)}?utm_source={where}&utm_medium=list&from={where}_{i}"

    @staticmethod
    def month_path(y: int, m: int, d: int | None = None) -> str:
        return f"/archive?y={y}&m={m}" + (f"&d={d}" if d else "")

    @staticmethod
    def channel_path(n: int) -> str:
        return "/ch/news" if n == 1 else f"/ch/news/{n}"

    @staticmethod
    def _nav_href(label: str) -> str:
        """Channel tabs are search queries here, so they lead into robots-disallowed paths."""
        return "/" if label == "首页" else "/search?q=" + quote(label)

    # -- chrome -------------------------------------------------------------------------
    def _doc(self, title: str, main: str, seed: str, head: str = "") -> str:
        posts = newest_first(self._posts)
        hot = [(p.title, self.tracked(p, "hot", i)) for i, p in enumerate(posts[:6])]
        hot += [("【已删除】该内容已被发布者删除", d) for d in DEAD]
        topics = "".join(f'<a href="{t}">#热议话题{t[-4:]}#</a>' for t in FAILING)
        if posts:
            y, m = posts[0].published.year, posts[0].published.month
            archive = f'<a href="{attr(self.month_path(y, m))}" class="archive">往期回顾</a>'
        else:
            archive = ""
        return chrome.page(
            f"<title>{esc(title)}</title>\n{head}{chrome.css('agg', 45)}"
            f"{chrome.minified_js('agg-sdk', 28000)}",
            f'<header class="top"><a href="/" class="logo">{SITE_NAME}</a>'
            f"<nav>{chrome.nav('agg', self._nav_href, 12)}"
            f'<a href="{self.channel_path(1)}?from=nav">资讯</a>{archive}{self.bench_link()}</nav>'
            '<form action="/search" class="search"><input name="q"></form>'
            '<a href="/user/login?from=top" class="login">登录</a></header>'
            f'<div class="container"><div class="left">{main}</div><div class="right">'
            f'{chrome.hot_list("热榜", hot)}<div class="topics">{topics}</div>'
            f'<div class="ad">{esc(pick(self.content.chrome.ads, seed))}</div></div></div>'
            f"<footer>{chrome.footer('aggregator', SITE_NAME)}</footer>"
            + chrome.state_script("__INITIAL_STATE__", {"page": seed, "hot": [t for t, _ in hot]}),
        )

    def _comments(self, post: Post) -> str:
        comments = self.content.chrome.comments
        count = 2 + stable_int("cmt", post.key) % 5
        items = []
        for i in range(count):
            c = comments[(stable_int("cm", post.key, i)) % len(comments)]
            when = post.posted + timedelta(
                minutes=13 * (i + 1) + stable_int("cw", post.key, i) % 90
            )
            items.append(
                f'<li class="comment"><a href="/user/{stable_int(c.user) % 900000}" class="user">'
                f'{esc(c.user)}</a><p class="text">{esc(c.text)}</p><div class="meta">'
                f"<span>{when:%m-%d %H:%M}</span>"
                f"<span>IP属地：{pick(('广东', '北京', '浙江', '上海'), c.user, i)}"
                f'</span><span class="like">赞 {stable_int("lk", post.key, i) % 200}</span></div>'
                "</li>"
            )
        return (
            f'<div class="comments"><h3>评论 ({count})</h3><ul>{"".join(items)}</ul>'
            '<a href="javascript:;" class="more">查看更多评论</a></div>'
        )

    def _article(self, post: Post) -> str:
        seed = f"agg{post.num}"
        acct = self.account(post)
        uid = ACCOUNTS.index(acct) + 121000
        related = "".join(
            f'<li><a href="{attr(self.tracked(p, "related"))}">{esc(p.title)}</a></li>'
            for p in sorted(self._posts, key=lambda p: stable_int("r", post.key, p.key))[:5]
            if p.num != post.num
        )
        tags = "".join(
            f'<a href="/search?q={quote(t)}&amp;from=tag">{esc(t)}</a>'
            for t in chrome.TAGS[stable_int("t", post.key) % 10 :][:3]
        )
        credit = f'<p class="source-note">{esc(post.credit_line)}</p>' if post.credit_line else ""
        main = (
            f'<div class="article"><h1 class="title">{esc(post.title)}</h1>'
            f'<div class="author-bar"><a href="/user/{uid}?from=article" class="name">{esc(acct)}'
            f'</a><span class="time">{post.published:%Y-%m-%d %H:%M:%S}</span>'
            f'<span class="read">阅读 {chrome.views(seed)}</span><a href="javascript:;" '
            'class="follow">'
            f'+关注</a></div><div class="article-body">'
            + "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
            + f'{credit}</div><div class="statement">本文为{SITE_NAME}作者上传并发布，'
            "仅代表作者观点。"
            f'{SITE_NAME}仅提供信息发布平台。</div><div class="tags">{tags}</div>'
            f'{chrome.share_bar(seed)}<div class="related"><h3>相关阅读</h3><ul>{related}</ul>'
            "</div>"
            f"{self._comments(post)}</div>"
        )
        head = f'<link rel="canonical" href="{self.url(self.path(post))}">\n'
        return self._doc(f"{post.title}_{acct}_{SITE_NAME}", main, seed, head)

    def _items(self, posts: list[Post], where: str) -> str:
        return "".join(
            '<div class="feed-item"><h3><a '
            f'href="{attr(self.tracked(p, where, i))}">{esc(p.title)}</a></h3>'
            f"<p>{esc(p.paragraphs[0][:60])}…</p><span>{esc(self.account(p))}</span>"
            f"<span>{p.published:%m-%d %H:%M}</span></div>"
            for i, p in enumerate(posts)
        )

    def build(self, posts: list[Post]) -> SiteBuild:
        self._posts = list(posts)
        build = self.new_build()
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._article(post))], None)
        ordered = newest_first(posts)
        home = self._doc(f"{SITE_NAME} - 有料有趣", self._items(ordered[:8], "home"), "agg-home")
        self.add_page(build, "/", home, latest(posts))
        chunks = paginate(ordered, PER_PAGE)
        for n, chunk in enumerate(chunks, 1):
            more = (
                f'<a href="{self.channel_path(n + 1)}?from=more">加载更多</a>'
                if n < len(chunks)
                else ""
            )
            html = self._doc(
                f"资讯_{SITE_NAME}", self._items(chunk, "channel") + more, f"agg-ch{n}"
            )
            self.add_page(build, self.channel_path(n), html, latest(chunk, latest(posts)))
        for y, m in sorted({(p.published.year, p.published.month) for p in ordered}):
            build.non_articles.append(self.url(self.month_path(y, m)))
        for d in sorted({p.published.date() for p in ordered}):
            build.non_articles.append(self.url(self.month_path(d.year, d.month, d.day)))
        build.broken.update({self.url(p): 404 for p in DEAD})
        build.broken.update({self.url(p): 500 for p in FAILING})
        urls = "".join(f"<url><loc>{self.url(self.path(p))}</loc></url>" for p in ordered)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )
        self.add_xml(build, "/sitemap.xml", xml, "application/xml", latest(posts))
        return build

    # -- dynamic paths --------------------------------------------------------------------
    def dynamic(self, path: str, query: str) -> Page | None:
        q = {k: v[0] for k, v in parse_qs(query).items()}
        if path == "/archive":
            return self._calendar(q)
        if path in FAILING:
            body = b"<html><body><h1>500 Internal Server Error</h1><hr>openresty</body></html>"
            return Page(body, "text/html", EPOCH, "other", status=500)
        if path == "/search" or path.startswith("/user/"):
            word = q.get("q", "")
            hits = [p for p in self._posts if word and word in p.title] or self._posts[:3]
            html = self._doc(
                f"{word or '用户主页'}_{SITE_NAME}", self._items(hits, "search"), "agg-s"
            )
            return Page(self.encode(html), self.content_type, latest(self._posts), "list")
        return super().dynamic(path, query)

    def _calendar(self, q: dict[str, str]) -> Page | None:
        try:
            y, m = int(q.get("y", "")), int(q.get("m", ""))
            d = int(q["d"]) if "d" in q else None
        except ValueError:
            return None
        if not (1 <= y <= 9999 and 1 <= m <= 12) or (d and not 1 <= d <= 31):
            return None
        prev_y, prev_m = (y - 1, 12) if m == 1 else (y, m - 1)
        next_y, next_m = (y + 1, 1) if m == 12 else (y, m + 1)
        nav = (
            f'<a href="{attr(self.month_path(prev_y, prev_m))}" class="prev">« 上个月</a> '
            f"<strong>{y}年{m}月</strong> "
            f'<a href="{attr(self.month_path(next_y, next_m))}" class="next">下个月 »</a>'
        )
        if d is None:
            days = calendar.monthrange(y, m)[1] if y >= 1 else 28
            cells = "".join(
                f'<a href="{attr(self.month_path(y, m, k))}">{k}</a>' for k in range(1, days + 1)
            )
            main = f'<div class="calendar">{nav}<div class="days">{cells}</div></div>'
            hits: list[Post] = []
        else:
            hits = [p for p in self._posts if p.published.date().timetuple()[:3] == (y, m, d)]
            main = (
                f'<div class="calendar">{nav}<h2>{y}年{m}月{d}日</h2>'
                f"{self._items(hits, 'archive') or '<p>当天暂无内容</p>'}</div>"
            )
        html = self._doc(f"往期回顾 {y}年{m}月_{SITE_NAME}", main, f"agg-cal{y}{m}{d}")
        return Page(self.encode(html), self.content_type, latest(hits), "list")
