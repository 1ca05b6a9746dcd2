"""红星新闻-like publisher in a 163/sohu portal template.

``div.post_body`` holds ``<p>`` paragraphs and, sohu-style, ends with a "返回…查看更多"
link and the editor line *inside* the body; the byline sits in ``post_info``.  A sitemap
index points to yearly sitemaps, and one story (``SITEMAP_ONLY``) is in no list at all, as
archive stories on real portals are reachable only through the sitemap.
"""

from __future__ import annotations

from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.textops import attr, esc, iso8601, pick, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, chunks, latest, newest_first

SITEMAP_ONLY = "m04"
PER_PAGE = 3
_B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def doc_id(post: Post) -> str:
    """A 163-style 16-character document id."""
    n = stable_int("163id", post.key, post.num) << 64 | stable_int("163id2", post.key)
    out = []
    for _ in range(15):
        n, r = divmod(n, 36)
        out.append(_B36[r])
    return "J" + "".join(out)


class HongxingSite(MiniSite):
    name = "hongxing"
    role = "publisher"
    label = "红星新闻"
    server = "Tengine"
    sitemaps = ("/sitemap.xml",)
    max_depth = 4

    def disallowed(self) -> list[str]:
        return ["/api/", "/comment/", "/search"]

    @staticmethod
    def path(post: Post) -> str:
        return f"/news/article/{doc_id(post)}.html"

    @staticmethod
    def list_path(n: int) -> str:
        return "/special/fazhi/" if n == 1 else f"/special/fazhi/index_{n:02d}.html"

    def _doc(self, title: str, head: str, main: str, side: str) -> str:
        nav = noise.menu(self.name, noise.offsite("news.hongxing.example"), 0, 16)
        return (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>{head}"
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"{noise.stylesheet(self.name, 80)}{noise.analytics(self.name)}"
            f"{noise.script(self.name + 'head', 6000)}</head><body>"
            f'<div class="N-nav-top"><div class="ntop_wrap"><ul class="ntop_nav">{nav}</ul>'
            '<div class="ntop_search"><form action="/search" method="get"><input name="keyword">'
            '<button type="submit">搜索</button></form></div></div></div>'
            '<div class="N-header"><a href="/" class="logo">红星新闻</a>'
            f'<a href="{self.list_path(1)}">法治</a></div>'
            f'<div class="wrapper clearfix"><div class="post_main">{main}</div>'
            f'<div class="post_side">{side}</div></div>'
            f'<div class="N-footer">{noise.footer(self.name, "成都商报社")}</div>'
            f"{noise.script(self.name + 'foot', 3000)}</body></html>"
        )

    def _rank(self, listed: list[Post]) -> str:
        items = "".join(
            f'<li><em>{i + 1}</em><a href="{self.path(p)}">{esc(p.title)}</a></li>'
            for i, p in enumerate(listed[:6])
        )
        return f'<div class="mod_rank"><h3 class="mod_title">热点排行</h3><ol>{items}</ol></div>'

    def _article(self, post: Post, listed: list[Post]) -> str:
        editor = pick(self.content.extras.editors, "ed", post.key)
        paras = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        back = f"返回{self.label}，查看更多"
        related = "".join(
            f'<li><a href="{self.path(p)}">{esc(p.title)}</a><span>{p.posted:%m-%d}</span></li>'
            for p in listed
            if p.key != post.key
        )
        tie = noise.views("tie" + post.key, 10, 3000)
        head = (
            f'<meta name="description" content="{attr(post.summary)}">'
            f'<meta property="og:title" content="{attr(post.title)}">'
            f'<meta property="article:published_time" content="{iso8601(post.published)}">'
            f'<link rel="canonical" href="{self.url(self.path(post))}">'
        )
        main = (
            f'<h1 class="post_title">{esc(post.title)}</h1>'
            f'<div class="post_info">{post.published:%Y-%m-%d %H:%M:%S}　来源: '
            f'<a href="/" class="source">{self.label}</a>'
            f'<span class="post_author_name">{esc(post.byline or "")}</span>'
            f'<a href="/comment/news/{doc_id(post)}.html" class="post_jubao">举报</a></div>'
            f'<div class="post_content" id="content"><div class="post_body">{paras}'
            f'<p><a href="/" id="backhome">{back}</a></p>'
            f'<p data-role="editor-name">责任编辑：<span>{esc(editor)}</span></p></div>'
            f'<div class="post_tie"><a href="/comment/news/{doc_id(post)}.html">跟贴 '
            f"<span>{tie}</span></a> 参与 {tie * 7}</div></div>"
            f'<div class="post_recommend"><h3>相关推荐</h3><ul>{related}</ul></div>'
        )
        self.note_chrome(self.url(self.path(post)), back, f"责任编辑：{editor}", editor)
        return self._doc(f"{post.title}|{self.label}", head, main, self._rank(listed))

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        listed = [p for p in newest_first(posts) if p.key != SITEMAP_ONLY]
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._article(post, listed[:5]))])
        pages = chunks(listed, PER_PAGE)
        for n, chunk in enumerate(pages, 1):
            items = "".join(
                f'<div class="news_item"><h3><a href="{self.path(p)}">{esc(p.title)}</a></h3>'
                f'<p class="news_summary">{esc(p.summary)}</p>'
                f'<span class="time">{p.posted:%Y-%m-%d %H:%M}</span></div>'
                for p in chunk
            )
            pager = "".join(
                f'<a href="{self.list_path(k)}">{k}</a>' if k != n else f"<em>{k}</em>"
                for k in range(1, len(pages) + 1)
            )
            if n < len(pages):
                pager += f'<a href="{self.list_path(n + 1)}" class="next">下一页</a>'
            main = f'<div class="news_list">{items}</div><div class="pager">{pager}</div>'
            html = self._doc(f"法治_{self.label}", "", main, self._rank(listed))
            self.add_page(build, self.list_path(n), html, latest(chunk))
        top = "".join(f'<li><a href="{self.path(p)}">{esc(p.title)}</a></li>' for p in listed[:8])
        main = (
            f'<div class="mod_top_news"><h2>要闻</h2><ul>{top}</ul>'
            f'<a href="{self.list_path(1)}" class="more">更多法治新闻</a></div>'
        )
        self.add_page(
            build, "/", self._doc(self.label, "", main, self._rank(listed)), latest(posts)
        )
        self._sitemaps(build, posts)
        return build

    def _sitemaps(self, build: SiteBuild, posts: list[Post]) -> None:
        years = sorted({p.published.year for p in posts})
        index = "".join(
            f"<sitemap><loc>{self.url(f'/sitemap/news-{y}.xml')}</loc></sitemap>" for y in years
        )
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        xml = f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex {ns}>{index}</sitemapindex>'
        self.add_xml(build, "/sitemap.xml", xml, "application/xml", latest(posts))
        for y in years:
            urls = "".join(
                f"<url><loc>{self.url(self.path(p))}</loc>"
                f"<lastmod>{p.published:%Y-%m-%d}</lastmod></url>"
                for p in posts
                if p.published.year == y
            )
            xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset {ns}>{urls}</urlset>'
            self.add_xml(build, f"/sitemap/news-{y}.xml", xml, "application/xml", latest(posts))
