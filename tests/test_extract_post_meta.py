"""Issue 12, class 6 (part): a column's publish-time / IP-location line goes.

Lines of the same words that are article text — a dateline, a statement's closing date —
stay, and only lines at the edges go.  The generated column pages are in
test_extract_mainpages.py.
"""

from __future__ import annotations

import pytest

from pipelines.extract.post_meta import drop_post_meta, is_post_meta
from pipelines.extract.rules import load_rules


@pytest.mark.parametrize(
    "line",
    ["新华社北京8月1日电", "（北京，2023年8月1日）", "北京 2023年8月1日", "来自北京的张先生",
     "2023-08-01 12:00", "本文来自微信公众号", "IP属地：浙江省杭州市人民检察院提起公诉。"],
)  # fmt: skip
def test_article_lines_with_dates_and_places_stay(line: str):
    assert not is_post_meta(line, load_rules())


def test_only_lines_at_the_edges_go():
    rules = load_rules()
    body = ["第一段正文，记者从法院获悉。", "发布于 北京", "第三段正文。", "第四段正文。",
            "第五段正文。", "第六段正文。", "编辑于 2023-08-01 12:00・IP 属地广东"]  # fmt: skip
    assert drop_post_meta(body, rules) == [body[0], *body[2:6]]
    middle = [
        "第一段。",
        "第二段。",
        "第三段。",
        "IP属地：浙江",
        "第五段。",
        "第六段。",
        "第七段。",
    ]
    assert drop_post_meta(middle, rules) == middle


@pytest.mark.parametrize(
    "line",
    ["写于 2023-04-15 17:07", "成稿于山东 2022-05-22 20:15", "17小时前  山东  著作权归作者所有",
     "首发于 IP属地：四川"],
)  # fmt: skip
def test_labels_no_list_holds_and_relative_times_go(line: str):
    # a verb with 于 is a posting label whatever the verb; a relative time is furniture
    assert is_post_meta(line, load_rules())


@pytest.mark.parametrize("line", ["2023年8月1日于北京", "法院于2023年8月1日10:30宣判"])
def test_a_date_and_place_said_by_the_article_stay(line: str):
    assert not is_post_meta(line, load_rules())


def test_a_counter_goes_with_the_meta_line_beside_it():
    rules = load_rules()
    body = ["第一段正文，记者从法院获悉。", "第二段。", "第三段。", "共3人参与"]
    assert drop_post_meta(body, rules) == body
    assert drop_post_meta([*body, "写于 2023-04-15 17:07", "741 赞同"], rules) == body
