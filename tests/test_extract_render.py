"""The one line-breaking of a node's text that the main-content stage and the chatter step
share (render.py): lines break at blocks and <br>, not at the HTML source's line breaks."""

from __future__ import annotations

import lxml.html

from pipelines.extract.chatter import is_article_shaped
from pipelines.extract.render import block_text, rendered_lines

HTML = (
    "<div><p>法院审理认为，被告\n  未经同意使用原告人脸。</p>第二行文字，<b>加粗</b>部分<br>"
    "第三行<div>第四行</div><pre>代码一\n代码二</pre></div>"
)


def test_lines_break_where_a_browser_breaks_them():
    node = lxml.html.fromstring(HTML)
    assert rendered_lines(node) == [
        "法院审理认为，被告未经同意使用原告人脸。",
        "第二行文字，加粗部分",
        "第三行",
        "第四行",
        "代码一",
        "代码二",
    ]
    assert "\n" in block_text(node).split("被告")[1].split("未经")[0]  # source breaks kept
    assert lxml.html.tostring(node, encoding="unicode").count("\n") == 2  # tree unchanged


def test_a_report_of_br_lines_is_article_shaped_and_one_line_is_not():
    lines = ["法院审理认为，被告未经同意收集并使用原告的人脸信息，应当承担侵权责任。"] * 4
    assert is_article_shaped(lxml.html.fromstring("<div>" + "<br>".join(lines) + "</div>"))
    assert not is_article_shaped(lxml.html.fromstring("<div>" + "".join(lines) + "</div>"))
