"""A node trafilatura runs together on one line is broken where a browser breaks it
(pipelines/extract/trafilatura_repairs.py ``unflatten``, called by main_content.py).

The class: on a short page (page 2 of a split article) trafilatura can fall back to a
reading that joins the whole main node with spaces, headline, dateline, "调整字体", the
paragraphs and "上一页" on one line, so the headline block and the chrome lines stayed in
the article (held-out real template cjn_1.html, genweb seed 3243526825, site04).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.extract import extract_page
from pipelines.extract.trafilatura_repairs import unflatten
from tests.genweb.realpages import CORPORA, body_html, fill, prepare

_TITLE = "“AI换脸”模板侵权案宣判：某网络科技有限公司侵害名誉权，赔偿19.8万元"
_PARAS = [
    "2025年1月23日，广州互联网法院对高校教师诉某网络科技有限公司侵害名誉权纠纷案作出一审判决。",
    "据原告介绍，她在某二手交易平台发布了多条原创视频，积累了不少粉丝，后来有网友告诉她此事。",
    "“技术本身是中立的，但使用技术的人必须守住法律的边界。”承办该案的主审法官表示。",
    "根据《中华人民共和国民法典》第一千零一十九条，任何组织或者个人不得以丑化、污损等方式侵害他人的肖像权。",
    "法院审理认为，被告未经原告同意，利用信息技术手段将原告视频中的面部替换，应当承担相应的侵权责任。",
    "目前，案件正在进一步办理中。",
]


def test_a_flattened_line_is_broken_at_the_nodes_lines_and_others_stay():
    own = "\n".join([_TITLE, "2025-01-28 21:02 来源: 长江网", "调整字体", *_PARAS[3:], "上一页"])
    flat = " ".join(own.split("\n"))
    assert unflatten(flat, own).split("\n") == own.split("\n")
    # page 2 holding one paragraph, run into the header above it
    head = "苏州检察机关对一起“人脸替换”案批捕"
    own = "\n".join([head, "2025-06-03 17:02 来源: 长江网", "调整字体", _PARAS[3], "上一页"])
    assert unflatten(" ".join(own.split("\n")), own).split("\n") == own.split("\n")
    # a line holding one of our lines, or lines of its own, is trafilatura's and stays
    kept = f"{_PARAS[0]}\n{_PARAS[1]}{_PARAS[2]}"
    assert unflatten(kept, "\n".join(_PARAS[:2])) == kept


@pytest.mark.parametrize("split", [2, 3, 4, -1])
def test_page_two_of_a_recorded_cjn_page_keeps_its_paragraphs_apart(split: int):
    # -1: page 2 holds one paragraph, which trafilatura ran into the header before it
    template = prepare(CORPORA / "gne-testpages" / "html" / "cjn_1.html.gz", gne=True)
    assert template is not None
    when = datetime(2025, 1, 28, 21, 2)
    back = '<div><a href="http://t.test/n1/1.html">上一页</a></div>'
    nxt = '<div><a href="http://t.test/n1/2.html">下一页</a></div>'
    first, second = (_PARAS[:split], _PARAS[split:]) if split > 0 else (_PARAS[:3], _PARAS[3:4])
    pages = [
        fill(template, _TITLE, body_html(tuple(first), "p") + nxt, when, None),
        fill(template, _TITLE, body_html(tuple(second), "p") + back, when, None),
    ]
    out = extract_page([p.encode(template.charset) for p in pages], "http://t.test/n1/1.html")
    lines = out.text.split("\n")
    for para in first + second:
        assert para in lines, (para, out.text)
    assert not any(_TITLE in line or "调整字体" in line for line in lines), out.text
