# ruff: noqa: E501  (markup templates and word pools: a page's shape reads best on one line)
"""An article's body in the markup real sites use: <p> paragraphs, <br>-separated text in a
<div> or a layout <td>, <font>/<span> runs, WeChat-style <section>s; plus its headline and
dateline.  The text is the article; only the markup varies.
"""

from __future__ import annotations

import random
from html import escape

from tests.mainpages.words import NEUTRAL_CLASSES, class_name, timestamp

LAYOUTS = ("p", "br-div", "br-td", "font-br", "section")
BODY_WORDS = ("content", "article", "txt", "text", "zw", "main_c", "detail", "art_body", "newsbody", *NEUTRAL_CLASSES)  # fmt: skip
_INDENTS = ("", "　　", "&nbsp;&nbsp;&nbsp;&nbsp;", " ")


def paragraphs_html(
    rng: random.Random, paras: list[str], layout: str, extra: dict[int, str] | None = None
) -> str:
    """The body of an article: ``paras`` in ``layout``; ``extra`` maps a position to raw
    HTML inserted before that paragraph (an ad, a figure) in the body's own shape."""
    extra = extra or {}
    indent = rng.choice(_INDENTS)
    if layout in ("p", "section"):
        style = rng.choice(("", ' style="text-indent:2em"', ' class="MsoNormal"', ""))
        tag = "p" if layout == "p" else "section"
        items = [f"<{tag}{style}>{indent}{escape(p)}</{tag}>" for p in paras]
    else:
        items = [f"{indent}{escape(p)}" for p in paras]
    sep = (
        ""
        if layout in ("p", "section")
        else rng.choice(("<br><br>", "<br>\n<br>", "<br/>", "<br>&nbsp;<br>"))
    )
    out = []
    for i, item in enumerate(items):
        if i in extra:
            out.append(extra[i])
        out.append(item)
    if len(items) in extra:
        out.append(extra[len(items)])
    inner = sep.join(out)
    cls = class_name(rng, BODY_WORDS)
    if layout == "br-td":
        return f'<table width="100%" class="{rng.choice(NEUTRAL_CLASSES)}"><tr><td class="{cls}">{inner}</td></tr></table>'
    if layout == "font-br":
        return f'<div class="{cls}"><font size="3">{inner}</font></div>'
    return f'<div class="{cls}">{inner}</div>'


def headline(rng: random.Random, title: str, source: str) -> str:
    """Headline and dateline above the body."""
    when = timestamp(rng, "{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}")
    tag = rng.choice(("h1", "h1", "h2", "div"))
    dateline = rng.choice((
        f"<span>{when}</span> <span>来源：{escape(source)}</span>",
        f"发布时间：{when}　来源：{escape(source)}",
        f"<em>{when}</em><a href='/'>{escape(source)}</a>",
    ))  # fmt: skip
    cls = class_name(rng, ("info", "meta", "time", "source", *NEUTRAL_CLASSES))
    return f'<{tag} class="{rng.choice(NEUTRAL_CLASSES)}">{escape(title)}</{tag}><div class="{cls}">{dateline}</div>'
