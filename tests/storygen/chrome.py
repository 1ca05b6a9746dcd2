# ruff: noqa: E501  (prose data: sentences are not wrapped)
"""What farms leave around a copied article when their template is not cut: harder worlds.

``generate(seed, harder=True)`` uses this module; the default worlds (and the generated
webs built on them) are unchanged.  Three things real farms do, each making copies of one
story look less alike and copies of different stories look more alike:

* commentary in a farm's own words, drawn from wide pools (opener x judgement x reason x
  call to action, each with several fillers), so two copies rarely share a sentence by
  chance -- where the default pools share whole sentences between most copies;
* a related-stories list left in the text: other stories' titles, each with the start of
  its lead and a date, from the same world (so the excerpts carry other cases' names,
  places, numbers and stage words);
* a reader comment or two under the article, and a reprint disclaimer.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

_OPENERS = (
    "小编认为",
    "说到底",
    "在我们看来",
    "不得不说",
    "笔者以为",
    "一句话总结",
    "有一说一",
    "坦白讲",
    "客观地说",
    "从这件事可以看出",
    "归根结底",
    "换个角度看",
    "值得一提的是",
    "细想一下",
    "平心而论",
    "往深里说",
    "我们不妨想一想",
    "其实",
    "说句实在话",
    "冷静下来看",
)
_SUBJECTS = (
    "新技术",
    "换脸软件",
    "人工智能",
    "短视频平台",
    "网络空间",
    "个人信息",
    "一张自拍",
    "社交账号",
    "算法推荐",
    "直播间",
    "网购平台",
    "手机里的照片",
    "陌生链接",
    "免费小程序",
)
_JUDGEMENTS = (
    "用对了是便利，用错了就是伤害",
    "从来都不是法外之地",
    "需要每个人多留一个心眼",
    "背后的风险远比想象中大",
    "正在被不法分子盯上",
    "不能只靠平台自觉",
    "迟早要被装进制度的笼子",
    "的边界必须尽快划清",
    "的门槛越来越低，违法的代价却不能跟着降低",
    "一旦被滥用，受伤的往往是普通人",
)
_REASONS = (
    "毕竟谁也不想哪天在陌生视频里看到自己的脸",
    "因为维权的成本往往比侵权高得多",
    "毕竟照片一旦流出就很难彻底删除",
    "而监管总是慢技术半步",
    "可惜很多人直到被骗才意识到这一点",
    "说明普法宣传还得再往前走一步",
    "这也是这类案件屡禁不止的原因",
    "尤其是老年人更容易上当",
    "而且取证难、追责难的问题依然存在",
    "所以平台的审核责任同样不能缺位",
)
_CALLS = (
    "大家怎么看？欢迎在评论区留言讨论。",
    "你身边遇到过类似的事情吗？",
    "关注我们，带你看懂更多热点。",
    "觉得有用就转发给家人朋友吧！",
    "点个在看，让更多人看到。",
    "你支持这样的判决吗？",
    "收藏起来，总有用得上的时候。",
    "欢迎留言说说你的看法。",
    "",
)
_NICKNAMES = (
    "清风徐来",
    "用户7731",
    "老王不在家",
    "一只小橘猫",
    "海边的卡夫卡",
    "江南烟雨",
    "热心网友",
    "匿名用户",
    "晴天娃娃",
    "夜猫子",
    "路人甲",
    "阿杰",
    "木子李",
    "随遇而安",
)
_COMMENTS = (
    "这种人就该重判！",
    "技术无罪，用的人有罪。",
    "看完赶紧把朋友圈的照片设成了私密。",
    "支持法院的判决。",
    "现在真是什么都能造假了。",
    "建议平台加强审核。",
    "家里老人一定要提醒一下。",
    "罚得太轻了吧。",
    "已转发给爸妈。",
    "这个案子之前就听说过。",
    "希望以后能有更严的法律。",
    "太可怕了，细思极恐。",
)
_DISCLAIMERS = (
    "声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。",
    "免责声明：本站部分内容来源于网络，仅供学习交流，不代表本站观点，如涉及版权问题请联系我们处理。",
    "版权声明：本文内容由互联网用户自发贡献，本站仅提供信息存储空间服务，不拥有所有权，不承担相关法律责任。",
    "（本文来源于网络，如有侵权，请联系删除）",
)
_RELATED_HEADS = ("相关推荐", "猜你喜欢", "延伸阅读", "热门文章", "相关阅读")


def commentary(rng: random.Random) -> str:
    """Two or three sentences in a farm's own words, from wide pools."""
    first = f"{rng.choice(_OPENERS)}，{rng.choice(_SUBJECTS)}{rng.choice(_JUDGEMENTS)}，{rng.choice(_REASONS)}。"
    parts = [first]
    if rng.random() < 0.6:
        parts.append(f"{rng.choice(_SUBJECTS)}{rng.choice(_JUDGEMENTS)}。")
    return "".join(parts) + rng.choice(_CALLS)


def _date(d: datetime) -> str:
    return f"{d.year}-{d.month:02d}-{d.day:02d}"


def related_list(others: list[tuple[str, str, datetime]], rng: random.Random) -> list[str]:
    """A related-stories block: a heading, then other stories' titles, each with the start
    of its lead and its date (``others``: (title, lead, published))."""
    picked = rng.sample(others, min(len(others), rng.randint(2, 4)))
    lines = [rng.choice(_RELATED_HEADS)]
    for title, lead, when in picked:
        excerpt = lead[: rng.randint(30, 60)].rstrip("，。；：") + "……"
        shown = when + timedelta(days=rng.randint(0, 30))
        lines.append(
            f"{title} {excerpt} {_date(shown)}" if rng.random() < 0.7 else f"{title} {_date(shown)}"
        )
    return lines


def comments(rng: random.Random) -> list[str]:
    """A comment count and one or two reader comments."""
    out = [f"网友评论（{rng.randint(2, 480)}）"]
    for _ in range(rng.randint(1, 2)):
        out.append(f"{rng.choice(_NICKNAMES)}：{rng.choice(_COMMENTS)} {rng.randint(1, 999)}赞")
    return out


def disclaimer(rng: random.Random) -> str:
    return rng.choice(_DISCLAIMERS)
