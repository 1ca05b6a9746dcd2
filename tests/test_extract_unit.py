"""Unit tests for decoding, chrome removal, metadata and robustness of the extractor.

The pages under tests/fixtures/pages/ are content-farm and portal pages recorded for these
tests (a WordPress farm reprint built around the real seed in shared/seeds, a Discuz thread,
a news page with inline ads, a GBK table-layout portal, a tag page and a split article).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.article import Extracted
from pipelines.extract import extract_page
from pipelines.extract.chrome_lines import strip_text_chrome
from pipelines.extract.credits import normalise_outlet, parse_credit_text, split_credits
from pipelines.extract.decode import decode_html
from pipelines.extract.rules import load_rules
from pipelines.extract.title import strip_site_name

PAGES = Path(__file__).parent / "fixtures" / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


# --- decoding -----------------------------------------------------------------------------


def test_gbk_bytes_under_utf8_header_decode_as_gb18030():
    text = "<html><body><p>人脸信息属于敏感个人信息，应当依法保护。</p></body></html>"
    assert decode_html(text.encode("gbk"), "text/html; charset=utf-8") == text


def test_meta_gb2312_with_characters_outside_gb2312():
    text = '<meta charset="gb2312"><p>朱镕基、王喆与李玥都不在 GB2312 里：镕喆玥</p>'
    decoded = decode_html(text.encode("gb18030"))
    assert "镕" in decoded and "喆" in decoded and "玥" in decoded
    assert "\ufffd" not in decoded


def test_bom_wins_over_declared_charset():
    text = '<meta charset="gbk"><p>检察公益诉讼</p>'
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_html(b"\xff\xfe" + text.encode("utf-16-le")) == text


def test_utf8_page_with_stale_gb2312_meta():
    text = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>深度合成</p>'
    assert decode_html(text.encode("utf-8")) == text


def test_gbk_portal_fixture_decodes_cleanly():
    decoded = decode_html(page("gbk_portal.html"))
    assert "朱镕某" in decoded and "\ufffd" not in decoded


# --- chrome removal on recorded farm pages -------------------------------------------------

FARM_URL = "https://www.kyxbk.example/12345.html"


@pytest.fixture(scope="module")
def farm() -> Extracted:
    return extract_page([page("farm_wordpress.html")], FARM_URL)


def test_farm_keeps_the_whole_article(farm: Extracted):
    assert farm.is_article, farm.reason
    assert farm.text.startswith("南都记者8月23日从杭州市萧山区检察院获悉")
    assert "积极探索算法监督检察公益诉讼" in farm.text
    assert farm.text.rstrip().endswith("邱景辉称。")


@pytest.mark.parametrize(
    "chrome",
    ["版权声明", "(0)", "上一篇", "下一篇", "相关推荐", "哈弗线上科研", "分享到", "热门文章",
     "发表评论", "扫一扫", "阅读 1234", "采写", "京ICP备"],
)  # fmt: skip
def test_farm_chrome_is_dropped(farm: Extracted, chrome: str):
    assert chrome not in farm.text


def test_farm_metadata(farm: Extracted):
    assert (
        farm.title == "制作“AI换脸”淫秽视频售卖软件牟利,公益诉讼促源头治理(最近很火的换脸视频制作)"
    )
    assert farm.published_at == datetime(2024, 5, 2, 14, 43)
    assert farm.byline == "刘嫚"
    assert farm.credited_outlet == "南方都市报"
    assert farm.canonical_url == FARM_URL


def test_text_has_no_blank_lines_and_collapsed_spaces(farm: Extracted):
    assert "\n\n" not in farm.text and "  " not in farm.text


def test_discuz_thread_keeps_first_post_only():
    out = extract_page([page("discuz_thread.html")], "http://bbs.example.net/thread-8848-1-1.html")
    assert out.is_article
    assert "北京互联网法院审结" in out.text and "判决已生效" in out.text
    for reply in ("顶，支持维权", "转走了", "楼主辛苦", "签名档", "本人转帖", "举报", "只看该作者"):
        assert reply not in out.text
    assert out.credited_outlet == "法治日报"
    assert out.published_at == datetime(2024, 6, 21, 9, 12)
    assert out.canonical_url == "http://bbs.example.net/thread-8848-1-1.html"


def test_inline_ads_removed_but_article_continues_after_them():
    out = extract_page([page("news_inline_ads.html")], "https://news.example.com/law/55.html")
    assert "判决已生效" in out.text  # the paragraphs after the ad block survive
    for chrome in ("推广", "下载APP", "扫一扫", "广告", "责任编辑", "原标题", "网友评论",
                   "支持判决", "热门推荐", "上一篇", "标签"):  # fmt: skip
        assert chrome not in out.text
    assert out.title == "AI换脸博主视频被做成收费模板，法院判了"
    assert out.published_at == datetime(2024, 6, 20, 8, 30)
    assert (out.byline, out.credited_outlet) == ("张维", "法治日报")


def test_gbk_table_portal():
    out = extract_page([page("gbk_portal.html")], "http://www.example.cn/news/2023/1108/9.html")
    assert out.is_article
    assert out.title == "男子用“AI换脸”冒充亲属视频诈骗获刑"
    assert out.published_at == datetime(2023, 11, 8, 7, 35)  # not the 相关新闻 dates
    assert out.credited_outlet == "新京报"
    assert out.byline == "王喆"
    assert "切勿轻信视频画面" in out.text
    for chrome in ("相关新闻", "打印", "责任编辑", "图片新闻", "版权所有", "首页"):
        assert chrome not in out.text


def test_tag_page_is_a_list():
    out = extract_page([page("tag_list.html")], "https://www.kyxbk.example/tag/ai")
    assert (out.is_article, out.reason) == (False, "not_article:list")


def test_page_two_alone_is_a_continuation():
    out = extract_page(
        [page("paginated_p2.html")], "https://news.example.com/news/20240620/123_2.html"
    )
    assert (out.is_article, out.reason) == (False, "not_article:continuation")


def test_split_article_pages_are_joined():
    bodies = [page("paginated_p1.html"), page("paginated_p2.html")]
    out = extract_page(bodies, "https://news.example.com/news/20240620/123.html")
    assert out.is_article
    assert out.text.index("北京互联网法院审结") < out.text.index("判决已生效")
    assert out.credited_outlet == "红星新闻"


def test_text_rules_cut_tail_but_not_opening():
    rules = load_rules()
    text = (
        "相关阅读\n"
        + "正文第一段，讲述案件经过。" * 10
        + "\n上一篇：别的文章\n相关推荐\n无关摘要一"
    )
    out = strip_text_chrome(text, rules)
    assert out.startswith("正文第一段") and "无关摘要" not in out and "上一篇" not in out


# --- credits and metadata -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "byline", "outlet"),
    [
        ("采写：南都记者 刘嫚 发自北京", ["刘嫚"], "南方都市报"),
        ("法治日报记者 张维", ["张维"], "法治日报"),
        ("作者：李四", ["李四"], None),
        ("来源：南都网", [], "南方都市报"),
        ("来源：法制日报", [], "法治日报"),
        ("本文来自：中新网", [], "中国新闻网"),
        ("文章来源：某某晚报", [], "某某晚报"),
    ],
)
def test_credit_lines(line: str, byline: list[str], outlet: str | None):
    body, credits = split_credits([line, "正文里的一句话，不是署名。"])
    assert credits == [line] and body == ["正文里的一句话，不是署名。"]
    parsed = parse_credit_text(line)
    assert parsed.bylines == byline
    found = [normalise_outlet(n) for n in parsed.outlets + parsed.reporter_outlets]
    assert (found[0] if found else None) == outlet


def test_original_title_marks_reprint_only():
    parsed = parse_credit_text("原标题：AI换脸案宣判")
    assert parsed.reprint and not parsed.outlets


def test_prose_mentioning_a_source_is_not_a_credit_line():
    line = "据新华社报道，来源于网络的视频经过深度合成处理后，被用于实施诈骗，涉案金额巨大。"
    assert split_credits([line]) == ([line], [])


def test_site_name_is_stripped_from_title():
    assert strip_site_name("AI换脸案宣判 - 某某网") == "AI换脸案宣判"
    assert strip_site_name("武汉的声音：有英勇的你-新华网") == "武汉的声音：有英勇的你"
    assert strip_site_name("法院判了_新闻中心_某某新闻网") == "法院判了"


# --- never raises -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "not_article:empty"),
        (b"   \n ", "not_article:empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not_article:binary"),
        (b"\x00" * 5000, "not_article:binary"),
        (b"%PDF-1.4 ...", "not_article:binary"),
    ],
)
def test_garbage_gets_a_reason(body: bytes, reason: str):
    out = extract_page([body], "http://x.example/")
    assert (out.is_article, out.reason) == (False, reason)


def test_no_bodies_at_all():
    assert extract_page([], "").reason == "not_article:empty"


def test_short_page_is_too_short():
    html = "<html><head><title>t</title></head><body><p>一句话的新闻。</p></body></html>"
    out = extract_page([html.encode()], "http://x.example/a.html")
    assert (out.is_article, out.reason) == (False, "too_short")


def test_huge_page_does_not_raise():
    para = "<p>" + "检察机关提起民事公益诉讼，法院依法判决。" * 20 + "</p>\n"
    body = ("<html><body>" + para * 60000 + "</body></html>").encode()
    assert len(body) > 25_000_000
    out = extract_page([body], "http://x.example/huge.html")
    assert isinstance(out, Extracted)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(body: bytes):
    out = extract_page([body], "http://x.example/r")
    assert isinstance(out, Extracted) and (out.is_article or out.reason)


_TAGS = st.sampled_from(["p", "div", "a", "h1", "table", "td", "li", "br", "script", "span"])
_FRAGMENT = st.one_of(
    st.text(alphabet="人脸信息判决来源：记者上一篇相关推荐<>&;\"' \n0123", max_size=40),
    st.builds(lambda t, s: f"<{t} class='{s}'>", _TAGS, st.text(max_size=8)),
    st.builds(lambda t: f"</{t}>", _TAGS),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENT, max_size=60), st.sampled_from([None, "text/html; charset=gbk"]))
def test_random_html_never_raises(parts: list[str], content_type: str | None):
    body = "".join(parts).encode("utf-8")
    out = extract_page([body, body], "http://x.example/p_2.html", content_type)
    assert isinstance(out, Extracted)
    assert "\n\n" not in out.text


# --- threads, pagination and index pages built inline --------------------------------------

_PROSE = "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益。" * 9


def _thread(first: str, replies: list[str]) -> bytes:
    posts = "".join(
        f'<div id="post_{i}"><table class="plhin"><tr><td class="pls"><a href="space-{i}">'
        f'用户{i}</a><dl><dt>积分</dt><dd>{i * 9}</dd></dl></td><td class="plc">'
        f'<em>发表于 2024-6-{i + 1} 10:0{i}</em><a href="#">只看该作者</a>'
        f'<div class="t_f">{msg}</div></td></tr></table></div>'
        for i, msg in enumerate([first, *replies], start=1)
    )
    return f"<html><body><h1>求助帖</h1><div id='postlist'>{posts}</div></body></html>".encode()


def test_question_thread_keeps_replies_without_user_cards():
    replies = ["人脸属于敏感个人信息，可以起诉。", "建议先保全证据再起诉。", "同问，关注一下。"]
    out = extract_page(
        [_thread("换脸软件用了我的照片，能起诉吗？", replies)], "http://b.example/t-1"
    )
    assert all(r in out.text for r in replies)
    assert "只看该作者" not in out.text and "积分" not in out.text


def test_article_thread_keeps_first_post_only():
    out = extract_page([_thread(_PROSE, ["顶一下", "好文章，转走了"])], "http://b.example/t-2")
    assert out.text.startswith("法院审理认为") and "顶一下" not in out.text


def test_numbered_page_with_prev_link_is_continuation():
    html = f"<html><body><h1>t</h1><p>{_PROSE}</p><a href='thread-88-1-1.html'>上一页</a>"
    out = extract_page([html.encode()], "http://b.example/thread-88-2-1.html")
    assert out.reason == "not_article:continuation"


def test_link_to_previous_post_is_not_pagination():
    html = f"<html><body><h1>t</h1><p>{_PROSE}</p><a href='/news/122.html'>«</a></body></html>"
    out = extract_page([html.encode()], "http://n.example/news/123.html")
    assert out.is_article, out.reason


def test_one_cut_off_excerpt_is_a_list_whatever_the_url():
    # what a page is comes from the page: the same teaser is a list at any URL, and a short
    # article at an archive-style permalink is an article
    html = f"<html><body><h1>标签：AI换脸</h1><p>{_PROSE} […]</p></body></html>"
    for url in ("http://farm.example/tag/ai/", "http://farm.example/?p=123"):
        assert extract_page([html.encode()], url).reason == "not_article:list"
    whole = f"<html><body><h1>换脸侵权案宣判</h1><p>{_PROSE[:300]}</p></body></html>"
    for url in ("http://blog.example/archives/123/", "http://blog.example/p/123"):
        assert extract_page([whole.encode()], url).is_article, url
