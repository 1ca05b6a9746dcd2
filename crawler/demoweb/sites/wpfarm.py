"""A WordPress content farm ("科研百科"), modelled on a real reprint page.

Lists link posts as ``/?p=N`` (WordPress shortlinks) that 301 to percent-encoded pretty
permalinks.  Each post ends with the copied credit line, then the farm's 版权声明, a (0)
like counter, 上一篇/下一篇 carrying only dates, and 相关推荐 with excerpts and dates.
"""

from __future__ import annotations

from urllib.parse import quote

from crawler.demoweb import chrome
from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.sites.base import Site, latest, newest_first, pager, paginate
from crawler.demoweb.textops import attr, cn_ampm, esc, iso8601, pick, slugify_cn, stable_int

SITE_NAME = "科研百科"
PER_PAGE = 8
TOPIC_TAGS = chrome.TAGS[:16]
OTHER_TAGS = chrome.TAGS[16:]
CATEGORIES = {"keji": "科技资讯", "baike": "科研百科", "fazhi": "法律常识"}


class WpFarmSite(Site):
    name = "wpfarm"
    server = "nginx/1.18.0"
    sitemap_path = "/wp-sitemap.xml"

    def __init__(self, base_url, content, bench=None) -> None:
        super().__init__(base_url, content, bench)
        self.slugs: dict[int, str] = {}

    # -- URLs ---------------------------------------------------------------------------
    def permalink(self, post: Post) -> str:
        return f"/{post.published:%Y/%m/%d}/{self.slugs[post.num]}/"

    @staticmethod
    def short(post: Post) -> str:
        return f"/?p={post.num}"

    @staticmethod
    def cat_of(post: Post) -> str:
        if post.on_topic:
            return "fazhi" if post.num % 2 else "keji"
        return "keji" if post.num % 3 == 0 else "baike"

    def tags_of(self, post: Post) -> list[str]:
        pool = TOPIC_TAGS if post.on_topic else OTHER_TAGS
        start = stable_int("wptags", post.key) % len(pool)
        return [pool[(start + i * 5) % len(pool)] for i in range(3)]

    @staticmethod
    def tag_path(tag: str) -> str:
        return f"/tag/{quote(tag)}/"

    @staticmethod
    def page_path(n: int) -> str:
        return "/" if n == 1 else f"/page/{n}/"

    def _nav_href(self, label: str) -> str:
        cats = list(CATEGORIES)
        return "/" if label == "首页" else f"/category/{cats[stable_int(label) % len(cats)]}/"

    def dynamic(self, path: str, query: str):
        """WordPress answers an unknown ``?p=`` shortlink with its 404 page."""
        if path == "/" and query.startswith("p="):
            return self.not_found()
        return super().dynamic(path, query)

    # -- chrome -------------------------------------------------------------------------
    def _doc(
        self, title: str, body_class: str, main: str, posts: list[Post], head: str = ""
    ) -> str:
        emoji = (
            '<script>window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core'
            '\\/emoji\\/14.0.0\\/72x72\\/","ext":".png","source":{"concatemoji":"\\/wp-includes'
            '\\/js\\/wp-emoji-release.min.js?ver=6.2"}};!function(e,a,t){var n,r,o,i='
            'a.createElement("canvas"),p=i.getContext&&i.getContext("2d");'
            "function s(e,t){p.clearRect(0,0,i.width,"
            "i.height),p.fillText(e,0,0)}}(window,document,window._wpemojiSettings);</script>"
        )
        recent = [(p.title, self.short(p)) for p in newest_first(posts)[:6]]
        months = sorted({(p.published.year, p.published.month) for p in posts}, reverse=True)
        archive = "".join(
            f'<li><a href="/{y}/{m:02d}/">{y}年{m}月</a></li>' for y, m in months[:12]
        )
        side = (
            '<aside id="secondary" class="widget-area"><section class="widget widget_search">'
            '<form role="search" method="get" action="/"><input type="search" name="s" '
            'placeholder="搜索…"></form></section>'
            '<section class="widget '
            f'widget_recent_entries">{chrome.hot_list("最新文章", recent, False)}'
            '</section><section class="widget widget_tag_cloud"><h2 class="widget-title">标签</h2>'
            f'<div class="tagcloud">{chrome.tag_cloud("wp", self.tag_path, 24)}</div></section>'
            '<section class="widget widget_archive"><h2 class="widget-title">归档</h2>'
            f"<ul>{archive}"
            "</ul></section></aside>"
        )
        menu = chrome.nav("wpfarm", self._nav_href, 10)
        return chrome.page(
            f"<title>{esc(title)}</title>\n<meta name='robots' content='max-image-preview:large' />"
            f"\n<link rel='dns-prefetch' href='//s.w.org' />\n{emoji}\n"
            f"<style id='wp-block-library-inline-css'>{chrome.css('wp', 50)[7:-8]}</style>\n{head}"
            f"{chrome.minified_js('wp-plugins', 9000)}",
            f'<div id="page" class="site {body_class}"><header id="masthead" class="site-header">'
            f'<div class="site-branding"><p class="site-title"><a href="/" rel="home">{SITE_NAME}'
            '</a></p><p class="site-description">分享科研知识与资讯</p></div>'
            f'<nav id="site-navigation" class="main-navigation">{menu}{self.bench_link()}</nav>'
            '</header><div id="content" class="site-content"><div id="primary" '
            'class="content-area">'
            f'<main id="main" class="site-main">{main}</main></div>{side}</div>'
            f'<footer id="colophon" class="site-footer">{chrome.footer("wpfarm", SITE_NAME)}'
            f"<p>Proudly powered by WordPress</p></footer></div>{chrome.analytics('wpfarm')}",
        )

    def _related(self, post: Post, pool: list[Post]) -> str:
        others = [p for p in pool if p.num != post.num]
        others.sort(key=lambda p: stable_int("rel", post.key, p.key))
        items = "".join(
            f'<li><a href="{self.short(p)}" title="{attr(p.title)}">{esc(p.title)}</a>'
            f'<div class="excerpt">{esc(p.paragraphs[0][:60])}…</div><div class="meta">'
            f"<span>{CATEGORIES[self.cat_of(p)]}</span><span>{p.published.year}年{p.published.month}"
            f"月{p.published.day}日</span><span>{chrome.views('wp' + p.key, 1, 300)}</span></div>"
            "</li>"
            for p in others[:4]
        )
        return f'<div class="related-posts"><h3>相关推荐</h3><ul>{items}</ul></div>'

    def _article(self, post: Post, prev: Post | None, nxt: Post | None, pool: list[Post]) -> str:
        url = self.url(self.permalink(post))
        cat = self.cat_of(post)
        paras = [f"<p>{esc(p)}</p>" for p in post.paragraphs]
        if post.credit_line:
            paras.append(f"<p>{esc(post.credit_line)}</p>")
        tags = "".join(
            f'<a href="{self.tag_path(t)}" rel="tag">{esc(t)}</a>' for t in self.tags_of(post)
        )
        nav = ""
        for label, other, rel, cls in (
            ("上一篇", prev, "prev", "nav-previous"),
            ("下一篇", nxt, "next", "nav-next"),
        ):
            if other is not None:
                nav += (
                    f'<div class="{cls}"><a href="{self.permalink(other)}" rel="{rel}" '
                    f'title="{attr(other.title)}">{label}</a> <span class="nav-date">'
                    f"{cn_ampm(other.published)}</span></div>"
                )
        main = (
            f'<article id="post-{post.num}" class="post-{post.num} post type-post status-publish '
            f'format-standard hentry category-{cat}"><header class="entry-header">'
            f'<h1 class="entry-title">{esc(post.title)}</h1><div class="entry-meta">'
            f'<span class="posted-on"><time class="entry-date published" '
            f'datetime="{iso8601(post.published)}">{cn_ampm(post.published)}</time></span>'
            '<span class="byline">作者：<a href="/author/admin/">小编</a></span><span '
            'class="cat-links">'
            f'<a href="/category/{cat}/" rel="category tag">{CATEGORIES[cat]}</a></span>'
            f'<span class="views">{chrome.views("wp" + post.key, 1, 300)} 阅读</span></div>'
            "</header>"
            f'<div class="entry-content">{"".join(paras)}</div>'
            '<div class="copyright-notice">'
            f"<p>{esc(pick(self.content.chrome.disclaimers, post.key))}"
            "</p></div>"
            '<div class="post-like"><a href="javascript:;" class="like-btn">(<span class="count">0'
            "</span>)</a></div>"
            f'<footer class="entry-footer"><span class="tags-links">标签：{tags}</span></footer>'
            f'</article><nav class="navigation post-navigation"><div class="nav-links">{nav}</div>'
            "</nav>"
            f"{self._related(post, pool)}"
            '<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
            '<h3 class="comment-reply-title">发表回复</h3><p class="must-log-in">要发表评论，'
            "您必须先"
            '<a href="/wp-login.php">登录</a>。</p></div></div>'
        )
        head = (
            f'<link rel="canonical" href="{url}" />\n'
            f"<link rel='shortlink' href='{self.url(self.short(post))}' />\n"
            f'<meta property="og:title" content="{attr(post.title)}" />\n'
            f'<meta property="article:published_time" content="{iso8601(post.published)}" />'
        )
        return self._doc(f"{post.title} - {SITE_NAME}", "single", main, pool, head)

    def _listing(self, title: str, posts: list[Post], pool: list[Post], pages: str) -> str:
        items = "".join(
            f'<article class="post-{p.num} post type-post"><header class="entry-header">'
            f'<h2 class="entry-title"><a href="{self.short(p)}" rel="bookmark">{esc(p.title)}</a>'
            "</h2>"
            f'<div class="entry-meta">{cn_ampm(p.published)}</div></header><div '
            'class="entry-summary">'
            f"<p>{esc(p.paragraphs[0][:90])} […]</p></div></article>"
            for p in posts
        )
        return self._doc(title, "archive", items + pages, pool)

    # -- build ----------------------------------------------------------------------------
    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        used: set[str] = set()
        for post in sorted(posts, key=lambda p: p.num):
            slug = slugify_cn(post.title)
            while slug in used:
                slug += "-2"
            used.add(slug)
            self.slugs[post.num] = slug
        chrono = sorted(posts, key=lambda p: (p.posted, p.num))
        for i, post in enumerate(chrono):
            prev = chrono[i - 1] if i else None
            nxt = chrono[i + 1] if i + 1 < len(chrono) else None
            html = self._article(post, prev, nxt, posts)
            self.add_article(build, post, [(self.permalink(post), html)])
            self.add_redirect(build, self.short(post), self.permalink(post))
        ordered = newest_first(posts)
        self._lists(build, "/", self.page_path, ordered, posts, SITE_NAME)
        for cat, label in CATEGORIES.items():
            members = [p for p in ordered if self.cat_of(p) == cat]

            def cat_path(n: int, cat: str = cat) -> str:
                return f"/category/{cat}/" if n == 1 else f"/category/{cat}/page/{n}/"

            self._lists(build, cat_path(1), cat_path, members, posts, f"{label} - {SITE_NAME}")
        for tag in sorted({t for p in posts for t in self.tags_of(p)}):
            members = [p for p in ordered if tag in self.tags_of(p)]
            html = self._listing(f"{tag} - {SITE_NAME}", members, posts, "")
            self.add_page(build, self.tag_path(tag), html, latest(members))
        for y, m in sorted({(p.published.year, p.published.month) for p in posts}):
            members = [p for p in ordered if (p.published.year, p.published.month) == (y, m)]
            html = self._listing(f"{y}年{m}月 - {SITE_NAME}", members, posts, "")
            self.add_page(build, f"/{y}/{m:02d}/", html, latest(members))
        self._sitemaps(build, ordered)
        return build

    def _lists(self, build, first: str, path_for, members, pool, title) -> None:
        chunks = paginate(members, PER_PAGE)
        for n, chunk in enumerate(chunks, 1):
            pages = pager(n, len(chunks), path_for, "« 上一页", "下一页 »")
            html = self._listing(title if n == 1 else f"{title} - 第{n}页", chunk, pool, pages)
            self.add_page(build, path_for(n), html, latest(chunk, latest(members)))

    def _sitemaps(self, build: SiteBuild, ordered: list[Post]) -> None:
        stamp = latest(ordered)
        index = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url('/wp-sitemap-posts-post-1.xml')}</loc></sitemap>"
            "</sitemapindex>\n"
        )
        self.add_xml(build, "/wp-sitemap.xml", index, "application/xml", stamp)
        urls = "".join(
            f"<url><loc>{self.url(self.permalink(p))}</loc>"
            f"<lastmod>{iso8601(p.posted)}</lastmod></url>"
            for p in ordered
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )
        self.add_xml(build, "/wp-sitemap-posts-post-1.xml", xml, "application/xml", stamp)
