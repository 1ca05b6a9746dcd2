# ruff: noqa: E501  (prose data: sentences are not wrapped)
"""Class 8: a promotional paragraph placed in the middle of an article copy.

The promo is composed from parts (a label or none, an offer, a price or a discount, a call
to action, a scarcity line), so no phrase list can hold them all; it is drawn in the page as
farms do: a plain paragraph like its siblings, one with its own class or colour, a bold
one, a link, a box with a QR image, a "推荐阅读" line of links, a centred QR image and a
caption.  Some pages get two promos, some a farm copy's own ad (tests.storygen).
"""

from __future__ import annotations

import random
from html import escape

from tests.mainpages import GenPage, story_for, world
from tests.mainpages.bodies import headline, paragraphs_html
from tests.mainpages.portal import HOT_TITLES, page

LABELS = (
    "",
    "",
    "【限时优惠】",
    "【广告】",
    "广告｜",
    "▶ ",
    "👉 ",
    "【福利】",
    "※ ",
    "[推广] ",
    "今日特惠：",
    "【粉丝专享】",
    "AD：",
)
PRODUCTS = (
    "短视频剪辑训练营",
    "AI绘画入门课",
    "个人信息保护合规课程",
    "Python数据分析实战班",
    "法律文书写作课",
    "直播带货速成班",
    "反诈防骗指南电子书",
    "网络维权一本通",
    "律师一对一咨询",
    "家庭防骗保险",
    "某品牌学习机",
    "某某护肤套装",
    "智能门锁",
    "手机数据恢复服务",
)
OFFERS = (
    "{prod}今日报名立减{n}元",
    "{prod}免费领取",
    "新人专享{prod}体验价{p2}元",
    "{prod}全场低至{d}折",
    "{prod}原价{p1}元，现价仅需{p2}元",
    "下单{prod}前{m}名送精美礼品",
    "{prod}限时{d}折，还送价值{p1}元大礼包",
    "0元试听{prod}",
)
CTAS = (
    "点击下方链接立即抢购",
    "扫码添加客服微信",
    "长按识别二维码立即参与",
    "戳这里马上报名",
    "私信回复“{kw}”即可领取",
    "关注公众号回复“{kw}”领取",
    "点击阅读原文了解详情",
    "立即预约",
    "添加助理微信{wx}咨询",
    "拨打热线400-{t1}-{t2}咨询",
    "评论区留言“{kw}”领取",
)
SCARCITY = (
    "",
    "名额有限，先到先得",
    "仅限今天",
    "活动截止{mo}月{dd}日",
    "错过再等一年",
    "倒计时{n}天",
    "库存告急",
)
KEYWORDS = ("优惠", "资料", "福利", "666", "领取", "课程")
MARKUPS = ("plain", "class", "color", "bold", "link", "qrbox", "reading", "qrimg", "section")


def promo_text(rng: random.Random) -> str:
    slots = {
        "prod": rng.choice(PRODUCTS), "n": rng.choice((3, 5, 20, 50, 99, 199)),
        "p1": rng.choice((199, 299, 699, 1999)), "p2": rng.choice((0.9, 9.9, 19, 49, 99)),
        "d": rng.choice((1, 3, 5, 7)), "m": rng.choice((10, 20, 100)), "kw": rng.choice(KEYWORDS),
        "wx": f"{rng.choice(('kf', 'zs', 'vip'))}{rng.randint(1000, 9999)}", "t1": rng.randint(100, 999),
        "t2": rng.randint(1000, 9999), "mo": rng.randint(1, 12), "dd": rng.randint(1, 28),
    }  # fmt: skip
    parts = [rng.choice(OFFERS), rng.choice(CTAS), rng.choice(SCARCITY)]
    rng.shuffle(parts) if rng.random() < 0.3 else None
    sep = rng.choice(("，", "！", "。", " "))
    text = sep.join(p for p in parts if p).format(**slots)
    return rng.choice(LABELS) + text + rng.choice(("！", "。", "~", "", "！！"))


def promo_html(rng: random.Random, text: str, markup: str, layout: str) -> tuple[str, str]:
    """(HTML of the promo, the text it shows) in one of MARKUPS."""
    tag = "section" if layout == "section" else "p"
    t = escape(text)
    if markup == "plain":
        return (f"<{tag}>{t}</{tag}>" if layout in ("p", "section") else t), text
    if markup == "class":
        return (
            f'<{tag} class="{rng.choice(("tg", "ad-txt", "promo", "extend", "tips", "jh", "x-note"))}">{t}</{tag}>',
            text,
        )
    if markup == "color":
        return (
            f'<{tag} style="color:{rng.choice(("#f00", "red", "#e4393c", "#ff6600"))};text-align:center">{t}</{tag}>',
            text,
        )
    if markup == "bold":
        return f"<{tag}><strong>{t}</strong></{tag}>", text
    if markup == "link":
        return (
            f'<{tag}><a href="https://{rng.choice(("mall", "s", "edu"))}.example.cn/{rng.randint(1, 99999)}">{t}</a></{tag}>',
            text,
        )
    if markup == "qrbox":
        return (
            f'<div class="{rng.choice(("box", "card", "m-qr", ""))}"><img src="/static/qrcode{rng.randint(1, 9)}.jpg"><{tag}>{t}</{tag}></div>',
            text,
        )
    if markup == "reading":
        titles = rng.sample(HOT_TITLES, rng.randint(1, 3))
        label = rng.choice(("推荐阅读：", "相关阅读 | ", "▶ 延伸阅读：", "往期精选："))
        links = rng.choice(("　", "<br>")).join(
            f'<a href="/a/{rng.randint(1, 99999)}.html">{x}</a>' for x in titles
        )
        return f"<{tag}>{label}{links}</{tag}>", label + "".join(titles)
    if markup == "qrimg":
        img = f'<{tag} style="text-align:center"><img src="/upload/ewm{rng.randint(1, 99)}.png"></{tag}>'
        return img + f'<{tag} style="text-align:center">{t}</{tag}>', text
    return f'<section style="background:#f5f5f5;padding:10px"><{tag}>{t}</{tag}></section>', text


def build(seed: int) -> GenPage:
    rng = random.Random(f"ads:{seed}")
    story = story_for(seed, rng)
    paras = list(story.paragraphs)
    layout = rng.choice(("p", "p", "br-div", "section"))
    chrome: list[str] = []
    extra: dict[int, str] = {}
    shapes = []
    for _ in range(rng.choice((1, 1, 2))):
        markup = rng.choice(MARKUPS)
        if rng.random() < 0.15:  # a farm copy's own ad, worded by tests.storygen
            ads = [t for c in world(seed // 8).copies for _, k, t in c.additions if k == "ad"]
            text = rng.choice(ads) if ads else promo_text(rng)
        else:
            text = promo_text(rng)
        html, shown = promo_html(rng, text, markup, layout)
        at = rng.randint(1, len(paras) - 1)
        if at in extra:
            continue
        extra[at] = html if layout in ("p", "section") or markup == "plain" else f"<br>{html}<br>"
        chrome.append(shown)
        shapes.append(markup)
    body = paragraphs_html(rng, paras, layout, extra)
    main = f'<div class="{rng.choice(("article", "post", "main", "c1"))}">{headline(rng, story.title, story.outlet)}{body}</div>'
    html = page(rng, story.title, story.outlet, main, heavy=rng.random() < 0.3)
    url = f"https://www.farm{rng.randint(1, 99)}.com/a/{rng.randint(10**6, 10**8)}.html"
    return GenPage(
        "ads",
        seed,
        html,
        url,
        story.title,
        "\n".join(paras),
        chrome,
        shape=f"{layout}/{'+'.join(shapes)}",
    )
