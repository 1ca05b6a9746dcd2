"""An ad at the top of page 2+ of a split article goes (issue 12, class 8).

Genweb seed 947873922597: "▶ 推荐阅读：5天学会直播带货，…前10名报名送精美礼品。" opened page 2
of a copy (a boxed <p> before the page's <br> text).  Between paragraphs the line rule
drops such a line; the first line of each page was kept as "the article's lead", but only
page 1 has one.  Instances vary the offer's wording, its markup (a boxed <p>, a bare line
between <br>s, bold) and the page's markup; the first line of page 2 that continues the
story stays, and so does a notice that reports a sign-up without an offer.
"""

from __future__ import annotations

import pytest

from pipelines.extract import extract_page

PAGE1 = [
    "近日，某市公安局接到群众报警后迅速立案侦查，成功打掉一个利用人工智能技术合成他人面孔实施诈骗的团伙。",
    "经查，自去年三月起，犯罪嫌疑人在某平台收集他人公开发布的照片和视频，累计获利六十余万元。",
    "办案民警介绍，该团伙分工明确，有人负责收集素材，有人负责合成视频，还有人负责联系买家。",
]
PAGE2 = [
    "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益，应当承担侵权责任。",
    "承办法官表示，利用人工智能技术合成他人形象须取得本人同意，平台对用户上传的内容负有审核义务。",
    "目前，该案判决已发生法律效力，被告已按判决履行全部义务，涉案模板均已从平台下架。",
]
ADS = (
    "▶ 推荐阅读：7天学会短视频剪辑，零基础也能上手，前20名报名送精美礼品。",
    "【福利】关注公众号回复“资料”，免费领取法律实务手册，名额有限先到先得！",
    "限时特惠：合规课程原价399元现价99元，点击下方链接立即报名！",
)


def _page(paras: list[str], top: str, markup: str) -> bytes:
    if markup == "br":
        body = top + "<br/>".join(paras)
    else:
        body = top + "".join(f"<p>{p}</p>" for p in paras)
    return (
        "<html><head><title>某市破获一起换脸诈骗案</title></head><body>"
        f"<h1>某市破获一起换脸诈骗案</h1><div class='content'>{body}</div></body></html>"
    ).encode()


def _tops(ad: str) -> list[str]:
    return [f"<div class='x9'><p>{ad}</p></div>", f"{ad}<br/>", f"<p><strong>{ad}</strong></p>"]


@pytest.mark.parametrize("ad", ADS)
@pytest.mark.parametrize("markup", ["p", "br"])
def test_an_offer_opening_page_two_goes(ad: str, markup: str) -> None:
    for top in _tops(ad):
        pages = [_page(PAGE1, "", markup), _page(PAGE2, top, markup)]
        text = extract_page(pages, "http://127.0.0.1/a/1.html", min_chars=50).text
        assert ad not in text and "礼品" not in text and "99元" not in text
        assert all(p in text for p in PAGE1 + PAGE2)


@pytest.mark.parametrize("markup", ["p", "br"])
def test_the_lines_that_open_page_two_of_the_story_stay(markup: str) -> None:
    notice = "报名方式：即日起至8月31日，市民可通过APP预约办理，名额有限。"
    for first in (PAGE2[0], notice):
        pages = [_page(PAGE1, "", markup), _page([first, *PAGE2[1:]], "", markup)]
        text = extract_page(pages, "http://127.0.0.1/a/1.html", min_chars=50).text
        assert first in text and all(p in text for p in PAGE1)
