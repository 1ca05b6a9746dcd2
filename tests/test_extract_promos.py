"""Issue 12, class 8: a promotional paragraph in the middle of an article goes.

Paragraphs that report a pitch, warn against one, or give a public notice stay; a
related-links line mid-article goes without taking the rest.  The generated copies with
promos worded from parts and drawn in varied ways are in test_extract_mainpages.py.
"""

from __future__ import annotations

import pytest

from pipelines.extract import extract_page
from pipelines.extract.promos import is_promo_line
from pipelines.extract.rules import load_rules

PARAS = [
    "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益，应当承担侵权责任。",
    "判决生效后，被告已删除涉案视频，并在其平台首页连续七日刊登致歉声明，赔偿原告经济损失两万元。",
    "承办法官表示，利用人工智能技术合成他人形象须取得本人同意，平台对用户上传的内容负有审核义务。",
    "目前，该案判决已发生法律效力，被告已按判决履行全部义务，涉案模板均已从平台下架。",
]


@pytest.mark.parametrize(
    "line",
    [
        "警方提醒：如收到可疑链接，切勿点击，请立即拨打110。",
        "点击链接后，受害人被要求下载一款App并输入验证码，随后账户内的5万元被转走。",
        "记者扫码后发现，该小程序以“限时优惠”为名，诱导用户充值99元。",
        "本次活动免费参加，报名截止时间为8月1日，有意者可拨打电话咨询。",
        "即日起至8月31日，市民可通过“浙里办”APP预约办理，名额有限。",
    ],
)
def test_reports_warnings_and_notices_are_not_promos(line: str):
    assert not is_promo_line(line, load_rules())


def _page(middle: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + middle
    body += "".join(f"<p>{p}</p>" for p in PARAS[2:])
    return f"<html><head><title>判决</title></head><body><div>{body}</div></body></html>".encode()


def test_a_notice_drawn_in_bold_stays():
    notice = "报名方式：即日起至8月31日，市民可通过APP预约办理，名额有限。"
    text = extract_page([_page(f"<p><strong>{notice}</strong></p>")], "", min_chars=50).text
    assert notice in text


def test_a_related_links_line_mid_article_goes_and_the_rest_stays():
    links = "推荐阅读：<a href='/a/1'>多地出台新规</a>　<a href='/a/2'>专家解读新政</a>"
    text = extract_page([_page(f"<p>{links}</p>")], "", min_chars=50).text
    assert all(p in text for p in PARAS) and "推荐阅读" not in text


@pytest.mark.parametrize(
    "line",
    [
        # read NFKC-normalised: the calls to act follow a full-width comma or a closing quote
        "反诈防骗指南电子书全场低至5折，添加助理微信vip3559咨询，仅限今天！",
        "评论区留言“优惠”领取 网络维权一本通今日报名立减199元 名额有限，先到先得！",
    ],
)
def test_promo_lines_after_full_width_punctuation(line: str):
    assert is_promo_line(line, load_rules())


LINKED = "了解更多人脸信息保护的实务要点，欢迎阅读专题文章并参与讨论交流。"


@pytest.mark.parametrize(
    "block",
    [
        f"<p><a href='https://x.example/1'>{LINKED}</a></p>",
        f"<div><a href='/go?id=7'><span>{LINKED}</span></a></div>",
        f"<p class='c'><a href='#'><b>{LINKED[:16]}</b>{LINKED[16:]}</a></p>",
        f"<section><p><a href='https://y.example/'>{LINKED}</a></p></section>",
    ],
)
def test_linked_sentences_on_their_own_between_paragraphs_go(block: str):
    # worded like the article: only the shape (sentences linked end to end) gives it away
    text = extract_page([_page(block)], "", min_chars=50).text
    assert all(p in text for p in PARAS) and LINKED[:10] not in text


@pytest.mark.parametrize(
    ("block", "kept"),
    [
        # a list of linked paragraphs (a note's links) is the article's
        (f"<p><a href='/a/1'>{LINKED}</a></p><p><a href='/a/2'>{LINKED[::-1]}</a></p>", LINKED),
        # a linked title without sentence marks is a citation
        (
            "<p><a href='/doc'>最高人民法院关于审理人脸识别相关民事案件的规定</a></p>",
            "人脸识别相关",
        ),
        # prose with a linked name in it
        (f"<p>据<a href='/org'>市场监管总局</a>通报，{LINKED}</p>", LINKED),
    ],
)
def test_link_lists_citations_and_prose_with_a_link_stay(block: str, kept: str):
    text = extract_page([_page(block)], "", min_chars=50).text
    assert all(p in text for p in PARAS) and kept in text
