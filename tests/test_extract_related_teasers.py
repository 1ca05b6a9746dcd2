"""Issue 12: one or two teasers of other stories (a headline link, then a cut-off excerpt)
are not the article's text, whatever their markup; an article's own linked lines stay.

Generated instances: markup (a list item, a <dl>, a heading and a paragraph, plain
<div>s), one or two teasers, the way the excerpt is cut, a date beside the headline, the
box's heading or none, and where the box sits (under the article or between paragraphs).
"""

from __future__ import annotations

import random

import lxml.html
import pytest

from pipelines.extract import extract_page
from pipelines.extract.density import MeasuredTree
from pipelines.extract.related_teasers import remove_related_teasers

ARTICLE = [
    "2025年3月2日，南宁市西乡塘区的城市书房正式对外开放，书房面积约600平方米，藏书两万余册。",
    "据介绍，城市书房实行全天候开放，配备自助借还设备和空调休息区，周末还将定期举办亲子阅读活动。",
    "附近居民王女士说，以前借书要跑到市图书馆，现在下楼走几分钟就到了，孩子放学后也可以在这里写作业。",
    "西乡塘区相关负责人表示，今年还将新建7家城市书房，进一步完善十五分钟阅读圈，让书香飘进更多社区。",
    "当天，书房还举办了开放仪式，多位作家到场与读者面对面交流，现场气氛热烈，不少家长带着孩子前来。",
]
OTHERS = [
    ("冒充客服骗取退款，莫某等7人被判刑", "2025年5月11日，长沙市岳麓区人民法院公开审理一起电信网络诈骗案，被告人莫某等7人冒充电商客服"),  # noqa: E501
    ("AI写真、换脸特效扎堆上线，年轻人玩得不亦乐乎", "近日，一款主打“一键换脸”的小程序在应用商店走红，用户上传一张自拍，就能把自己的脸放进经典影视片段里"),  # noqa: E501
    ("利用“深度合成”出售视频获利，曹某一审被判五年", "曹某上诉称，其只是提供技术服务，并不知道购买者的用途，一审量刑过重，二审法院审理后认为"),  # noqa: E501
]  # fmt: skip
CUTS = ("……", "...", "…", "[详细]", "")  # "": cut in mid-word


def _excerpt(text: str, r: random.Random) -> str:
    return text[: r.randint(24, len(text) - 2)] + r.choice(CUTS)


def _teaser(title: str, text: str, k: int, shape: str, r: random.Random) -> str:
    href = f"/news/2025/{k + 10}/{r.randint(1000, 9999)}.html"
    date = f"<span>{r.randint(1, 12):02d}-{r.randint(1, 28):02d}</span>" if r.random() < 0.5 else ""
    ex = _excerpt(text, r)
    if shape == "li":
        return f"<li><a href='{href}'>{title}</a>{date}<p>{ex}</p></li>"
    if shape == "dl":
        return f"<dl><dt><a href='{href}'>{title}</a>{date}</dt><dd>{ex}</dd></dl>"
    if shape == "heading":
        return f"<h4><a href='{href}'>{title}</a></h4><p>{ex}</p>"
    return f"<div><div><a href='{href}'>{title}</a>{date}</div><div>{ex}</div></div>"


def _box(r: random.Random) -> tuple[str, list[str]]:
    shape = r.choice(("li", "dl", "heading", "div"))
    picks = r.sample(OTHERS, r.randint(1, 2))
    items = "".join(_teaser(t, x, k, shape, r) for k, (t, x) in enumerate(picks))
    items = f"<ul>{items}</ul>" if shape == "li" else items
    head = r.choice(
        ("<h3>大家都在看</h3>", "<div>看了又看</div>", "<div class='tip'>阅读下一篇</div>", "")
    )
    words = [t for t, _ in picks] + [x[:20] for _, x in picks]
    return f"<div>{head}{items}</div>", words


def _page(r: random.Random) -> tuple[bytes, list[str]]:
    box, words = _box(r)
    paras = [f"<p>{p}</p>" for p in ARTICLE]
    if r.random() < 0.3:  # between paragraphs
        paras.insert(3, box)
        column = "".join(paras)
    else:
        column = "".join(paras) + box
    html = (
        "<html><head><title>西乡塘区城市书房开放，藏书两万余册</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/gn/'>国内</a></div>"
        f"<div class='main'><h1>西乡塘区城市书房开放，藏书两万余册</h1>{column}</div>"
        "</body></html>"
    )
    return html.encode(), words


@pytest.mark.parametrize("seed", range(24))
def test_one_or_two_teasers_of_other_stories_go(seed: int):
    page, words = _page(random.Random(seed))
    text = extract_page([page], "https://news.example.com/gn/2025/1.html").text
    assert all(p in text for p in ARTICLE)
    assert not any(w in text for w in words)


def _removed(fragment: str) -> int:
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    return remove_related_teasers(root, MeasuredTree(root))


@pytest.mark.parametrize(
    "fragment",
    [
        # a linked sub-heading, then the article's next paragraph (ends as a sentence ends)
        "<h3><a href='/law/1.html'>《个人信息保护法》相关条款解读</a></h3><p>"
        + ARTICLE[1]
        + "</p>",
        # a paragraph that opens with a link and goes on in the same line
        "<p><a href='/p/2.html'>西乡塘区城市书房</a>今年新建7家，进一步完善十五分钟阅读圈</p>"
        "<p>" + ARTICLE[2][:30] + "</p>",
        # a linked line, then a list of the article's points
        "<p><a href='/d/3.html'>市民借阅须知如下请仔细阅读</a></p>"
        "<ul><li>一、借阅期限为三十天</li></ul>",
        # prev/next lines: the line after a headline link is itself a link
        "<p>上一篇：<a href='/a/1.html'>冒充客服骗取退款，莫某等7人被判刑</a></p>"
        "<p>下一篇：<a href='/a/3.html'>AI写真、换脸特效扎堆上线，年轻人玩得不亦乐乎</a></p>",
        # crumbs, then the page's own headline cut short ("…" in the <h1>: thepaper.cn)
        "<div class='path'><a href='/c/36079'>澎湃号</a> &gt; "
        "<a href='/g/44871'>中国广州发布南沙</a></div>"
        "<h1>定了！广州南沙邮轮母港即将开通！地铁直达+无敌免...</h1>",
        # a headline link to nowhere
        "<li><a href='javascript:;'>冒充客服骗取退款，莫某等7人被判刑</a><p>2025年5月11日，长沙市岳麓区人民法院…</p></li>",  # noqa: E501
    ],
)
def test_an_articles_own_linked_lines_stay(fragment: str):
    assert _removed(fragment) == 0


def test_the_emptied_box_goes_with_its_heading():
    r = random.Random(3)
    root = lxml.html.fromstring(
        "<div><div id='body'>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + "</div><div id='rec'><h3>大家都在看</h3><ul>"
        + _teaser(*OTHERS[0], 0, "li", r)
        + "</ul></div></div>"
    )
    assert remove_related_teasers(root, MeasuredTree(root)) == 1
    assert root.find(".//*[@id='rec']") is None
    assert root.find(".//*[@id='body']") is not None
