# ruff: noqa: E501  (prose data: sentences are not wrapped)
"""Farm copies of a story, with the edits content farms make.

The truth body of a copy is what it took from the original, after the farm's edits
(trimmed, re-punctuated, spaced, split or joined paragraphs).  Its own additions — a
commentary paragraph in the farm's words, an ad placed inside the article — are shown on
the page but are not the article: they are kept apart in ``additions``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.storygen import chrome as fc
from tests.storygen import frames as fr
from tests.storygen.stories import Story

EDITS = (
    "trim_lead",
    "trim_tail",
    "repunctuate",
    "space_latin",
    "commentary",
    "retitle",
    "ads",
    "split_join",
    "back_date",
)

# Farm commentary: each farm words it itself, so it is built from parts, never one phrase.
_OPENERS = (
    "小编认为",
    "说到底",
    "在我们看来",
    "不得不说",
    "网友纷纷表示",
    "笔者以为",
    "一句话总结",
    "有一说一",
)
_MIDDLES = (
    "新技术用对了是便利，用错了就是伤害",
    "这件事给每个爱晒照片的人都提了个醒",
    "技术跑得再快，也不能跑出法律的边界",
    "谁也不想哪天在陌生视频里看到自己的脸",
    "维权的路虽然不容易，但总要有人站出来",
    "平台的审核责任同样不能缺位",
)
_CLOSERS = (
    "大家怎么看？欢迎在评论区留言讨论。",
    "你身边遇到过类似的事情吗？",
    "关注我们，带你看懂更多热点。",
    "觉得有用就转发给家人朋友吧！",
    "",
)
_ADS = (
    "【限时优惠】{course}课程今日报名立减{n}元，名额有限，先到先得，点击下方链接立即抢购！",
    "扫码添加客服微信，免费领取《{book}》电子版，还有专业律师一对一在线答疑。",
    "▶ 推荐阅读：{n}天学会{course}，零基础也能轻松上手，前{m}名报名送精美礼品。",
    "广告｜{brand}新品上市，全场低至{n}折，关注公众号回复“优惠”领取专属红包。",
)
_COURSES = (
    "短视频剪辑",
    "AI绘画",
    "个人信息保护合规",
    "Python数据分析",
    "法律文书写作",
    "直播带货",
)
_BOOKS = ("个人信息保护实务手册", "反诈防骗指南", "网络维权一本通", "数字时代生存法则")
_BRANDS = ("某某手机", "某品牌净水器", "某某学习机", "某某护肤")

_FULL_TO_HALF = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "“": '"',
    "”": '"',
}
_CJK_ASCII = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")
_SENTENCE_END = re.compile(r"(?<=[。！？])")


@dataclass(frozen=True)
class Copy:
    """One farm's copy of a story: truth body, additions apart, and what its page shows."""

    story_id: str
    copy_id: str
    title: str
    paragraphs: tuple[str, ...]  # the truth body: what the farm took, as it shows it
    additions: tuple[tuple[int, str, str], ...]  # (index in ``shown``, kind, text)
    shown: tuple[str, ...]  # the article area of the page: body with additions inserted
    published: datetime
    back_dated: bool
    credited_outlet: str | None
    edits: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


def commentary(rng: random.Random) -> str:
    """A commentary paragraph in a farm's own words (different on every copy)."""
    parts = [rng.choice(_OPENERS) + "，" + rng.choice(_MIDDLES) + "。"]
    parts.append(rng.choice([m for m in _MIDDLES if m not in parts[0]]) + "。")
    return "".join(parts) + rng.choice(_CLOSERS)


def advert(rng: random.Random) -> str:
    return rng.choice(_ADS).format(
        course=rng.choice(_COURSES),
        book=rng.choice(_BOOKS),
        brand=rng.choice(_BRANDS),
        n=rng.choice((3, 5, 7, 50, 99, 199)),
        m=rng.choice((10, 20, 100)),
    )


def repunctuate(text: str) -> str:
    return "".join(_FULL_TO_HALF.get(ch, ch) for ch in text)


def space_latin(text: str) -> str:
    return _CJK_ASCII.sub(" ", text)


def _split_join(paras: list[str], rng: random.Random) -> list[str]:
    longest = max(range(len(paras)), key=lambda i: len(paras[i]))
    pieces = [s for s in _SENTENCE_END.split(paras[longest]) if s]
    if len(pieces) >= 2:
        cut = rng.randint(1, len(pieces) - 1)
        paras[longest : longest + 1] = ["".join(pieces[:cut]), "".join(pieces[cut:])]
    if len(paras) >= 4:
        k = rng.randint(1, len(paras) - 2)
        paras[k : k + 2] = [paras[k] + paras[k + 1]]
    return paras


def retitle(title: str, rng: random.Random) -> str:
    new = rng.choice(fr.RETITLE_PREFIX) + title + rng.choice(fr.RETITLE_SUFFIX)
    return new if new != title else title + "（转）"


def _chrome(rng: random.Random, others: list) -> list[tuple[str, str]]:
    """What a farm's template leaves after the article (``tests.storygen.chrome``)."""
    out: list[tuple[str, str]] = []
    if others and rng.random() < 0.5:
        out += [("related", line) for line in fc.related_list(others, rng)]
    if rng.random() < 0.3:
        out += [("comment", line) for line in fc.comments(rng)]
    if rng.random() < 0.4:
        out.append(("disclaimer", fc.disclaimer(rng)))
    return out


def make_copy(
    story: Story,
    copy_id: str,
    rng: random.Random,
    edits: set[str],
    others: list[tuple[str, str, datetime]] | None = None,
) -> Copy:
    """A copy of ``story`` with ``edits`` (names from ``EDITS``) applied.

    With ``others`` (title, lead, date of the world's other stories) the copy is made as in
    a harder world (``generate(harder=True)``): its commentary comes from wide pools and the
    farm's chrome (a related-stories list of ``others``, comments, a disclaimer) is left
    after the article, as additions.
    """
    paras = list(story.paragraphs)
    if "trim_lead" in edits and len(paras) > 5:
        del paras[: rng.randint(1, min(3, len(paras) - 5))]
    if "trim_tail" in edits and len(paras) > 5:
        del paras[-rng.randint(1, min(3, len(paras) - 5)) :]
    if "split_join" in edits:
        paras = _split_join(paras, rng)
    if "repunctuate" in edits:
        paras = [repunctuate(p) for p in paras]
    if "space_latin" in edits:
        paras = [space_latin(p) for p in paras]
    shown: list[str] = list(paras)
    added: list[tuple[str, str]] = []
    if "ads" in edits:
        added.append(("ad", advert(rng)))
        shown.insert(rng.randint(1, len(shown) - 1), added[-1][1])
    if "commentary" in edits:
        added.append(("commentary", commentary(rng) if others is None else fc.commentary(rng)))
        shown.insert(len(shown) if rng.random() < 0.7 else 0, added[-1][1])
    if others is not None:
        for kind, text in _chrome(rng, others):
            if text not in shown:
                added.append((kind, text))
                shown.append(text)
    additions = tuple((shown.index(text), kind, text) for kind, text in added)
    back = "back_date" in edits
    delay = timedelta(hours=rng.randint(2, 240))
    published = (
        story.published - timedelta(days=rng.randint(3, 40)) if back else story.published + delay
    )
    return Copy(
        story_id=story.story_id,
        copy_id=copy_id,
        title=retitle(story.title, rng) if "retitle" in edits else story.title,
        paragraphs=tuple(paras),
        additions=additions,
        shown=tuple(shown),
        published=published,
        back_dated=back,
        credited_outlet=story.outlet if rng.random() < 0.6 else None,
        edits=tuple(sorted(edits)),
    )
