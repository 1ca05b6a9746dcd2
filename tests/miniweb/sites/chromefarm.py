"""A content farm that wraps every copy in the chrome WeChat-style reposts carry *inside*
the article: an inline "延伸阅读" block after the second paragraph, a QR-code "扫码关注"
block mid-article, then "本文转自…仅供学习交流", a share bar, "热门推荐" and comments.

The bytes are UTF-8 and the Content-Type header says so, but the page's meta tag claims
gbk (a template copied from an older site).  The 专题 link answers slowly and the app link
drops the connection; a print view is excluded by a wildcard robots rule.
"""

from __future__ import annotations

from crawler.demoweb.records import Page, Post, SiteBuild
from crawler.demoweb.textops import esc, pick, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import DROP, EPOCH, SLOW, MiniSite, chunks, latest, newest_first

LABEL = "法眼资讯网"
PER_PAGE = 4
SHARE = "分享到：微信 朋友圈 新浪微博 QQ空间"
TRACK = "?from=timeline&amp;isappinstalled=0"
OLD = "/news/20240101/1.html"  # a deleted article


class ChromeFarmSite(MiniSite):
    name = "chromefarm"
    label = LABEL

    def disallowed(self) -> list[str]:
        return ["/member/", "/api/", "/*?action=print"]

    @staticmethod
    def path(post: Post) -> str:
        return f"/news/{post.posted:%Y%m%d}/{post.num}.html"

    @staticmethod
    def list_path(n: int) -> str:
        return "/fazhi/" if n == 1 else f"/fazhi/list-{n}.html"

    def _doc(self, title: str, main: str, side: str) -> str:
        nav = noise.menu(self.name, noise.offsite("www.fayan.example"), 3, 10)
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=gbk" />'
            f"<title>{esc(title)}</title>{noise.stylesheet(self.name, 50)}"
            f"{noise.analytics(self.name)}</head><body>"
            f'<div class="top"><div class="logo"><a href="/">{LABEL}</a></div><ul class="nav">'
            f'{nav}<li><a href="{self.list_path(1)}">法治</a></li><li><a href="/zt/">专题</a></li>'
            '<li><a href="/app/download.html">APP下载</a></li></ul></div>'
            f'<div class="main"><div class="main-left">{main}</div>'
            f'<div class="main-right">{side}</div></div>'
            f'<div class="foot">{noise.footer(self.name, LABEL)}</div>'
            f"{noise.script(self.name, 4000)}</body></html>"
        )

    def _side(self, listed: list[Post]) -> str:
        items = "".join(f'<li><a href="{self.path(p)}">{esc(p.title)}</a></li>' for p in listed[:6])
        ad = pick(self.content.core.chrome.ads, "ad", self.name)
        box = f'<div class="box"><h3>最新文章</h3><ul>{items}</ul></div>'
        return box + noise.ad_slot(self.name, ad)

    def _article(self, post: Post, listed: list[Post]) -> str:
        extras = self.content.extras
        others = [p for p in listed if p.key != post.key]
        reading = noise.pick_many(self.content.core.chrome.related_titles, 2, "yd", post.key)
        qr = pick(extras.qr_blocks, "qr", post.key)
        blocks = []
        for i, para in enumerate(post.paragraphs):
            blocks.append(f"<p>{esc(para)}</p>")
            if i == 1:
                blocks.append("<p><strong>延伸阅读：</strong></p>")
                blocks += [
                    f'<p><a href="/news/{stable_int("r", r.title) % 900 + 100}.html">'
                    f"{esc(r.title)}</a></p>"
                    for r in reading
                ]
            if i == 3:
                blocks.append(
                    '<p style="text-align:center"><img src="/uploads/qrcode_fayan.jpg" '
                    'width="160" /></p>'
                    f'<p style="text-align:center"><strong>{esc(qr)}</strong></p>'
                )
        if post.credit_line:
            blocks.append(f'<p style="color:#999">{esc(post.credit_line)}</p>')
        hot = "".join(f'<li><a href="{self.path(p)}">{esc(p.title)}</a></li>' for p in others[:5])
        comments = noise.pick_many(self.content.core.chrome.comments, 3, "cm", post.key)
        thread = "".join(
            f'<li><span class="user">{esc(c.user)}</span><p>{esc(c.text)}</p></li>'
            for c in comments
        )
        main = (
            '<div class="position">当前位置：<a href="/">首页</a> &gt; '
            f'<a href="{self.list_path(1)}">法治</a> &gt; 正文</div>'
            f'<div class="arc-title"><h1>{esc(post.title)}</h1></div>'
            f'<div class="arc-info">时间：{post.published:%Y-%m-%d %H:%M} 来源：网络整理 阅读：'
            f'<span id="hits">{noise.views(post.key)}</span>'
            f' <a href="{self.path(post)}?action=print">打印</a></div>'
            f'<div class="arc-body">{"".join(blocks)}</div>'
            f'<div class="share-bar">{SHARE}</div>'
            f'<div class="hot-rec"><h3>热门推荐</h3><ul>{hot}</ul></div>'
            f'<div class="pinglun"><h3>网友评论</h3><ul>{thread}</ul></div>'
        )
        self.note_chrome(
            self.url(self.path(post)), "延伸阅读", qr, post.credit_line or "", SHARE,
            *(r.title for r in reading), *(c.text for c in comments),
        )  # fmt: skip
        return self._doc(f"{post.title}_{LABEL}", main, self._side(listed))

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        ordered = newest_first(posts)
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._article(post, ordered))])
        pages = chunks(ordered, PER_PAGE)
        for n, chunk in enumerate(pages, 1):
            items = "".join(
                f'<li><a href="{self.path(p)}{TRACK}">'
                f"{esc(p.title)}</a><span>{p.posted:%Y-%m-%d}</span><p>{esc(p.summary)}</p></li>"
                for p in chunk
            )
            pager = "".join(
                f'<a href="{self.list_path(k)}">{k}</a>' if k != n else f"<b>{k}</b>"
                for k in range(1, len(pages) + 1)
            )
            main = f'<ul class="list">{items}</ul><div class="pages">{pager}</div>'
            self.add_page(
                build,
                self.list_path(n),
                self._doc(f"法治_{LABEL}", main, self._side(ordered)),
                latest(chunk),
            )
        items = "".join(
            f'<li><a href="{self.path(p)}{TRACK}">{esc(p.title)}</a></li>' for p in ordered[:6]
        )
        main = (
            f'<div class="focus"><h2>今日焦点</h2><ul>{items}</ul>'
            f'<a href="{self.list_path(1)}">更多</a> <a href="{OLD}">往期精选</a></div>'
        )
        self.add_page(build, "/", self._doc(LABEL, main, self._side(ordered)), latest(posts))
        build.broken[self.url(OLD)] = 404
        for r in self.content.core.chrome.related_titles:  # 延伸阅读 links to deleted pages
            build.broken[self.url(f"/news/{stable_int('r', r.title) % 900 + 100}.html")] = 404
        build.pages["/zt/"] = Page(
            self.encode(self._doc(f"专题_{LABEL}", "<h2>专题</h2><p>暂无专题</p>", "")),
            self.content_type, EPOCH, SLOW,
        )  # fmt: skip
        build.pages["/app/download.html"] = Page(b"", self.content_type, EPOCH, DROP)
        return build
