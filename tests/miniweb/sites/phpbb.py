"""A phpBB 3.3 (prosilver) forum: copied articles posted as topics.

The page's ``<h1>`` is the board name; the topic title is an ``<h2 class="topic-title">``.
Each post is ``div.post > div.postbody > div.content`` with ``div.signature`` after it;
lines are ``<br>``-separated.  Topics longer than 15 posts continue at ``&start=15``
(replies only); post permalinks ``viewtopic.php?p=N`` serve the page holding the post, and
every link carries a session id as phpBB prints for cookie-less visitors.
"""

from __future__ import annotations

from datetime import timedelta

from crawler.demoweb.records import Post, SiteBuild
from crawler.demoweb.textops import attr, esc, pick, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import MiniSite, chunks, latest, newest_first

LABEL = "江湖茶馆"
FORUMS = {2: "时事杂谈", 5: "生活休闲"}
PER_PAGE = 15
TOPICS_PER_PAGE = 4
USERS = ("老茶客", "东湖边", "夜航船", "阿福", "江城小李", "半杯清茶", "风吹麦浪", "Tony2019")


def sid(seed: str) -> str:
    return f"{stable_int('sid', seed):016x}{stable_int('sid2', seed):016x}"


class PhpbbSite(MiniSite):
    name = "phpbb"
    label = LABEL
    validators = ("last-modified",)
    server = "Apache"
    query_keys = frozenset({"f", "t", "p", "start"})

    def disallowed(self) -> list[str]:
        return [
            "/ucp.php", "/posting.php", "/search.php", "/memberlist.php", "/report.php",
            "/viewonline.php", "/mcp.php",
        ]  # fmt: skip

    def forum(self, post: Post) -> int:
        """News-like topics in 时事杂谈, members' own threads in 生活休闲."""
        if post.on_topic:
            return 2
        return 5 if self.content.offtopic(post.key).kind == "forum-thread" else 2

    def topic(self, post: Post) -> int:
        return 100 + post.num

    def topic_key(self, post: Post, start: int = 0) -> str:
        params = {"t": str(self.topic(post))} | ({"start": str(start)} if start else {})
        return self.key("/viewtopic.php", params)

    def href(self, key: str, seed: str) -> str:
        """Links as phpBB prints them for a visitor without cookies: ./path&sid=…"""
        sep = "&amp;" if "?" in key else "?"
        return f".{esc(key)}{sep}sid={sid(seed)}"

    def forum_key(self, fid: int, start: int = 0) -> str:
        params = {"f": str(fid)} | ({"start": str(start)} if start else {})
        return self.key("/viewforum.php", params)

    def _page_href(self, fid: int, page: int) -> str:
        return self.href(self.forum_key(fid, page * TOPICS_PER_PAGE), "f")

    def _doc(self, title: str, main: str, head: str = "") -> str:
        return (
            '<!DOCTYPE html><html dir="ltr" lang="zh-cmn-hans"><head><meta charset="utf-8">'
            f'<meta http-equiv="X-UA-Compatible" content="IE=edge"><title>{esc(title)}</title>'
            f'{head}<link href="./styles/prosilver/theme/stylesheet.css?assets_version=42" '
            'rel="stylesheet"></head><body id="phpbb" class="nojs notouch section-viewtopic ltr">'
            '<div id="wrap" class="wrap"><div id="page-header"><div class="headerbar" '
            'role="banner"><div class="inner"><div id="site-description" class="site-description">'
            f'<a id="logo" class="logo" href="./index.php" title="首页"></a><h1>{LABEL}</h1>'
            "<p>一个有温度的本地生活论坛</p></div></div></div>"
            '<div class="navbar" role="navigation"><ul class="nav-main linklist">'
            '<li><a href="./faq.php" rel="help">常见问题</a></li>'
            '<li><a href="./ucp.php?mode=login" title="登录">登录</a></li>'
            '<li><a href="./ucp.php?mode=register">注册</a></li>'
            '<li><a href="./search.php?search_id=active_topics">活跃主题</a></li></ul></div></div>'
            f'<div id="page-body" class="page-body" role="main">{main}</div>'
            '<div id="page-footer" class="page-footer" role="contentinfo"><div class="copyright">'
            'Powered by <a href="https://www.phpbb.com/">phpBB</a>® Forum Software © phpBB Limited'
            f"<br>简体中文语言包 © phpBB中文社区</div></div></div>{noise.script(self.name, 1500)}"
            "</body></html>"
        )

    def _post(self, post: Post, pid: int, user: str, subject: str, text: str, when) -> str:
        uid = 50 + stable_int("uid", user) % 900
        sig = pick(self.content.core.chrome.signatures, "sig", user)
        return (
            f'<div id="p{pid}" class="post has-profile bg{1 + pid % 2}"><div class="inner">'
            f'<dl class="postprofile" id="profile{pid}"><dt class="has-profile-rank">'
            f'<a href="./memberlist.php?mode=viewprofile&amp;u={uid}" class="username">'
            f'{esc(user)}</a></dt><dd class="profile-rank">高级会员</dd>'
            f"<dd><strong>帖子:</strong> {stable_int('posts', user) % 3000}</dd></dl>"
            f'<div class="postbody"><div id="post_content{pid}">'
            f'<h3><a href="./viewtopic.php?p={pid}#p{pid}">{esc(subject)}</a></h3>'
            f'<ul class="post-buttons"><li><a href="./posting.php?mode=quote&amp;p={pid}" '
            'class="button">引用</a></li><li><a href="./report.php?p='
            f'{pid}" class="button">举报</a></li></ul>'
            f'<p class="author"><span class="responsive-hide">由 <strong>{esc(user)}</strong> » '
            f"</span>{when.year}年 {when.month}月 {when.day}日, {when:%H:%M}</p>"
            f'<div class="content">{text}</div>'
            f'<div id="sig{pid}" class="signature">{esc(sig)}</div></div></div>'
            '<div class="back2top"><a href="#top" class="top" title="返回顶部">↑</a></div>'
            "</div></div>"
        )

    def _thread(self, post: Post, build: SiteBuild) -> None:
        chrome = self.content.core.chrome
        op = pick(USERS, "op", post.key)
        lines = ([post.credit_line] if post.credit_line else []) + list(post.paragraphs)
        first = "<br><br>".join(esc(x) for x in lines)
        n_replies = 3 + stable_int("replies", post.key) % 16 if post.on_topic else 4
        base_pid = 7000 + post.num * 20
        posts = [(base_pid, op, post.title, first, post.posted)]
        for i in range(n_replies):
            user = pick(USERS, "ru", post.key, i)
            text = esc(pick(chrome.forum_replies, "rt", post.key, i))
            if i == 1 and post.on_topic:  # a reply quoting the opening lines
                quoted = esc(post.paragraphs[0][:60])
                text = (
                    f"<blockquote><div><cite>{esc(op)} 写道:</cite>{quoted}……</div></blockquote>"
                    f"{esc(pick(chrome.comments, 'qc', post.key).text)}"
                )
            when = post.posted + timedelta(minutes=23 * (i + 1))
            posts.append((base_pid + i + 1, user, f"Re: {post.title}", text, when))
        pages = chunks(posts, PER_PAGE)
        canonical = self.url(self.topic_key(post))
        rendered = []
        for n, chunk in enumerate(pages):
            body = "".join(self._post(post, pid, u, s, t, w) for pid, u, s, t, w in chunk)
            items = []
            for k in range(len(pages)):
                key = self.topic_key(post, k * PER_PAGE)
                items.append(
                    f'<li class="active"><span>{k + 1}</span></li>'
                    if k == n
                    else f'<li><a class="button" href="{self.href(key, post.key)}">{k + 1}</a></li>'
                )
            if n + 1 < len(pages):
                key = self.topic_key(post, (n + 1) * PER_PAGE)
                items.append(
                    f'<li class="arrow next"><a class="button" href="{self.href(key, post.key)}" '
                    'rel="next"><span class="sr-only">下一页</span></a></li>'
                )
            pagination = (
                f'<div class="pagination">{len(posts)} 个帖子 • 第 {n + 1} 页 (共 {len(pages)} 页)'
                f"<ul>{''.join(items)}</ul></div>"
            )
            forum = FORUMS[self.forum(post)]
            back = self.href(self.forum_key(self.forum(post)), "f")
            main = (
                f'<h2 class="topic-title"><a href="{self.href(self.topic_key(post), post.key)}">'
                f"{esc(post.title)}</a></h2>"
                f'<div class="action-bar bar-top"><a href="./posting.php?mode=reply&amp;t='
                f'{self.topic(post)}" class="button">发表回复</a>{pagination}</div>{body}'
                f'<div class="action-bar bar-bottom">{pagination}</div>'
                f'<p class="jumpbox-return"><a href="{back}" class="left-box arrow-left">'
                f"返回 “{forum}”</a></p>"
            )
            head = f'<link rel="canonical" href="{attr(canonical)}">'
            rendered.append(
                (
                    self.topic_key(post, n * PER_PAGE),
                    self._doc(f"{post.title} - {LABEL}", main, head),
                )
            )
        self.add_article(build, post, rendered[:1], extra=rendered[1:])
        for n, chunk in enumerate(pages):
            for pid, *_ in chunk:
                key = self.key("/viewtopic.php", {"p": str(pid)})
                build.pages[key] = build.pages[rendered[n][0]]
        sigs = {pick(chrome.signatures, "sig", u) for _, u, *_ in posts}
        self.note_chrome(self.url(self.topic_key(post)), post.credit_line or "", *sigs, "写道:")

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        for post in posts:
            self._thread(post, build)
        rows = []
        for fid, forum in FORUMS.items():
            topics = newest_first([p for p in posts if self.forum(p) == fid])
            pages = chunks(topics, TOPICS_PER_PAGE)
            for n, chunk in enumerate(pages):
                items = "".join(
                    f'<li class="row"><dl class="row-item topic_read"><dt><div class="list-inner">'
                    f'<a href="{self.href(self.topic_key(p), p.key)}" class="topictitle">'
                    f"{esc(p.title)}</a><br>由 {esc(pick(USERS, 'op', p.key))} » "
                    f"{p.posted:%Y-%m-%d %H:%M}</div></dt></dl></li>"
                    for p in chunk
                )
                pager = "".join(
                    f'<li><a class="button" href="{self._page_href(fid, k)}">{k + 1}</a></li>'
                    if k != n
                    else f'<li class="active"><span>{k + 1}</span></li>'
                    for k in range(len(pages))
                )
                main = (
                    f'<h2 class="forum-title">{forum}</h2><div class="pagination"><ul>{pager}</ul>'
                    f'</div><div class="forumbg"><ul class="topiclist topics">{items}</ul></div>'
                )
                key = self.forum_key(fid, n * TOPICS_PER_PAGE)
                self.add_page(build, key, self._doc(f"{forum} - {LABEL}", main), latest(chunk))
            rows.append(
                f'<li class="row"><a href="{self._page_href(fid, 0)}" class="forumtitle">'
                f"{forum}</a> 主题: {len(topics)}</li>"
            )
        main = f'<div class="forabg"><ul class="topiclist forums">{"".join(rows)}</ul></div>'
        self.add_page(build, "/index.php", self._doc(f"{LABEL} - 首页", main), latest(posts))
        build.pages["/"] = build.pages["/index.php"]
        return build
