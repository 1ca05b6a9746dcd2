# ruff: noqa: E501  (prose data: sentences are not wrapped)
"""Off-topic stories, near misses first: each lacks one half of "AI face-swap litigation".

* ``tech`` — AI face-swap as technology, product or tips, no case, no court;
* ``fraud`` — an ordinary fraud trial (the legal angle) with no face-swap;
* ``passing`` — a court report on another subject that names 换脸 once in passing;
* ``far`` — local news far from the topic.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.storygen import lexicon as lx
from tests.storygen.facts import draw_case
from tests.storygen.stories import Story

TECH = (
    "近日，一款主打“一键换脸”的{app}在应用商店走红，用户上传一张自拍，就能把自己的脸放进经典影视片段里，上线一周下载量突破{buyers}万次。",
    "业内人士介绍，这类应用背后是生成对抗网络等深度合成技术，算法会先提取人脸的关键点，再在视频的每一帧中进行替换和融合，整个过程只需几十秒。",
    "不少年轻用户表示，换脸特效让拍短视频变得更有趣，“和朋友一起把脸换到电影海报上，发到朋友圈能收获很多点赞。”",
    "也有专家指出，换脸效果越逼真，越需要平台在显著位置添加合成标识，方便观众分辨哪些画面是由人工智能生成的。",
    "研究人员表示，识别换脸视频可以留意人物眨眼频率、面部边缘以及光影是否自然，但随着技术迭代，肉眼分辨会越来越难，检测工具也在同步升级。",
    "据了解，多家手机厂商已在新品中加入了AI写真、虚拟形象等功能，换脸技术正从娱乐走向影视制作、广告营销等更多场景。",
    "一位短视频创作者告诉记者，他每天都会用换脸特效制作几条搞笑视频，“最火的一条播放量超过了五十万，评论区都在问用的是什么软件。”",
)
TECH_TITLES = (
    "“一键换脸”App走红，专家：合成内容应加标识",
    "换脸特效火了，背后的技术原理是什么",
    "AI写真、换脸特效扎堆上线，年轻人玩得不亦乐乎",
)

FRAUD = (
    "{first_trial_date}，{court}公开审理一起电信网络诈骗案，被告人{name}等{accomplices}人冒充电商客服，以退款理赔为由诱骗被害人转账，涉案金额{fraud}。",
    "经审理查明，{name}等人租用境外服务器搭建虚假网站，通过购买的快递信息逐一拨打电话，一步步引导被害人在虚假页面上填写银行卡信息和验证码。",
    "法院认为，被告人以非法占有为目的，采用虚构事实、隐瞒真相的方法骗取他人财物，数额特别巨大，其行为均已构成诈骗罪，依法判处{name}{term}，并处罚金{fine}。",
    "庭审中，公诉机关出示了银行流水、聊天记录、证人证言等证据，各被告人对指控事实均无异议，当庭表示认罪悔罪，并退缴部分赃款。",
    "承办法官提醒，正规客服不会要求消费者通过私人账户转账，遇到自称客服主动来电提出退款的情况，一定要通过官方渠道核实。",
    "据悉，该案被害人遍布全国十余个省份，大多为中老年人，目前法院已将追缴的赃款按比例发还被害人。",
)
PASSING = (
    "{first_trial_date}，{court}审结一起著作权侵权纠纷案，某公司未经授权在其平台传播多部热门电视剧，被判赔偿权利人经济损失{damages}。",
    "法院审理查明，被告平台通过用户上传的方式提供涉案剧集的在线播放，并在首页设置推荐栏目进行推广，点击量累计达数百万次。",
    "被告辩称其仅提供信息存储空间服务，但法院认为，被告对涉案剧集进行了编辑推荐，应当知道其侵权性质，不适用避风港规则。",
    "主审法官表示，近年来网络侵权形态不断翻新，从盗播剪辑到近期出现的换脸二次创作，都给权利保护带来了新课题。",
    "法院判决被告立即停止传播涉案作品，并赔偿原告经济损失及合理开支，目前该判决已生效。",
)
FAR = (
    "{far_date}，{city}{district}的城市书房正式对外开放，书房面积约{buyers}平方米，藏书两万余册，市民刷身份证即可免费借阅。",
    "据介绍，城市书房实行全天候开放，配备自助借还设备和空调休息区，周末还将定期举办亲子阅读、读书分享等活动。",
    "附近居民王女士说，以前借书要跑到市图书馆，现在下楼走几分钟就到了，孩子放学后也可以在这里写作业。",
    "{district}相关负责人表示，今年还将新建{accomplices}家城市书房，进一步完善十五分钟阅读圈，让书香飘进更多社区。",
    "当天，书房还举办了开放仪式，多位作家到场与读者面对面交流，现场气氛热烈。",
    "工作人员提醒，读者借阅图书期限为三十天，可通过手机小程序办理续借，逾期将暂停借阅权限。",
)
FAR_TITLES = (
    "{short_city}新增一批城市书房，市民家门口就能借书",
    "{district}城市书房开放，藏书两万余册",
)
FRAUD_TITLES = (
    "冒充客服骗取退款，{name}等{accomplices}人被判刑",
    "{short_city}一电信诈骗团伙获刑，涉案{fraud}",
)
PASSING_TITLES = ("平台盗播热门剧集被判赔{damages}", "{court}审结一起剧集盗播案")


def offtopic_story(story_id: str, kind: str, rng: random.Random, start: datetime) -> Story:
    """One off-topic story of ``kind`` (tech | fraud | passing | far)."""
    case = draw_case(story_id, "criminal", rng, start)
    slots = dict(case.slots)
    slots["far_date"] = slots["first_trial_date"]
    pools = {
        "tech": (TECH, TECH_TITLES),
        "fraud": (FRAUD, FRAUD_TITLES),
        "passing": (PASSING, PASSING_TITLES),
        "far": (FAR, FAR_TITLES),
    }
    paras, titles = pools[kind]
    count = min(len(paras), rng.randint(5, 7))
    keep = sorted(rng.sample(range(len(paras)), count))
    if kind == "passing" and 3 not in keep:  # the one passing mention is the point
        keep = sorted({*keep[:-1], 3})
    outlet = rng.choice(lx.OUTLETS)[0]
    return Story(
        story_id=story_id,
        family_id=story_id,
        kind="offtopic",
        on_topic=False,
        title=rng.choice(titles).format(**slots),
        paragraphs=tuple(paras[i].format(**slots) for i in keep),
        published=start + timedelta(hours=rng.randint(0, 2000)),
        outlet=outlet,
        byline=None,
        stage=kind,
    )
