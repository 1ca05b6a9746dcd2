"""Forum threads (Discuz and phpBB shapes): a first post that pastes or *quotes* the article
with a line or two of the poster's own, then replies — on page 1 after the first post, and
alone on pages 2+ (which are not part of the article).
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from html import escape

from tests.genweb import chrome_talk as talk
from tests.genweb.chrome_nav import PageCtx
from tests.genweb.pages import SiteChrome, document, page_body, pager
from tests.genweb.records import Block, Entry

FLOORS = ("楼主", "沙发", "板凳", "地板")


def _text(paras: tuple[str, ...], br: bool) -> str:
    if br:
        return "<br />\n".join(escape(p, quote=False) for p in paras)
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paras)


def first_post(entry: Entry, ctx: PageCtx) -> tuple[str, tuple[str, ...]]:
    """The opening post: the article pasted, or quoted in a box, beside the poster's words."""
    r = ctx.rng
    br = ctx.style.body_markup not in ("p", "p_span")
    article = _text(entry.shown, br)
    own = [escape(x, quote=False) for x in entry.own_lines]
    if entry.quoted:
        head = r.choice(
            (
                "",
                f'<font color="#999999">原帖由 {talk.nickname(r)} 于 '
                f"{entry.published:%Y-%m-%d %H:%M} 发表</font><br />",
                "引用：<br />",
                f"来源：{escape(entry.credited_outlet or '网络')}<br />",
            )
        )
        box = (
            f"<div{ctx.a('quote') or ' class=quote'}><blockquote>{head}{article}</blockquote></div>"
        )
        html = (own[0] + "<br />" if len(own) > 1 else "") + box + "<br />".join(own[-1:])
        said = re.sub(r"<[^>]+>", "", head).strip()
        return html, (*entry.own_lines, *([said] if len(said) >= 6 else []))
    else:
        html = "<br />".join(own) + ("<br /><br />" if br else "") + article
    return html, tuple(entry.own_lines)


def reply(ctx: PageCtx, floor: int, prev_line: str, when) -> tuple[str, tuple[str, ...]]:
    r = ctx.rng
    line = talk.comment_line(r)
    nick = talk.nickname(r)
    strings = [line]
    quote = ""
    if prev_line and r.random() < 0.25:
        box = ctx.a("quote") or " class=quote"
        quote = f"<div{box}><blockquote>{escape(prev_line)}</blockquote></div>"
    sig = ""
    if r.random() < 0.3:
        sig_text = talk.signature(r, nick, when)
        sig, strings = f'<div class="sign">{escape(sig_text)}</div>', [*strings, sig_text]
    label = FLOORS[floor] if floor < len(FLOORS) else f"{floor + 1}#"
    post = (
        f'<div{ctx.a("reply")}><div class="pi"><a href="javascript:;">{nick}</a><em>{label}</em>'
        f"<span>发表于 {when:%Y-%m-%d %H:%M}</span></div>"
        f'<div class="pct">{quote}{escape(line)}</div>{sig}</div>'
    )
    return post, tuple(s for s in strings if len(s) >= 6)


def thread_page(
    entry: Entry,
    k: int,
    urls: list[str],
    replies: int,
    ctx: PageCtx,
    chrome: SiteChrome,
    canonical: str | None,
) -> tuple[str, tuple[str, ...]]:
    """Page ``k`` of a thread: the first post on page 1, replies only after."""
    s, r = ctx.style, ctx.rng
    strings: list[str] = []
    posts = []
    if k == 1:
        content, own = first_post(entry, ctx)
        strings += [*own, *(a for a in entry.additions if a not in own)]
        nick = talk.nickname(r)
        posts.append(
            f'<div{ctx.a("post")}><div class="pi"><a href="javascript:;">{nick}</a><em>楼主</em>'
            f"<span>发表于 {entry.published:%Y-%m-%d %H:%M}</span></div>"
            f'<div class="t_f" id="postmessage_{entry.ident.id7}">{content}</div></div>'
        )
    prev = ""
    for j in range(replies):
        when = entry.published + timedelta(hours=3 * (j + 1) + 40 * (k - 1))
        html, said = reply(ctx, (k - 1) * 10 + j + 1, prev, when)
        posts.append(html)
        strings += said
        prev = said[0] if said else ""
    subject = f'<span id="thread_subject">{escape(entry.title, quote=False)}</span>'
    title = f"<h1{s.naming('title')}>{subject}</h1>"
    crumb = Block(f"<div{s.naming('breadcrumb')}>论坛 › 版块 › {escape(entry.title[:12])}</div>")
    bar = pager(urls, k, True, r, s.naming("pager"))
    main = title + f'<div id="postlist">{"".join(posts)}</div>' + bar
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    html = document(
        s, chrome, f"{entry.title} - {s.label}", head, page_body(s, chrome, crumb, main), r
    )
    return html, (*strings, *chrome.footer.strings, *chrome.sidebar.strings)


def reply_pages(rng: random.Random) -> int:
    """How many replies-only pages a thread has after page 1."""
    return rng.choice((0, 0, 1, 1, 2))
