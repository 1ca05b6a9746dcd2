"""Unit tests for page shapes found on the zh-webcontent set, on pages written here.

Each shape had cost a real page most of its text or filled it with navigation: a page that
carries its article twice (a hidden elderly-mode copy), Word-exported markup whose loose
text runs trafilatura dropped, an interview whose "记者：" questions were taken for
credit lines, a disclaimer heading that opens with the site's name, and furniture (a
market ticker, an app promo) that the main node took in above the headline.
"""

from __future__ import annotations

import lxml.html
import pytest

import pipelines.extract.main_content as main_content_module
from pipelines.extract import extract_page
from pipelines.extract.chrome_lines import cut_tail, drop_leading_meta, is_drop_line
from pipelines.extract.credits import (
    closing_reporters,
    is_credit_line,
    lead_reporters,
    split_credits,
)
from pipelines.extract.node_prep import loose_runs, restore_dropped_prose
from pipelines.extract.rules import load_rules

PARAS = [
    "自治区财政厅传出最新消息，决定延续去年底到期的涉及四个税种、五项税收优惠政策，预计四年为纳税人减负一百八十亿元。",
    "此前出台的若干措施从前年一月一日起实施，在自治区权限范围内加大减税力度，降低涉企收费，涉及的政策执行期为三年。",
    "上述政策执行期满后，为了进一步优化营商环境，支持民营经济高质量发展，经研究决定，延续部分到期的税收优惠政策。",
]
NAV = "".join(f"<li><a href='/c/{i}'>栏目{i}</a></li>" for i in range(30))
S = "style=\"FONT-FAMILY: 宋体; mso-ascii-font-family: 'Times New Roman'\""
ANSWER = (
    "政府通过实行一增一减的农业政策来提高农民种粮的积极性，增加农民收入，增加农民补贴，"
    "减少农业税，让农民更加重视粮食生产。"
)
SERVICE = (
    "我们采取展示、推广、培训这么几项服务，附近的农民之所以在购买或使用农机上受益，"
    "就是因为我们现在有这么几项特色服务。"
)
BOSS = "李金泽同志现任某某机械有限责任公司党委书记、董事长兼总经理。"
BIO = "年参加工作，历任农机修造厂技术科长、技术厂长、总工程师等职务，先后荣获九项国家专利。"
# Word's markup: a </span> closes a <span> that holds a <p>, so the parser leaves the rest
# of the paragraph as a loose run of <font>/<span> between two <p>s.
INTERVIEW = f"""<html><head><title>访谈</title></head><body><div id="Content">
<font color="#008080"><p class=MsoNormal><b><span {S}>个人简介：</span></b></p><span {S}>
<p class=MsoNormal><br><font color=#0000ff>{BOSS}</font>
</span><font color=#0000ff><span lang=EN-US><font face="Times New Roman">1956</font></span>
<span {S}>年生人，</span><span lang=EN-US><font face="Times New Roman">1978</font></span>
<span {S}>{BIO}</span></font>
<p class=MsoNormal><font><span><strong>记者：</strong>你怎样看待农业税补贴问题？</span></font></p>
<p class=MsoNormal><font><span><strong>李金泽：</strong>{ANSWER}</span></font></p>
<p class=MsoNormal><font><span><strong>记者：</strong>你们的农机大市场在哪？</span></font></p>
<p class=MsoNormal><font><span><strong>李金泽：</strong>{SERVICE}</span></font></p>
</font></div></body></html>"""


def _page(body: str) -> bytes:
    return f"<html><head><title>延续税收优惠政策</title></head><body>{body}</body></html>".encode()


def test_article_carried_twice_is_extracted_once():
    article = "".join(f"<p>{p}</p>" for p in PARAS)
    body = (
        f"<div class='top'><ul>{NAV}</ul></div>"
        f"<div class='main'><div class='nav-left'><ul>{NAV}</ul></div>"
        f"<div class='detail'><h1>延续税收优惠政策</h1>{article}</div></div>"
        # the same article again, for the page's elderly-mode view, hidden until asked for
        f"<div id='elder' style='display: none'><div class='cont'>{article}"
        "<div class='attach'><p>附件：政策文件清单，请下载后查阅，如有疑问请联系办公室。</p></div>"
        "</div></div>"
    )
    text = extract_page([_page(body)], "", min_chars=50).text
    assert [text.count(p) for p in PARAS] == [1, 1, 1]
    assert "栏目" not in text


def test_two_different_stories_side_by_side_are_both_kept():
    other = [p.replace("税", "费").replace("自治区", "市") + "另一条新闻的内容。" for p in PARAS]
    body = (
        "<div class='a'>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>"
        "<div class='b'>" + "".join(f"<p>{p[::-1]}</p>" for p in other) + "</div>"
    )
    text = extract_page([_page(body)], "", min_chars=50).text
    assert all(p in text for p in PARAS)


def test_loose_run_between_paragraphs_is_restored_in_place():
    text = extract_page([INTERVIEW.encode()], "", min_chars=50).text
    lines = text.split("\n")
    bio = next(i for i, line in enumerate(lines) if BIO in line)
    assert lines[bio].replace(" ", "").startswith("1956年生人，1978")
    assert "董事长兼总经理" in lines[bio - 1]
    assert lines[bio + 1] == "记者：你怎样看待农业税补贴问题？"


def test_without_restoring_trafilatura_loses_the_run(monkeypatch: pytest.MonkeyPatch):
    # the reason restore_dropped_prose exists: if trafilatura stops dropping such runs,
    # this fails and the step can go
    monkeypatch.setattr(main_content_module, "restore_dropped_prose", lambda t, own, loose: t)
    text = extract_page([INTERVIEW.encode()], "", min_chars=50).text
    assert ANSWER in text and BIO not in text


def test_loose_runs_are_chinese_prose_between_blocks_only():
    teaser = "[头条] 某地发生一起交通事故，多人受伤"
    links = "".join(f"<a href='/n/{i}'>{teaser}</a><br>" for i in range(3))
    node = lxml.html.fromstring(
        "<div><p>一段。</p><font><span>散落的文字，</span>接着说。</font><p>二段。</p>"
        "<span>一个没有标点的短标签行</span><p>三段。</p>"
        "Photo: Ringo H.W. Chiu, AP. Updated 11:21 pm, November 19, 2019.<p>四段。</p>"
        f"{links}<p>五段。</p><span>最后一段散落的文字，也在块之间。</span></div>"
    )
    assert loose_runs(node) == {"散落的文字，接着说。", "最后一段散落的文字，也在块之间。"}
    assert loose_runs(lxml.html.fromstring("<p>只有<b>行内</b>内容，没有块。</p>")) == set()


def test_restore_keeps_dropped_blocks_and_edges_out():
    kept = [
        "第一段正文，讲述了事情的起因和经过，内容足够长。",
        "第三段正文，讲述了事情的结果和影响，内容足够长。",
    ]
    caption = "图为现场照片，摄影记者拍摄的画面。"
    run = "第二段落在两个段落之间，被解析器放在了块外面，需要找回来。"
    tail = "网友回复：说得好，支持一下，顶上去让更多人看到。"
    own = "\n".join([kept[0], caption, run, kept[1], tail])
    out = restore_dropped_prose("\n".join(kept), own, {run.replace(" ", ""), tail})
    assert out.split("\n") == [kept[0], run, kept[1]]
    assert restore_dropped_prose("\n".join(kept), own, set()) == "\n".join(kept)


@pytest.mark.parametrize(
    "line",
    [
        "记者：你们的农机大市场在哪？",
        "记者：这么看你平时也很关注国家的农业政策，所以你不只是农民专家，也可以称作农业专家了。",
        "作者：我想问一下，这件事到底是怎么回事？",
    ],
)
def test_interview_questions_are_not_credit_lines(line: str):
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "记者：张三",
        "新华网黑龙江频道 记者 伊琳 李清芬",
        "来源：新华社，有删改。",
        "原标题：AI换脸能判刑吗？法院这样说",
        "□ 本报记者 葛灵丹",
    ],
)
def test_credit_lines_still_leave_the_text(line: str):
    assert split_credits([line]) == ([], [line])


def test_disclaimer_heading_named_after_the_site_ends_the_article():
    notice = "③ 如因作品内容、版权和其它问题需要同本网联系的，请在30日内进行。"
    lines = [*PARAS, "振兴东北网版权与免责声明：", notice]
    assert cut_tail(lines, load_rules()) == PARAS


def test_a_sentence_ending_like_a_heading_does_not_end_the_article():
    line = "该网站在页面底部发布了一份免责声明。"
    lines = [*PARAS, line, PARAS[0]]
    assert cut_tail(lines, load_rules()) == lines


@pytest.mark.parametrize(
    "opening",
    [
        "相关视频显示，被告在未经许可的情况下将原告的面部特征合成进了多段短视频并公开传播。",
        "未经授权使用他人肖像制作换脸视频并牟利，法院认定该行为侵害了原告的肖像权和个人信息权益。",
        "网友评论称，这类软件门槛极低，任何人上传一张照片即可生成以假乱真的视频，风险不容忽视。",
        "大家都在看的这段视频，其实是用深度合成技术拼接出来的，画面中人物的口型与声音并不同步。",
    ],
)
def test_a_paragraph_opening_with_a_marker_word_is_prose(opening: str):
    # generated sites found it: a paragraph whose first words are a furniture heading's
    # ("相关视频") ended the article there
    lines = [*PARAS, opening, *PARAS]
    assert cut_tail(lines, load_rules()) == lines


@pytest.mark.parametrize(
    "marker", ["相关视频：", "相关视频", "未经授权，不得转载。", "网友评论（12）", "大家都在看"]
)
def test_marker_headings_and_notices_still_end_the_article(marker: str):
    assert cut_tail([*PARAS, marker, "某地发生一起交通事故"], load_rules()) == PARAS


def test_furniture_above_the_headline_goes():
    title = "日本企业5月信心保持稳定 但日元疲弱推高成本损害利润"
    ticker = ["香港股市 将收市，收市时间：4 小时 48 分钟", "恒指", "国指", "上证综指", "美元"]
    lines = [*ticker, title, "香港电台-财经", "2024年5月22日周三 上午8:21", *PARAS]
    assert drop_leading_meta(lines, title + " - 雅虎财经") == PARAS


def test_a_sentence_above_the_headline_keeps_everything():
    title = "延续部分到期税收优惠政策"
    lines = ["本报讯 自治区财政厅昨日发布消息。", title, *PARAS]
    assert drop_leading_meta(lines, title) == lines


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("很抱歉，当前视频播放失败", True),
        ("错误代码：QVS.4100", True),
        ("时长：01:45建议WIFI下打开", True),
        ("您的浏览器不支持HTML5视频播放", True),
        ("视频播放失败的原因有很多，专家说，这与网络环境有关。", False),
        ("视频播放失败后他报了警。", False),
        ("“2018十大经济年度人物评选”火热进行中！【点击投票】Pick你心目中的商业领袖", True),
        ("网友可在页面上点击投票，结果将于下周公布。", False),
    ],
)
def test_player_messages_and_promos_are_chrome(line: str, chrome: bool):
    assert is_drop_line(line, load_rules()) is chrome


@pytest.mark.parametrize(
    ("last", "names"),
    [
        ("资者可以免费加入，定期获得信息交流。(信报记者 蔡雪婧)", ["蔡雪婧"]),
        ("对戏曲导演艺术的发展起到极大推动作用。（总台记者 张倩）", ["张倩"]),
        ("所有的改革难道不都是利益再分配的过程吗？”（姚峰 上海报道）", ["姚峰"]),
        ("该案将于下月开庭审理（完）", []),
        ("法院当庭宣判（见图）", []),
    ],
)
def test_reporter_credit_closing_the_article(last: str, names: list[str]):
    assert closing_reporters(last) == names


def test_reporter_credit_in_a_wire_dateline():
    lead = (
        "据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区农业农村厅获悉，去年改造户用卫生厕所。"
    )
    assert lead_reporters(lead) == ["格桑边觉"]


def test_closing_credit_becomes_the_byline():
    paras = "".join(f"<p>{p}</p>" for p in PARAS[:-1])
    body = f"<div class='text'>{paras}<p>{PARAS[-1]}（总台记者 张倩）</p></div>"
    out = extract_page([_page(body)], "", min_chars=50)
    assert out.byline == "张倩" and out.text.endswith("（总台记者 张倩）")


def test_labelled_date_on_a_page_whose_title_is_the_site_name():
    body = (
        "<table><tr><td><a href='/'>首页</a> <a href='/bbs'>论坛</a></td></tr>"
        "<tr><td>〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓</td></tr>"
        "<tr><td>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</td></tr>"
        "<tr><td>会员注册时间：2004-01-02</td></tr></table>"
    )
    page = f"<html><head><title>网易娱乐</title></head><body>{body}</body></html>"
    out = extract_page([page.encode()], "", min_chars=50)
    assert out.published_at is not None
    assert out.published_at.isoformat() == "2005-03-15T22:36:13"
