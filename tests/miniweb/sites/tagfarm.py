"""An SEO farm with a search box and a tag cloud of hundreds of tag pages.

Posts (``/post/N.html``, Typecho-like markup) open with an inline "本文来自…" line and carry
5-8 tags; every one of the 300 tags has a page (``/tag/<tag>/``) with a 40-tag cloud, and
"热门搜索" links lead to ``/search?q=…`` pages whose "相关搜索" invent ever new queries.
Comment reply links (``?replytocom=``) are excluded by a wildcard robots rule.
"""

from __future__ import annotations

from urllib.parse import quote

from crawler.demoweb.records import Page, Post, SiteBuild
from crawler.demoweb.textops import esc, pick, stable_int
from tests.miniweb import noise
from tests.miniweb.sites.base import EPOCH, MiniSite, latest, newest_first

LABEL = "知识百科网"
PER_SEARCH = 5


class TagFarmSite(MiniSite):
    name = "tagfarm"
    label = LABEL
    query_keys = frozenset({"q", "page"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.posts: list[Post] = []
        ex = self.content.extras
        self.vocab = [s + x for x in ex.tag_suffixes for s in ex.tag_subjects]

    def disallowed(self) -> list[str]:
        return ["/go/", "/admin/", "/*?replytocom="]

    def trap_prefixes(self) -> dict[str, str]:
        return {"tag pages": "/tag/", "search pages": "/search"}

    @staticmethod
    def path(post: Post) -> str:
        return f"/post/{post.num}.html"

    @staticmethod
    def tag_path(tag: str) -> str:
        return f"/tag/{quote(tag)}/"

    def search_key(self, q: str, page: int = 1) -> str:
        return self.key("/search", {"q": q} | ({"page": str(page)} if page > 1 else {}))

    def search_href(self, q: str, page: int = 1) -> str:
        tail = f"&amp;page={page}" if page > 1 else ""
        return f"/search?q={quote(q)}{tail}"

    def subject(self, tag: str) -> str:
        return max((s for s in self.content.extras.tag_subjects if tag.startswith(s)), key=len)

    def tags_of(self, post: Post) -> list[str]:
        text = post.title + "".join(post.paragraphs)
        subjects = [s for s in self.content.extras.tag_subjects if s in text][:6] or ["隐私"]
        suffixes = self.content.extras.tag_suffixes
        return [s + pick(suffixes, "sfx", post.key, s) for s in subjects]

    def _cloud(self, seed: str, count: int) -> str:
        tags = noise.pick_many(self.vocab, count, "cloud", seed)
        return "".join(f'<a href="{self.tag_path(t)}" class="tag-link">{esc(t)}</a>' for t in tags)

    def _doc(self, title: str, main: str, seed: str) -> str:
        hot = noise.pick_many(self.vocab, 8, "hot", seed)
        searches = "".join(f'<a href="{self.search_href(q)}">{esc(q)}</a>' for q in hot)
        return (
            '<!DOCTYPE html><html><head><meta charset="UTF-8">'
            f'<title>{esc(title)}</title><meta name="generator" content="Typecho 1.2.1">'
            f'{noise.stylesheet(self.name, 25)}</head><body><header id="header">'
            f'<a id="logo" href="/">{LABEL}</a><form id="search" method="get" action="/search">'
            '<input type="text" name="q" placeholder="输入关键字搜索"></form>'
            f'<div class="hot-search">热门搜索：{searches}</div></header>'
            f'<div id="body"><div id="main">{main}</div><div id="secondary">'
            f'<section class="widget"><h3 class="widget-title">标签云</h3>{self._cloud(seed, 40)}'
            "</section></div></div>"
            f'<footer id="footer">{noise.footer(self.name, LABEL)}</footer></body></html>'
        )

    def _post(self, post: Post, ordered: list[Post]) -> str:
        i = ordered.index(post)
        newer = ordered[i - 1] if i > 0 else None
        older = ordered[i + 1] if i + 1 < len(ordered) else None
        prev = f'<a href="{self.path(older)}">{esc(older.title)}</a>' if older else "没有了"
        nxt = f'<a href="{self.path(newer)}">{esc(newer.title)}</a>' if newer else "没有了"
        credit = f"<p>{esc(post.credit_line)}</p>" if post.credit_line else ""
        body = credit + "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        tags = "，".join(f'<a href="{self.tag_path(t)}">{esc(t)}</a>' for t in self.tags_of(post))
        comments = noise.pick_many(self.content.core.chrome.comments, 2, "tc", post.key)
        thread = "".join(
            f'<li id="li-comment-{post.num * 10 + k}" class="comment-body">'
            '<div class="comment-author">'
            f'<cite>{esc(c.user)}</cite></div><div class="comment-content"><p>{esc(c.text)}</p>'
            f'</div><div class="comment-reply"><a href="{self.path(post)}?replytocom='
            f'{post.num * 10 + k}" rel="nofollow">回复</a></div></li>'
            for k, c in enumerate(comments)
        )
        main = (
            '<article class="post" itemscope itemtype="http://schema.org/BlogPosting">'
            f'<h1 class="post-title" itemprop="name headline">{esc(post.title)}</h1>'
            '<ul class="post-meta"><li>作者: admin</li>'
            f'<li>时间: <time datetime="{post.published:%Y-%m-%dT%H:%M:%S}+08:00">'
            f"{post.published:%Y-%m-%d}</time></li><li>分类: 法律常识</li></ul>"
            f'<div class="post-content" itemprop="articleBody">{body}</div>'
            f'<p itemprop="keywords" class="tags">标签: {tags}</p>'
            f'<p class="source-link">原文链接：<a href="/go/?url={stable_int("go", post.key):x}">'
            "点击查看</a></p></article>"
            f'<ul class="post-near"><li>上一篇: {prev}</li><li>下一篇: {nxt}</li></ul>'
            f'<div id="comments"><h3>已有 {len(comments)} 条评论</h3><ol class="comment-list">'
            f"{thread}</ol></div>"
        )
        self.note_chrome(
            self.url(self.path(post)),
            post.credit_line or "",
            "原文链接",
            *(c.text for c in comments),
        )
        return self._doc(f"{post.title} - {LABEL}", main, post.key)

    def build(self, posts: list[Post]) -> SiteBuild:
        build = self.new_build()
        self.posts = list(posts)
        ordered = newest_first(posts)
        for post in posts:
            self.add_article(build, post, [(self.path(post), self._post(post, ordered))])
        items = "".join(
            f'<article class="post"><h2 class="post-title"><a href="{self.path(p)}">'
            f"{esc(p.title)}</a></h2><p>{esc(p.summary)}</p></article>"
            for p in ordered
        )
        main = (
            f'{items}<section class="all-tags"><h3>热门标签</h3>{self._cloud("home", 60)}</section>'
        )
        self.add_page(build, "/", self._doc(LABEL, main, "home"), latest(posts))
        return build

    def _list(self, title: str, found: list[Post], extra: str, seed: str) -> Page:
        items = "".join(
            f'<li><a href="{self.path(p)}">{esc(p.title)}</a><p>{esc(p.summary)}</p></li>'
            for p in found
        )
        items = items or "<li>没有找到内容</li>"
        main = f'<h1 class="archive-title">{esc(title)}</h1><ul>{items}</ul>{extra}'
        return Page(
            self.encode(self._doc(f"{title} - {LABEL}", main, seed)),
            self.content_type,
            EPOCH,
            "list",
        )

    def dynamic(self, path: str, params: dict[str, str]) -> Page | None:
        if path.startswith("/tag/"):
            tag = path.removeprefix("/tag/").strip("/")
            if tag not in self.vocab:
                return None
            subject = self.subject(tag)
            found = [
                p for p in newest_first(self.posts) if subject in p.title + "".join(p.paragraphs)
            ]
            return self._list(f"标签 {tag} 下的文章", found[:8], "", tag)
        if path == "/search":
            q = params.get("q", "").strip()
            page = int(params["page"]) if params.get("page", "").isdigit() else 1
            found = [
                p for p in newest_first(self.posts) if q and q in p.title + "".join(p.paragraphs)
            ]
            shown = found[(page - 1) * PER_SEARCH : page * PER_SEARCH]
            related = [
                q + s for s in noise.pick_many(self.content.extras.tag_suffixes, 10, "rs", q) if s
            ]
            extra = "".join(f'<a href="{self.search_href(r)}">{esc(r)}</a>' for r in related)
            extra = f'<div class="related-search">相关搜索：{extra}</div>'
            if len(found) > page * PER_SEARCH:
                extra += f'<a href="{self.search_href(q, page + 1)}" class="next">下一页</a>'
            return self._list(f"“{q}”的搜索结果", shown, extra, "s" + q)
        return None
