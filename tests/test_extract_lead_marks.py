"""Furniture lines that open with a mark before their label (issue 12, class 3 of the last
chrome): "« 上一页", "‹ 上一篇：…", "“特别声明：…" slipped past the line patterns, which are
anchored at the label.  The class is built from many marks and labels; a quoted speaker's
words that open with the same label must stay."""

from __future__ import annotations

import itertools

import pytest

from pipelines.extract.chrome_lines import clean_lines, is_drop_line, tail_marker
from pipelines.extract.rules import load_rules

MARKS = ["« ", "‹", "<< ", "◀ ", "▶", "← ", "» ", "·", "“", "「", "【", "[", "※ ", "→"]
PAGER = [
    "上一页",
    "下一页",
    "上一篇：县城来了新书记",
    "下一篇: 夜市重开",
    "前一篇：秋收",
    "上篇：秋收",
    "下篇",
]


@pytest.mark.parametrize(("mark", "label"), list(itertools.product(MARKS, PAGER)))
def test_pager_with_a_leading_mark_is_chrome(mark: str, label: str) -> None:
    assert is_drop_line(mark + label, load_rules())


@pytest.mark.parametrize(
    "line",
    [
        "“特别声明：以上作品内容(包括在内的视频、图片或音频)为凤凰网旗下自媒体平台“大风号”用户上传并发布，本平台仅提供信息存储空间服务。",
        "「免责声明：本文仅代表作者个人观点，与本站无关。」",
        "◆ 版权声明：本文系原创，转载请注明出处。",
    ],
)
def test_notice_in_quote_marks_is_chrome(line: str) -> None:
    rules = load_rules()
    assert is_drop_line(line, rules) or tail_marker(line, rules)


@pytest.mark.parametrize(
    "line",
    [
        "“上一篇报道出来后，我们接到很多电话，”他说。",
        "“下一页就是答案，”老师笑着说。",
        "「声明：我们没有收过任何费用」，村委会主任对记者说。",
        "上篇文章里我们讲到了这个问题的来由。",
    ],
)
def test_quoted_words_that_open_with_a_label_stay(line: str) -> None:
    rules = load_rules()
    assert not is_drop_line(line, rules)
    assert tail_marker(line, rules) is None


def test_marked_pager_after_the_article_goes_and_the_article_stays() -> None:
    body = [
        "县城东街的夜市今天重新开张，摊主们一早就来布置摊位，街道办安排了专人维持秩序。",
        "“上一篇报道出来后，我们接到很多电话，”摊主老周说，“大家都盼着夜市回来。”",
        "街道办表示，夜市将每天开放到晚上十点，并会根据天气调整时间。",
    ]
    text = "\n".join([*body, "« 上一篇：秋收时节话丰年", "前一篇：新书记到任", "下一页 »"])
    lines, _ = clean_lines(text, "", load_rules())
    assert lines == body


@pytest.mark.parametrize(
    "line",
    [
        "1 2 3 下一页",
        "« 1 2 3 »",
        "首页 上一页 1 2 下一页 尾页",
        "[1] [2] [3] 下一页",
        "共3页: 上一页 1 2 3 下一页",
    ],
)
def test_a_pager_bar_on_one_line_is_chrome(line: str) -> None:
    assert is_drop_line(line, load_rules())


@pytest.mark.parametrize("line", ["2023 2024 2025", "1 2 3", "首页新闻说，1 2 3"])
def test_figures_without_a_pager_word_stay(line: str) -> None:
    assert not is_drop_line(line, load_rules())
