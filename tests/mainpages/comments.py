# ruff: noqa: E501  (markup templates and word pools: a page's shape reads best on one line)
"""Comment sections under a news article, in the shapes portals render them.

Each entry is a short utterance wrapped in user/time/like furniture; the section is a run of
such siblings.  Varied per page: the markup of an entry (div cards, li rows, dl/dt/dd,
table rows, bare divs, multi-paragraph cards), its container's class (often a word no rule
lists, often none), its heading (or none), how long the comments run (a few longer than the
article), and how many (20-100).
"""

from __future__ import annotations

import random
from html import escape

from tests.mainpages.words import (
    NEUTRAL_CLASSES,
    class_name,
    comment_text,
    likes,
    nickname,
    place,
    timestamp,
)

# Container words real sites use for comments that no furniture rule names, and a few that
# one does (those must keep working).
SECTION_WORDS = ("pl", "pinglun", "talk", "discuss", "gentie", "cmt", "feedback", "remark", "review", "msg", "liuyan", "interact", "voice", "jw", "say", "comment")  # fmt: skip
HEADINGS = ("网友评论", "热门跟帖", "精彩评论", "读者留言", "大家都在说", "共有{n}条评论", "最新留言", "全部评论({n})", "评论区", "精彩留言", "")  # fmt: skip
SHAPES = ("card", "li", "dl", "table", "bare", "multi")


def _entry(rng: random.Random, shape: str, text: str, fmt: dict, cls: dict) -> str:
    nick = escape(nickname(rng))
    user = (
        f'<a href="/u/{rng.randint(1000, 999999)}">{nick}</a>'
        if fmt["link"]
        else f"<span>{nick}</span>"
    )
    when = timestamp(rng, fmt["time"])
    like = likes(rng, fmt["likes"])
    where = f"<span>{place(rng, fmt['place'])}</span>" if fmt["place"] else ""
    avatar = f'<img src="/avatar/{rng.randint(1, 9999)}.jpg">' if fmt["avatar"] else ""
    reply = '<a href="javascript:;">回复</a>' if fmt["reply"] else ""
    body = escape(text)
    if shape == "card":
        return (
            f'<div class="{cls["item"]}">{avatar}<div class="{cls["head"]}">{user}<span>{when}</span>{where}</div>'
            f'<div class="{cls["text"]}">{body}</div><div class="{cls["foot"]}"><span>{like}</span>{reply}</div></div>'
        )
    if shape == "li":
        return f'<li class="{cls["item"]}">{avatar}{user} <span>{when}</span><p>{body}</p><span>{like}</span>{reply}</li>'
    if shape == "dl":
        return f"<dl><dt>{avatar}{user} {where}<em>{when}</em></dt><dd>{body}</dd><dd>{like} {reply}</dd></dl>"
    if shape == "table":
        return f"<tr><td>{avatar}</td><td>{user}：{body}<br><span>{when}</span> {where} {like} {reply}</td></tr>"
    if shape == "bare":
        return f"<div>{user}：{body}<br><span>{when}</span>{where}<span>{like}</span>{reply}</div>"
    paras = "".join(f"<p>{escape(s)}。</p>" for s in text.split("。") if s)  # multi
    return (
        f'<div class="{cls["item"]}"><div>{avatar}{user}{where}</div><div class="{cls["text"]}">{paras}</div>'
        f"<div><span>{when}</span><span>{like}</span>{reply}</div></div>"
    )


def comment_section(
    rng: random.Random, count: int | None = None, long_share: float | None = None
) -> tuple[str, list[str]]:
    """HTML of a comment section and the texts of its comments."""
    count = count if count is not None else rng.randint(20, 100)
    long_share = long_share if long_share is not None else rng.choice((0.0, 0.1, 0.3, 0.6))
    shape = rng.choice(SHAPES)
    fmt = {
        "link": rng.random() < 0.6,
        "avatar": rng.random() < 0.6,
        "reply": rng.random() < 0.6,
        "time": None
        if rng.random() < 0.3
        else rng.choice(
            ("{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}", "{n}小时前", "{m:02d}-{d:02d} {H:02d}:{M:02d}")
        ),
        "likes": rng.choice(("赞({n})", "👍 {n}", "{n}", None)),
        "place": rng.choice((None, None, "IP属地：{p}", "来自{p}", "[{p}网友]")),
    }
    if fmt["time"] is None:  # a comment shows when it was said, or who said it and how liked
        fmt["link"] = fmt["link"] or not fmt["avatar"]
        fmt["likes"] = fmt["likes"] or "{n}"
    named = rng.random() < 0.7
    cls = {k: (class_name(rng, (w, *NEUTRAL_CLASSES)) if named else "") for k, w in (
        ("item", "item"), ("head", "user"), ("text", "con"), ("foot", "ft"))}  # fmt: skip
    texts = [comment_text(rng, long_share) for _ in range(count)]
    if shape == "multi":
        texts = [t if "。" in t else t.rstrip("！!~？…") + "。" for t in texts]
    entries = "".join(_entry(rng, shape, t, fmt, cls) for t in texts)
    if shape == "li":
        entries = f"<ul>{entries}</ul>"
    elif shape == "table":
        entries = f'<table width="100%">{entries}</table>'
    heading = rng.choice(HEADINGS).format(n=count)
    head = (
        f"<h3>{heading}</h3>"
        if heading and rng.random() < 0.5
        else (f"<div>{heading}</div>" if heading else "")
    )
    more = rng.choice(("", '<a href="#">查看更多评论</a>', "<div>加载更多</div>"))
    section_cls = class_name(rng, SECTION_WORDS) if named else ""
    html = f'<div class="{section_cls}">{head}<div>{entries}</div>{more}</div>'
    return html, texts
