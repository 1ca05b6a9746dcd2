"""Unit tests for the chrome that portals and WeChat-style pages leave after the article.

Found on the gne test pages (real 2019-2020 portal pages): hidden widgets (a "saved!" toast,
a share dialog), follow-us promos naming a QR code, keyword clouds, editor credits without a
colon, headlines above a dateline under a generic site <title>, and bodies written as one
<section> per paragraph.  The pages here are written for the tests and share no template
with those pages.
"""

from __future__ import annotations

import pytest

from pipelines.extract import extract_page
from pipelines.extract.chrome_lines import drop_leading_meta, is_drop_line
from pipelines.extract.rules import load_rules

PARAGRAPHS = [
    "法院审理查明，被告公司在未取得原告授权的情况下，利用深度合成技术将原告的面部特征替换进多段短视频模板，并向付费用户开放下载。",
    "法院认为，人脸信息属于敏感个人信息，被告未经同意处理该信息并用于商业用途，侵害了原告的个人信息权益，依法应当承担停止侵害、赔礼道歉的责任。",
    "法官表示，技术本身并无善恶之分，但平台在提供换脸服务时，应当履行审核义务，取得肖像权人的明确授权，并对生成内容作出显著标识。",
]


def _page(body: str, title: str = "某地法院审结一起AI换脸侵权案") -> bytes:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"
    ).encode()


def _article(extra_inside: str = "", extra_after: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<div class='content'>{paras}{extra_inside}</div>{extra_after}"


def test_hidden_widgets_are_dropped():
    widgets = (
        "<div class='fav-ok' style='display: none;'><p>已收藏!</p>"
        "<p>您可通过首页顶部“我的收藏”查看所有收藏过的文章。</p><p>知道了</p></div>"
        "<div hidden><p>看一看入口已关闭，在设置中打开看一看入口</p></div>"
    )
    text = extract_page([_page(_article(extra_inside=widgets))], "").text
    assert PARAGRAPHS[-1] in text
    for chrome in ("已收藏", "我的收藏", "知道了", "看一看"):
        assert chrome not in text


def test_hidden_article_revealed_by_script_is_kept():
    # WeChat hides its whole body until its fonts load: long hidden prose is content
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = f"<div id='js_content' style='visibility: hidden;'>{paras}</div>"
    text = extract_page([_page(body)], "").text
    assert all(p in text for p in PARAGRAPHS)


def test_one_section_per_paragraph_keeps_lines():
    sections = "".join(
        f"<section style='margin: 0 16px'><span>{p}</span></section>" for p in PARAGRAPHS
    )
    credit = "<section><span>编辑 刘晓阳 校对 李铭</span></section>"
    body = f"<div class='rich_media_content'>{sections}{credit}</div>"
    text = extract_page([_page(body)], "").text
    assert text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "更多猛料！欢迎扫描左方二维码关注本站官方微信（example-news）",
        "24小时滚动播报最新的财经资讯和视频，更多粉丝福利扫描二维码关注（examplefinance）",
        "某某财经公众号",
        "安装某某财经客户端第一时间接收最全面的市场资讯→【下载地址】",
        "编辑 刘晓阳 校对 李铭",
        "Powered By Z-BlogPHP 1.5.2 Zero Theme",
        "关键词 >> 人工智能,深度合成,换脸",
        "已输入0字",
        "发送中",
        "我知道了",
        "感谢您的反馈，我们将会减少此类文章的推荐",
        "：",
        "39健康网(www.39.net)专稿，未经书面授权请勿转载。",
        "本作品为“科普中国”原创，转载时务请注明出处。",
        "① 凡本网注明“来源：某某网”的所有作品，版权均属于某某网，未经本网授权不得转载。",
        "阅读全文(736) \\ 回复(0) \\ 引用(1)",
        "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)",
        "Trackback: http://tb.example.net/TrackBack.aspx?PostId=543698",
        "00:00/00:00",
        "正在为您切换到高清 480P,请稍候...",
        "1、回复【社保】查询广州社保缴纳记录",
        "18,652.59",
        "-216.12 (-1.15%)",
        "换脸软件 深度合成 明星同款 免费下载 一键换脸 高清视频 在线观看 最新合集 破解版",
    ],
)
def test_widget_and_promo_lines_are_chrome(line: str):
    assert is_drop_line(line, load_rules())


@pytest.mark.parametrize(
    "line",
    [
        # prose that mentions QR codes or an editor is article text
        "据介绍，市民可通过扫描社区公告栏上的二维码关注疫苗接种进度，目前已有超过三万人完成预约登记，工作人员表示将继续延长服务时间。",
        "编辑部主任张某表示，该报将对涉事稿件重新核查。",
        # the topic's own law: a ban on *using* a likeness is article text
        "法院认为，未经授权不得使用他人肖像制作换脸视频。",
        "他说，未经本人同意，任何人不得利用深度合成技术伪造他人的声音和面容。",
        "床前明月光 疑是地上霜 举头望明月 低头思故乡",
        PARAGRAPHS[0],
        "GDP增长5.2%",
    ],
)
def test_prose_is_not_chrome(line: str):
    assert not is_drop_line(line, load_rules())


def test_keyword_cloud_and_follow_promo_leave_the_page():
    tail = (
        "<p>更多猛料！欢迎扫描左方二维码关注本站官方微信（example-news）</p>"
        "<p>换脸软件 深度合成 明星同款 免费下载 一键换脸 高清视频 在线观看 最新合集 破解版</p>"
    )
    text = extract_page([_page(_article(extra_inside=tail))], "").text
    assert text.split("\n") == PARAGRAPHS


def test_headline_above_a_dateline_goes_under_a_generic_title():
    headline, dateline = "最新出炉：某地法院审结一起AI换脸侵权案", "发布时间： 2024-05-20 10:09:11"
    lines = [headline, dateline, *PARAGRAPHS]
    assert drop_leading_meta(lines, "今日要闻_权威资讯网站") == PARAGRAPHS


def test_headline_with_the_site_name_in_the_title_goes():
    lines = ["某地法院审结一起AI换脸侵权案", *PARAGRAPHS]
    assert drop_leading_meta(lines, "某地法院审结一起AI换脸侵权案_某某新闻网") == PARAGRAPHS


def test_opening_line_that_only_starts_like_the_title_stays():
    # "第四届中国经济学年会" opens an agenda titled "第四届中国经济学年会会议议程": content
    lines = ["第四届中国经济学年会", "（2004年12月11－12日，南开大学）", *PARAGRAPHS]
    assert drop_leading_meta(lines, "第四届中国经济学年会会议议程")[0] == "第四届中国经济学年会"


def test_breadcrumb_above_the_article_goes():
    lines = ["首页 > 法治 > 正文", *PARAGRAPHS]
    assert drop_leading_meta(lines) == PARAGRAPHS


def test_search_box_headlines_do_not_join_a_short_article():
    # a short article (under 300 characters) must not make the page's furniture look like
    # its content: the trending headlines of the search box stay out
    trending = ("各地楼市活跃度明显上升", "某地地铁辟谣有人掉进扶梯", "新剧开播被网友吐槽剧情拖沓")
    carousel = "".join(f"<li>{h}</li>" for h in trending)
    closing = "目前，被告已删除涉案视频模板并下线相关功能，双方均未提起上诉，判决现已生效。"
    paras = "".join(f"<p>{p}</p>" for p in [*PARAGRAPHS, closing])
    body = (
        f"<div class='main'><div class='search-wrap'><input><ul>{carousel}</ul></div>"
        f"<div class='article'>{paras}</div></div>"
    )
    text = extract_page([_page(body)], "", min_chars=50).text
    assert 200 < len(text) < 300
    assert closing in text
    assert "楼市" not in text and "地铁" not in text


def test_qr_block_mid_article_does_not_end_it():
    # WeChat-style reposts put the QR-code block between paragraphs, not only at the end
    qr = "<p style='text-align:center'><strong>长按识别二维码，加入读者交流群</strong></p>"
    paras = [f"<p>{p}</p>" for p in PARAGRAPHS]
    body = f"<div class='content'>{paras[0]}{paras[1]}{qr}{paras[2]}</div>"
    text = extract_page([_page(body)], "").text
    assert text.split("\n") == PARAGRAPHS


def test_article_cell_full_of_links_is_not_reduced_to_one_paragraph():
    # an old portal's article cell: the prose plus as many link characters (rows of a
    # column's other items), so the cell's net value falls below its longest paragraph's
    long_para = PARAGRAPHS[1] * 3
    row = "".join(f"<a href='/n/{i}.html'>案例{i:02d}</a> " for i in range(30))
    prose = [PARAGRAPHS[0], long_para, PARAGRAPHS[2], PARAGRAPHS[1], PARAGRAPHS[0][:40] + "。"]
    cell = "".join(f"<p>{p}</p>" for p in prose) + f"<p>{row}</p>" * 4
    body = f"<table><tr><td>{cell}</td></tr></table>"
    text = extract_page([_page(body)], "").text
    assert all(p in text for p in prose[:4])


def test_traditional_script_related_block_ends_the_article():
    related = "<p>你可能還想看</p><p>某地法院發布人工智能典型案例</p><p>廣告</p>"
    text = extract_page([_page(_article(extra_inside=related))], "").text
    assert text.split("\n") == PARAGRAPHS
