"""The furniture strip above a headline goes, whatever its lines exclaim or ask mid-line
(pipelines/extract/chrome_lines.py, ``_is_short``).

The class: on a short page (page 2+ of a split article) the main node takes in the strip
above the headline: a stray headline of the template ("…突破3000亿美元！魏少军：…"), a date, a
font-size widget ("字号：A- A A+"), "最后更新: …".  The headline marks where the article starts,
and what stands above it goes when none of it is a sentence; a "！" or "？" in the middle of a
line read as a sentence, so the headline was never looked for and the whole strip stayed
(held-out real template guancha_2.html, genweb seed 3679004673).  Instances vary the stray
line's punctuation and place, the strip's lines, and the page (1 or 2+).
"""

from __future__ import annotations

import pytest

from pipelines.extract import extract_page

_TITLE = "“人工智能换脸”模板侵权案开庭，某科技公司称仅提供技术服务"
_PARAS = [
    "网络模特诉某科技公司“人工智能换脸”侵权案近日在杭州互联网法院开庭，被告辩称其仅提供技术服务。",
    "庭审中，原告方提交了公证书，证明被告运营的一键换脸小程序中存在大量以原告形象制作的模板。",
    "法官提示，利用人工智能技术生成他人形象须以合法为前提，技术提供者和使用者都应守住法律底线。",
    "据原告介绍，她在某电商平台发布了多条原创视频，后来有网友告诉她能找到用她的视频制作的模板。",
]
_STRAYS = [
    "我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲，没将产品作为中心",
    "新能源车为何卖不动？三位车企高管这样回答",
    "重磅！央行宣布降准0.5个百分点 释放长期资金约1万亿元",
]


def _page(stray: str, paras: list[str], widget: bool) -> str:
    font = (
        '<span>字号：<a href="#">A-</a> <a href="#">A</a> <a href="#">A+</a></span>'
        if widget
        else ""
    )
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<html><head><title>{_TITLE}_观察者网</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a></div>'
        f'<ul><li class="left-main"><h3>{stray}</h3>'
        f'<div class="time fix"><span>2025-06-18 08:30</span>{font}<span>来源：EETOP</span></div>'
        '<div class="time fix"><span>最后更新: 2025-06-18 08:30</span></div>'
        f'<div class="content all-txt"><h1>{_TITLE}</h1>{body}</div></li></ul>'
        '<div class="foot"><a href="/about">关于我们</a></div></body></html>'
    )


@pytest.mark.parametrize("stray", _STRAYS)
@pytest.mark.parametrize("widget", [True, False])
def test_the_strip_above_the_headline_goes_on_every_page(stray: str, widget: bool):
    pages = [_page(stray, _PARAS[:3], widget), _page(stray, _PARAS[3:], widget)]
    out = extract_page([p.encode() for p in pages], "http://t.test/?p=128")
    for para in _PARAS:
        assert para in out.text
    for chrome in (stray[:12], "字号", "最后更新", "2025-06-18", _TITLE):
        assert chrome not in out.text, (chrome, out.text)


def test_a_line_ending_in_an_exclamation_is_still_a_sentence_and_stops_the_search():
    # prose above the headline means the text runs otherwise: nothing goes
    lead = "记者从法院获悉，这起案件引发广泛关注！"
    page = _page(_STRAYS[1], _PARAS, False).replace(f"<h3>{_STRAYS[1]}</h3>", f"<p>{lead}</p>")
    out = extract_page([page.encode()], "http://t.test/?p=1")
    assert lead in out.text
