"""Benchmark pages: many heavy (~100 KB) article pages generated on request.

Each page's text is a deterministic mixture of the content file's sentences (seeded by the
page number), so the pages are different documents that still look like the real topic
(every fifth one is built from off-topic sentences).  The surrounding chrome is deliberately
heavy, like real portals: a 200-link menu, a big tag cloud, bundled scripts and styles and
a comment block.  Nothing is stored: a page is rendered when asked for.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from functools import lru_cache

from crawler.demoweb import chrome
from crawler.demoweb.content import Content
from crawler.demoweb.records import Page, Post
from crawler.demoweb.textops import esc, stable_int

BENCH_SITES = ("wpfarm", "gbkportal", "splitfarm", "aggregator", "mirror")
LIST_SIZE = 50
SUFFIXES = (
    "最新进展",
    "深度解读",
    "专家解读",
    "案例分析",
    "一文读懂",
    "权威发布",
    "律师说法",
    "评论",
)
_PATH = re.compile(r"^/zt/(\d+)\.html$")
_LIST = re.compile(r"^/zt/list_(\d+)\.html$")


def _sentences(texts) -> list[str]:
    out = []
    for text in texts:
        out += [s for s in re.findall(r"[^。！？]+[。！？]?", text) if len(s) > 8]
    return out


def bench_posts(content: Content, count: int) -> dict[str, list[Post]]:
    """Site -> its benchmark posts (page numbers are global and increasing)."""
    on = _sentences(p for s in content.stories for p in s.paragraphs)
    lead = [s for s in on if "换脸" in s] or on
    off = _sentences(p for o in content.offtopic for p in o.paragraphs) or on
    titles_on = [t for s in content.stories for t in s.alt_titles]
    titles_off = [o.title for o in content.offtopic] or titles_on
    start = datetime(2024, 6, 1, 8, 0)
    out: dict[str, list[Post]] = {s: [] for s in BENCH_SITES}
    for k in range(count):
        rng = random.Random(k)
        on_topic = k % 5 != 4
        pool = on if on_topic else off
        chosen = [rng.choice(lead)] if on_topic else []
        chosen += rng.sample(pool, min(len(pool), 14 if on_topic else 6))
        paragraphs = tuple(
            "".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3) if chosen[i : i + 3]
        )
        title = f"{rng.choice(titles_on if on_topic else titles_off)}｜{rng.choice(SUFFIXES)}"
        when = start + timedelta(minutes=37 * k)
        site = BENCH_SITES[k % len(BENCH_SITES)]
        key = f"b{k:05d}"
        out[site].append(
            Post(
                site=site,
                key=key,
                num=500000 + k,
                story_id=key if on_topic else None,
                on_topic=on_topic,
                title=title,
                paragraphs=paragraphs,
                published=when,
                posted=when,
                kind="bench",
                summary=paragraphs[0][:60],
            )
        )
    return out


@lru_cache(maxsize=16)
def _heavy_chrome(site: str) -> tuple[str, str]:
    """The (head, body-top) chrome of one site's benchmark template, built once."""
    menu = "".join(
        f'<li><a href="https://www.portal-example.com/{site}/c{i}/">'
        f"{chrome.SUBCHANNELS[i % len(chrome.SUBCHANNELS)]}{i // len(chrome.SUBCHANNELS) or ''}"
        "</a></li>"
        for i in range(200)
    )
    tags = chrome.tag_cloud(
        site + "bench", lambda t: f"https://www.portal-example.com/tag/{t}", 150
    )
    head = (
        chrome.css(site + "bench", 400) + chrome.minified_js(site, 45000) + chrome.analytics(site)
    )
    top = f'<div class="mega-menu"><ul>{menu}</ul></div><div class="tag-wall">{tags}</div>'
    return head, top


class BenchShard:
    """The benchmark pages one site serves, and their list pages."""

    def __init__(self, site: str, posts: list[Post], content: Content) -> None:
        self.site = site
        self.posts = posts
        self.content = content
        self._by_num = {p.num: p for p in posts}

    @staticmethod
    def path(post: Post) -> str:
        return f"/zt/{post.num}.html"

    @staticmethod
    def list_path(n: int) -> str:
        return f"/zt/list_{n}.html"

    def list_count(self) -> int:
        return max(1, -(-len(self.posts) // LIST_SIZE))

    def answer(self, site, path: str, query: str) -> Page | None:
        m = _PATH.match(path)
        if m and int(m.group(1)) in self._by_num:
            post = self._by_num[int(m.group(1))]
            return Page(
                site.encode(self.render(site, post)), site.content_type, post.posted, "article"
            )
        m = _LIST.match(path)
        if m and 1 <= int(m.group(1)) <= self.list_count():
            n = int(m.group(1))
            chunk = self.posts[(n - 1) * LIST_SIZE : n * LIST_SIZE]
            html = self.render_list(site, n, chunk)
            stamp = max((p.posted for p in chunk), default=datetime(2024, 1, 1))
            return Page(site.encode(html), site.content_type, stamp, "list")
        return None

    def _wrap(self, site, title: str, main: str, head: str = "") -> str:
        heavy_head, top = _heavy_chrome(self.site)
        return chrome.page(
            f"<title>{esc(title)}</title>\n{head}{heavy_head}",
            f'<header><a href="/">首页</a> <a href="{self.list_path(1)}">专题</a></header>{top}'
            f'<div class="zt-main">{main}</div><footer>{chrome.footer(self.site, self.site)}'
            "</footer>",
            charset="gbk" if site.charset == "gbk" else "utf-8",
        )

    def render(self, site, post: Post) -> str:
        comments = self.content.chrome.comments
        cmt = "".join(
            f"<li><b>{esc(comments[(post.num + i) % len(comments)].user)}{i}</b>"
            f"<p>{esc(comments[(post.num * 7 + i) % len(comments)].text)}</p>"
            f"<span>{stable_int('bz', post.num, i) % 999} 赞</span></li>"
            for i in range(30)
        )
        n = (post.num - 500000) // len(BENCH_SITES) // LIST_SIZE + 1
        main = (
            f'<div class="crumb"><a href="/">首页</a> &gt; <a href="{self.list_path(n)}">专题</a>'
            "</div>"
            f'<h1>{esc(post.title)}</h1><div class="info">{post.published:%Y-%m-%d %H:%M}</div>'
            f'<div class="zt-content">{"".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)}</div>'
            f'<div class="zt-comments"><h3>网友评论</h3><ul>{cmt}</ul></div>'
        )
        head = f'<link rel="canonical" href="{site.url(self.path(post))}">\n'
        return self._wrap(site, post.title, main, head)

    def render_list(self, site, n: int, chunk: list[Post]) -> str:
        items = "".join(
            f'<li><a href="{self.path(p)}">{esc(p.title)}</a><span>{p.published:%m-%d}</span></li>'
            for p in chunk
        )
        total = self.list_count()
        nav = "".join(
            f'<a href="{self.list_path(k)}">{k}</a>' for k in range(1, total + 1) if k != n
        )
        return self._wrap(
            site, f"专题 第{n}页", f'<ul class="zt-list">{items}</ul><div>{nav}</div>'
        )
