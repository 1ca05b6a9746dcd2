"""江城法治报-like publisher on Drupal (Olivero-style markup).

Body text lives in ``div.field--name-body``; nodes are linked by path alias, while the RSS
feed links ``/node/N``, which 301-redirects to the alias.  Front-page teasers carry a trimmed
body (so a list page has paragraph text), the Views pager counts from ``?page=0``, and the
robots.txt is Drupal's stock file plus a ``Crawl-delay``.
"""

from __future__ import annotations

from email.utils import format_datetime

from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.textops import BEIJING, attr, esc, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, chunks, latest, newest_first

PER_PAGE = 4
CRAWL_DELAY = 0.5
TERMS = {
    11: "AI换脸",
    12: "个人信息保护",
    13: "公益诉讼",
    14: "刑事案件",
    15: "民事纠纷",
    16: "法治观察",
}


class JiangchengSite(MiniSite):
    name = "jiangcheng"
    role = "publisher"
    label = "江城法治报"
    server = "Apache/2.4.57 (Debian)"
    validators = ("last-modified",)
    query_keys = frozenset({"page"})
    feeds = ("/rss.xml",)
    max_depth = 4

    def disallowed(self) -> list[str]:
        return [
            "/core/", "/profiles/", "/README.txt", "/web.config", "/admin/", "/comment/reply/",
            "/filter/tips", "/node/add/", "/search/", "/user/register", "/user/password",
            "/user/login", "/user/logout", "/index.php/admin/", "/index.php/comment/reply/",
        ]  # fmt: skip

    def robots_groups(self):
        rules = ["Allow: /core/*.css$", "Allow: /core/*.js$"]
        rules += [f"Disallow: {p}" for p in self.disallowed()]
        rules.append(f"Crawl-delay: {CRAWL_DELAY}")
        return [(("*",), rules)]

    def crawl_delay(self) -> float | None:
        return CRAWL_DELAY

    @staticmethod
    def nid(post: Post) -> int:
        return 2000 + post.num

    def alias(self, post: Post) -> str:
        return f"/fazhi/{post.published:%Y-%m-%d}/{self.nid(post)}"

    @staticmethod
    def terms(post: Post) -> list[int]:
        if not post.on_topic:
            return [16]
        picked = [11] + [t for t in (12, 13, 14, 15) if stable_int("term", post.key, t) % 2]
        return picked or [11, 12]

    def _doc(self, title: str, main: str, head: str = "", path: str = "/") -> str:
        nav = noise.menu(self.name, lambda i, m: f"/taxonomy/term/{11 + i % 6}", 0, 6)
        return (
            '<!DOCTYPE html><html lang="zh-hans" dir="ltr"><head><meta charset="utf-8">'
            f'<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">{head}'
            f"<title>{esc(title)} | {self.label}</title>"
            f"{noise.stylesheet(self.name, 40)}"
            '<script type="application/json" data-drupal-selector="drupal-settings-json">'
            f'{{"path":{{"baseUrl":"/","currentPath":"{attr(path)}"}}}}</script></head>'
            '<body class="path-frontpage"><a href="#main-content" class="skip-link">跳转到主要内容'
            '</a><div class="dialog-off-canvas-main-canvas"><header class="site-header">'
            f'<div class="site-branding"><a href="/" rel="home">{self.label}</a></div>'
            f'<nav class="primary-nav" role="navigation"><ul class="menu">{nav}</ul></nav>'
            '<div class="search-block-form"><form action="/search/node" method="get">'
            '<input type="search" name="keys"></form></div></header>'
            f'<main role="main"><a id="main-content" tabindex="-1"></a>{main}</main>'
            f'<footer class="site-footer">{noise.footer(self.name, self.label)}</footer>'
            f"</div>{noise.script(self.name, 2500)}</body></html>"
        )

    def _tags(self, post: Post) -> str:
        return "".join(
            f'<div class="field__item"><a href="/taxonomy/term/{t}" hreflang="zh-hans">'
            f"{TERMS[t]}</a></div>"
            for t in self.terms(post)
        )

    def _node(self, post: Post) -> str:
        paras = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        comments = noise.pick_many(self.content.core.chrome.comments, 2, "dc", post.key)
        thread = "".join(
            f'<article class="comment js-comment"><div class="comment__author">{esc(c.user)}</div>'
            f'<div class="comment__content"><p>{esc(c.text)}</p></div><ul class="links inline">'
            f'<li><a href="/comment/reply/node/{self.nid(post)}/comment">回复</a></li></ul>'
            "</article>"
            for c in comments
        )
        share = "分享到："
        head = (
            f'<link rel="canonical" href="{self.url(self.alias(post))}">'
            f'<link rel="shortlink" href="{self.url(f"/node/{self.nid(post)}")}">'
            f'<meta property="og:title" content="{attr(post.title)}">'
        )
        main = (
            f'<article data-history-node-id="{self.nid(post)}" role="article" class="node '
            'node--type-article node--promoted node--view-mode-full">'
            + '<header><h1 class="page-title"><span class="field field--name-title '
            f'field--type-string field--label-hidden">{esc(post.title)}</span></h1>'
            f'<div class="node__meta"><span class="field field--name-uid">{esc(post.byline or "")}'
            f'</span> <span class="field field--name-created">{post.published:%Y-%m-%d %H:%M}'
            "</span></div></header>"
            '<div class="node__content"><div class="clearfix text-formatted field field--name-body'
            f' field--type-text-with-summary field--label-hidden field__item">{paras}</div>'
            '<div class="field field--name-field-tags field--type-entity-reference '
            'field--label-above"><div class="field__label">标签</div>'
            f'<div class="field__items">{self._tags(post)}</div></div>'
            f'<div class="addtoany_list"><span>{share}</span><a class="a2a_button_wechat" '
            'href="#">微信</a><a class="a2a_button_sina_weibo" href="#">微博</a></div>'
            f'<section class="comments"><h2 class="comments__title">评论</h2>{thread}'
            f'<a href="/user/login?destination=/node/{self.nid(post)}%23comment-form">登录</a>'
            "后发表评论</section></div></article>"
        )
        self.note_chrome(self.url(self.alias(post)), *(c.text for c in comments))
        return self._doc(post.title, main, head, f"/node/{self.nid(post)}")

    def _teaser(self, post: Post, with_body: bool) -> str:
        body = ""
        if with_body:
            body = f"<p>{esc(post.paragraphs[0][:110])}…</p>"
        return (
            '<article class="node node--type-article node--view-mode-teaser">'
            f'<h2 class="node__title"><a href="{self.alias(post)}" rel="bookmark">'
            f"{esc(post.title)}</a></h2>"
            f'<div class="node__meta">{post.published:%Y-%m-%d}</div>'
            f'<div class="field--name-body">{body}</div>'
            f'<a href="{self.alias(post)}" class="node__link">阅读更多</a></article>'
        )

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        for post in posts:
            self.add_article(build, post, [(self.alias(post), self._node(post))])
            build.redirects[f"/node/{self.nid(post)}"] = self.url(self.alias(post))
        ordered = newest_first(posts)
        pages = chunks(ordered, PER_PAGE)
        for n, chunk in enumerate(pages):
            key = "/" if n == 0 else self.key("/", {"page": str(n)})
            items = []
            for k in range(len(pages)):
                current = ' class="pager__item is-active"' if k == n else ' class="pager__item"'
                items.append(f'<li{current}><a href="?page={k}">{k + 1}</a></li>')
            if n + 1 < len(pages):
                items.append(
                    f'<li class="pager__item pager__item--next"><a href="?page={n + 1}" '
                    'rel="next">下一页 ›</a></li>'
                )
            pager = f'<nav class="pager"><ul class="pager__items">{"".join(items)}</ul></nav>'
            teasers = "".join(self._teaser(p, True) for p in chunk)
            html = self._doc("首页", f'<div class="views-row">{teasers}</div>{pager}')
            self.add_page(build, key, html, latest(chunk))
            if n == 0:
                build.pages["/?page=0"] = build.pages["/"]
        for tid, term in TERMS.items():
            tagged = [p for p in ordered if tid in self.terms(p)]
            teasers = "".join(self._teaser(p, False) for p in tagged)
            html = self._doc(term, f'<h1 class="page-title">{term}</h1>{teasers}')
            self.add_page(build, f"/taxonomy/term/{tid}", html, latest(tagged))
        self._rss(build, ordered)
        return build

    def _rss(self, build: SiteBuild, ordered: list[Post]) -> None:
        items = "".join(
            f"<item><title>{esc(p.title)}</title>"
            f"<link>{self.url(f'/node/{self.nid(p)}')}</link>"
            f"<description>{esc(p.summary)}</description>"
            f"<pubDate>{format_datetime(p.published.replace(tzinfo=BEIJING))}</pubDate>"
            f'<guid isPermaLink="false">{self.nid(p)} at {self.base_url}</guid></item>'
            for p in ordered
        )
        xml = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xml:base="'
            f'{self.base_url}/"><channel><title>{self.label}</title>'
            f"<link>{self.base_url}/</link><description></description>{items}</channel></rss>"
        )
        self.add_xml(build, "/rss.xml", xml, "application/rss+xml; charset=utf-8", latest(ordered))
