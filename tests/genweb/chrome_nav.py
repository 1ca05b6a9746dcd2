"""Navigation chrome: top bars, mega-menus, breadcrumbs, hot lists, tag clouds, 上一篇/下一篇,
share bars, footers, and the script and style blobs portal pages carry.

Every function returns a ``Block``: its HTML and the strings it shows (kept as truth so a
crawl can be checked for chrome left in an article).  Wording is composed per site from
``pools`` so two sites rarely print the same line.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime

from tests.genweb import pools
from tests.genweb.records import Block
from tests.genweb.rng import digits, token
from tests.genweb.style import SiteStyle

Link = tuple[str, str]  # (text, href)


@dataclass
class PageCtx:
    """What chrome on one page may link to and mention."""

    style: SiteStyle
    rng: random.Random
    home: str
    channels: list[Link]
    tags: list[Link] = field(default_factory=list)
    traps: list[Link] = field(default_factory=list)
    others: list[tuple[str, str, str]] = field(default_factory=list)  # title, href, excerpt
    broken: list[Link] = field(default_factory=list)
    when: datetime = datetime(2024, 6, 1)

    def a(self, role: str) -> str:
        return self.style.naming(role)


def _ul(ctx: PageCtx, role: str, items: list[str], tag: str = "ul") -> str:
    li = "li" if tag in ("ul", "ol") else "span"
    return f"<{tag}{ctx.a(role)}>" + "".join(f"<{li}>{x}</{li}>" for x in items) + f"</{tag}>"


def topbar(ctx: PageCtx) -> Block:
    r = ctx.rng
    words = r.sample(
        (
            "登录",
            "注册",
            "手机版",
            "客户端",
            "无障碍",
            "English",
            "繁體",
            "投稿",
            "帮助",
            "设为首页",
            "加入收藏",
            "APP下载",
        ),
        r.randint(2, 6),
    )
    today = f"{ctx.when:%Y年%m月%d日} 星期{'一二三四五六日'[ctx.when.weekday()]}"
    items = [f'<a href="javascript:;">{w}</a>' for w in words]
    return Block(f"<div{ctx.a('header')}><span>{today}</span>{''.join(items)}</div>")


def menu(ctx: PageCtx) -> Block:
    """Channel links (the site's own lists) plus up to ~300 links to channel hosts."""
    r, n = ctx.rng, ctx.style.menu_links
    links = [f'<a href="{ctx.home}">首页</a>'] + [f'<a href="{h}">{t}</a>' for t, h in ctx.channels]
    host = token(r, r.randint(4, 8), "abcdefghijklmnopqrstuvwxyz")
    groups = []
    while sum(len(g) for g in groups) < n - len(links):
        head = r.choice(pools.CHANNELS)
        subs = [f"{r.choice(pools.CHANNELS)}{r.choice(pools.SUBCHANNEL_ENDS)}" for _ in range(12)]
        sub_host = token(r, 5, "abcdefghijklmnopqrstuvwxyz")
        groups.append(
            [f'<a href="http://{sub_host}.{host}.com.cn/">{head}</a>']
            + [
                f'<a href="http://{sub_host}.{host}.com.cn/{k}/">{s}</a>'
                for k, s in enumerate(subs)
            ]
        )
    inner = "".join(f"<dl><dt>{g[0]}</dt><dd>{''.join(g[1:])}</dd></dl>" for g in groups)
    return Block(f"<nav{ctx.a('menu')}><div>{''.join(links)}</div>{inner}</nav>")


def breadcrumb(ctx: PageCtx, current: str = "正文") -> Block:
    r = ctx.rng
    sep = r.choice(pools.BREAD_SEPS)
    parts = [f'<a href="{ctx.home}">首页</a>']
    parts += [f'<a href="{h}">{t}</a>' for t, h in ctx.channels[:1]]
    head = r.choice(pools.BREAD_HEADS)
    return Block(f"<div{ctx.a('breadcrumb')}>{head}{sep.join([*parts, current])}</div>")


def hot_list(ctx: PageCtx) -> Block:
    r = ctx.rng
    head = r.choice(pools.HOT_HEADS)
    items: list[tuple[str, str]] = [(t, h) for t, h, _ in ctx.others[: r.randint(2, 5)]]
    for _ in range(r.randint(4, 9)):
        frame = r.choice(pools.HEADLINE_FRAMES)
        title = frame.format(city=r.choice(pools.CITIES), n=r.randint(2, 99))
        items.append((title, "javascript:;" if r.random() < 0.5 else ctx.home))
    r.shuffle(items)
    lis = [f'<em>{k + 1}</em><a href="{h}">{t}</a>' for k, (t, h) in enumerate(items)]
    html = (
        f"<div{ctx.a('hot')}><h3>{head}</h3>{_ul(ctx, 'list', lis, r.choice(('ul', 'ol')))}</div>"
    )
    return Block(html, tuple(t for t, _ in items))


def tag_cloud(ctx: PageCtx) -> Block:
    r = ctx.rng
    links = ctx.tags or [(w, "javascript:;") for w in r.sample(pools.TAG_WORDS, 6)]
    head = r.choice(pools.TAG_HEADS)
    spans = "".join(
        f'<a href="{h}" style="font-size:{r.randint(12, 22)}px">{t}</a> ' for t, h in links
    )
    return Block(f"<div{ctx.a('tags')}><h4>{head}</h4>{spans}</div>")


def tags_line(ctx: PageCtx) -> Block:
    r = ctx.rng
    links = ctx.tags[: r.randint(2, 4)] or [
        (w, "javascript:;") for w in r.sample(pools.TAG_WORDS, 3)
    ]
    head = r.choice(("标签：", "关键词：", "Tags:", "TAG:", "相关标签："))
    return Block(
        f"<div{ctx.a('tags')}>{head}"
        + " ".join(f'<a href="{h}">{t}</a>' for t, h in links)
        + "</div>"
    )


def prev_next(ctx: PageCtx) -> Block:
    r = ctx.rng
    prev, nxt = r.choice(pools.PREV_WORDS)
    picks = ctx.others[-2:] if len(ctx.others) >= 2 else [("没有了", "javascript:;", "")] * 2
    parts = [
        f'<p>{prev}<a href="{picks[0][1]}">{picks[0][0]}</a></p>',
        f'<p>{nxt}<a href="{picks[1][1]}">{picks[1][0]}</a></p>',
    ]
    strings = (f"{prev}{picks[0][0]}", f"{nxt}{picks[1][0]}", picks[0][0], picks[1][0])
    return Block(f"<div{ctx.a('prevnext')}>{''.join(parts)}</div>", strings)


def share_bar(ctx: PageCtx) -> Block:
    r = ctx.rng
    head = r.choice(pools.SHARE_HEADS)
    nets = " ".join(
        f'<a href="javascript:;" title="{w}">{w}</a>' for w in r.sample(pools.SHARE_WORDS, 4)
    )
    likes = " ".join(f"<span>{w} {r.randint(0, 999)}</span>" for w in r.sample(pools.LIKE_WORDS, 3))
    text = f"{head}{nets}"
    return Block(f"<div{ctx.a('share')}>{text}<div>{likes}</div></div>")


def footer(ctx: PageCtx) -> Block:
    r = ctx.rng
    links = " | ".join(f'<a href="javascript:;">{w}</a>' for w in r.sample(pools.FOOTER_LINKS, 6))
    slots = {
        "y0": r.randint(1998, 2012),
        "y1": 2024,
        "site": ctx.style.label,
        "prov_short": r.choice(pools.PROV_SHORT),
        "n8": digits(r, 8),
        "k": r.randint(1, 5),
        "n14": digits(r, 14),
        "tel": f"0{r.randint(10, 99)}-{digits(r, 8)}",
        "n11": digits(r, 11),
        "mail": f"{token(r, 6)}@{r.choice(('163.com', 'qq.com'))}",
    }
    lines = [x.format(**slots) for x in r.sample(pools.FOOTER_LINES, r.randint(2, 5))]
    body = "".join(f"<p>{x}</p>" for x in lines)
    return Block(f"<div{ctx.a('footer')}><p>{links}</p>{body}</div>", tuple(lines))


def script_blobs(ctx: PageCtx, size: int) -> str:
    """Analytics snippets and config objects, ~``size`` characters (no visible text)."""
    r = ctx.rng
    out = [
        f"<script>var _hmt=_hmt||[];(function(){{var hm=document.createElement('script');"
        f"hm.src='https://hm.baidu.com/hm.js?{token(r, 32, '0123456789abcdef')}';"
        "var s=document.getElementsByTagName('script')[0];"
        "s.parentNode.insertBefore(hm,s);})();</script>"
    ]
    while sum(map(len, out)) < size:
        conf = {token(r, 6): [token(r, 12) for _ in range(8)] for _ in range(10)}
        out.append(f"<script>window.__{token(r, 5)}__ = {json.dumps(conf)};</script>")
    return "".join(out)


def style_block(ctx: PageCtx, size: int) -> str:
    r = ctx.rng
    rules = []
    while sum(map(len, rules)) < size:
        sel = r.choice((".", "#")) + token(r, r.randint(3, 9))
        rules.append(
            f"{sel}{{margin:{r.randint(0, 20)}px;color:#{token(r, 6, '0123456789abcdef')};}}"
        )
    return "<style>" + "".join(rules) + "</style>"


def side_ad(ctx: PageCtx) -> Block:
    r = ctx.rng
    text = r.choice(("广告", "推广", "赞助商链接", "AD"))
    offer = r.choice(pools.AD_OFFERS).format(
        course=r.choice(pools.AD_COURSES),
        n=r.randint(50, 500),
        gift=r.choice(pools.AD_GIFTS),
        word=r.choice(pools.TAG_WORDS),
        service=r.choice(pools.AD_SERVICES),
        tel=f"400-{digits(r, 7)}",
    )
    return Block(
        f'<div{ctx.a("ad")}><span>{text}</span><a href="javascript:;">{offer}</a></div>', (offer,)
    )
