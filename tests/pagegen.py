"""Seeded generator of single pages of the classes where per-page extraction failed on unseen webs.

Why: a fix for one page someone looked at fails on the next site.  Each class here is built
from random parts (markup, class names or none, wording, lengths, positions), so a test
asserts the class, not the case.  Every page says what its article is and what must not be
in the text.

- ``comments_page``: portal weight (a long menu, scripts, styles), the article as
  ``<br>``-separated runs in a ``<div>`` or ``<td>``, and a comment section of many short
  user lines under it (issue 12, class 3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape

from tests.sitegen import _CLASS_WORDS, _NAV, paragraph, sentence

_USERS = "小明 老王 法律人 路人甲 吃瓜群众 网友 星空 阿杰 木子 清风 大海 追梦人".split()
_REACTIONS = (
    "支持法院判决 说得太对了 这种行为必须严惩 技术是把双刃剑 保护好自己的隐私 "
    "早该管管了 现在骗子太多 看完后背发凉 希望更多人看到 平台也有责任"
).split()


@dataclass
class Page:
    html: str
    article: list[str]  # the article's paragraphs, in order
    not_text: list[str] = field(default_factory=list)  # lines that must not be extracted


def _document(title: str, body: str, head: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'>{head}<title>{title}</title></head>"
        f"<body>{body}</body></html>"
    )


def _title(rng: random.Random, words: tuple[int, int] = (4, 7)) -> str:
    return sentence(rng, words)[:-1].replace("，", "")


def _article_page(
    rng: random.Random,
    title: str,
    body: str,
    menus: tuple[int, int],
    container: str = "div",
    after: str = "",
) -> str:
    """A page of two menus around a container holding the headline and the body's box."""
    return _document(
        title,
        f"{_menu(rng, menus[0])}<{container}{_cls(rng)}><h1>{title}</h1><div{_cls(rng)}>{body}"
        f"</div>{after}</{container}>{_menu(rng, menus[1])}",
    )


def _cls(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return ""
    return f' class="{"-".join(rng.sample(_CLASS_WORDS, rng.randint(1, 2)))}"'


def _menu(rng: random.Random, links: int) -> str:
    items = "".join(
        f'<li><a href="/c/{rng.randint(1, 999)}/">{rng.choice(_NAV)}{rng.randint(1, 99)}</a></li>'
        for _ in range(links)
    )
    return f"<div{_cls(rng)}><ul>{items}</ul></div>"


def _heavy_head(rng: random.Random) -> str:
    script = "var a=" + ",".join(str(rng.randint(0, 9999)) for _ in range(3000)) + ";"
    style = "".join(f".k{i}{{margin:{i}px}}" for i in range(800))
    return f"<script>{script}</script><style>{style}</style>"


def _comment(rng: random.Random, tag: str, cls: str) -> tuple[str, str]:
    words = rng.sample(_REACTIONS, rng.randint(1, 5))
    line = "，".join(words) + rng.choice(("！", "。", "", "？"))
    when = (
        f"{rng.randint(1, 59)}分钟前"
        if rng.random() < 0.5
        else f"2023-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    )
    user = rng.choice(_USERS) + str(rng.randint(1, 999))
    html = (
        f'<{tag}{cls}><a href="/u/{rng.randint(1, 9999)}">{user}</a> <span>{when}</span>'
        f"<p>{escape(line)}</p><span>赞 {rng.randint(0, 99)}</span></{tag}>"
    )
    return html, line


def comments_page(seed: int) -> Page:
    """An article of <br>-separated runs in a <div> or <td>, under a long comment section."""
    rng = random.Random(seed)
    paras = [paragraph(rng, (2, 5)) for _ in range(rng.randint(4, 10))]
    body = (
        "<br>\n".join(escape(p) for p in paras)
        if rng.random() < 0.5
        else ("<br><br>\n".join("　　" + escape(p) for p in paras))
    )
    title = _title(rng)
    if rng.random() < 0.5:
        article = f"<table><tr><td{_cls(rng)}>{body}</td></tr></table>"
    else:
        article = f"<div{_cls(rng)}>{body}</div>"
    tag, cls = rng.choice(("div", "li", "dl")), _cls(rng)
    comments = [_comment(rng, tag, cls) for _ in range(rng.randint(25, 100))]
    listing = "".join(c[0] for c in comments)
    if tag == "li":
        listing = f"<ul>{listing}</ul>"
    head = _heavy_head(rng)
    html = _document(
        title,
        f"{_menu(rng, 300)}<div{_cls(rng)}><h1>{title}</h1>{article}</div>"
        f"<div{_cls(rng)}><h3>{rng.choice(('网友说', '大家说', '留言'))}</h3>{listing}</div>"
        f"{_menu(rng, 40)}",
        head,
    )
    return Page(html, paras, [c[1] for c in comments])


def thread_page(seed: int) -> Page:
    """A one-line post and the replies under it, on a board that announces no forum software:
    the replies are the page, and must stay."""
    rng = random.Random(seed)
    post = sentence(rng, (6, 10))
    tag, cls = rng.choice(("div", "li")), _cls(rng)
    replies = [_comment(rng, tag, cls) for _ in range(rng.randint(8, 30))]
    listing = "".join(c[0] for c in replies)
    if tag == "li":
        listing = f"<ul>{listing}</ul>"
    title = _title(rng, (3, 5))
    menu, post_box = _menu(rng, 30), f"<div{_cls(rng)}><p>{escape(post)}</p></div>"
    html = _document(title, f"{menu}{post_box}<div{_cls(rng)}>{listing}</div>")
    return Page(html, [post] + [c[1] for c in replies])


def quoted_thread(seed: int, discussion: bool = False) -> Page:
    """A forum thread whose first post quotes a whole article (a <blockquote> or a quote box)
    and adds a line of its own; short replies under it (issue 12, class 4).  The article is
    the text; the replies are not."""
    rng = random.Random(seed)
    paras = [paragraph(rng, (3, 5)) for _ in range(rng.randint(5, 9))]  # article length
    own = sentence(rng, (5, 9))
    if discussion:
        paras, own = paras[:2], paragraph(rng, (4, 6)) + paragraph(rng, (4, 6))
    quoted = "".join(f"<p>{escape(p)}</p>" for p in paras)
    if rng.random() < 0.5:
        quote = f"<blockquote{_cls(rng)}>{quoted}</blockquote>"
    else:
        box = rng.choice(("quote", "quotebox", "bbcode_quote", "q-box"))
        quote = (
            f'<div class="{box}"><div>{"引用" if rng.random() < 0.5 else ""}</div>{quoted}</div>'
        )
    post_cls, msg_cls = _cls(rng), _cls(rng)
    user = rng.choice(_USERS)

    def post(floor: int, body: str) -> str:
        return (
            f'<div{post_cls}><div><a href="/u/{rng.randint(1, 999)}">{user}{floor}</a>'
            f"<span>{floor}楼</span><span>发表于 2023-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            f"</span></div><div{msg_cls}>{body}</div></div>"
        )

    replies = [_comment(rng, "div", "")[1] for _ in range(rng.randint(3, 12))]
    if discussion:
        replies = [paragraph(rng, (2, 4)) for _ in range(rng.randint(3, 8))]
    posts = [post(1, f"{quote}<p>{escape(own)}</p>")]
    posts += [post(i + 2, f"<p>{escape(r)}</p>") for i, r in enumerate(replies)]
    title = _title(rng)
    generator = '<meta name="generator" content="Discuz! X3.4">'
    generator = generator if discussion or rng.random() < 0.5 else ""
    html = _document(
        title, f"{_menu(rng, 40)}<h1>{title}</h1><div{_cls(rng)}>{''.join(posts)}</div>", generator
    )
    if discussion:
        return Page(html, [*paras, own, *replies])
    return Page(html, paras, replies)


_LABELS = "发布于 编辑于 发表于 更新于 首发于 写于".split()
_PLACES = "广东 北京 上海 浙江 四川 湖北 江苏 山东".split()


def column_page(seed: int) -> Page:
    """A column-style article (blog, Zhihu/Jianshu-like) with its publish time and IP
    location on a line under the body (issue 12, class 6)."""
    rng = random.Random(seed)
    paras = [paragraph(rng, (2, 5)) for _ in range(rng.randint(3, 9))]
    day = f"20{rng.randint(19, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    label, place = rng.choice(_LABELS), rng.choice(_PLACES)
    meta = rng.choice(
        (
            f"{label} {day} {clock}・IP 属地{place}",
            f"{label} {day} {clock} IP属地：{place}",
            f"{day} {clock} {label}{place}",
            f"{label} {day} {clock}",
            f"{label}{place} {day} {clock}",
        )
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    tag = rng.choice(("div", "span", "p", "time"))
    meta_html = f"<{tag}{_cls(rng)}>{escape(meta)}</{tag}>"
    if rng.random() < 0.5:
        meta_html = f"<div{_cls(rng)}>{meta_html}<span>{rng.randint(1, 999)} 赞同</span></div>"
    title = _title(rng)
    html = _article_page(rng, title, body, (20, 10), "article", meta_html)
    return Page(html, paras, [meta])


def promo_page(seed: int, shape: str | None = None) -> Page:
    """An article with a promotional paragraph in the middle (issue 12, class 8), marked up
    as farms do: a paragraph that is one link, a styled box with a QR-code image, or a
    <section> of its own among plain paragraphs; worded in the article's own vocabulary, so
    only its shape can give it away.  ``shape``: "link", "qr" or "box" (default: drawn)."""
    rng = random.Random(seed)
    paras = [paragraph(rng, (2, 4)) for _ in range(rng.randint(5, 10))]
    promo = sentence(rng, (8, 14)) + sentence(rng, (5, 9))
    href = f"https://promo{rng.randint(1, 99)}.example/{rng.randint(1000, 9999)}"
    shape = shape or rng.choice(("link", "qr", "box"))
    if shape == "link":
        block = f'<p><a href="{href}">{escape(promo)}</a></p>'
    elif shape == "qr":
        block = (
            f'<p{_cls(rng)}><img src="/img/qr{rng.randint(1, 9)}.png">'
            f"<strong>{escape(promo)}</strong></p>"
        )
    else:
        block = (
            f'<div{_cls(rng)} style="border:1px solid #f60"><a href="{href}">'
            f'<img src="/img/ad{rng.randint(1, 9)}.jpg"></a><p>{escape(promo)}</p></div>'
        )
    body = [f"<p>{escape(p)}</p>" for p in paras]
    body.insert(rng.randint(2, len(body) - 2), block)
    title = _title(rng)
    html = _article_page(rng, title, "".join(body), (30, 10))
    return Page(html, paras, [promo])
