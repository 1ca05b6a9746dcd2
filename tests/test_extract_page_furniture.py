"""Page 1's furniture repeated on the later pages of a split article (issue 12, body F1).

The class: every page of a split article is printed from one template, so the block around
the article on page 1 -- headline, date, a "字号：A- A A+" widget, tag links, a share bar --
stands on the later pages too, where it sat inside the main node and stayed (fresh held-out
template seed 3077704351: seven lines at the head of each later page).  Instances are drawn:
the number of pages, the furniture's lines and where they sit, the paragraph markup; and the
guards: the article's text embedded in a JSON <script> on page 1 (never "shown" there), and a
later page whose paragraphs page 1 does not show.
"""

from __future__ import annotations

import json
import random

import pytest

from pipelines.extract import extract_page

PARAS = (
    "2023年11月6日，杭州互联网法院对田某个人信息保护民事公益诉讼案作出一审判决，判令田某赔偿6.8万元。",
    "庭审中，被告田某对公益诉讼起诉人所诉事实没有异议，表示愿意诚恳道歉并履行赔偿义务。",
    "2022年9月起，田某未经他人同意收集配音演员的照片7500余张，利用“深度合成”技术批量生成视频。",
    "《互联网信息服务深度合成管理规定》明确，深度合成服务提供者应当提示使用者依法告知被编辑的个人。",
    "“技术本身是中立的，但使用技术的人必须守住法律的边界。”承办该案的审判长表示。",
    "法院审理认为，人脸信息属于敏感个人信息，田某应当承担停止侵害、赔偿损失的民事责任。",
)
HEADLINE = "杭州互联网法院判了一起“深度合成”民事公益诉讼"
FURNITURE = (
    "<div class='info'>2023-11-09 15:20 <span>字号：<a>A-</a> <a>A</a> <a>A+</a></span></div>",
    "<div class='tpl'>我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲</div>",
    "<div class='tags'><a href='/t/1'>AI</a> <a href='/t/2'>个人信息</a> "
    "<a href='/t/3'>公益诉讼</a></div>",
    "<div class='upd'>最后更新: 2023-11-09 15:20</div>",
)


def _page(paras: list[str], furniture: list[str], markup: str, script: str = "") -> bytes:
    if markup == "p":
        body = "".join(f"<p>{p}</p>" for p in paras)
    else:
        body = "<br><br>".join(paras)
    head = f"<h1>{HEADLINE}</h1>{furniture[0]}"
    html = (
        f"<html><head><meta charset='utf-8'><title>{HEADLINE}_某某网</title>{script}</head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/n/'>要闻</a></div>"
        f"<div class='main'>{head}<div class='content'>{''.join(furniture[1:])}{body}</div>"
        "<div class='pages'><a href='?p=1'>1</a><a href='?p=2'>2</a><a href='?p=3'>3</a></div>"
        "</div></body></html>"
    )
    return html.encode()


@pytest.mark.parametrize("seed", range(10))
def test_later_pages_lose_the_furniture_page_one_shows(seed: int):
    r = random.Random(seed)
    pages = r.choice((2, 3))
    furniture = [FURNITURE[0], *r.sample(FURNITURE[1:], r.randint(1, 3))]
    markup = r.choice(("p", "br"))
    cut = sorted(r.sample(range(1, len(PARAS)), pages - 1))
    parts = [list(PARAS[a:b]) for a, b in zip([0, *cut], [*cut, len(PARAS)], strict=True)]
    script = ""
    if r.random() < 0.5:  # the whole text in a JSON script on page 1: not shown, not furniture
        data = json.dumps({"articleBody": "\n".join(PARAS)}, ensure_ascii=False)
        script = f"<script type='application/ld+json'>{data}</script>"
    bodies = [_page(parts[0], furniture, markup, script)]
    bodies += [_page(part, furniture, markup) for part in parts[1:]]
    text = extract_page(bodies, "https://news.example.com/a/114.html").text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert all(p in lines for p in PARAS)
    # what page 1 keeps of its own chrome is page 1's business; the later pages add only text
    later = lines[lines.index(PARAS[cut[0]]) :]
    assert later == list(PARAS[cut[0] :])
