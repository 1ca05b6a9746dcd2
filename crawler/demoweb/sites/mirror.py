"""A mirror/snapshot farm: re-punctuated, retitled and sometimes back-dated copies.

The planner already turned full-width punctuation into ASCII and/or spaced out Han and
Latin text; this template adds its own chrome (left menu, snapshot banner, keyword strip)
and shows dates without time, some of them earlier than the original's publication.
"""

from __future__ import annotations

from crawler.demoweb import chrome
from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.sites.base import Site, latest, newest_first, pager, paginate
from crawler.demoweb.textops import attr, esc, pick, stable_int

SITE_NAME = "速览新闻镜像站"
PER_PAGE = 7


class MirrorSite(Site):
    name = "mirror"
    server = "cloudflare"
    sitemap_path = "/sitemap.xml"

    @staticmethod
    def path(post: Post) -> str:
        name = f"{stable_int('m', post.num) % 16**10:010x}"
        return f"/html/{post.posted:%Y}/{post.posted:%m%d}/{name}.shtml"

    @staticmethod
    def list_path(n: int) -> str:
        return "/" if n == 1 else f"/list_{n}.shtml"

    def _doc(self, title: str, main: str, posts: list[Post], seed: str, head: str = "") -> str:
        menu = "".join(
            f'<li><a href="{self.list_path(1 + i % 2)}">{esc(c)}</a></li>'
            for i, c in enumerate(chrome.SUBCHANNELS[:14])
        )
        latest_items = [(p.title, self.path(p)) for p in newest_first(posts)[:6]]
        return chrome.page(
            f"<title>{esc(title)}</title>\n"
            '<meta name="robots" content="index,follow">\n'
            f"{head}{chrome.css('mirror', 20)}{chrome.minified_js('mirror', 5000)}",
            '<div class="snapshot-banner">本页面为网页快照，内容来自互联网，仅供参考。'
            "如有侵权请联系删除。</div>"
            f'<div id="wrapper"><div id="leftmenu"><div class="brand"><a href="/">{SITE_NAME}</a>'
            f"</div><ul>{menu}</ul>{self.bench_link('专题合集')}</div>"
            f'<div id="center">{main}</div><div id="rightbar">'
            f"{chrome.hot_list('最新快照', latest_items, False)}"
            f'<div class="kw">关键词：{chrome.tag_cloud(seed, lambda t: self.list_path(1), 12)}'
            f'</div></div></div><div id="bottom">{chrome.footer("mirror", SITE_NAME)}</div>',
        )

    def _article(self, post: Post, posts: list[Post]) -> str:
        seed = f"mirror{post.num}"
        body = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        main = (
            f'<div class="post"><h1>{esc(post.title)}</h1><div class="post-info">'
            f'<span class="date">发布日期：{post.published:%Y.%m.%d}</span>'
            f'<span class="hits">热度：{chrome.views(seed, 10, 5000)}℃</span></div>'
            f'<div class="post-body">{body}</div>'
            f'<div class="notice">{esc(pick(self.content.chrome.disclaimers, seed))}</div>'
            f"{chrome.share_bar(seed, '转发：')}</div>"
        )
        head = (
            f'<link rel="canonical" href="{self.url(self.path(post))}">\n'
            f'<meta name="description" content="{attr(post.paragraphs[0][:100])}">\n'
        )
        return self._doc(f"{post.title} - {SITE_NAME}", main, posts, seed, head)

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._article(post, posts))])
        ordered = newest_first(posts)
        chunks = paginate(ordered, PER_PAGE)
        for n, chunk in enumerate(chunks, 1):
            items = "".join(
                f'<li><a href="{self.path(p)}">{esc(p.title)}</a><span>{p.published:%Y.%m.%d}'
                "</span>"
                f"<p>{esc(p.paragraphs[0][:50])}...</p></li>"
                for p in chunk
            )
            main = f'<ul class="snap-list">{items}</ul>{pager(n, len(chunks), self.list_path)}'
            html = self._doc(SITE_NAME if n == 1 else f"{SITE_NAME} 第{n}页", main, posts, f"ml{n}")
            self.add_page(build, self.list_path(n), html, latest(chunk, latest(ordered)))
        urls = "".join(f"<url><loc>{self.url(self.path(p))}</loc></url>" for p in ordered)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )
        self.add_xml(build, "/sitemap.xml", xml, "application/xml", latest(ordered))
        return build
