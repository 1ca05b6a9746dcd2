# ruff: noqa: E501  (markup templates and word pools: a page's shape reads best on one line)
"""Portal-weight page furniture: mega-menus, script blobs, style blocks, sidebars, footers.

A heavy page (~100 KB) is mostly this: a 300-link channel menu, inline scripts and styles,
a hot list and a footer, around an article of a few hundred characters.  Shapes and class
names are drawn per page so no two seeds share a template.
"""

from __future__ import annotations

import random
from html import escape

from tests.mainpages.words import NEUTRAL_CLASSES, class_name

CHANNELS = ("新闻", "国内", "国际", "社会", "法治", "财经", "科技", "体育", "娱乐", "汽车", "房产", "教育", "健康", "旅游", "军事", "文化", "读书", "游戏", "时尚", "数码", "视频", "图片", "评论", "专题", "地方", "公益")  # fmt: skip
HOT_TITLES = (
    "多地出台新规整治网络谣言", "暑期旅游市场持续升温", "新能源汽车下乡活动启动", "高温天气持续 多地发布预警",
    "教育部发布最新招生政策解读", "一季度经济数据出炉", "城市更新行动稳步推进", "专家解读个人养老金新政",
    "全国铁路迎来客流高峰", "多家银行下调存款利率", "夏粮收购工作全面展开", "文旅消费呈现新亮点",
)  # fmt: skip
_JS_WORDS = (
    "function",
    "var",
    "return",
    "window",
    "document",
    "push",
    "length",
    "if",
    "else",
    "for",
)


def mega_menu(rng: random.Random, links: int) -> str:
    """A channel menu of ``links`` links in groups (ul/li or div/a)."""
    cls = class_name(rng, ("nav", "menu", "channel", "topbar", "hd", "header", *NEUTRAL_CLASSES))
    groups, per = [], max(1, links // rng.randint(8, 20))
    n = 0
    while n < links:
        items = []
        for _ in range(min(per, links - n)):
            name = rng.choice(CHANNELS) + rng.choice(
                ("", "频道", "资讯", "快讯", "大全", str(n % 9))
            )
            href = f"/{rng.choice(('c', 'ch', 'list', 'col'))}/{n}.html"
            items.append(f'<a href="{href}">{name}</a>')
            n += 1
        if rng.random() < 0.5:
            groups.append("<ul>" + "".join(f"<li>{a}</li>" for a in items) + "</ul>")
        else:
            groups.append(
                f'<div class="{rng.choice(NEUTRAL_CLASSES)}">' + " | ".join(items) + "</div>"
            )
    return f'<div class="{cls}">' + "".join(groups) + "</div>"


def script_blob(rng: random.Random, size: int) -> str:
    words = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(_JS_WORDS) + str(rng.randint(0, 999)))
    return "<script>" + " ".join(words) + ";</script>"


def style_block(rng: random.Random, rules: int) -> str:
    body = "".join(
        f".{rng.choice(NEUTRAL_CLASSES)}{i} {{margin:{rng.randint(0, 20)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}"
        for i in range(rules)
    )
    return f"<style>{body}</style>"


def hot_list(rng: random.Random, items: int) -> str:
    cls = class_name(rng, ("hot", "rank", "top10", "paihang", *NEUTRAL_CLASSES))
    rows = "".join(
        f'<li><a href="/n/{rng.randint(1000, 99999)}.html">{rng.choice(HOT_TITLES)}</a></li>'
        for _ in range(items)
    )
    head = rng.choice(("<h3>排行</h3>", "<div>24小时点击</div>", "<h4>热点</h4>", ""))
    return f'<div class="{cls}">{head}<ul>{rows}</ul></div>'


def footer(rng: random.Random, site: str) -> str:
    cls = class_name(rng, ("footer", "foot", "bottom", "copy", *NEUTRAL_CLASSES))
    links = " | ".join(
        f'<a href="/about/{i}">{w}</a>'
        for i, w in enumerate(("关于我们", "联系方式", "广告服务", "网站地图", "招聘"))
    )
    return (
        f'<div class="{cls}"><p>{links}</p><p>Copyright © 2024 {escape(site)} 版权所有 '
        f"京ICP备{rng.randint(10000000, 99999999)}号</p></div>"
    )


def head(rng: random.Random, title: str, heavy: bool) -> str:
    parts = [f"<title>{escape(title)}</title>", '<meta charset="utf-8">']
    if heavy:
        parts += [style_block(rng, rng.randint(80, 160)) for _ in range(rng.randint(1, 3))]
        parts += [script_blob(rng, rng.randint(4000, 15000)) for _ in range(rng.randint(2, 4))]
    return "<head>" + "".join(parts) + "</head>"


def page(rng: random.Random, title: str, site: str, main: str, heavy: bool = True) -> str:
    """A whole page around ``main`` (the article column, furniture of its own included)."""
    menu = mega_menu(rng, rng.randint(260, 340) if heavy else rng.randint(20, 40))
    side = "".join(hot_list(rng, rng.randint(8, 15)) for _ in range(rng.randint(1, 3)))
    scripts = "".join(
        script_blob(rng, rng.randint(3000, 12000)) for _ in range(rng.randint(1, 3) if heavy else 0)
    )
    side_first = rng.random() < 0.3
    wrap = rng.choice(NEUTRAL_CLASSES)
    if rng.random() < 0.4:  # an old portal: one layout table, sidebar in its own cell
        cells = [
            f'<td width="70%" valign="top">{main}</td>',
            f'<td width="30%" valign="top">{side}</td>',
        ]
        cols = f'<table width="1000" border="0"><tr>{"".join(cells[::-1] if side_first else cells)}</tr></table>'
    else:
        parts = [
            f'<div class="{rng.choice(NEUTRAL_CLASSES)}">{main}</div>',
            f'<div class="{rng.choice(NEUTRAL_CLASSES)}">{side}</div>',
        ]
        cols = "".join(parts[::-1] if side_first else parts)
    body = f'<body>{menu}<div class="{wrap}">{cols}</div>{footer(rng, site)}{scripts}</body>'
    return f"<!DOCTYPE html><html>{head(rng, title, heavy)}{body}</html>"
