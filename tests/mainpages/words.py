# ruff: noqa: E501  (prose data: sentences are not wrapped)
"""Word pools for the furniture of generated pages: readers' nicknames and comments,
time stamps, places, class names.

Composed from parts, so two seeds rarely share a comment or a class name, and wide enough
that no rule can be fitted to one wording.
"""

from __future__ import annotations

import random

from tests.storygen import lexicon as lx

NICK_HEADS = (
    "快乐的",
    "孤独的",
    "江南",
    "北方的",
    "爱吃",
    "不吃",
    "深夜",
    "路过的",
    "认真的",
    "佛系",
    "暴躁",
    "温柔的",
    "老",
    "小",
)
NICK_TAILS = (
    "小鱼",
    "大熊",
    "烟雨",
    "程序员",
    "老王",
    "猫咪",
    "土豆",
    "打工人",
    "书生",
    "向日葵",
    "吃瓜群众",
    "夜猫子",
    "阿杰",
    "清风",
)
REACTIONS = (
    "太可怕了", "支持严惩", "这种人就该重判", "说得好", "学到了", "又是AI换脸", "技术无罪，人有罪",
    "希望平台也担责", "现在真不敢发自拍了", "吃瓜", "顶一个", "哈哈哈哈", "细思极恐", "法律终于跟上了",
    "判轻了吧", "建议全国推广", "我妈前几天差点被骗", "这个软件我也用过", "转给家里老人看看", "赞一个",
    "活该", "早该管管了", "坐等后续", "有没有懂法的说说", "这也能判？", "感觉还是罚得太少", "关注了",
    "前排", "路过", "支持维权", "太离谱了", "不明觉厉", "好家伙", "真是防不胜防",
)  # fmt: skip
ENDINGS = ("！", "。", "……", "[赞]", "[怒]", "😂", "👍", "", "？", "!!!", "~", "[捂脸]")
# Sentences of a longer comment: a reader's experience or opinion, not the article's words.
LONG_SENTENCES = (
    "我们小区就有老人接到过类似的视频电话，好在儿子及时打电话确认了，不然几万块钱就没了。",
    "说实话现在的换脸软件门槛太低了，随便下个小程序就能做，监管真的要跟上才行。",
    "我觉得平台也有责任，这种视频能传播这么久，审核到底在干什么？",
    "之前看过一个类似的案子，最后只判了几个月，感觉违法成本太低，根本起不到震慑作用。",
    "建议大家把朋友圈设置成三天可见，照片尽量别发正脸，能少一点风险是一点。",
    "技术本身没有错，错的是用技术干坏事的人，这句话说了很多年了，可是问题一直没解决。",
    "我是做律师的，这类案件取证最难，受害人往往不知道自己的照片被谁拿走了。",
    "家里老人不懂这些，每次都得反复叮嘱，接到要钱的视频先挂了再打回去问。",
    "这种案子应该多宣传，很多人根本不知道被换脸了还可以起诉维权。",
    "看完评论区，发现原来身边被骗的人这么多，真的要提高警惕了。",
    "希望以后能出台更细的规定，比如换脸视频必须打上明显的标识。",
    "我同事上个月就遇到了，对方用他领导的脸开视频会议，差点转了公司的钱。",
    "判决书写得挺清楚的，关键是单独同意这一条，很多软件的用户协议根本没提。",
    "有时候觉得网上的东西真真假假分不清，以后看视频都得多留个心眼。",
    "赔偿金额太低了，对那些靠这个赚钱的公司来说根本不痛不痒。",
    "作为一个经常拍短视频的博主，看到这种新闻真的很担心自己的脸被人拿去乱用。",
    "楼上说得对，但是普通人维权成本太高了，请律师、做公证都要花不少钱。",
    "其实很多诈骗分子就在境外，抓到的只是一小部分，源头打击才是关键。",
    "支持法院的判决，也希望检察机关多提起一些公益诉讼，让企业不敢乱来。",
    "我之前用过一个写真App，上传了好几张照片，现在想想真后怕。",
)  # fmt: skip
TIME_FORMATS = (
    "{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}",
    "{m:02d}-{d:02d} {H:02d}:{M:02d}",
    "{n}小时前",
    "{n}分钟前",
    "昨天 {H:02d}:{M:02d}",
    "{y}年{m}月{d}日 {H:02d}:{M:02d}",
    "刚刚",
    "{y}/{m}/{d} {H}:{M:02d}:{S:02d}",
)
LIKES = (
    "赞({n})",
    "👍 {n}",
    "顶[{n}]",
    "{n}",
    "点赞 {n}",
    "支持({n}) 反对({k})",
    "{n}人赞过",
    "♥ {n}",
)
PLACE_LABELS = ("IP属地：{p}", "来自{p}", "{p}网友", "[{p}网友]", "{p}", "IP 属地{p}")
PROVINCES = (
    *lx.PROVINCES,
    "河北",
    "山西",
    "吉林",
    "黑龙江",
    "贵州",
    "甘肃",
    "海南",
    "内蒙古",
    "新疆",
    "宁夏",
    "青海",
    "西藏",
    "香港",
    "台湾",
    "美国",
    "日本",
)

# Class names of page parts, neutral ones (no furniture word any rule could know).
NEUTRAL_CLASSES = (
    "box",
    "mod",
    "wrap",
    "inner",
    "bd",
    "cont",
    "main-c",
    "col-l",
    "area",
    "blk",
    "panel",
    "layout",
    "w1000",
    "clearfix",
    "part",
    "unit",
    "zone",
    "c1",
    "sec",
    "m-box",
)


def nickname(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        return f"网友{rng.randint(10000, 99999)}"
    if kind < 0.35:
        return f"手机用户{rng.randint(10**9, 10**10 - 1)}"
    tail = str(rng.randint(1, 9999)) if rng.random() < 0.4 else ""
    return rng.choice(NICK_HEADS) + rng.choice(NICK_TAILS) + tail


def timestamp(rng: random.Random, fmt: str | None = None) -> str:
    fmt = fmt or rng.choice(TIME_FORMATS)
    return fmt.format(
        y=rng.randint(2019, 2024), m=rng.randint(1, 12), d=rng.randint(1, 28),
        H=rng.randint(0, 23), M=rng.randint(0, 59), S=rng.randint(0, 59), n=rng.randint(1, 59),
    )  # fmt: skip


def likes(rng: random.Random, fmt: str | None = None) -> str:
    return (fmt or rng.choice(LIKES)).format(n=rng.randint(0, 3000), k=rng.randint(0, 40))


def place(rng: random.Random, fmt: str | None = None) -> str:
    return (fmt or rng.choice(PLACE_LABELS)).format(p=rng.choice(PROVINCES))


def short_comment(rng: random.Random) -> str:
    parts = rng.sample(REACTIONS, rng.choice((1, 1, 1, 2, 2, 3)))
    return "，".join(parts) + rng.choice(ENDINGS)


def long_comment(rng: random.Random, sentences: tuple[int, int] = (2, 6)) -> str:
    return "".join(rng.sample(LONG_SENTENCES, rng.randint(*sentences)))


def comment_text(rng: random.Random, long_share: float) -> str:
    return long_comment(rng) if rng.random() < long_share else short_comment(rng)


def class_name(rng: random.Random, words: tuple[str, ...]) -> str:
    """A class attribute from ``words`` in one of the ways sites join them ('' sometimes)."""
    if rng.random() < 0.15:
        return ""
    word = rng.choice(words)
    sep = rng.choice(("-", "_", "", " "))
    extra = rng.choice(
        ("", "", f"{sep}list", f"{sep}box", f"{sep}{rng.randint(1, 9)}", f"{sep}wrap")
    )
    return (word + extra).strip()
