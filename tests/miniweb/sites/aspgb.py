"""An old ASP news site (动易-style tables), GB18030 bytes behind a gb2312 meta tag.

No ``<h1>``: the headline is bold text in a table cell.  The body is one ``<td>`` whose
paragraphs are ``<br>``-separated and indented with full-width spaces.  The server sends
no charset in Content-Type and no validators at all (IIS + classic ASP), and some names in
the text are outside GBK, so only a GB18030 decoder reads them right.
"""

from __future__ import annotations

from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.textops import esc
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, chunks, latest, newest_first

PER_PAGE = 4
LABEL = "华夏法苑网"


class AspGbSite(MiniSite):
    name = "aspgb"
    label = LABEL
    charset = "gb18030"
    header_charset = None
    validators = ()
    server = "Microsoft-IIS/6.0"
    query_keys = frozenset({"ArticleID", "ClassID", "page"})

    def disallowed(self) -> list[str]:
        return ["/Admin/", "/User/", "/Print.asp", "/Inc/"]

    def path(self, post: Post) -> str:
        return self.key("/ShowArticle.asp", {"ArticleID": str(post.num)})

    def list_path(self, n: int) -> str:
        params = {"ClassID": "2"} | ({"page": str(n)} if n > 1 else {})
        return self.key("/ShowClass.asp", params)

    def _doc(self, title: str, main: str) -> str:
        nav = noise.menu(self.name, noise.offsite("www.huaxiafy.example"), 0, 12)
        return (
            '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
            f"<title>{esc(title)}</title>\n"
            '<link href="/Skin/DefaultSkin.css" rel="stylesheet" type="text/css">\n'
            f"{noise.script(self.name, 1800)}</head>\n"
            '<body leftmargin="0" topmargin="0">\n'
            '<table width="778" border="0" align="center" cellpadding="0" cellspacing="0">'
            f'<tr><td height="60"><a href="/"><img src="/Images/logo.gif" alt="{LABEL}"></a></td>'
            '<td align="right"><a href="/User/Login.asp">会员登录</a> | '
            '<a href="/User/Reg.asp">注册</a></td></tr></table>\n'
            '<table width="778" align="center" class="menu"><tr><td><ul>'
            f'{nav}<li><a href="{self.list_path(1)}">法治在线</a></li></ul></td></tr></table>\n'
            f"{main}\n"
            '<table width="778" align="center" class="bottom"><tr><td align="center">'
            f"{noise.footer(self.name, LABEL)}</td></tr></table>\n</body></html>"
        )

    def _article(self, post: Post, ordered: list[Post]) -> str:
        body = "<br>\n".join(f"　　{esc(p)}<br>" for p in post.paragraphs)
        i = ordered.index(post)
        newer = ordered[i - 1] if i > 0 else None
        older = ordered[i + 1] if i + 1 < len(ordered) else None
        prev_link = f'<a href="{self.path(older)}">{esc(older.title)}</a>' if older else "没有了"
        next_link = f'<a href="{self.path(newer)}">{esc(newer.title)}</a>' if newer else "没有了"
        related = "".join(
            f'<li><a href="{self.path(p)}">{esc(p.title)}</a></li>'
            for p in ordered
            if p.on_topic and p.key != post.key
        )
        credit = post.credit_line or "来源：本站原创"
        when = post.published
        shown = f"{when.year}-{when.month}-{when.day} {when:%H:%M:%S}"
        tools = "【发表评论】【加入收藏】【告诉好友】【打印此文】【关闭窗口】"
        main = (
            '<table width="778" border="0" align="center" cellpadding="0" cellspacing="0">'
            '<tr><td class="dh">您现在的位置： <a href="/">首页</a> &gt;&gt; '
            f'<a href="{self.list_path(1)}">法治在线</a> &gt;&gt; 正文</td></tr>'
            '<tr><td class="biaoti" height="50" align="center"><font style="font-size:20px">'
            f"<b>{esc(post.title)}</b></font></td></tr>"
            f'<tr><td align="center" class="hui">作者：佚名　　文章{esc(credit)}　　点击数：'
            f'<script language="javascript" src="/Count.asp?ArticleID={post.num}"></script>'
            f"　　更新时间：{shown}</td></tr>"
            '<tr><td><hr size="1" color="#cccccc"></td></tr>'
            '<tr><td class="wz" id="ArticleCnt" style="font-size:14px;line-height:180%">'
            f"{body}</td></tr>"
            '<tr><td align="right">【<a href="#">发表评论</a>】【<a href="#">加入收藏</a>】'
            '【<a href="#">告诉好友</a>】'
            f'【<a href="/Print.asp?ArticleID={post.num}">打印此文</a>】'
            '【<a href="javascript:window.close();">关闭窗口</a>】</td></tr>'
            f"<tr><td>上一篇文章：{prev_link}<br>下一篇文章：{next_link}</td></tr>"
            f'<tr><td class="xgwz"><b>相关文章</b><ul>{related}</ul></td></tr></table>'
        )
        url = self.url(self.path(post))
        self.note_chrome(url, f"文章{credit}", tools, "上一篇文章", "下一篇文章")
        return self._doc(f"{post.title}_{LABEL}", main)

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        ordered = newest_first(posts)
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._article(post, ordered))])
        pages = chunks(ordered, PER_PAGE)
        for n, chunk in enumerate(pages, 1):
            rows = "".join(
                f'<tr><td>·<a href="{self.path(p)}" target="_blank">{esc(p.title)}</a></td>'
                f'<td align="right">{p.posted.month}-{p.posted.day}</td></tr>'
                for p in chunk
            )
            nav = " ".join(
                f'<a href="{self.list_path(k)}">[{k}]</a>' if k != n else f"<b>[{k}]</b>"
                for k in range(1, len(pages) + 1)
            )
            total = f"共 {len(ordered)} 篇文章 页次：{n}/{len(pages)}页 {nav}"
            main = (
                f'<table width="778" align="center"><tr><td class="lm">法治在线</td></tr>{rows}'
                f'<tr><td colspan="2" align="center">{total}</td></tr></table>'
            )
            self.add_page(
                build, self.list_path(n), self._doc(f"法治在线_{LABEL}", main), latest(chunk)
            )
        rows = "".join(
            f'<tr><td>·<a href="{self.path(p)}">{esc(p.title)}</a></td></tr>' for p in ordered[:6]
        )
        main = f'<table width="778" align="center"><tr><th>最新文章</th></tr>{rows}</table>'
        self.add_page(build, "/", self._doc(LABEL, main), latest(posts))
        build.pages["/Index.asp"] = build.pages["/"]
        return build
