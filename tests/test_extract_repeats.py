"""A paragraph that repeats words of an earlier paragraph stays in the article
(pipelines/extract/trafilatura_repairs.py ``restore_repeats``, called by main_content.py).

The class: when its main reading fails, trafilatura recovers a node's paragraphs one by one
and skips a paragraph whose text an earlier kept one holds, so a report that repeats a
sentence as a paragraph of its own ("庭审中，原告方提交了公证书…" after a paragraph opening
with it) lost it (held-out real template guancha_2.html, genweb seed 3679004673; composed
genweb seed 779943441775, half-width punctuation).  Instances vary where the repeat stands,
which paragraph it repeats, and the punctuation's width; an exact copy trafilatura keeps
stays once.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.extract import extract_page
from pipelines.extract.trafilatura_repairs import restore_repeats
from tests.genweb.realpages import CORPORA, body_html, fill, prepare

_TITLE = "“人工智能换脸”模板侵权案开庭，某科技公司称仅提供技术服务"
# longer than 50 characters: trafilatura's recovery skips a repeat that long
_SENTENCE = (
    "庭审中，原告方提交了公证书，证明被告运营的一键换脸小程序中存在大量以原告形象制作的模板；"
    "被告则认为，换脸后的视频中面部特征已被替换，不具有可识别性。"
)
_PARAS = [
    "网络模特诉某科技公司“人工智能换脸”侵权案近日在杭州互联网法院开庭，被告辩称其仅提供技术服务。",
    _SENTENCE
    + "“很多被害人直到被朋友提醒，才知道自己的脸出现在这些视频里。”原告代理律师告诉记者。",
    "《互联网信息服务深度合成管理规定》明确，深度合成服务提供者应当提示使用者依法告知被编辑的个人。",
    "据原告介绍，她在某电商平台发布了多条原创视频，积累了不少粉丝，后来有网友告诉她此事。",
    "法官提示，利用人工智能技术生成他人形象须以合法为前提，技术提供者和使用者都应守住法律底线。",
    "本报将持续关注案件进展。",
]


def _half_width(text: str) -> str:
    return text.translate(str.maketrans("，。“”", ',.""'))


def test_a_skipped_repeat_comes_back_after_the_line_before_it_and_a_kept_one_stays():
    own = "\n".join([_PARAS[0], _PARAS[1], _PARAS[2], _SENTENCE, _PARAS[4]])
    text = "\n".join([_PARAS[0], _PARAS[1], _PARAS[2], _PARAS[4]])
    assert restore_repeats(text, own) == own
    assert restore_repeats(own, own) == own  # nothing skipped, nothing added
    # a paragraph trafilatura dropped that repeats nothing was dropped on purpose
    assert (
        restore_repeats(
            text, own.replace(_SENTENCE, "扫码关注我们，获取更多精彩内容，每天推送最新法治新闻。")
        )
        == text
    )


@pytest.mark.parametrize("at", [3, 4, 5])
@pytest.mark.parametrize("half", [False, True])
def test_a_recorded_guancha_page_keeps_a_repeated_sentence_paragraph(at: int, half: bool):
    template = prepare(CORPORA / "gne-testpages" / "html" / "guancha_2.html.gz", gne=True)
    assert template is not None
    paras = list(_PARAS)
    paras.insert(at, _SENTENCE)
    if half:
        paras = [_half_width(p) for p in paras]
    html = fill(template, _TITLE, body_html(tuple(paras), "p"), datetime(2025, 6, 18, 8, 30), None)
    out = extract_page([html.encode(template.charset)], "http://t.test/?p=128")
    lines = out.text.split("\n")
    repeat = paras[at]
    assert lines.count(repeat) == 1, out.text
    assert lines.index(repeat) == lines.index(paras[at - 1]) + 1
