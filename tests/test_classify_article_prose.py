"""An article page whose chrome outweighs its text is still an article (issue 12, class 2).

Page 1 of a split article on a real ASP template (held-out templates, seed 7267048055,
``/news/show.asp?id=121``) was stored as ``not_article:list``: its text is one line (no
``<p>``), short (page 1 of 2), and the template's related-stories tabs under it (24
headline links) outweighed it, so the article was lost and both its pages were downloaded
again on every re-crawl.  The class: an article whose body is short against link-heavy
chrome around it (teaser lists beside or under the text, a mega menu), on a template seen
on few pages.  What the page is comes from its text: full-stop sentences in lines longer
than boilerplate (``classify.reads_as_article``); a list leaves headlines and dates.

Instances: the recorded page, and short articles put in real tuning templates whose chrome
is link-heavy (qq's teaser list with excerpts, a 300-link menu on people/baijiahao), with
the body as ``<p>``, ``<br>`` runs or one line, Chinese or Latin punctuation, and pager
styles "1 2 [下一页]", "[1][2]", "下一页" only; lists in the same templates stay lists.
"""

from __future__ import annotations

import gzip
import random
from datetime import datetime
from html import escape
from pathlib import Path

import pytest

from pipelines.classify import list_page_reason, reads_as_article
from pipelines.extract import extract_page
from tests.genweb.realpages import fill, templates

PAGES = Path(__file__).parent / "fixtures" / "pages"
CLAUSES = (
    "法院审理认为，被告未经同意收集并使用原告的人脸信息",
    "检察机关认为，相关行为侵害了社会公共利益",
    "涉案视频在多个群组中传播，被害人难以一一查明",
    "承办检察官表示，技术本身是中立的，但利用技术实施违法行为必须承担责任",
    "根据民法典的规定，任何组织或者个人不得利用信息技术手段伪造他人肖像",
    "经查，2022年10月以来，贺某在某网盘开设店铺，对外兜售开源换脸程序及使用教程",
    "庭审中，被告对公益诉讼起诉人所诉事实没有异议",
)
HEADLINES = (
    "“AI换脸”公益诉讼案宣判：{}某被判赔偿{}万元并公开道歉",
    "利用“深度合成”牟利，{}某等{}人被提起公诉",
    "震惊！{}某用AI换脸出售视频获利{}万元，一审被判刑！看完后背发凉",
    "面孔被用于“AI换脸”模板，{}姓主播诉至法院索赔{}万元",
)
TITLE = "“AI换脸”公益诉讼案宣判：贺某被判赔偿5.0万元并公开道歉"
# tuning templates whose chrome outweighed a short article: a 9-item teaser list with
# excerpts (qq), a page the mega menu below makes link-dense (people, baijiahao)
TEASER_TEMPLATES = ("qq_qq.html",)
MENU_TEMPLATES = ("people_1.html", "baijiahao_2.html", "qq_qq.html")


def _template(name: str):
    return next(t for t in templates("tuning") if t.name == name)


def _body(rng: random.Random, markup: str, chars: tuple[int, int] = (220, 450)) -> str:
    latin = rng.random() < 0.4  # some sites print half-width punctuation: "账号. 庭审中"
    sentences, goal = [], rng.randint(*chars)
    while sum(map(len, sentences)) < goal:
        s = "，".join(rng.sample(CLAUSES, rng.randint(1, 2))) + "。"
        sentences.append(s.replace("，", ",").replace("。", ". ") if latin else s)
    if markup == "p":
        return "".join(f"<p>{escape(s)}</p>" for s in sentences)
    if markup == "br":
        return "".join(f"{escape(s)}<br><br>" for s in sentences)
    return escape("".join(sentences))  # one run of text, as the ASP template prints it


def _pager(style: str, url: str) -> str:
    p2 = f"{url}&page=2"
    return {
        "bar": f'<div><span>1</span><a href="{p2}">2</a><a href="{p2}">[下一页]</a></div>',
        "brackets": f'<div>[1]<a href="{p2}">[2]</a></div>',
        "next": f'<p><a href="{p2}">下一页</a></p>',
    }[style]


def _mega_menu(rng: random.Random, links: int) -> str:
    words = "新闻 国内 国际 财经 体育 娱乐 科技 汽车 房产 教育 健康 旅游 文化 军事".split()
    items = "".join(
        f'<li><a href="/c/{i}.html">{rng.choice(words)}{rng.choice(words)}</a></li>'
        for i in range(links)
    )
    # a class that names no furniture: the menu is not cut as chrome before the decision
    return f'<div class="top-wrap"><ul>{items}</ul></div>'


def _page(name: str, seed: int, body: str, title: str, menu: bool) -> bytes:
    t = _template(name)
    html = fill(t, title, body, datetime(2024, 11, 28, 9, 8), None)
    if menu:
        at = html.find(">", html.find("<body")) + 1
        html = html[:at] + _mega_menu(random.Random(seed), 300) + html[at:]
    return html.encode(t.charset, "replace")


def test_recorded_split_page_one_on_an_asp_template_is_an_article():
    body = gzip.decompress((PAGES / "split_asp_related_tabs_p1.html.gz").read_bytes())
    out = extract_page([body], "http://127.0.0.100:8000/news/show.asp?id=121")
    assert out.is_article, out.reason
    assert "贺某在某网盘开设店铺" in out.text


CASES = [
    (name, seed, markup, pager)
    for name in TEASER_TEMPLATES
    for seed, (markup, pager) in enumerate(
        (m, p) for m in ("p", "br", "line") for p in ("bar", "brackets", "next")
    )
]


@pytest.mark.parametrize(("name", "seed", "markup", "pager"), CASES)
def test_short_article_beside_a_teaser_list_is_an_article(name, seed, markup, pager):
    url = f"http://127.0.0.9/news/show.asp?id={100 + seed}"
    body = _body(random.Random(seed), markup) + _pager(pager, url)
    out = extract_page([_page(name, seed, body, TITLE, menu=False)], url)
    assert out.is_article, (out.reason, out.text[:200])


@pytest.mark.parametrize("name", MENU_TEMPLATES)
@pytest.mark.parametrize("markup", ["p", "br", "line"])
def test_short_article_under_a_300_link_menu_is_an_article(name, markup):
    url = "http://127.0.0.9/a/2024/1128/77.html"
    # page 1 of a split article: under 300 characters, less than the menu's link text
    body = _body(random.Random(name + markup), markup, (160, 280))
    body += _pager("brackets", url + "?x=1")
    out = extract_page([_page(name, 7, body, TITLE, menu=True)], url)
    assert out.is_article, (out.reason, out.text[:200])


def _list_body(rng: random.Random, kind: str) -> str:
    items = []
    for i in range(rng.randint(10, 20)):
        head = rng.choice(HEADLINES).format(rng.choice("张王李赵刘陈"), rng.randint(2, 90))
        link = f'<a href="/news/show.asp?id={200 + i}">{escape(head)}</a>'
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        item = f"<li>{link}<span>{date}</span></li>" if kind == "li" else f"{link} {date}<br>"
        items.append(item)
    body = "".join(items)
    return (f"<ul>{body}</ul>" if kind == "li" else body) + (
        '<div>1 <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">下一页</a></div>'
    )


@pytest.mark.parametrize("name", sorted(set(TEASER_TEMPLATES + MENU_TEMPLATES)))
@pytest.mark.parametrize("kind", ["li", "br"])
@pytest.mark.parametrize("menu", [False, True])
def test_a_list_of_headlines_in_the_same_templates_stays_a_list(name, kind, menu):
    body = _list_body(random.Random(name + kind), kind)
    out = extract_page([_page(name, 3, body, "AI换脸案件专题", menu)], "http://127.0.0.9/l?t=3")
    assert not out.is_article, out.text[:300]


def test_prose_is_full_stop_sentences_not_headlines_dates_or_dotted_numbers():
    one_line = (
        "经查,2022年10月以来,贺某在某网盘开设店铺,对外兜售开源换脸程序及使用教程,并在群组中"
        "传播用他人人脸合成的视频. 庭审中,被告对公益诉讼起诉人所诉事实没有异议,表示愿意诚恳"
        "道歉并履行赔偿义务,赔偿款将用于个人信息保护公益事项.《解释》规定,非法获取公民个人信息"
        '五千条以上的,应当认定为"情节严重". 12[下一页]'
    )
    assert reads_as_article(one_line)
    headlines = "\n".join(
        h.format("王", 12) + "\n2025-03-0" + str(i) for i, h in enumerate(HEADLINES * 3)
    )
    assert not reads_as_article(headlines)
    dotted = "\n".join(
        f"第{i}期 www.example.com 赔偿5.0万元 2025.09.{i:02d} v1.2.{i} 点击查看详情"
        for i in range(9)
    )
    assert not reads_as_article(dotted)
    excerpts = "\n".join(CLAUSES[i] + "。" + CLAUSES[i + 1] + "…" for i in range(5))
    assert not reads_as_article(excerpts)  # excerpts cut off: a list's teasers


def test_link_signals_still_make_a_page_without_prose_a_list():
    signals = {"body_text": 900, "body_link": 700, "best_value": 120.0}
    assert list_page_reason(signals, "热点新闻\n2025-03-01\n更多") == "not_article:list"
    teasers = {"body_text": 900, "body_link": 300, "best_value": 100.0}
    teasers["teasers_in_main"] = (9, 2400)
    assert list_page_reason(teasers, "本站所载内容仅供参考。\n网站地图") == "not_article:list"
