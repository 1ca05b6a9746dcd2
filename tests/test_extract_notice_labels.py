"""A site notice under any label ending in 声明 (issue 12, chrome left).

The class: a site's notice opens with a label the line rules did not list ("郑重声明：",
"本站声明：", "原创声明：", "（声明）", "【免责声明】") and says what a notice says (reposted,
for reference only, not our view, infringement, storage only).  On a site seen on too few
pages for the site template, it stayed (fresh genweb seeds 797417875325, 968680154547: 3
articles).  Instances are drawn over labels and clauses; guards: a report quoting a
company's or a court's statement, and a notice-like clause with no label.
"""

from __future__ import annotations

import itertools

import pytest

from pipelines.extract.chrome_lines import clean_lines
from pipelines.extract.rules import load_rules

LABELS = ("郑重声明：", "本站声明：", "原创声明：", "（声明）", "【免责声明】", "特别声明：")
CLAUSES = (
    "文章内容仅供参考，不构成任何建议，本文来源于网络。",
    "本平台仅提供信息存储服务，并不代表本站赞同其观点。",
    "本文仅代表作者个人观点，如涉及侵权请联系删除。",
    "本文转载自其他媒体，转载目的在于传递更多信息。",
)
STORY = [
    "法院审理认为，被告未经原告同意使用其肖像制作换脸视频，构成侵权，应当承担民事责任。",
    "本报将持续关注案件进展。",
]


@pytest.mark.parametrize(("label", "clause"), list(itertools.product(LABELS, CLAUSES)))
def test_a_notice_under_a_declaring_label_goes(label: str, clause: str):
    lines, _ = clean_lines("\n".join([*STORY, label + clause]), "标题", load_rules())
    assert lines == STORY


@pytest.mark.parametrize("label", LABELS[:4])
def test_a_notice_between_the_pages_of_a_split_article_goes_alone(label: str):
    """Page 1's notice ends page 1's text; page 2's paragraph follows it and stays (labels
    the tail markers do not list, which would end the article there)."""
    text = "\n".join([STORY[0], label + CLAUSES[0], STORY[1]])
    assert clean_lines(text, "标题", load_rules())[0] == STORY


@pytest.mark.parametrize(
    "line",
    [
        "某科技公司声明：将依法追究侵权者的法律责任，已向法院提起诉讼。",
        "法院声明：该案判决已发生法律效力。",
        "涉事平台当晚发布声明称，已下架相关应用并配合调查。",
    ],
)
def test_a_report_quoting_a_statement_stays(line: str):
    lines, _ = clean_lines("\n".join([STORY[0], line, STORY[1]]), "标题", load_rules())
    assert line in lines
