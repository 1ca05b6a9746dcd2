"""Seeded small webs, one site per class of issue 12 the crawler side must get right.

* ``perma``: articles at permalinks that look like page numbers (``/p/12``, ``/archives/23/``,
  ``/t20230801_123.html``, ``/?p=5`` …), with «/» to neighbouring posts and 首页 home.
* ``forum``: threads whose first post is an article and whose page 2 holds replies only.
* ``split``: articles split over 2-3 pages linked only by 下一页 (related or unrelated URLs,
  a short page 1), listed on an index paginated by 下一页.
* ``hub``: a site whose server sends no validators, with a topic page that carries an intro
  paragraph above its links (the kind of page misread as an article).

Phase 2 adds one new copy to each site, reachable the way re-crawls lose them: at the end
of the last list page (page 1 unchanged), on a new thread, behind the topic page.  Markup,
URL schemes and lengths are drawn from the seed; the text comes from ``tests.storygen``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape

from tests.storygen import generate
from tests.tinyweb import Served

PERMALINKS = (
    lambda n: f"/p/{n}",
    lambda n: f"/p/{n % 90 + 2}",
    lambda n: f"/archives/{n % 900 + 10}/",
    lambda n: f"/t20230801_{n % 900 + 10}.html",
    lambda n: f"/?p={n % 900 + 10}",
    lambda n: f"/{n % 900 + 10}/",
    lambda n: f"/news/2024-05-{n % 27 + 2:02d}.html",
    lambda n: f"/a/{n}_{n % 97}",
    lambda n: f"/s?id={n}",
)
THREADS = (
    lambda n, k: f"/thread-{n}-{k}-1.html",
    lambda n, k: f"/viewtopic.php?t={n}" + (f"&start={(k - 1) * 10}" if k > 1 else ""),
    lambda n, k: f"/t/{n}/{k}" if k > 1 else f"/t/{n}",
    lambda n, k: f"/p/{n}" + (f"?pn={k}" if k > 1 else ""),
)
SPLITS = (
    lambda n, k, r: f"/news/{n}.html" if k == 1 else f"/news/{n}_{k}.html",
    lambda n, k, r: f"/a/{n}/" if k == 1 else f"/a/{n}/{k}/",
    lambda n, k, r: f"/n/{r.randint(10000, 99999)}.html",  # URLs with nothing in common
    lambda n, k, r: f"/content/{r.randint(100000, 999999)}",
)


@dataclass
class Truth:
    articles: dict[str, str] = field(default_factory=dict)  # page-1 URL path -> body
    later_pages: set[str] = field(default_factory=set)  # pages 2+ of articles and threads
    non_articles: set[str] = field(default_factory=set)  # lists and topic pages
    pages: dict[str, list[str]] = field(default_factory=dict)  # split article -> its pages
    replies: dict[str, list[str]] = field(default_factory=dict)  # thread path -> replies
    new_in_phase2: list[tuple[str, str]] = field(default_factory=list)  # (site, path)


def _doc(title: str, body: str, rng: random.Random) -> str:
    nav = "".join(f"<a href='/c/{i}.html'>栏目{i}</a> " for i in range(rng.randint(3, 12)))
    return (
        f"<html><head><meta charset='utf-8'><title>{escape(title)}_站点{rng.randint(1, 9)}"
        f"</title></head><body><div class='top'><a href='/'>首页</a> {nav}</div>{body}"
        "<div class='foot'>版权所有 © 2024</div></body></html>"
    )


def body_html(paragraphs, rng: random.Random) -> str:
    """The article text in one of four layouts sites use: <p>, <br> runs in a <div> or a
    <td>, <span> fragments in a <section>."""
    paras = [escape(p) for p in paragraphs]
    layout = rng.choice(("p", "br-div", "br-td", "span"))
    if layout == "p":
        return "<div class='content'>" + "".join(f"<p>{p}</p>" for p in paras) + "</div>"
    if layout == "br-div":
        return "<div id='text'>" + "<br><br>\n".join(paras) + "</div>"
    if layout == "br-td":
        return "<table><tr><td class='t'>" + "<br>\n".join(paras) + "</td></tr></table>"
    return "<section>" + "".join(f"<span>{p}</span><br>" for p in paras) + "</section>"


def _list(items: list[tuple[str, str]], pager: str = "") -> str:
    rows = "".join(f"<li><a href='{href}'>{escape(title)}</a></li>" for href, title in items)
    return f"<ul class='list'>{rows}</ul>{pager}"


def perma_site(stories, rng: random.Random, truth: Truth) -> tuple[dict, dict]:
    scheme = rng.choice(PERMALINKS)
    base = rng.randint(1000, 99_999_999)
    paths = [scheme(base + 7 * i) for i in range(len(stories))]
    pages: dict[str, str] = {}
    for i, story in enumerate(stories):
        prev_p, next_p = paths[i - 1], paths[(i + 1) % len(paths)]
        arrows = rng.choice((("«", "»"), ("‹", "›"), ("&lt;", "&gt;")))
        post_nav = f"<a href='{prev_p}'>{arrows[0]}</a> <a href='{next_p}'>{arrows[1]}</a>"
        body = f"<h1>{escape(story.title)}</h1>{body_html(story.paragraphs, rng)}{post_nav}"
        pages[paths[i]] = _doc(story.title, body, rng)
        truth.articles[paths[i]] = story.body
    old = [(p, s.title) for p, s in zip(paths[:-1], stories[:-1], strict=True)]
    one = dict(pages, **{"/": _doc("首页", _list(old), rng)})
    two = dict(pages, **{"/": _doc("首页", _list([(paths[-1], stories[-1].title), *old]), rng)})
    del one[paths[-1]]
    truth.new_in_phase2.append(("perma", paths[-1]))
    return one, two


def _post(rng: random.Random, floor: int, user: str, message: str, style: str) -> str:
    card = f"<a href='/u/{rng.randint(1000, 9999)}'>{escape(user)}</a><em>{floor}楼</em>"
    if style == "div":
        return f"<div class='post' id='p{floor}'><div class='who'>{card}</div>{message}</div>"
    if style == "li":
        return f"<li class='reply r{floor}'><span class='u'>{card}</span><p>{message}</p></li>"
    cells = f"<td class='u'>{card}</td><td>{message}</td>"
    return f"<table class='pl' id='pid{floor}'><tr>{cells}</tr></table>"


def forum_site(stories, rng: random.Random, truth: Truth) -> tuple[dict, dict]:
    scheme = rng.choice(THREADS)
    style = rng.choice(("div", "li", "table"))
    replies = ["顶一下", "支持楼主，说得很清楚", "这种事情一定要严惩", "mark，回头再看", "学习了"]
    pages: dict[str, str] = {}
    threads = []
    # the opening post among the posts, apart from them above the replies, or repeated on
    # every page of the thread (forums do all three)
    op_style = rng.choice(("in-run", "apart", "repeated"))
    for story in stories:
        n = rng.randint(100, 99999)
        said = [f"{rng.choice(replies)}（{j}）" for j in range(2, 12)]
        op = _post(rng, 1, "楼主甲", body_html(story.paragraphs, rng), style)
        if op_style == "apart":
            op = f"<div class='topic'><span>楼主甲</span>{body_html(story.paragraphs, rng)}</div>"
        posts = [_post(rng, j, f"网友{j}", escape(said[j - 2]), style) for j in range(2, 7)]
        later = [_post(rng, j, f"网友{j}", escape(said[j - 2]), style) for j in range(7, 12)]
        wrap = "ul" if style == "li" else "div"
        for k, chunk in ((1, posts), (2, later)):
            pager = f"<div class='pg'><a href='{scheme(n, 1)}'>1</a><a href='{scheme(n, 2)}'>2</a>"
            pager += (f"<a href='{scheme(n, 2)}'>下一页</a>" if k == 1 else "") + "</div>"
            shown = [op, *chunk] if k == 1 or op_style == "repeated" else chunk
            if op_style == "apart":
                top = op if k == 1 else ""
                posts_html = f"{top}<{wrap} id='postlist'>{''.join(chunk)}</{wrap}>"
            else:
                posts_html = f"<{wrap} id='postlist'>{''.join(shown)}</{wrap}>"
            body = f"<h1>{escape(story.title)}</h1>{pager}{posts_html}{pager}"
            pages[scheme(n, k)] = _doc(story.title, body, rng)
        truth.articles[scheme(n, 1)] = story.body
        truth.replies[scheme(n, 1)] = said
        truth.later_pages.add(scheme(n, 2))
        threads.append(((scheme(n, 1), story.title), [scheme(n, 1), scheme(n, 2)]))
    items = [t for t, _ in threads]
    one = dict(pages, **{"/": _doc("论坛", _list(items[:-1]), rng)})
    two = dict(pages, **{"/": _doc("论坛", _list(items), rng)})
    for path in threads[-1][1]:
        del one[path]
    truth.new_in_phase2.append(("forum", items[-1][0]))
    return one, two


def _split_parts(paragraphs: tuple[str, ...], rng: random.Random) -> list[list[str]]:
    """A short page 1 (one paragraph), the rest over one or two more pages."""
    paras = list(paragraphs)
    rest = paras[1:]
    if len(rest) < 2 or rng.random() < 0.5:
        return [paras[:1], rest]
    m = rng.randint(1, len(rest) - 1)
    return [paras[:1], rest[:m], rest[m:]]


def split_site(stories, rng: random.Random, truth: Truth) -> tuple[dict, dict]:
    pages: dict[str, str] = {}
    entries = []
    for story in stories:
        scheme = rng.choice(SPLITS)
        n = rng.randint(1000, 99999)
        parts = _split_parts(story.paragraphs, rng)
        paths = [scheme(n, k, rng) for k in range(1, len(parts) + 1)]
        for k, part in enumerate(parts):
            nav = f"<a href='{paths[k - 1]}'>上一页</a> " if k else ""
            if k + 1 < len(parts):
                nav += f"<a href='{paths[k + 1]}'>下一页</a>"
            text = body_html(part, rng)
            body = f"<h1>{escape(story.title)}</h1>{text}<div class='page'>{nav}</div>"
            pages[paths[k]] = _doc(story.title, body, rng)
        truth.articles[paths[0]] = story.body
        truth.later_pages.update(paths[1:])
        truth.pages[paths[0]] = paths
        entries.append(((paths[0], story.title), paths))
    old, new = [e for e, _ in entries[:-1]], entries[-1]
    half = (len(old) + 1) // 2
    list_two = rng.choice(("/list_2.html", "/list/2/", "/index.php?page=2"))

    def lists(items2):
        first = _list(old[:half], f"<div class='page'><a href='{list_two}'>下一页</a></div>")
        second = _list(items2, "<div class='page'><a href='/'>上一页</a></div>")
        return {"/": _doc("新闻列表", first, rng), list_two: _doc("新闻列表", second, rng)}

    one = dict(pages, **lists(old[half:]))
    two = dict(pages, **lists([*old[half:], new[0]]))  # oldest first: the new one at the end
    for path in new[1]:
        del one[path]
    truth.new_in_phase2.append(("split", new[0][0]))
    return one, two


TOPIC_INTRO = (
    "本专题汇集近期人工智能换脸相关案件的报道，持续更新，欢迎关注。",
    "随着深度合成技术门槛降低，利用他人面孔制作虚假视频的案件时有发生，引发社会关注。",
    "从刑事追诉到民事索赔，各地司法机关对此类行为的处理方式不尽相同，值得梳理比较。",
    "我们将按时间顺序整理案件进展，并邀请法律界人士对典型案例进行解读，供读者参考。",
    "如您掌握相关线索，欢迎通过本站热线与编辑部联系，我们将认真核实后跟进报道。",
    "专题内容仅供参考，具体案情以司法机关公布的信息为准，转载请注明出处。",
)


def hub_site(stories, rng: random.Random, truth: Truth) -> tuple[dict, dict]:
    none = ()
    pages: dict[str, Served] = {}
    paths = [f"/art/{rng.randint(10000, 99999)}.html" for _ in stories]
    for path, story in zip(paths, stories, strict=True):
        body = f"<h1>{escape(story.title)}</h1>{body_html(story.paragraphs, rng)}"
        pages[path] = Served(_doc(story.title, body, rng), validators=none)
        truth.articles[path] = story.body
    intro = "".join(rng.sample(TOPIC_INTRO, rng.randint(2, len(TOPIC_INTRO))))
    topic = "/zt/ai-face.html"

    def topic_page(items):
        body = f"<h1>专题：AI换脸案件</h1><p>{intro}</p>" + _list(items)
        return Served(_doc("专题", body, rng), validators=none)

    items = [(p, s.title) for p, s in zip(paths, stories, strict=True)]
    home = Served(_doc("首页", f"<a href='{topic}'>AI换脸专题</a>", rng), validators=none)
    one = dict(pages, **{"/": home, topic: topic_page(items[:-1])})
    two = dict(pages, **{"/": home, topic: topic_page(items)})
    del one[paths[-1]]
    truth.non_articles.add(topic)
    truth.new_in_phase2.append(("hub", paths[-1]))
    return one, two


SITES = {"perma": perma_site, "forum": forum_site, "split": split_site, "hub": hub_site}


def class_web(seed: int) -> tuple[list[dict], dict[str, Truth]]:
    """Two phases of {site: {path: page}} and the truth per site."""
    rng = random.Random(seed)
    world = generate(seed)
    stories = [s for s in world.stories if len(s.paragraphs) >= 4]
    phase1, phase2, truths = {}, {}, {}
    for k, (name, build) in enumerate(SITES.items()):
        mine = [stories[(k * 5 + j) % len(stories)] for j in range(rng.randint(4, 6))]
        truths[name] = Truth()
        phase1[name], phase2[name] = build(mine, rng, truths[name])
    return [phase1, phase2], truths
