"""A Discuz!-style forum: copied articles posted as threads, followed by replies.

The first post carries the article (lines separated by ``<br />`` as Discuz renders them);
replies (沙发, 板凳, numbered floors), user panels and signatures are chrome.  Long threads
continue on a second page that holds only replies.  ``/`` and ``/forum.php`` both serve the index.
"""

from __future__ import annotations

from datetime import timedelta

from crawler.demoweb import chrome
from crawler.demoweb.records import Page, Post, SiteBuild
from crawler.demoweb.sites.base import EPOCH, Site, latest, newest_first, paginate
from crawler.demoweb.textops import esc, pick, stable_int

SITE_NAME = "大众论坛"
BOARDS = {2: "新闻杂谈", 37: "摄影器材", 41: "灌水乐园"}
FLOOR_NAMES = {2: "沙发", 3: "板凳", 4: "地板"}
REPLIES_PER_PAGE = 8
THREADS_PER_PAGE = 5
USERS = (
    "风过无痕", "老张说事", "小猪佩奇爸", "南山南", "路人甲乙丙", "深圳打工人", "一只鱼",
    "键盘侠007", "阿杰", "晴天娃娃", "吃瓜群众", "法律小白",
)  # fmt: skip


class ForumSite(Site):
    name = "forum"
    server = "Apache/2.4.6 (CentOS) PHP/7.2.34"

    def disallowed(self) -> list[str]:
        return [
            "/api/", "/data/", "/static/", "/admin.php", "/search.php", "/member.php",
            "/forum.php?mod=post", "/home.php?mod=spacecp",
        ]  # fmt: skip

    def board(self, post: Post) -> int:
        """News-like threads (copies, near-misses) in 新闻杂谈, chatter in the other boards."""
        kinds = {o.id: o.kind for o in self.content.offtopic}
        if post.on_topic or kinds.get(post.key, "").startswith("near-miss"):
            return 2
        return 37 if post.num % 2 else 41

    def dynamic(self, path: str, query: str):
        """Discuz answers post/login actions with a login prompt (robots.txt forbids them)."""
        if (path == "/forum.php" and query.startswith("mod=post")) or path == "/member.php":
            notice = (
                '<div class="alert_info"><p>您需要先登录才能继续本操作</p><p>'
                '<a href="/member.php?mod=logging&amp;action=login">登录</a></p></div>'
            )
            html = self._doc("提示信息", "提示信息", notice)
            return Page(self.encode(html), self.content_type, EPOCH, "other")
        return super().dynamic(path, query)

    @staticmethod
    def thread_path(post: Post, page: int = 1) -> str:
        return f"/thread-{post.num}-{page}-1.html"

    @staticmethod
    def board_path(fid: int, page: int = 1) -> str:
        return f"/forum-{fid}-{page}.html"

    @staticmethod
    def uid(user: str) -> int:
        return 10000 + stable_int("uid", user) % 90000

    def _doc(self, title: str, crumbs: str, main: str) -> str:
        boards = "".join(
            f'<li><a href="{self.board_path(f)}">{b}</a></li>' for f, b in BOARDS.items()
        )
        return chrome.page(
            f"<title>{esc(title)} - {SITE_NAME} - Powered by Discuz!</title>\n"
            '<meta name="generator" content="Discuz! X3.4">\n'
            "<script>var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', "
            "VERHASH = 'Xa3', charset = 'utf-8', discuz_uid = '0', cookiepre = 'dz_', "
            "cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', "
            "disallowfloat = 'newthread', creditnotice = '1|威望|,2|金钱|,3|贡献|';</script>\n"
            f"{chrome.css('forum', 40)}{chrome.minified_js('discuz', 12000)}",
            f'<div id="toptb" class="cl"><div class="z">{self.bench_link("专题")}</div><div '
            'class="y">'
            '<a href="/member.php?mod=register">立即注册</a> <a href="/member.php?mod=logging&amp;'
            'action=login">登录</a></div></div>'
            f'<div id="hd"><h2><a href="/forum.php" title="{SITE_NAME}">{SITE_NAME}</a></h2>'
            f'<ul id="nv">{boards}</ul></div>'
            f'<div id="pt" class="bm cl"><div class="z"><a href="/forum.php">{SITE_NAME}</a> '
            f'<em>›</em> {crumbs}</div></div><div id="ct" class="wp cl">{main}</div>'
            f'<div id="ft" class="wp cl">{chrome.footer("forum", SITE_NAME)}'
            "<p>Powered by <strong>Discuz!</strong> X3.4 © 2001-2024 Tencent Cloud.</p></div>"
            f"{chrome.analytics('forum')}",
        )

    def _user_panel(self, user: str) -> str:
        uid = self.uid(user)
        n = stable_int("panel", user)
        return (
            f'<td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="/home.php?'
            f'mod=space&amp;uid={uid}" class="xw1">{esc(user)}</a></div></div><div class="avatar">'
            f'<img src="/uc_server/avatar.php?uid={uid}&amp;size=middle"></div><dl class="pil cl">'
            f"<dt>主题</dt><dd>{n % 300}</dd><dt>帖子</dt><dd>{n % 5000}</dd><dt>积分</dt>"
            f"<dd>{n % 20000}</dd><dt>注册时间</dt><dd>20{10 + n % 14}-{1 + n % 12}-{1 + n % 28}"
            "</dd>"
            "</dl></td>"
        )

    def _post(self, pid: int, floor: int, user: str, when, message: str, sign: str) -> str:
        label = "楼主" if floor == 1 else FLOOR_NAMES.get(floor, f"{floor}<sup>#</sup>")
        when_text = f"{when.year}-{when.month}-{when.day} {when:%H:%M}"
        return (
            f'<div id="post_{pid}"><table id="pid{pid}" class="plhin" cellspacing="0" '
            f'cellpadding="0"><tr>{self._user_panel(user)}<td class="plc"><div class="pi">'
            f'<strong><a href="javascript:;" id="postnum{pid}">{label}</a></strong>'
            f'<div class="pti"><div class="authi"><em id="authorposton{pid}">发表于 {when_text}'
            "</em>"
            '</div></div></div><div class="pct"><div class="pcb"><div class="t_fsz"><table '
            f'cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">{message}'
            '</td></tr></table></div></div></div></td></tr><tr><td class="plc plm">'
            f'<div class="sign">{esc(sign)}</div><div class="po"><a href="/forum.php?mod=post&amp;'
            f'action=reply&amp;tid={pid // 100}&amp;repquote={pid}">回复</a> '
            '<a href="javascript:;">支持</a> <a href="javascript:;">反对</a></div></td></tr>'
            "</table></div>"
        )

    def _thread(self, post: Post) -> list[tuple[str, str]]:
        ch = self.content.chrome
        op = pick(USERS, "op", post.key)
        lines = [esc(p) for p in post.paragraphs]
        if post.credit_line:
            lines.append(esc(post.credit_line))
        message = "<br />\n".join(lines)
        if stable_int("edited", post.key) % 2:
            message = (
                f'<i class="pstatus"> 本帖最后由 {esc(op)} 于 {post.published:%Y-%m-%d %H:%M} '
                "编辑 </i><br />\n" + message
            )
        count = 3 + stable_int("replies", post.key) % 11
        texts = list(ch.forum_replies) + [c.text for c in ch.comments]
        replies = []
        when = post.posted.replace(second=0, microsecond=0)
        for i in range(count):
            user = USERS[(stable_int("ru", post.key, i) + i) % len(USERS)]
            when += timedelta(minutes=3 + stable_int("rt", post.key, i) % 50)
            replies.append((user, when, esc(texts[(stable_int("rx", post.key, i)) % len(texts)])))
        first = self._post(post.num * 100, 1, op, post.published, message, pick(ch.signatures, op))
        posts_html = [first] + [
            self._post(post.num * 100 + i + 2, i + 2, u, w, m, pick(ch.signatures, u))
            for i, (u, w, m) in enumerate(replies)
        ]
        per_page = [posts_html[: REPLIES_PER_PAGE + 1]]
        if len(posts_html) > REPLIES_PER_PAGE + 1:
            per_page.append(posts_html[REPLIES_PER_PAGE + 1 :])
        out = []
        fid = self.board(post)
        for n, chunk in enumerate(per_page, 1):
            pager = ""
            if len(per_page) > 1:
                links = "".join(
                    f'<a href="{self.thread_path(post, k)}">{k}</a>'
                    if k != n
                    else f"<strong>{k}</strong>"
                    for k in range(1, len(per_page) + 1)
                )
                pager = f'<div class="pg">{links}</div>'
            header = (
                f'<div id="postlist" class="pl bm"><table cellspacing="0" cellpadding="0"><tr>'
                f'<td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">查看:</span> '
                f'<span class="xi1">{chrome.views("f" + post.key, 100, 30000)}</span><span '
                'class="pipe">'
                f'|</span><span class="xg1">回复:</span> <span class="xi1">{count}</span></div>'
                "</td>"
                f'<td class="plc ptm pbn vwthd"><h1 class="ts"><span id="thread_subject">'
                f"{esc(post.title)}</span></h1></td></tr></table>"
            )
            main = f"{pager}{header}{''.join(chunk)}</div>{pager}"
            crumbs = (
                f'<a href="{self.board_path(fid)}">{BOARDS[fid]}</a> <em>›</em> {esc(post.title)}'
            )
            out.append((self.thread_path(post, n), self._doc(post.title, crumbs, main)))
        return out

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        for post in posts:
            pages = self._thread(post)
            self.add_article(build, post, pages[:1], extra=pages[1:])
        ordered = newest_first(posts)
        rows = []
        for fid, name in BOARDS.items():
            members = [p for p in ordered if self.board(p) == fid]
            chunks = paginate(members, THREADS_PER_PAGE)
            for n, chunk in enumerate(chunks, 1):
                items = "".join(
                    f'<tbody id="normalthread_{p.num}"><tr><th class="new"><a href="'
                    f'{self.thread_path(p)}" class="s xst">{esc(p.title)}</a></th><td class="by">'
                    f"<cite>{esc(pick(USERS, 'op', p.key))}</cite><em><span>{p.published:%Y-%m-%d}"
                    '</span></em></td><td class="num"><a '
                    f'class="xi2">{3 + stable_int("replies", p.key) % 11}'
                    f"</a><em>{chrome.views('f' + p.key, 100, 30000)}</em></td></tr></tbody>"
                    for p in chunk
                )
                pg = "".join(
                    f'<a href="{self.board_path(fid, k)}">{k}</a>'
                    if k != n
                    else f"<strong>{k}</strong>"
                    for k in range(1, len(chunks) + 1)
                )
                main = f'<table id="threadlisttableid" class="tl">{items}</table>'
                main += f'<div class="pg">{pg}</div>'
                html = self._doc(name, name, main)
                self.add_page(build, self.board_path(fid, n), html, latest(chunk, latest(posts)))
            last = members[0] if members else None
            rows.append(
                f'<tr><td class="fl_g"><h2><a href="{self.board_path(fid)}">{name}</a></h2>'
                f"<p>主题: {len(members)}</p></td><td>"
                + (f'<a href="{self.thread_path(last)}">{esc(last.title)}</a>' if last else "从未")
                + "</td></tr>"
            )
        index = self._doc("论坛首页", "论坛", f'<table class="fl_tb">{"".join(rows)}</table>')
        # Like Discuz's index.php, "/" serves the forum index itself (no redirect).
        self.add_page(build, "/", index, latest(posts))
        self.add_page(build, "/forum.php", index, latest(posts))
        for user in USERS:
            sign = esc(pick(self.content.chrome.signatures, user))
            card = f"<h2>{esc(user)}</h2><p>UID: {self.uid(user)}</p><p>签名：{sign}</p>"
            profile = self._doc(f"{user}的个人资料", "个人资料", card)
            self.add_page(
                build, f"/home.php?mod=space&uid={self.uid(user)}", profile, latest(posts)
            )
        return build
