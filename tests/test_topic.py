"""The default topic recognises the legal angle the way a reader does (issue 12, class 9).

Reports are composed from a subject sentence and legal sentences worded at each stage of a
case (investigation, prosecution, trial, judgment, civil suit), in simplified or traditional
script; near misses keep one half only.  The words here are not those of the lexicon's
comments or of tests/storygen: they are how such reports read.
"""

from __future__ import annotations

import itertools
import random

import pytest

from crawler.sources import Topic, load_sources
from pipelines.topic import TopicFilter

SUBJECT = (
    "李某利用AI换脸软件，将多名女性的面部替换进不雅视频后在网上贩卖。",
    "犯罪团伙通过深度伪造技术合成受害人亲友的面孔，在视频通话中骗取信任。",
    "某公司未经同意，用深度合成技术把主播的人脸嵌入带货视频，这些换脸视频播放量惊人。",
    "张某使用一键换脸小程序伪造他人人脸，通过平台的实名认证。",
)
STAGES = {
    "investigation": (
        "警方接到报案后立案侦查，李某已被依法刑事拘留。",
        "经批准逮捕，嫌疑人张某于日前落网。",
    ),
    "prosecution": (
        "区人民检察院以涉嫌传播淫秽物品牟利罪对李某提起公诉。",
        "检察机关审查起诉后，认定其行为构成侵犯公民个人信息罪。",
    ),
    "trial": (
        "案件于上周开庭审理，被告人当庭表示认罪认罚。",
        "中级人民法院二审审理了此案，上诉人的辩护人作了无罪辩护。",
    ),
    "judgment": (
        "法院一审宣判，以诈骗罪判处被告人有期徒刑三年，并处罚金两万元。",
        "判决生效后，被告人被判令赔礼道歉并赔偿损失。",
    ),
    "civil": (
        "原告将平台运营方诉至互联网法院，请求判令其停止侵害、赔偿损失。",
        "这起肖像权纠纷中，被告辩称模板由用户上传，原告坚持索赔。",
    ),
}
TRADITIONAL = "警方接報後立案偵查，嫌疑人已被刑事拘留，檢察院隨後提起公訴，法院判決其有期徒刑一年。"
FILTER = TopicFilter(Topic())


def _report(seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    stage = list(STAGES)[seed % len(STAGES)]
    lines = [rng.choice(SUBJECT), rng.choice(STAGES[stage]), rng.choice(SUBJECT)]
    return f"{stage}", "\n".join(lines)


@pytest.mark.parametrize("seed", range(20))
def test_one_sentence_of_any_stage_is_a_legal_angle(seed):
    stage, text = _report(seed)
    verdict = FILTER.classify("网络新闻", text)
    assert verdict.on_topic, (stage, verdict.reason)


def test_traditional_script_reads_like_simplified():
    text = "李某利用AI換臉軟件偽造他人面部視頻，多名受害者的人臉被替換。" + TRADITIONAL
    assert FILTER.classify("AI換臉案宣判", text).on_topic


@pytest.mark.parametrize(
    "title,text",
    [
        # an AI face-swap product / explainer piece: no case at all
        (
            "换脸特效火了",
            "这款AI换脸应用上线一周下载量破百万，用户上传自拍就能换脸。"
            "专家介绍，深度合成算法先提取人脸关键点，再逐帧融合，换脸效果越来越自然。"
            "也有人担心隐私泄露，提醒用户谨慎授权。",
        ),
        # the explainer naming the law in passing is still no case
        (
            "AI换脸技术原理与风险",
            "AI换脸基于深度学习，可以把一个人的面部替换到另一个人脸上。"
            "未经授权使用他人肖像，可能侵犯肖像权，用户应遵守法律法规。换脸软件层出不穷。",
        ),
        # an ordinary fraud trial: the legal angle, no face-swap
        (
            "冒充客服诈骗案宣判",
            "法院一审宣判，被告人冒充电商客服诱骗转账，以诈骗罪判处有期徒刑五年，并处罚金。"
            "检察机关提起公诉，被告人当庭认罪。",
        ),
        # a court report on another subject that names 换脸 once in passing
        (
            "盗播热门剧集被判赔",
            "法院审结一起著作权纠纷，被告平台未经授权传播电视剧，被判赔偿经济损失。"
            "主审法官表示，从盗播剪辑到换脸二次创作，网络侵权形态不断翻新。",
        ),
        # a farm's clickbait title on a tech piece: the angle only in the title
        (
            "换脸软件走红（附判决要点）",
            "一键换脸小程序走红，用户上传照片即可生成换脸视频，深度合成技术日益成熟。",
        ),
    ],
)
def test_near_misses_stay_off_topic(title, text):
    verdict = FILTER.classify(title, text)
    assert not verdict.on_topic, verdict.reason


def test_a_users_own_list_narrows_or_widens_the_angle(tmp_path):
    text = "李某利用AI换脸软件伪造视频，换脸视频被大量传播。区人民检察院对其提起公诉。"
    toml = '[[source]]\nname = "a"\nrole = "farm"\nstart_urls = ["http://a.test/"]\n'
    narrow = tmp_path / "narrow.toml"
    narrow.write_text(toml + '[topic]\ncontext = ["法院", "判决"]\n', encoding="utf-8")
    wide = tmp_path / "wide.toml"
    wide.write_text(toml + '[topic]\ncontext = ["提起公诉", "检察院"]\n', encoding="utf-8")
    assert FILTER.classify("", text).on_topic
    assert not TopicFilter(load_sources(narrow).topic).classify("", text).on_topic
    assert TopicFilter(load_sources(wide).topic).classify("", text).on_topic


def test_one_concept_in_many_words_counts_once():
    # 检察院, 检察机关, 检察官 name one actor: no legal angle from a single concept
    text = "AI换脸视频泛滥，换脸软件难管。检察院、检察机关、检察官都在关注。"
    assert "angle" in FILTER.classify("", text).reason


def test_stages_cover_every_pair():
    # every pair of stages alone makes an angle with a two-mention subject
    for a, b in itertools.combinations(STAGES, 2):
        text = SUBJECT[0] + STAGES[a][0] + STAGES[b][0]
        assert FILTER.classify("", text).on_topic, (a, b)
