"""法治日报-like publisher: an older XHTML div layout with breadcrumb, info bar and Atom feed.

Stories are split over two category lists; the oldest one is listed nowhere and is only
reachable through ``atom.xml`` (the site has no sitemap).
"""

from __future__ import annotations

from crawler.demoweb import chrome
from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.sites.base import Site, latest, newest_first, paginate
from crawler.demoweb.textops import attr, esc, iso8601

PER_PAGE = 3
CATEGORIES = (("judicial", 81, "司法"), ("zfzz", 55, "政法"))
XHTML = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)


class FazhiSite(Site):
    name = "fazhi"
    role = "publisher"
    server = "Apache"
    feed_path = "/atom.xml"

    def __init__(self, base_url, content, bench=None) -> None:
        super().__init__(base_url, content, bench)
        self.outlet = content.outlets["fazhi"].name

    def category(self, post: Post) -> tuple[str, int, str]:
        return CATEGORIES[post.num % len(CATEGORIES)]

    def path(self, post: Post) -> str:
        cat = self.category(post)[0]
        return f"/{cat}/content/{post.published:%Y-%m}/{post.published:%d}/content_{post.num}.html"

    @staticmethod
    def list_path(cat: tuple[str, int, str], n: int) -> str:
        return f"/{cat[0]}/node_{cat[1]}.html" if n == 1 else f"/{cat[0]}/node_{cat[1]}_{n}.html"

    def _doc(self, title: str, body: str, extra_head: str = "") -> str:
        head = (
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            f"<title>{esc(title)}</title>\n"
            '<meta name="keywords" content="法治日报,法治网,法制,政法,司法" />\n'
            '<link rel="alternate" type="application/atom+xml" title="法治日报" '
            f'href="{self.feed_path}" />\n'
            '<link href="/images/style.css" rel="stylesheet" type="text/css" />\n'
            '<script type="text/javascript" src="/js/jquery-1.4.2.min.js"></script>\n'
            f"{extra_head}{chrome.css('fazhi', 35)}{chrome.minified_js('fazhi', 6000)}"
        )
        top = (
            '<div id="top"><div class="top_l">法治网 | 法治日报 | 法治周末 | 法人杂志</div>'
            '<div class="top_r"><a href="javascript:;">设为首页</a> | <a href="javascript:;">'
            '加入收藏</a> | <a href="javascript:;">手机版</a></div></div>'
            '<div id="header"><div id="logo"><a href="/"><img src="/images/logo.gif" alt="法治网" '
            'width="320" height="80" /></a></div><div id="banner_ad"><a href="javascript:;">'
            '<img src="/images/ad_960x90.jpg" alt="" /></a></div></div>'
            f'<div id="menu">{chrome.nav("fazhi", chrome.offsite("www.legaldaily.com.cn"), 18, 24)}'
            f"{self.bench_link()}</div>"
        )
        return (
            f'{XHTML}\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n{head}\n</head>\n'
            f'<body>\n{top}{body}<div id="footer">{chrome.footer("fazhi", "法治网")}</div>'
            f"{chrome.analytics('fazhi')}\n</body>\n</html>\n"
        )

    def _right(self, listed: list[Post], exclude: int | None) -> str:
        hot = [(p.title, self.path(p)) for p in listed if p.num != exclude][:10]
        return (
            f'<div id="right">{chrome.hot_list("热点排行", hot)}'
            '<div class="box"><h3 class="box-title">图片新闻</h3><ul class="pic">'
            + "".join(
                f'<li><a href="{self.path(p)}"><img src="/images/pic{p.num % 9}.jpg" alt="" />'
                f"<span>{esc(p.title[:14])}</span></a></li>"
                for p in listed[:2]
            )
            + "</ul></div>"
            '<div class="box"><h3 class="box-title">专题</h3><ul><li>学习贯彻民法典</li>'
            "<li>扫黑除恶常态化</li><li>个人信息保护</li></ul></div></div>"
        )

    def _article(self, post: Post, listed: list[Post]) -> str:
        cat = self.category(post)
        seed = f"fazhi{post.num}"
        paras = "".join(f"<p>　　{esc(p)}</p>\n" for p in post.paragraphs)
        related = "".join(
            f'<li>·<a href="{self.path(p)}" target="_blank">{esc(p.title)}</a>'
            f"<span>({p.published:%Y-%m-%d})</span></li>"
            for p in listed
            if p.num != post.num and self.category(p) == cat
        )
        body = (
            f'<div id="position">当前位置：<a href="/">首页</a> &gt;&gt; '
            f'<a href="{self.list_path(cat, 1)}">{cat[2]}</a> &gt;&gt; 正文</div>'
            '<div id="main"><div id="left"><div class="article">'
            f'<div class="article_title"><h1>{esc(post.title)}</h1></div>'
            f'<div class="info">来源：{esc(self.outlet)}&nbsp;&nbsp;作者：{esc(post.byline or "")}'
            f"&nbsp;&nbsp;发布时间：{post.published:%Y-%m-%d %H:%M:%S}&nbsp;&nbsp;"
            '【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> '
            '<a href="javascript:;">小</a>】【<a href="javascript:window.print()">打印</a>】'
            '【<a href="javascript:window.close()">关闭</a>】</div>'
            f'<div id="ContentText" class="content">\n{paras}</div>'
            f'<div class="editor">（责任编辑：{chrome.editor(seed)}）</div>'
            f"{chrome.share_bar(seed)}"
            f'<div class="xgxw"><h3>相关新闻</h3><ul>{related}</ul></div>'
            f"</div></div>{self._right(listed, post.num)}</div>"
        )
        meta = (
            f'<meta name="description" content="{attr(post.summary)}" />\n'
            f'<meta name="publishdate" content="{iso8601(post.published)}" />\n'
            f'<meta name="source" content="{self.outlet}" />\n'
        )
        return self._doc(f"{post.title}-法治网", body, meta)

    def _rows(self, posts: list[Post]) -> str:
        return "".join(
            f'<li><span class="date">{p.published:%Y-%m-%d}</span>·'
            f'<a href="{self.path(p)}" target="_blank">{esc(p.title)}</a></li>'
            for p in posts
        )

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        ordered = newest_first(posts)
        hidden = ordered[-1] if len(ordered) > 2 else None  # only in the Atom feed
        listed = [p for p in ordered if p is not hidden]
        for post in ordered:
            self.add_article(build, post, [(self.path(post), self._article(post, listed))])
        blocks = "".join(
            f'<div class="box"><h3 class="box-title"><a href="{self.list_path(cat, 1)}">{cat[2]}'
            "</a></h3><ul "
            f'class="list">{self._rows([p for p in listed if self.category(p) == cat][:4])}'
            "</ul></div>"
            for cat in CATEGORIES
        )
        home = self._doc(
            "法治网_法治日报社主办",
            f'<div id="main"><div id="left">{blocks}</div>{self._right(listed, None)}</div>',
        )
        self.add_page(build, "/", home, latest(listed))
        for cat in CATEGORIES:
            members = [p for p in listed if self.category(p) == cat]
            chunks = paginate(members, PER_PAGE)
            for n, chunk in enumerate(chunks, 1):
                pages = "".join(
                    f'<a href="{self.list_path(cat, k)}">{k}</a> ' if k != n else f"<b>{k}</b> "
                    for k in range(1, len(chunks) + 1)
                )
                nxt = (
                    f'<a href="{self.list_path(cat, n + 1)}">下一页</a>'
                    if n < len(chunks)
                    else "下一页"
                )
                html = self._doc(
                    f"{cat[2]}_法治网",
                    f'<div id="position">当前位置：<a href="/">首页</a> &gt;&gt; {cat[2]}</div>'
                    f'<div id="main"><div id="left"><ul class="list">{self._rows(chunk)}</ul>'
                    f'<div class="page">共{len(chunks)}页 {pages}{nxt}</div></div>'
                    f"{self._right(listed, None)}</div>",
                )
                self.add_page(build, self.list_path(cat, n), html, latest(chunk, latest(listed)))
        self._atom(build, ordered)
        return build

    def _atom(self, build: SiteBuild, ordered: list[Post]) -> None:
        stamp = latest(ordered)
        entries = "".join(
            f"<entry><title>{esc(p.title)}</title>"
            f'<link rel="alternate" type="text/html" href="{self.url(self.path(p))}"/>'
            f"<id>{self.url(self.path(p))}</id><published>{iso8601(p.published)}</published>"
            f"<updated>{iso8601(p.posted)}</updated><author><name>{esc(p.byline or '')}</name>"
            f"</author><summary>{esc(p.summary)}</summary></entry>\n"
            for p in ordered
        )
        atom = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>法治日报</title><id>{self.url('/')}</id>"
            f'<link rel="self" href="{self.url(self.feed_path)}"/>'
            f'<link rel="alternate" href="{self.url("/")}"/>'
            f"<updated>{iso8601(stamp)}</updated>\n{entries}</feed>\n"
        )
        self.add_xml(build, self.feed_path, atom, "application/atom+xml; charset=utf-8", stamp)
