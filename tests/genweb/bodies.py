"""Article bodies in the markups real pages use, and the JSON state blobs that repeat them.

* ``p`` / ``p_span``: a ``<p>`` per paragraph, sometimes with inline ``<span>``/``<font>``;
* ``br_div`` / ``br_td``: paragraphs as text runs separated by ``<br>`` inside one ``<div>``
  or one table cell (old CMS and table layouts);
* ``fragments``: WeChat-style ``<section>``s holding a paragraph cut into several
  ``<span>``s at arbitrary points (the paragraph is the spans joined, no spaces).

Paragraphs a farm inserted (ads, commentary) are rendered like the body or boxed, per site.
"""

from __future__ import annotations

import json
import random
from html import escape

from tests.genweb.rng import token
from tests.genweb.style import SiteStyle

INDENTS = ("", "", "　　", "&nbsp;&nbsp;&nbsp;&nbsp;", "&emsp;&emsp;")
BRS = ("<br>", "<br/>", "<br />", "<br><br>", "<br/>\n<br/>")


def _image(r: random.Random) -> str:
    return f'<img src="/uploads/{token(r, 10)}.jpg" alt="" width="{r.choice((500, 600, 640))}">'


def _fragments(text: str, r: random.Random) -> str:
    cuts = sorted(r.sample(range(1, len(text)), min(len(text) - 1, r.randint(0, 3))))
    pieces = [text[a:b] for a, b in zip((0, *cuts), (*cuts, len(text)), strict=True)]
    style = r.choice(("", ' style="font-size: 15px;"', ' style="color: rgb(62, 62, 62);"'))
    spans = "".join(f"<span{style}>{escape(p, quote=False)}</span>" for p in pieces)
    return f"<section{style}>{spans}</section>" if r.random() < 0.6 else f"<p>{spans}</p>"


def _p(text: str, markup: str, indent: str, r: random.Random) -> str:
    t = indent + escape(text, quote=False)
    if markup == "p_span" and r.random() < 0.8:
        t = r.choice(
            (
                "<span>{}</span>",
                '<font face="宋体">{}</font>',
                '<span style="line-height:2">{}</span>',
            )
        ).format(t)
    attr = r.choice(("", "", ' style="text-indent:2em;"', ' align="justify"'))
    return f"<p{attr}>{t}</p>"


def _addition(text: str, style: SiteStyle) -> str | None:
    """How the site shows a paragraph it added, when not like the body."""
    t = escape(text, quote=False)
    if style.ad_markup == "boxed":
        return f"<div{style.naming('ad')}><p>{t}</p></div>"
    if style.ad_markup == "strong":
        return f"<p><strong>{t}</strong></p>"
    return None


def render_body(
    shown: tuple[str, ...], added: frozenset[str], style: SiteStyle, r: random.Random
) -> str:
    """The body node's HTML for paragraphs ``shown`` (``added`` are the site's own)."""
    markup = style.body_markup
    indent = r.choice(INDENTS)
    attr = style.naming("body")
    if markup in ("br_div", "br_td"):
        br = r.choice(BRS)
        runs = []
        for k, text in enumerate(shown):
            boxed = _addition(text, style) if text in added else None
            runs.append(boxed or indent + escape(text, quote=False))
            if k == 1 and r.random() < 0.3:
                runs.append(_image(r))
        inner = br.join(runs) + br
        if markup == "br_div":
            return f"<div{attr}>{inner}</div>"
        cell = r.choice(("", ' class="f14"', ' style="font-size:14px;line-height:26px"'))
        return (
            f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
            f"<td{attr or cell}>{inner}</td></tr></table>"
        )
    parts = []
    for k, text in enumerate(shown):
        boxed = _addition(text, style) if text in added else None
        if boxed:
            parts.append(boxed)
        elif markup == "fragments":
            parts.append(_fragments(text, r))
        else:
            parts.append(_p(text, markup, indent, r))
        if k == 0 and r.random() < 0.3:
            parts.append(f"<p>{_image(r)}</p>")
    tag = "section" if markup == "fragments" else r.choice(("div", "div", "article"))
    return f"<{tag}{attr}>" + "".join(parts) + f"</{tag}>"


def wrap(html: str, style: SiteStyle, r: random.Random) -> str:
    """Nest ``html`` in the site's wrappers (depth and names fixed per site)."""
    for k in range(style.wrap_depth):
        attr = (
            style.naming("bodywrap")
            if k == 0
            else r.choice(("", ' class="inner"', ' class="con"', ' class="box"'))
        )
        html = f"<div{attr}>{html}</div>"
    return html


def state_blob(title: str, shown: tuple[str, ...], when: str, r: random.Random) -> str:
    """The article again, as the JSON state a JavaScript front end hydrates from."""
    content = "".join(f"<p>{escape(p, quote=False)}</p>" for p in shown)
    data = {
        "article": {
            "id": token(r, 12),
            "title": title,
            "content": content,
            "publishTime": when,
            "tags": [],
            "readCount": r.randint(10, 99999),
        },
        "user": {"isLogin": False},
    }
    text = json.dumps(data, ensure_ascii=r.random() < 0.5).replace("</", "<\\/")
    shape = r.randrange(3)
    if shape == 0:
        return f"<script>window.__INITIAL_STATE__={text};</script>"
    if shape == 1:
        return f'<script id="__NEXT_DATA__" type="application/json">{text}</script>'
    return f"<script>var articleData = {text};</script>"
