# ruff: noqa: E501  (markup templates and word pools: a page's shape reads best on one line)
"""Class 6 (part): a column-style article (Zhihu, Jianshu, a WeChat-like post) with its
publish-time / IP-location line at its edge.

The line is drawn from parts — a label (发布于, 编辑于, 发表于, or none), a date and time in
one of several forms, a place after an IP label or bare — joined by the separators such
sites use (·, ・, |, spaces), placed in the article's own container (a <p> like the
paragraphs, a bare <div>, a <span>) at its end, sometimes also a short one under the title.
"""

from __future__ import annotations

import random
from html import escape

from tests.mainpages import GenPage, story_for
from tests.mainpages.bodies import paragraphs_html
from tests.mainpages.portal import page
from tests.mainpages.words import PROVINCES, timestamp

LABELS = ("发布于", "编辑于", "发表于", "更新于", "首发于", "")
WHEN = (
    "{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}",
    "{y}-{m:02d}-{d:02d}",
    "{m:02d}-{d:02d}",
    "{y}年{m}月{d}日 {H:02d}:{M:02d}",
    "昨天 {H:02d}:{M:02d}",
    "{n}小时前",
)
PLACES = ("IP 属地{p}", "IP属地：{p}", "IP属地{p}", "{p}", "来自{p}")
SEPARATORS = (" · ", "・", " | ", "  ", " ")


def meta_line(rng: random.Random) -> str:
    label = rng.choice(LABELS)
    when = timestamp(rng, rng.choice(WHEN))
    where = rng.choice(PLACES).format(p=rng.choice(PROVINCES))
    sep = rng.choice(SEPARATORS)
    shape = rng.random()
    if shape < 0.15:  # "发布于 北京": a place, no time
        return f"{label or '发布于'} {where}"
    if shape < 0.25:  # "IP属地：浙江" alone
        return where
    parts = [f"{label} {when}".strip(), where]
    if rng.random() < 0.2:
        parts.append(
            rng.choice(("阅读 {n}", "{n} 赞同", "著作权归作者所有")).format(n=rng.randint(1, 9999))
        )
    return sep.join(parts)


def build(seed: int) -> GenPage:
    rng = random.Random(f"iploc:{seed}")
    story = story_for(seed, rng)
    paras = list(story.paragraphs)
    layout = rng.choice(("p", "p", "section", "br-div"))
    line = meta_line(rng)
    tag = rng.choice(("p", "div", "span", "p"))
    cls = rng.choice(("", "ContentItem-time", "time", "meta", "post-meta", "x1"))
    markup = f'<{tag} class="{cls}">{escape(line)}</{tag}>'
    chrome = [line]
    inside = rng.random() < 0.7
    body = paragraphs_html(rng, paras, layout, {len(paras): markup} if inside else None)
    top = ""
    if rng.random() < 0.3:  # a short one under the title as well
        over = meta_line(rng)
        chrome.append(over)
        top = f"<div>{escape(over)}</div>"
    author = f'<div class="{rng.choice(("author", "AuthorInfo", "user"))}"><a href="/people/{rng.randint(1, 9999)}">{escape(story.outlet)}</a></div>'
    column = f"<article><h1>{escape(story.title)}</h1>{author}{top}{body}{'' if inside else markup}</article>"
    html = page(rng, story.title, story.outlet, column, heavy=False)
    url = f"https://{rng.choice(('zhuanlan.example.com/p', 'www.example.cn/p', 'blog.example.net/a'))}/{rng.randint(10**6, 10**9)}"
    return GenPage(
        "iploc",
        seed,
        html,
        url,
        story.title,
        "\n".join(paras),
        chrome,
        shape=f"{layout}/{tag}/{'in' if inside else 'after'}/{line}",
    )
