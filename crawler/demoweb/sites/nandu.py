"""南方都市报-like publisher: modern HTML5 with article meta, JSON-LD, sitemap and RSS.

The oldest story is deliberately missing from the home and channel lists: like archive
articles on real portals it can only be found through ``sitemap.xml`` or ``rss.xml``.
"""

from __future__ import annotations

import json

from crawler.demoweb import chrome
from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.sites.base import Site, latest, newest_first, pager, paginate
from crawler.demoweb.textops import attr, esc, http_date, is_subheading, iso8601

PER_PAGE = 3


class NanduSite(Site):
    name = "nandu"
    role = "publisher"
    server = "Tengine"
    sitemap_path = "/sitemap.xml"
    feed_path = "/rss.xml"

    def __init__(self, base_url, content, bench=None) -> None:
        super().__init__(base_url, content, bench)
        self.outlet = content.outlets["nandu"].name

    def path(self, post: Post) -> str:
        return f"/html/{post.published:%Y%m}/{post.published:%d}/{post.num}.html"

    def list_path(self, n: int) -> str:
        return "/list/fazhi/index.html" if n == 1 else f"/list/fazhi/index_{n}.html"

    _href = staticmethod(chrome.offsite("www.oeeee.com"))

    def _head(self, title: str, extra: str = "") -> str:
        return (
            f"<title>{esc(title)}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="keywords" content="南方都市报,南都,奥一网,新闻,法治">\n'
            '<link rel="alternate" type="application/rss+xml" title="南都快讯" '
            f'href="{self.feed_path}">\n'
            f"{extra}{chrome.css('nandu', 60)}{chrome.analytics('nandu')}"
            f"{chrome.minified_js('nandu-ads', 14000)}"
        )

    def _header(self) -> str:
        return (
            '<header class="site-header"><div class="logo"><a href="/" title="南方都市报">'
            '<img src="/static/img/logo.png" alt="南方都市报"></a></div>'
            f'<nav class="main-nav">{chrome.nav("nandu", self._href, 16, 18)}{self.bench_link()}'
            "</nav>"
            '<div class="top-search"><form action="/search" method="get"><input name="q" '
            'placeholder="搜索新闻"><button>搜索</button></form></div>'
            '<div class="app-dl">下载南都APP <span>南都N视频</span></div></header>'
        )

    def _aside(self, listed: list[Post], exclude: int | None) -> str:
        hot = [(p.title, self.path(p)) for p in listed if p.num != exclude][:8]
        return (
            '<aside class="sidebar">'
            f"{chrome.hot_list('南都热榜', hot)}"
            '<div class="qr-box"><img src="/static/img/qr.png" alt="南都APP"><p>扫码下载南都APP'
            "</p><p>第一时间获取南都报道</p></div>"
            f'<div class="tag-box"><h3 class="box-title">热门标签</h3>'
            f"{chrome.tag_cloud('nandu-side', self._href, 16)}</div></aside>"
        )

    def _article(self, post: Post, listed: list[Post]) -> str:
        url = self.url(self.path(post))
        iso = iso8601(post.published)
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": post.title,
            "datePublished": iso,
            "dateModified": iso,
            "author": {"@type": "Person", "name": post.byline},
            "publisher": {"@type": "Organization", "name": self.outlet},
            "mainEntityOfPage": url,
            "description": post.summary,
        }
        head = self._head(
            f"{post.title}_南方都市报·奥一网",
            f'<meta name="description" content="{attr(post.summary)}">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{attr(post.title)}">\n'
            f'<meta property="og:url" content="{url}">\n'
            f'<meta property="og:site_name" content="{self.outlet}">\n'
            f'<meta property="article:published_time" content="{iso}">\n'
            f'<meta property="article:author" content="{attr(post.byline or "")}">\n'
            f'<link rel="canonical" href="{url}">\n'
            '<script type="application/ld+json">'
            f"{json.dumps(ld, ensure_ascii=False)}</script>\n",
        )
        body = "".join(
            f"<p><strong>{esc(p)}</strong></p>" if is_subheading(p) else f"<p>{esc(p)}</p>"
            for p in post.paragraphs
        )
        reporter = (post.byline or "").split(" 发自")[0]
        related = "".join(
            f'<li><a href="{self.path(p)}">{esc(p.title)}</a><span>{p.published:%m-%d}</span></li>'
            for p in listed
            if p.num != post.num
        )
        seed = f"nandu{post.num}"
        state = {
            "articleId": post.num,
            "channel": "法治",
            "title": post.title,
            "pv": chrome.views(seed),
        }
        return chrome.page(
            head,
            f"{self._header()}"
            '<div class="crumbs"><a href="/">首页</a> &gt; '
            f'<a href="{self.list_path(1)}">法治</a> &gt; <span>正文</span></div>'
            '<main class="layout"><article class="article">'
            f'<h1 class="article-title">{esc(post.title)}</h1>'
            f'<div class="article-meta"><span class="byline">{esc(post.byline or "")}</span>'
            f'<time datetime="{iso}">{post.published:%Y-%m-%d %H:%M}</time>'
            f'<span class="views">阅读 {chrome.views(seed)}</span></div>'
            f'<div class="article-content">{body}</div>'
            f'<p class="author-line">采写：{esc(reporter)}</p>'
            f'<p class="editor">编辑 {chrome.editor(seed)}</p>'
            f"{chrome.share_bar(seed)}"
            '<div class="statement">南都原创，未经授权不得转载。</div></article>'
            f"{self._aside(listed, post.num)}</main>"
            f'<section class="related"><h3>相关阅读</h3><ul>{related}</ul></section>'
            f"<footer>{chrome.footer('nandu', self.outlet)}</footer>"
            f"{chrome.state_script('__NANDU_STATE__', state)}",
        )

    def _list_items(self, posts: list[Post]) -> str:
        return "".join(
            f'<li class="news-item"><h2><a href="{self.path(p)}">{esc(p.title)}</a></h2>'
            f'<p class="summary">{esc(p.summary)}</p><div class="meta"><span>南都</span>'
            f"<span>{p.published:%Y-%m-%d %H:%M}</span></div></li>"
            for p in posts
        )

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        ordered = newest_first(posts)
        hidden = ordered[-1] if len(ordered) > 2 else None  # only in sitemap and feed
        listed = [p for p in ordered if p is not hidden]
        for post in ordered:
            self.add_article(build, post, [(self.path(post), self._article(post, listed))])
        top = listed[0] if listed else None
        lead = (
            f'<div class="headline"><h2><a href="{self.path(top)}">{esc(top.title)}</a></h2>'
            f"<p>{esc(top.summary)}</p></div>"
            if top
            else ""
        )
        home = chrome.page(
            self._head("南方都市报·奥一网 - 南都新闻 有态度的新闻"),
            f'{self._header()}<main class="layout"><section class="home-main">{lead}'
            f'<ul class="news-list">{self._list_items(listed[1:5])}</ul>'
            f'<a class="more" href="{self.list_path(1)}">更多法治新闻</a></section>'
            f"{self._aside(listed, None)}</main>"
            f"<footer>{chrome.footer('nandu', self.outlet)}</footer>",
        )
        self.add_page(build, "/", home, latest(listed))
        chunks = paginate(listed, PER_PAGE)
        for n, chunk in enumerate(chunks, 1):
            html = chrome.page(
                self._head(f"法治_南方都市报·奥一网{f'_第{n}页' if n > 1 else ''}"),
                f'{self._header()}<div class="crumbs"><a href="/">首页</a> &gt; 法治</div>'
                f'<main class="layout"><section class="list-main"><ul class="news-list">'
                f"{self._list_items(chunk)}</ul>{pager(n, len(chunks), self.list_path)}</section>"
                f"{self._aside(listed, None)}</main>"
                f"<footer>{chrome.footer('nandu', self.outlet)}</footer>",
            )
            self.add_page(build, self.list_path(n), html, latest(chunk))
        self._feeds(build, ordered)
        return build

    def _feeds(self, build: SiteBuild, ordered: list[Post]) -> None:
        stamp = latest(ordered)
        urls = [("/", stamp)] + [(self.list_path(1), stamp)]
        urls += [(self.path(p), p.posted) for p in ordered]
        sitemap = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(
                f"<url><loc>{self.url(u)}</loc><lastmod>{iso8601(t)}</lastmod></url>\n"
                for u, t in urls
            )
            + "</urlset>\n"
        )
        self.add_xml(build, "/sitemap.xml", sitemap, "application/xml", stamp)
        items = "".join(
            f"<item><title>{esc(p.title)}</title><link>{self.url(self.path(p))}</link>"
            f"<description>{esc(p.summary)}</description><author>{esc(p.byline or '')}</author>"
            f"<pubDate>{http_date(p.published)}</pubDate>"
            f'<guid isPermaLink="true">{self.url(self.path(p))}</guid></item>\n'
            for p in ordered
        )
        rss = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>南方都市报 法治</title><link>{self.url('/')}</link>"
            f"<description>南都法治新闻</description><language>zh-cn</language>"
            f"<lastBuildDate>{http_date(stamp)}</lastBuildDate>\n{items}</channel></rss>\n"
        )
        self.add_xml(build, "/rss.xml", rss, "application/rss+xml; charset=utf-8", stamp)
