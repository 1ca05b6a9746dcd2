"""A farm that splits every article over two pages and stuffs ads into the body.

``/news/123.html`` holds the first half, ``/news/123_2.html`` the rest, joined by a
上一页 / 1 2 / 下一页 pager.  Ad ``div``s and 【推广】 paragraphs sit between real paragraphs;
some copies lost their first or last paragraph on the way (trimmed copies).
"""

from __future__ import annotations

from crawler.demoweb import chrome
from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.sites.base import Site, latest, newest_first, paginate
from crawler.demoweb.textops import attr, esc, pick, stable_int

SITE_NAME = "今日热点网"
PER_PAGE = 10


class SplitFarmSite(Site):
    name = "splitfarm"
    server = "nginx/1.22.1"
    sitemap_path = "/sitemap.xml"

    @staticmethod
    def path(post: Post, page: int = 1) -> str:
        return f"/news/{post.num}.html" if page == 1 else f"/news/{post.num}_{page}.html"

    @staticmethod
    def list_path(n: int) -> str:
        return "/" if n == 1 else f"/news/list_{n}.html"

    def _doc(self, title: str, main: str, posts: list[Post], seed: str, head: str = "") -> str:
        hot = [(p.title, self.path(p)) for p in newest_first(posts)[:8]]
        guess = "".join(
            f'<li><a href="https://cpro.baidu-example.com/c/{stable_int(seed, r.title) % 99999}" '
            f'rel="nofollow" target="_blank">{esc(r.title)}</a><p>{esc(r.excerpt)}</p></li>'
            for r in self.content.chrome.related_titles
        )
        nav = chrome.nav("split", chrome.offsite("www.jrrd-example.cn"), 12, 10)
        return chrome.page(
            f"<title>{esc(title)}</title>\n"
            '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f"{head}{chrome.css('split', 30)}{chrome.minified_js('split-ads', 22000)}"
            '<script>var cpro_id = "u' + str(stable_int("cpro", seed) % 9999999) + '";</script>',
            f'<div class="topbar">{nav}{self.bench_link()}</div>'
            f'<div class="header"><a href="/" class="logo">{SITE_NAME}</a>'
            '<div class="search"><input type="text" placeholder="请输入关键词"></div></div>'
            f'<div class="wrap"><div class="main">{main}</div><div class="side">'
            f"{chrome.hot_list('24小时热文', hot)}"
            f'<div class="box guess"><h3>猜你喜欢</h3><ul>{guess}</ul></div>'
            f'<div class="box ad-side">{esc(pick(self.content.chrome.ads, seed, "side"))}</div>'
            f'</div></div><div class="footer">{chrome.footer("splitfarm", SITE_NAME)}</div>'
            f"{chrome.analytics('splitfarm')}",
        )

    def _body(self, post: Post, paragraphs: tuple[str, ...], start: int) -> str:
        """Render paragraphs with an ad block and a 【推广】 paragraph wedged in."""
        ads = self.content.chrome.ads
        out = []
        for i, text in enumerate(paragraphs, start):
            out.append(f"<p>{esc(text)}</p>")
            if i == 1:
                ad = pick(ads, post.key, "inline")
                out.append(
                    f'<div class="ad-inline" id="ad_{post.num}"><a href="javascript:;" '
                    f'rel="nofollow">{esc(ad)}</a><span class="ad-tag">广告</span></div>'
                )
            if i == 2:
                promo = pick(ads, post.key, "promo")
                promo = promo if promo.startswith("【推广】") else f"【推广】{promo}"
                out.append(f'<p class="tg">{esc(promo)}</p>')
        return "".join(out)

    def _pages(self, post: Post, posts: list[Post]) -> list[tuple[str, str]]:
        paras = post.paragraphs
        cut = (len(paras) + 1) // 2
        halves = [paras] if len(paras) < 4 else [paras[:cut], paras[cut:]]
        seed = f"split{post.num}"
        out = []
        start = 0
        for n, chunk in enumerate(halves, 1):
            pager = ""
            if len(halves) > 1:
                links = "".join(
                    f'<a href="{self.path(post, k)}">{k}</a>' if k != n else f"<span>{k}</span>"
                    for k in range(1, len(halves) + 1)
                )
                prev = f'<a href="{self.path(post, n - 1)}">上一页</a>' if n > 1 else ""
                nxt = f'<a href="{self.path(post, n + 1)}">下一页</a>' if n < len(halves) else ""
                pager = f'<div class="page-nav">{prev}{links}{nxt}</div>'
            tail = ""
            if n == len(halves):
                credit = (
                    f'<p class="source">{esc(post.credit_line)}</p>' if post.credit_line else ""
                )
                tail = f'{credit}<div class="editor">责任编辑：{chrome.editor(seed)}</div>'
            title = post.title if n == 1 else f"{post.title}(第{n}页)"
            main = (
                f'<div class="crumb"><a href="/">首页</a> &gt; <a href="{self.list_path(1)}">资讯'
                "</a>"
                f' &gt; 正文</div><h1 class="title">{esc(post.title)}</h1>'
                f'<div class="meta"><span>发布时间：{post.published:%Y-%m-%d %H:%M:%S}</span>'
                f"<span>浏览：{chrome.views(seed, 50, 9000)}</span></div>"
                f'<div class="content" id="article">{self._body(post, chunk, start)}</div>'
                f"{pager}{tail}{chrome.share_bar(seed)}"
            )
            head = f'<meta name="description" content="{attr(post.paragraphs[0][:80])}">\n'
            out.append(
                (self.path(post, n), self._doc(f"{title}_{SITE_NAME}", main, posts, seed, head))
            )
            start += len(chunk)
        return out

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        for post in posts:
            self.add_article(build, post, self._pages(post, posts))
        ordered = newest_first(posts)
        chunks = paginate(ordered, PER_PAGE)
        for n, chunk in enumerate(chunks, 1):
            items = "".join(
                f'<div class="item"><h3><a href="{self.path(p)}" target="_blank">{esc(p.title)}'
                f'</a></h3><p>{esc(p.paragraphs[0][:70])}…</p><span class="time">'
                f"{p.published:%Y-%m-%d}</span></div>"
                for p in chunk
            )
            more = (
                f'<a class="more" href="{self.list_path(n + 1)}">下一页</a>'
                if n < len(chunks)
                else ""
            )
            title = SITE_NAME if n == 1 else f"资讯列表_第{n}页_{SITE_NAME}"
            main = f'<div class="list">{items}</div>{more}'
            html = self._doc(title, main, posts, f"split-list{n}")
            self.add_page(build, self.list_path(n), html, latest(chunk, latest(ordered)))
        urls = "".join(
            f"<url><loc>{self.url(self.path(p))}</loc><lastmod>{p.posted:%Y-%m-%d}</lastmod></url>"
            for p in ordered
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )
        self.add_xml(build, "/sitemap.xml", xml, "application/xml", latest(ordered))
        return build
