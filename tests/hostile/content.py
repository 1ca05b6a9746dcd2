"""What the hostile site serves: two good on-topic articles, some off-topic prose, and the
big generated bodies (built once per server, never per request).

The good articles are ordinary news pages with ordinary site chrome: the point of the
hostile site is that everything *around* them is broken, not that they are hard to read.
"""

from __future__ import annotations

import gzip
import io
import random
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Story:
    title: str
    date: str
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


GOOD_STORIES = (
    Story(
        title="用AI换脸制作他人视频牟利 互联网法院一审判决侵犯肖像权",
        date="2024-06-18 10:32",
        paragraphs=(
            "本报讯 记者从市互联网法院获悉，一起因使用AI换脸技术制作短视频引发的肖像权纠纷案"
            "日前一审宣判。法院认定被告未经许可将原告的面部特征替换到他人视频中并用于商业推广，"
            "构成对原告肖像权的侵犯，判决被告赔礼道歉，并赔偿经济损失及合理维权费用共计三万余元。",
            "原告李女士是一名从事古风造型拍摄的短视频博主，在多个平台拥有数十万粉丝。去年秋天，"
            "她发现一款换脸小程序的推广视频中出现了与自己几乎一模一样的面孔：视频里的人穿着她曾经"
            "穿过的服装，动作神态却并不是她本人。经过比对，李女士确认对方使用深度合成技术，"
            "把她的脸换到了另一名模特身上，随后向法院提起诉讼。",
            "被告某科技公司在庭审中辩称，涉案视频只是用于展示产品的换脸效果，公司并未直接使用"
            "原告的原始视频，换脸后的人物也不能被公众识别为原告本人，因此不构成侵权。",
            "法院审理后认为，肖像是通过影像等方式在一定载体上所反映的特定自然人可以被识别的外部"
            "形象。涉案视频虽经技术处理，但保留了原告面部的主要特征，熟悉原告的观众能够据此认出"
            "原告，被告的行为属于利用信息技术手段伪造他人肖像。被告将换脸视频用于推广自己的付费"
            "产品，具有明显的营利目的，依法应当承担侵权责任。",
            "承办法官表示，人工智能生成内容的门槛越来越低，但技术的使用不能突破法律的边界。"
            "平台和开发者在提供换脸服务时，应当取得被替换者的单独同意，并对生成内容进行显著标识。"
            "普通用户如果发现自己的肖像被他人擅自换脸使用，应及时保存证据，可以向平台投诉，"
            "也可以依法向法院起诉维护自身权益。",
            "目前，双方均未在法定期限内提起上诉，该判决已经发生法律效力。",
        ),
    ),
    Story(
        title="冒充亲友视频通话骗走八十万元 两名被告人利用AI换脸诈骗获刑",
        date="2024-07-02 16:05",
        paragraphs=(
            "本报讯 近日，区人民法院公开审理了一起利用AI换脸技术实施电信网络诈骗的案件，"
            "依法以诈骗罪判处被告人王某有期徒刑十年六个月，并处罚金十万元；判处被告人赵某"
            "有期徒刑四年，并处罚金三万元，同时责令二人退赔被害人全部经济损失。",
            "检察机关起诉指控，二被告人通过非法渠道购买他人的社交账号和公开视频，利用换脸软件"
            "合成被害人好友的面部影像和声音，再通过视频通话冒充好友，以急需周转资金为由要求转账。"
            "被害人张先生在视频中看到了熟悉的面孔，听到了熟悉的声音，没有多想便先后分三次向对方"
            "账户转账共计八十万元，事后联系好友本人才发现被骗，随即报警。",
            "公安机关顺着资金流向追查，很快锁定了两名犯罪嫌疑人。经查，王某负责采集素材和制作"
            "换脸视频，赵某负责提供银行卡并转移赃款，二人分工明确、配合默契，在案发前还曾以同样"
            "手法多次尝试诈骗。",
            "庭审中，被告人王某的辩护人提出，王某系初犯，到案后如实供述，且部分赃款已被追回，"
            "请求法庭从轻处罚。法院审理认为，二被告人以非法占有为目的，利用深度合成技术虚构事实、"
            "隐瞒真相，骗取他人财物，数额特别巨大，其行为均已构成诈骗罪。考虑到二人的认罪态度和"
            "退赃情况，法院依法作出上述判决。",
            "法官提醒，随着人工智能技术的普及，“眼见”不一定“为实”。市民在接到涉及转账汇款的"
            "视频通话时，务必通过电话、当面等其他渠道再次核实对方身份，不要轻易向陌生账户转账；"
            "同时注意保护好个人的照片、视频和声音等生物信息，避免被不法分子利用。",
        ),
    ),
)

# Off-topic prose for the pages that are readable but broken (NUL bytes, lying charset,
# flaky server): a crawler that copes stores them as off-topic articles.
LIBRARY = Story(
    title="市图书馆延长夜间开放时间",
    date="2024-05-10 09:00",
    paragraphs=(
        "市图书馆今天宣布，从下个月起工作日夜间开放时间延长到晚上十点，方便上班族下班后借阅图书。"
        "馆方表示，延长开放期间自助借还机、电子阅览室和自习区将全部开放，读者凭身份证即可入馆。",
        "据介绍，图书馆去年接待读者超过一百二十万人次，其中晚间读者占比逐年上升。"
        "为保障夜间服务，馆里新招募了一批志愿者，负责图书整理和咨询引导工作。",
        "馆长表示，下一步还将在社区设立更多分馆，让市民在家门口就能读到好书。",
    ),
)
BUS = Story(
    title="五条公交线路下周起调整走向",
    date="2024-05-12 08:30",
    paragraphs=(
        "为配合地铁新线开通，市公交集团决定从下周一起对五条公交线路的走向进行调整，"
        "部分站点将迁移到地铁出入口附近，方便乘客换乘。",
        "其中一路公交车将延伸到火车站南广场，三十二路取消沿江路段的三个站点，改走新建的滨江大道。"
        "公交集团提醒乘客提前查询线路信息，合理安排出行时间。",
        "调整期间，各站点将张贴临时告示，并安排工作人员在主要站点引导乘客。",
    ),
)
MARATHON = Story(
    title="城市马拉松赛十月开跑 报名通道本周开启",
    date="2024-05-15 14:20",
    paragraphs=(
        "今年的城市马拉松赛将于十月中旬举行，设全程、半程和健康跑三个项目，总规模三万人。"
        "组委会介绍，报名通道本周五上午十点开启，采用抽签方式确定参赛名额。",
        "赛道在去年的基础上进行了优化，途经老城区、滨江公园和大学城，沿途设置二十个补给站。"
        "组委会还将招募三千名志愿者，为选手提供补给、医疗和引导服务。",
        "组委会提醒跑友量力而行，赛前做好身体检查，科学备赛。",
    ),
)
WEATHER = Story(
    title="本周后半段将迎来明显降温",
    date="2024-05-16 07:45",
    paragraphs=(
        "市气象台预计，受冷空气影响，本周四起全市将出现明显降温，最高气温将从三十度左右"
        "降到二十度上下，局部地区伴有中到大雨，市民出行请注意携带雨具。",
        "气象专家提醒，这次降温幅度较大，早晚温差明显，老人和儿童要注意及时添加衣物。"
        "农业部门也提醒种植户提前做好排水准备，防范降雨对春播作物造成影响。",
        "预计下周初天气转好，气温将逐步回升。",
    ),
)


def page(story: Story, links: str = "", charset: str = "utf-8", junk: str = "") -> str:
    """An ordinary news page: nav, h1, date, paragraphs, footer."""
    paras = "\n".join(f"<p>{junk}{p}</p>" for p in story.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}">'
        f"<title>{story.title}_新闻中心</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/">新闻</a> <a href="/">法治</a></div>'
        f'<div class="article"><h1>{story.title}</h1>'
        f'<div class="info">{story.date} 来源：本站</div>'
        f'<div class="content">{paras}</div></div>'
        f'<div class="links">{links}</div>'
        '<div class="footer">版权所有 新闻中心 未经授权禁止转载</div></body></html>'
    )


def with_nul_bytes(story: Story) -> bytes:
    """Malformed HTML: unclosed tags, a stray end tag, NUL bytes in text and in markup."""
    html = page(story).replace("</p>", "\x00").replace('<div class="footer">', "</td><div\x00>")
    html = html.replace("，", "，\x00", 3)
    return html.encode("utf-8") + b"\x00\x00<p unclosed"


def gbk_bytes(story: Story) -> bytes:
    """GBK bytes (served under a charset=utf-8 header by the site)."""
    return page(story, charset="utf-8").encode("gbk")


def random_bytes(n: int, seed: int = 5) -> bytes:
    return random.Random(seed).randbytes(n)


def huge_page(size: int) -> bytes:
    """A page of ``size`` bytes: valid HTML, paragraphs of filler."""
    head = b"<html><head><meta charset='utf-8'><title>dump</title></head><body>"
    tail = b"</body></html>"
    para = ("<p>" + "这是一段重复的填充文字。" * 30 + "</p>\n").encode("utf-8")
    n = (size - len(head) - len(tail)) // len(para)
    body = head + para * n
    return body + b" " * (size - len(body) - len(tail)) + tail


def gzip_bomb(inflated: int = 200 * MB) -> bytes:
    """~200 KB of gzip that inflates to ``inflated`` bytes of spaces."""
    buf = io.BytesIO()
    chunk = b" " * MB
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        for _ in range(inflated // MB):
            gz.write(chunk)
    return buf.getvalue()


def many_links(n: int, host: str) -> bytes:
    """A page with ``n`` links: numbered pages on this host, and as many off-site."""
    items = []
    for i in range(n):
        if i % 2:
            items.append(f'<a href="http://farm{i}.example.invalid/p/{i}.html">外链{i}</a>')
        else:
            items.append(f'<a href="/m/{i}.html">条目{i}</a>')
    return ("<html><body><h1>链接大全</h1>" + " ".join(items) + "</body></html>").encode()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
