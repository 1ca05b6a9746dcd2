# ruff: noqa: E501  (markup templates and word pools: a page's shape reads best on one line)
"""Class 4: a forum thread whose first post quotes the article.

Post #1 is a quote box holding the article (a <blockquote>, a Discuz "quote" div, a
<fieldset> with a legend, a quote table), with a line or two of the poster's own before or
after it; the replies are chatter, some quoting an earlier post (a reply, or a sentence of
the article) in the same quote markup.  Board shapes vary (Discuz tables, phpBB posts,
modern floor cards, Tieba-like, an old class-less table BBS), and so do URLs: most say
"forum", some do not.
"""

from __future__ import annotations

import random
from html import escape

from tests.mainpages import GenPage, story_for
from tests.mainpages.words import nickname, short_comment, timestamp

BOARDS = ("discuz", "phpbb", "floor", "tieba", "oldbbs")
QUOTES = ("blockquote", "discuz", "fieldset", "table", "divbox")
_OWN_BEFORE = (
    "转一篇新闻，大家看看。",
    "看到这条消息，转过来给大家提个醒：",
    "今天刷到的新闻，分享一下",
    "转自{o}：",
    "【转帖】",
)
_OWN_AFTER = (
    "大家怎么看？",
    "技术真是双刃剑啊，各位怎么看",
    "希望能引起重视。",
    "转给家里人看看，千万要小心！",
    "这种事情越来越多了，大家注意保护个人信息。",
)
_HEADERS = (
    "以下是引用{n}在{t}的发言：",
    "{n} 发表于 {t}",
    "引用 {n} 的帖子：",
    "原帖由 {n} 于 {t} 发表",
    "引用：",
    "",
)
_URLS = ("https://bbs.{h}.com/thread-{n}-1-1.html", "https://www.{h}.net/forum.php?mod=viewthread&tid={n}", "https://{h}.org/t/{n}", "https://club.{h}.com/viewtopic.php?t={n}", "https://www.{h}.com/post/{n}.html", "https://{h}.cn/{n}.html")  # fmt: skip


def _quote(rng: random.Random, kind: str, paras: list[str], header: str, br: bool) -> str:
    if br:
        inner = "<br>".join(escape(p) for p in paras)
    else:
        inner = "".join(f"<p>{escape(p)}</p>" for p in paras)
    head = f"<font size=2 color=#999999>{escape(header)}</font><br>" if header else ""
    if kind == "blockquote":
        return f"<blockquote>{head}{inner}</blockquote>"
    if kind == "discuz":
        return f'<div class="quote"><blockquote>{head}{inner}</blockquote></div>'
    if kind == "fieldset":
        legend = escape(header) if header else "引用"
        return f"<fieldset><legend>{legend}</legend>{inner}</fieldset>"
    if kind == "table":
        return f'<table class="{rng.choice(("quote", "ubb_quote", "qt", ""))}" width="90%"><tr><td>{head}{inner}</td></tr></table>'
    cls = rng.choice(("quote-box", "quotebox", "yinyong", "ref", "cite", "q"))
    return f'<div class="{cls}">{head}{inner}</div>'


def _post(rng: random.Random, board: str, floor: int, message: str, nick: str) -> str:
    when = timestamp(rng, "{y}-{m}-{d} {H:02d}:{M:02d}")
    label = "楼主" if floor == 1 else rng.choice((f"{floor}楼", f"#{floor}", f"{floor}#"))
    user = f'<a href="/space-uid-{rng.randint(1, 99999)}.html">{escape(nick)}</a>'
    avatar = f'<img src="/avatar/{rng.randint(1, 999)}.png">'
    if board == "discuz":
        return (
            f'<div id="post_{floor}"><table id="pid{floor}" class="plhin"><tr><td class="pls">{avatar}<div class="authi">{user}</div>'
            f'<p>帖子 {rng.randint(1, 900)}</p></td><td class="plc"><div class="pi"><strong>{label}</strong><em>发表于 {when}</em></div>'
            f'<div class="pct"><div class="t_fsz"><table><tr><td class="t_f" id="postmessage_{floor}">{message}</td></tr></table></div></div>'
            f'<div class="po"><a href="#">回复</a> <a href="#">举报</a></div></td></tr></table></div>'
        )
    if board == "phpbb":
        return (
            f'<div class="post bg{floor % 2 + 1}" id="p{floor}"><div class="inner"><div class="postbody">'
            f'<p class="author">by {user} » {when}</p><div class="content">{message}</div></div>'
            f'<dl class="postprofile"><dt>{avatar}{user}</dt><dd>Posts: {rng.randint(1, 900)}</dd></dl></div></div>'
        )
    if board == "floor":
        return (
            f'<div class="floor-item"><div class="user-card">{avatar}{user}</div><div class="floor-body">'
            f'<div class="floor-meta"><span>{label}</span> <span>{when}</span></div><div class="msg">{message}</div>'
            f'<div class="ops"><a href="#">赞 {rng.randint(0, 99)}</a> <a href="#">回复</a></div></div></div>'
        )
    if board == "tieba":
        return (
            f'<div class="l_post"><div class="d_author">{avatar}{user}</div><div class="d_post_content_main">'
            f'<div class="d_post_content">{message}</div><div class="post-tail-wrap"><span>{label}</span><span>{when}</span></div></div></div>'
        )
    return (
        f'<table width="100%" border="1"><tr><td width="160">{user}<br>{avatar}<br>积分 {rng.randint(1, 999)}</td>'
        f"<td>发表于 {when} <b>{label}</b><hr>{message}</td></tr></table>"
    )


def build(seed: int) -> GenPage:
    rng = random.Random(f"quote:{seed}")
    story = story_for(seed, rng)
    paras = list(story.paragraphs)
    board, quote_kind = rng.choice(BOARDS), rng.choice(QUOTES)
    nicks = [nickname(rng) for _ in range(12)]
    header = rng.choice(_HEADERS).format(
        n=escape(story.outlet), t=timestamp(rng, "{y}-{m}-{d} {H:02d}:{M:02d}")
    )
    where = rng.choice(("before", "after", "after", "both"))
    own_before = (
        rng.choice(_OWN_BEFORE).format(o=story.outlet) if where in ("before", "both") else ""
    )
    own_after = rng.choice(_OWN_AFTER) if where in ("after", "both") else ""
    br = rng.random() < 0.5
    message = (escape(own_before) + ("<br>" if own_before else "")
               + _quote(rng, quote_kind, paras, header, br) + escape(own_after))  # fmt: skip
    posts = [_post(rng, board, 1, message, nicks[0])]
    chrome: list[str] = [header] if len(header) > 6 else []
    said: list[tuple[str, str]] = []  # (nick, text) of posts so far, for replies to quote
    for floor in range(2, rng.randint(4, 12)):
        text = short_comment(rng)
        reply = escape(text)
        if rng.random() < 0.35:  # quotes an earlier reply, or a sentence of the article
            if said and rng.random() < 0.6:
                nick, quoted = rng.choice(said)
                chrome.append(quoted)
            else:
                nick, quoted = nicks[0], rng.choice(paras).split("。")[0] + "。"
            qh = rng.choice(_HEADERS[:4]).format(
                n=escape(nick), t=timestamp(rng, "{y}-{m}-{d} {H:02d}:{M:02d}")
            )
            reply = _quote(rng, quote_kind, [quoted], qh, True) + reply
            chrome.append(qh) if len(qh) > 6 else None
        said.append((nicks[floor % len(nicks)], text))
        chrome.append(text)
        posts.append(_post(rng, board, floor, reply, nicks[floor % len(nicks)]))
    title = rng.choice(("[转帖]", "【转】", "", "转：")) + story.title
    container = {"discuz": '<div id="postlist" class="pl bm">', "phpbb": '<div class="topic">'}.get(
        board, "<div>"
    )
    nav = "".join(f'<a href="/forum-{i}-1.html">版块{i}</a> ' for i in range(rng.randint(10, 40)))
    html = (
        f"<!DOCTYPE html><html><head><title>{escape(title)} - 某某论坛</title></head><body>"
        f'<div class="hd">{nav}</div><h1>{escape(title)}</h1>{container}{"".join(posts)}</div>'
        f'<div class="ft">Powered by 某某论坛 © 2024</div></body></html>'
    )
    url = rng.choice(_URLS).format(h=f"site{rng.randint(1, 99)}", n=rng.randint(1000, 999999))
    return GenPage("quote", seed, html, url, title, "\n".join(paras), chrome,
                   shape=f"{board}/{quote_kind}/{where}/{'br' if br else 'p'}/{url.split('/')[2]}")  # fmt: skip
