"""Whole pages of a composed site: the document around the chrome, article pages, lists.

``SiteChrome`` is drawn once per site (menus, footers, the disclaimer and the hot list sit
unchanged on every page, as a real template's do); comments, related lists, meta lines and
editor lines are drawn per page.  The order of blocks, the wrappers and the sidebar's side
come from the site's ``SiteStyle``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from html import escape

from tests.genweb import chrome_nav as nav
from tests.genweb import chrome_talk as talk
from tests.genweb.bodies import render_body, state_blob, wrap
from tests.genweb.records import EMPTY, Block, Entry
from tests.genweb.style import SiteStyle

NEXT_WORDS = ("下一页", "下一页 >", "下一页»", "[下一页]", "下一页&gt;&gt;")
PREV_WORDS = ("上一页", "< 上一页", "«上一页", "[上一页]")
DECLARED = {
    "utf-8": ("utf-8", "UTF-8"),
    "gbk": ("gb2312", "gbk", "GBK"),
    "gb18030": ("gb18030", "GB18030"),
}


@dataclass
class SiteChrome:
    """The blocks a site repeats on every page."""

    top: Block
    sidebar: Block
    footer: Block
    disclaimer: Block
    share: Block
    head: str  # style and script blobs in <head>
    tail: str  # script blobs before </body>
    declared: str  # the charset name the site writes in its meta tag


def site_chrome(ctx: nav.PageCtx, heavy: bool = False) -> SiteChrome:
    s, r = ctx.style, ctx.rng
    tops = {"topbar": nav.topbar, "menu": nav.menu, "breadcrumb": lambda c: EMPTY}
    top = sum((tops[t](ctx) for t in s.top), EMPTY)
    side_fns = {
        "hot": nav.hot_list,
        "tagcloud": nav.tag_cloud,
        "ad": nav.side_ad,
        "related_side": nav.hot_list,
    }
    side = sum((side_fns[b](ctx) for b in s.sidebar), EMPTY)
    sizes = (
        (30_000, 45_000)
        if heavy
        else (r.choice((300, 2_000, 8_000)), r.choice((500, 3_000, 12_000)))
    )
    return SiteChrome(
        top=top,
        sidebar=Block(f"<div{s.naming('sidebar')}>{side.html}</div>", side.strings)
        if side.html
        else EMPTY,
        footer=nav.footer(ctx),
        disclaimer=talk.disclaimer(ctx),
        share=nav.share_bar(ctx),
        head=nav.style_block(ctx, sizes[0] // 3) + nav.script_blobs(ctx, sizes[0] // 2),
        tail=nav.script_blobs(ctx, sizes[1]),
        declared=r.choice(DECLARED[s.charset]),
    )


def document(
    style: SiteStyle, chrome: SiteChrome, title: str, head: str, body: str, r: random.Random
) -> str:
    meta = ""
    if style.declare in ("meta", "both"):
        meta = (
            f'<meta charset="{chrome.declared}">'
            if r.random() < 0.5
            else f'<meta http-equiv="Content-Type" content="text/html; charset={chrome.declared}">'
        )
    doctype = r.choice(
        (
            "<!DOCTYPE html>",
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        )
    )
    return (
        f"{doctype}\n<html><head>{meta}<title>{escape(title, quote=False)}</title>"
        f"{head}{chrome.head}"
        f"</head><body>{body}{chrome.tail}</body></html>"
    )


def _columns(style: SiteStyle, chrome: SiteChrome, main: str) -> str:
    side = chrome.sidebar.html
    if style.body_markup == "br_td":  # table layouts put the columns in cells too
        cells = [f'<td valign="top" width="70%">{main}</td>', f'<td valign="top">{side}</td>']
        inner = "".join(reversed(cells) if style.sidebar_first else cells)
        return f'<table width="1000" align="center"><tr>{inner}</tr></table>'
    main = f"<div{style.naming('main')}>{main}</div>"
    return side + main if style.sidebar_first else main + side


def page_body(style: SiteStyle, chrome: SiteChrome, crumb: Block, main: str) -> str:
    inner = chrome.top.html + crumb.html + _columns(style, chrome, main) + chrome.footer.html
    return f"<div{style.naming('page')}>{inner}</div>"


def title_box(style: SiteStyle, title: str) -> str:
    t = escape(title, quote=False)
    a = style.naming("title")
    m = style.title_markup
    if m in ("h1", "h2"):
        return f"<{m}{a}>{t}</{m}>"
    if m == "div":
        return f"<div{a}>{t}</div>"
    cell = f'<td{a or " align=center"}><font size="5"><b>{t}</b></font></td>'
    return f'<table width="100%"><tr>{cell}</tr></table>'


def pager(urls: list[str], k: int, bar: bool, r: random.Random, a: str) -> str:
    """Links between the pages of a split article (``k`` is 1-based)."""
    if len(urls) < 2:
        return ""
    nxt = f'<a href="{urls[k]}">{r.choice(NEXT_WORDS)}</a>' if k < len(urls) else ""
    prv = f'<a href="{urls[k - 2]}">{r.choice(PREV_WORDS)}</a>' if k > 1 else ""
    if not bar:
        return f"<div{a}>{prv}{nxt}</div>" if r.random() < 0.5 else f"<p>{prv} {nxt}</p>"
    nums = "".join(
        f"<span>{i + 1}</span>" if i + 1 == k else f'<a href="{u}">{i + 1}</a>'
        for i, u in enumerate(urls)
    )
    return f"<div{a}>{prv}{nums}{nxt}</div>"


@dataclass
class ArticleView:
    """What one page of an article needs besides the entry."""

    entry: Entry
    k: int  # page number, 1-based
    urls: list[str]  # every page of the article
    canonical: str | None
    source: str | None  # what the meta line credits
    comments: int


def article_page(
    view: ArticleView, ctx: nav.PageCtx, chrome: SiteChrome
) -> tuple[str, tuple[str, ...]]:
    """The HTML of one page of an article and the chrome strings it carries."""
    s, r, e = ctx.style, ctx.rng, view.entry
    paras = e.pages[view.k - 1]
    added = frozenset(e.additions)
    meta = talk.meta_line(ctx, e.published, view.source, e.byline)
    ip = talk.ip_line(ctx, e.published) if s.ip_line else EMPTY
    body = render_body(paras, added, s, r)
    nav_html = pager(
        view.urls, view.k, s.pager_bar and s.pager != "next_only", r, s.naming("pager")
    )
    blocks = {
        "editor": talk.editor_line(ctx),
        "disclaimer": chrome.disclaimer,
        "tags": nav.tags_line(ctx),
        "share": chrome.share,
        "prevnext": nav.prev_next(ctx),
        "related": talk.related(ctx, r.random() < 0.6),
        "comments": talk.comments(ctx, view.comments),
    }
    after = [blocks[b] for b in s.after_body]
    title = e.title if view.k == 1 or r.random() < 0.6 else f"{e.title}({view.k})"
    head_box = f"<div{s.naming('titlebox')}>{title_box(s, title)}{meta.html}{ip.html}</div>"
    main = head_box + wrap(body + nav_html, s, r) + "".join(b.html for b in after)
    crumb = nav.breadcrumb(ctx) if "breadcrumb" in s.top else EMPTY
    head = ""
    if view.canonical:
        head += f'<link rel="canonical" href="{view.canonical}">'
    if r.random() < 0.5:
        head += f'<meta name="description" content="{escape(e.body[0][:60])}">'
    if s.json_blob and view.k == 1:
        main += state_blob(e.title, e.shown, f"{e.published:%Y-%m-%d %H:%M:%S}", r)
    html = document(s, chrome, f"{e.title}_{s.label}", head, page_body(s, chrome, crumb, main), r)
    strings = (
        meta.strings
        + ip.strings
        + chrome.sidebar.strings
        + chrome.footer.strings
        + sum((b for b in after), EMPTY).strings
        + tuple(e.additions)
    )
    return html, strings


def list_items(
    items: list[tuple[str, str, datetime, str]], style: SiteStyle, r: random.Random
) -> str:
    """(title, href, date, excerpt) rows in one of a few list shapes."""
    shape = r.randrange(3)
    rows = []
    for title, href, when, ex in items:
        t = f'<a href="{href}" target="_blank">{escape(title, quote=False)}</a>'
        d = f"<span>{when:%Y-%m-%d}</span>"
        p = f"<p>{escape(ex, quote=False)}</p>" if ex else ""
        rows.append(
            (
                f"<li>{t}{d}{p}</li>",
                f"<dl><dt>{t}</dt><dd>{d}{p}</dd></dl>",
                f"<tr><td>{t}</td><td>{d}</td></tr>",
            )[shape]
        )
    inner = "".join(rows)
    return (
        f"<ul{style.naming('list')}>{inner}</ul>",
        f"<div{style.naming('list')}>{inner}</div>",
        f"<table{style.naming('list')}>{inner}</table>",
    )[shape]


def list_page(
    ctx: nav.PageCtx, chrome: SiteChrome, heading: str, items_html: str, extra: str = ""
) -> str:
    s, r = ctx.style, ctx.rng
    crumb = nav.breadcrumb(ctx, heading) if "breadcrumb" in s.top else EMPTY
    main = f"<h2>{escape(heading, quote=False)}</h2>{items_html}{extra}"
    return document(s, chrome, f"{heading}_{s.label}", "", page_body(s, chrome, crumb, main), r)
