"""A cut-off excerpt is a tag page's only prose; a short article may end in one too.

``list_page_reason`` reads a short text that ends in an ellipsis as a list (a tag page
listing one story).  Copies and split articles whose last line is a related item's teaser
(left by the extractor at the text's end) were stored as ``not_article:list`` on genweb
tuning seeds 6 and 16.  What tells them apart is the text's shape: whole sentences before
the cut-off line.  Generated here with varied sentences, punctuation, line counts and
teaser forms.
"""

from __future__ import annotations

import random

import pytest

from pipelines.classify import list_page_reason

CLAUSES = (
    "法院审理认为，被告未经同意收集并使用原告的人脸信息",
    "检察机关认为，相关行为侵害了社会公共利益",
    "涉案视频在多个群组中传播，被害人难以一一查明",
    "承办检察官表示，技术本身是中立的",
    "根据民法典的规定，任何组织或者个人不得利用信息技术手段伪造他人肖像",
    "记者从当地人民法院获悉，该案已进入执行阶段",
)
ENDS = ("。", "！", ".", "。”", '."', "？")
CUTS = ("…", "……", "...", "[…]", " [...]")
# a page of links: the article's signals do not decide here, the text does
SIGNALS = {"body_text": 900, "body_link": 110, "best_value": 600.0, "teasers_in_main": (0, 0)}


def _sentence(rng: random.Random) -> str:
    return "，".join(rng.sample(CLAUSES, rng.randint(1, 2))) + rng.choice(ENDS)


def _teaser(rng: random.Random) -> str:
    return _sentence(rng)[: rng.randint(20, 60)] + rng.choice(CUTS)


@pytest.mark.parametrize("seed", range(12))
def test_an_article_ending_in_a_related_teaser_is_no_list(seed):
    rng = random.Random(seed)
    lines = [_sentence(rng) for _ in range(rng.randint(2, 6))]
    if rng.random() < 0.5:  # the related item's headline before its excerpt
        lines.append("滥用“AI换脸”处理人脸信息，检察院提起公益诉讼")
    text = "\n".join([*lines, _teaser(rng)])
    assert len(text) < 800
    assert list_page_reason(SIGNALS, text) is None, text


@pytest.mark.parametrize("seed", range(12))
def test_a_tag_page_listing_one_story_is_still_a_list(seed):
    rng = random.Random(seed)
    lines = [rng.choice(("标签：AI换脸", "关键词：人脸信息", "AI换脸案宣判"))]
    if rng.random() < 0.5:
        lines.append("2024-11-08 10:21")
    if rng.random() < 0.5:  # one line of boilerplate that ends a sentence
        lines.insert(rng.randint(0, len(lines)), "本站所载内容仅供参考。")
    lines.append(_sentence(rng) + _teaser(rng))  # the excerpt: whole sentences, then cut
    text = "\n".join(lines)
    assert list_page_reason(SIGNALS, text) == "not_article:list", text
