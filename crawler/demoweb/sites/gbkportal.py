"""An old GBK portal with table layout, ASP list pages and only Last-Modified validators.

Pages are GBK bytes that declare ``charset=gb2312`` in a meta tag while the HTTP header has
no charset, and they contain characters GB2312 lacks (玥, 堃, 镕 in editor names), so a
decoder that trusts the meta literally garbles them; GB18030 decodes them correctly.
"""

from __future__ import annotations

from crawler.demoweb import chrome
from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.sites.base import Site, latest, newest_first, paginate
from crawler.demoweb.textops import attr, cn_date, esc, pick

SITE_NAME = "中华资讯网"
PER_PAGE = 6
COLUMNS = {3: "社会新闻", 5: "科技生活"}


class GbkPortalSite(Site):
    name = "gbkportal"
    charset = "gbk"
    validators = ("last-modified",)
    server = "Microsoft-IIS/6.0"

    @property
    def content_type(self) -> str:
        return "text/html"  # no charset: clients must sniff the meta tag or guess

    @staticmethod
    def path(post: Post) -> str:
        return f"/news/{post.published:%Y%m%d}/{post.num}.htm"

    @staticmethod
    def cid(post: Post) -> int:
        return 3 if post.on_topic or post.num % 2 else 5

    @staticmethod
    def list_path(cid: int, n: int) -> str:
        return f"/list.asp?cid={cid}" if n == 1 else f"/list.asp?cid={cid}&page={n}"

    def _doc(self, title: str, left: str, posts: list[Post], seed: str) -> str:
        ranking = [(p.title, self.path(p)) for p in newest_first(posts)[:10]]
        recommend = "".join(
            f'<tr><td>·<a href="http://www.tuijian-example.com/r/{i}.html" target="_blank">'
            f"{esc(r.title)}</a></td></tr>"
            for i, r in enumerate(self.content.chrome.related_titles)
        )
        columns = " | ".join(
            f'<a href="{self.list_path(c, 1)}">{esc(label)}</a>' for c, label in COLUMNS.items()
        )
        nav = chrome.nav("gbk", chrome.offsite("www.zhonghua-example.net"), 14)
        return (
            "<html>\n<head>\n"
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
            f"<title>{esc(title)}</title>\n"
            f'<meta name="keywords" content="{SITE_NAME},新闻,资讯">\n'
            '<script language="javascript" src="/js/common.js"></script>\n'
            f"{chrome.css('gbk', 25)}{chrome.minified_js('gbk', 3000)}\n</head>\n"
            '<body topmargin="0" leftmargin="0">\n'
            '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0"><tr>'
            f'<td width="300"><a href="/"><img src="/images/logo.gif" alt="{SITE_NAME}" border="0">'
            '</a></td><td align="right">设为首页 | 加入收藏 | 联系我们</td></tr></table>\n'
            '<table width="960" border="0" align="center" class="nav"><tr><td>'
            f"{nav} {columns} {self.bench_link()}</td></tr></table>\n"
            '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0"><tr>'
            f'<td width="680" valign="top">{left}</td>'
            '<td width="10"></td><td width="270" valign="top">'
            f"{chrome.hot_list('热门排行', ranking)}"
            f'<table width="100%" class="box"><tr><th>推荐阅读</th></tr>{recommend}</table>'
            f'<table width="100%" class="ad"><tr><td>{esc(pick(self.content.chrome.ads, seed))}'
            "</td></tr></table></td></tr></table>\n"
            f'<table width="960" align="center" class="footer"><tr><td align="center">'
            f"{chrome.footer('gbkportal', SITE_NAME)}</td></tr></table>\n"
            "</body>\n</html>\n"
        )

    def _article(self, post: Post, prev: Post | None, nxt: Post | None, posts: list[Post]) -> str:
        seed = f"gbk{post.num}"
        source = post.credit_line or "来源：网络整理"
        paras = "".join(f"<p>　　{esc(p)}</p>\n" for p in post.paragraphs)
        neighbours = "".join(
            f'{label}：<a href="{self.path(p)}">{esc(p.title)}</a><br>'
            if p
            else f"{label}：没有了<br>"
            for label, p in (("上一篇", prev), ("下一篇", nxt))
        )
        related = "".join(
            f'<tr><td>·<a href="{self.path(p)}" title="{attr(p.title)}">{esc(p.title)}</a>'
            f"</td><td>{p.published:%m-%d}</td></tr>"
            for p in posts
            if p.num != post.num and self.cid(p) == self.cid(post)
        )
        left = (
            '<table width="100%"><tr><td class="position">您现在的位置：<a href="/">首页</a> &gt; '
            f'<a href="{self.list_path(self.cid(post), 1)}">{COLUMNS[self.cid(post)]}</a> &gt; 正文'
            '</td></tr></table><table width="100%" cellpadding="6">'
            f'<tr><td align="center"><h1>{esc(post.title)}</h1></td></tr>'
            f'<tr><td align="center" class="info">{esc(source)}　作者：佚名　'
            f"发布时间：{cn_date(post.published)}　点击：<script>document.write("
            f"{chrome.views(seed, 100, 20000)})</script>次</td></tr>"
            f'<tr><td class="content" id="fontzoom">\n{paras}</td></tr>'
            f'<tr><td align="right">（责任编辑：{chrome.editor(seed)}）</td></tr>'
            f"<tr><td>{chrome.share_bar(seed)}</td></tr>"
            f'<tr><td class="prevnext">{neighbours}</td></tr>'
            f'<tr><td><table width="100%"><tr><th colspan="2">相关文章</th></tr>{related}</table>'
            "</td></tr></table>"
        )
        return self._doc(f"{post.title}_{SITE_NAME}", left, posts, seed)

    def _rows(self, posts: list[Post]) -> str:
        return "".join(
            f'<tr><td>·<a href="{self.path(p)}" target="_blank">{esc(p.title)}</a></td>'
            f'<td width="60">[{p.published:%m-%d}]</td></tr>'
            for p in posts
        )

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        chrono = sorted(posts, key=lambda p: (p.posted, p.num))
        for i, post in enumerate(chrono):
            prev = chrono[i - 1] if i else None
            nxt = chrono[i + 1] if i + 1 < len(chrono) else None
            self.add_article(
                build, post, [(self.path(post), self._article(post, prev, nxt, posts))]
            )
        ordered = newest_first(posts)
        home_left = "".join(
            f'<table width="100%" class="box"><tr><th><a href="{self.list_path(c, 1)}">'
            f'{label}</a></th><th align="right"><a href="{self.list_path(c, 1)}">更多&gt;&gt;'
            f"</a></th></tr>{self._rows([p for p in ordered if self.cid(p) == c][:8])}</table>"
            for c, label in COLUMNS.items()
        )
        self.add_page(build, "/", self._doc(SITE_NAME, home_left, posts, "gbk-home"), latest(posts))
        for c, label in COLUMNS.items():
            members = [p for p in ordered if self.cid(p) == c]
            chunks = paginate(members, PER_PAGE)
            for n, chunk in enumerate(chunks, 1):
                links = " ".join(
                    f'<a href="{self.list_path(c, k)}">[{k}]</a>' if k != n else f"<b>[{k}]</b>"
                    for k in range(1, len(chunks) + 1)
                )
                left = (
                    f'<table width="100%"><tr><td class="position">您现在的位置：<a href="/">首页'
                    f'</a> &gt; {label}</td></tr></table><table width="100%">{self._rows(chunk)}'
                    f'</table><div class="page">共{len(members)}条 页次：{n}/{len(chunks)} {links}'
                    "</div>"
                )
                html = self._doc(f"{label}_{SITE_NAME}", left, posts, f"gbk-list{c}")
                self.add_page(build, self.list_path(c, n), html, latest(chunk, latest(members)))
        return build
