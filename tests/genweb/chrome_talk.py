"""Chrome that reads like prose: comment sections, related lists with excerpts, disclaimers,
editor and meta lines, 发布于 … · IP 属地 lines, template ads, forum signatures.

These are the blocks extractors mistake for the article (a long comment section of short
user lines, a related list whose excerpts are real sentences), so their wording is varied
hardest: composed per entry from openings, bodies and endings.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.genweb import pools
from tests.genweb.chrome_nav import PageCtx
from tests.genweb.records import Block
from tests.genweb.rng import digits, token


def nickname(r: random.Random) -> str:
    shape = r.randrange(4)
    if shape == 0:
        return f"用户{digits(r, r.randint(7, 10))}"
    if shape == 1:
        return f"{r.choice(pools.PROVINCES)}网友"
    return (
        r.choice(pools.NICK_HEADS)
        + r.choice(pools.NICK_TAILS)
        + (str(r.randint(1, 999)) if r.random() < 0.3 else "")
    )


def comment_line(r: random.Random) -> str:
    if r.random() < 0.12:
        return r.choice(pools.SHORT_REPLIES)
    parts = [r.choice(pools.REACT_OPEN) + r.choice(pools.REACT_BODY)]
    while r.random() < 0.35:
        parts.append(r.choice(pools.REACT_BODY))
    return "，".join(parts) + r.choice(pools.REACT_END)


def when_text(r: random.Random, base: datetime) -> str:
    shape = r.randrange(4)
    if shape == 0:
        return f"{r.randint(1, 59)}{r.choice(('分钟前', '小时前'))}"
    if shape == 1:
        return r.choice(("昨天", "前天")) + f" {r.randint(0, 23):02d}:{r.randint(0, 59):02d}"
    t = base + timedelta(hours=r.randint(1, 400), minutes=r.randint(0, 59))
    return f"{t:%Y-%m-%d %H:%M}" if shape == 2 else f"{t.month}-{t.day} {t:%H:%M}"


def comments(ctx: PageCtx, count: int) -> Block:
    """A comment section of ``count`` entries (name, line, time, likes, sometimes IP)."""
    r = ctx.rng
    if count <= 0:
        return Block("")
    heads = (
        "网友评论",
        "评论",
        f"全部评论（{count}）",
        "热门评论",
        "精彩评论",
        f"{count}条评论",
        "留言",
        "",
    )
    items, strings = [], []
    ip = r.random() < 0.6
    for _ in range(count):
        line = comment_line(r)
        strings.append(line)
        meta = f"<span>{when_text(r, ctx.when)}</span>"
        if ip:
            meta += (
                f"<span>IP属地：{r.choice(pools.PROVINCES)}</span>"
                if r.random() < 0.5
                else f"<span>来自{r.choice(pools.PROVINCES)}</span>"
            )
        likes = f"<span>{r.choice(('赞', '👍', '支持', ''))} {r.randint(0, 3000)}</span>"
        reply = '<a href="javascript:;">回复</a>' if r.random() < 0.5 else ""
        items.append(
            f'<div{ctx.a("comment")}><a href="javascript:;">{nickname(r)}</a>'
            f"<p>{line}</p><div>{meta}{likes}{reply}</div></div>"
        )
    form = r.choice(
        (
            "",
            '<textarea placeholder="说点什么吧"></textarea><button>发表评论</button>',
            "<div>文明上网理性发言，请遵守新闻评论服务协议</div>",
        )
    )
    head = r.choice(heads)
    html = (
        f"<div{ctx.a('comments')}>"
        + (f"<h3>{head}</h3>" if head else "")
        + form
        + "".join(items)
        + "</div>"
    )
    return Block(html, tuple(s for s in strings if len(s) >= 6))


def excerpt(text: str, r: random.Random) -> str:
    cut = r.randint(24, 60)
    return text[:cut] + r.choice(("……", "...", "…", "[详细]"))


def related(ctx: PageCtx, with_excerpts: bool) -> Block:
    r = ctx.rng
    picks = ctx.others[: r.randint(3, 6)]
    if not picks:
        return Block("")
    head = r.choice(pools.RELATED_HEADS)
    items, strings = [], []
    for title, href, text in picks:
        ex = excerpt(text, r) if with_excerpts and text else ""
        strings += [title] + ([ex.rstrip("….[详细]")] if ex else [])
        when = (
            f"<span>{(ctx.when - timedelta(days=r.randint(0, 60))):%m-%d}</span>"
            if r.random() < 0.5
            else ""
        )
        body = f"<p>{ex}</p>" if ex else ""
        items.append(f'<li><a href="{href}">{title}</a>{when}{body}</li>')
    html = (
        f"<div{ctx.a('related')}>"
        + (f"<h3>{head}</h3>" if head else "")
        + f"<ul>{''.join(items)}</ul></div>"
    )
    return Block(html, tuple(strings))


def disclaimer(ctx: PageCtx) -> Block:
    r = ctx.rng
    clauses = r.sample(pools.DISCLAIMER_CLAUSES, r.randint(2, 4))
    mail = f"{token(r, 5)}@{r.choice(('163.com', 'qq.com', 'sina.com'))}"
    text = r.choice(pools.DISCLAIMER_HEADS) + "，".join(c.format(mail=mail) for c in clauses) + "。"
    tag = r.choice(("div", "p", "section"))
    return Block(f"<{tag}{ctx.a('disclaimer')}>{text}</{tag}>", (text,))


def editor_line(ctx: PageCtx) -> Block:
    r = ctx.rng
    name = r.choice("王李张刘陈杨黄赵吴周") + "".join(r.sample("晓明丽华强伟芳静敏磊", 2))
    name2 = r.choice("王李张刘陈") + r.choice("一二三晓子") + r.choice("文武明亮")
    text = r.choice(pools.EDITOR_LINES).format(name=name, name2=name2)
    tag = r.choice(("p", "div", "span"))
    return Block(f"<{tag}{ctx.a('editor')}>{text}</{tag}>", (text,) if len(text) >= 6 else ())


def meta_line(ctx: PageCtx, when: datetime, source: str | None, byline: str | None) -> Block:
    """Date, source, author and view count under the title, in one of many orders."""
    r = ctx.rng
    parts = [
        f"{r.choice(pools.META_TIME)}{when:%Y-%m-%d %H:%M}"
        if r.random() < 0.7
        else f"{when:%Y年%m月%d日 %H:%M}"
    ]
    if source:
        parts.append(f"{r.choice(pools.META_SOURCE)}{source}")
    if byline:
        parts.append(f"作者：{byline}" if r.random() < 0.5 else byline)
    views = r.choice(pools.META_VIEWS).format(n=r.randint(100, 99999))
    if views:
        parts.append(views)
    if r.random() < 0.3:
        r.shuffle(parts)
    spans = "".join(f"<span>{p}</span>" for p in parts)
    return Block(
        f"<div{ctx.a('meta')}>{spans}</div>", tuple(p for p in parts if len(p) >= 6 and p != byline)
    )


def ip_line(ctx: PageCtx, when: datetime) -> Block:
    r = ctx.rng
    text = r.choice(pools.IP_LINES).format(
        time=f"{when:%Y-%m-%d %H:%M}",
        prov=r.choice(pools.PROVINCES),
        column=r.choice(pools.COLUMNS),
    )
    tag = r.choice(("div", "p", "span"))
    return Block(f"<{tag}{ctx.a('column')}>{text}</{tag}>", (text,))


def template_ad(ctx: PageCtx) -> Block:
    """An ad the template puts between body and footer (not one a farm inserts in the body)."""
    r = ctx.rng
    offer = r.choice(pools.AD_OFFERS).format(
        course=r.choice(pools.AD_COURSES),
        n=r.randint(50, 500),
        gift=r.choice(pools.AD_GIFTS),
        word=r.choice(pools.TAG_WORDS),
        service=r.choice(pools.AD_SERVICES),
        tel=f"400-{digits(r, 7)}",
    )
    return Block(f"<div{ctx.a('ad')}><p>{offer}</p></div>", (offer,))


def signature(r: random.Random, nick: str, when: datetime) -> str:
    return r.choice(pools.FORUM_SIGS).format(nick=nick, time=f"{when:%Y-%m-%d %H:%M}")
