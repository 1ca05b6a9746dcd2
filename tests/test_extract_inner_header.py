"""A page's header block inside its text (issue 12, last chrome class 2): page 2+ of a split
article repeats its headline and date/source/reads lines, and a main node can render them
after the page's first paragraph, where the head-of-text clean-up never looks.  Built with
several headline forms, meta lines and positions; lines that are not under a headline stay."""

from __future__ import annotations

import itertools

import pytest

from pipelines.extract.chrome_lines import clean_lines
from pipelines.extract.rules import load_rules

TITLE = "苏某被提起公益诉讼：深度合成侵害不特定多数人权益"
PARAS = [
    "2024年7月起，苏某未经他人同意，从某电商平台收集短视频博主的照片6300余张，批量生成视频。",
    "检察机关认为，苏某非法处理不特定多数人的人脸信息，侵害了社会公共利益，应当承担民事责任。",
    "承办检察官说，人脸信息具有唯一性和不可更改性，一旦泄露，风险将伴随终身。",
]
HEADLINES = [f"{TITLE}(2)", f"{TITLE}（第3页）", f"{TITLE} 2/4", TITLE]
METAS = [
    ["2026-04-04 14:57转自：天府观察阅读：97610"],
    ["2026-04-04 14:57", "转自：天府观察", "阅读：97610"],
    ["来源：新华社 作者：李明", "点击：1200次"],
    ["稿源 | 南方日报", "2025年11月3日 08:10"],
]


@pytest.mark.parametrize(
    ("headline", "meta", "at"), list(itertools.product(HEADLINES, METAS, [1, 2]))
)
def test_header_block_inside_the_text_goes(headline: str, meta: list[str], at: int) -> None:
    text = "\n".join([*PARAS[:at], headline, *meta, *PARAS[at:]])
    lines, _ = clean_lines(text, TITLE, load_rules())
    assert lines == PARAS


def test_label_lines_not_under_a_headline_stay() -> None:
    interview = [
        "问：这件事最后怎么处理",
        "王主任：我们已经把材料移交给检察机关，后续会依法处理。",
        "问：群众反映的问题都解决了吗？",
        "王主任：大部分已经解决，剩下的我们会继续跟进，并及时向社会公布进展。",
    ]
    text = "\n".join([PARAS[0], *interview, PARAS[1]])
    lines, _ = clean_lines(text, TITLE, load_rules())
    assert lines == [PARAS[0], *interview, PARAS[1]]
