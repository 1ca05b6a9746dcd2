"""Publisher chrome on split articles (issue 12): the site's own lines on page 2+ of an article.

Page 2+ of a split article repeats the head box (the headline with its page number, the
date / source / views line under it); on a short page the main node takes it in.  The page
number ("(2)", "（第2页）", " 2/3") hid the headline, so the meta line under it stayed in the
middle of the joined text (genweb seeds 7 and 15).  Checked on lines in several wordings and
on every split article of two generated webs.
"""

from __future__ import annotations

import pytest

from pipelines.extract.chrome_lines import clean_lines
from pipelines.extract.rules import load_rules
from tests.genweb.offline import rendered_articles

TITLE = "沈阳检察机关对一起“深度合成”案批准逮捕"
STORY = [
    "审查中发现金某某还曾将部分视频发送至八百余人的群组，社会影响恶劣，有逮捕必要，依法作出批准逮捕决定。",
    "检察官提醒，公民应妥善保管个人照片和视频，发现被侵权时及时固定证据并向公安机关报案。",
]
METAS = [
    ["点击：47377次2024年03月16日 13:03文章来源：中原法治周刊"],
    ["2024年03月16日 13:03", "来源：渤海之声", "62002人阅读"],
    ["时间：2024-10-03 13:20 出处：鹭岛日报"],
]


@pytest.mark.parametrize("meta", METAS)
@pytest.mark.parametrize("suffix", ["(2)", "（2）", "（第2页）", " 2/3", "_3"])
def test_page_twos_headline_with_its_number_and_meta_lines_go(meta: list[str], suffix: str):
    lines, _ = clean_lines("\n".join([TITLE + suffix, *meta, *STORY]), TITLE, load_rules())
    assert lines == STORY


def test_a_story_line_that_opens_with_the_headline_stays():
    """Only a page number may follow the headline: a line that runs on is the story's."""
    line = TITLE + "2名同案人员另案处理"
    lines, _ = clean_lines("\n".join([line, *STORY]), TITLE, load_rules())
    assert lines[0] == line


@pytest.mark.parametrize("seed", [7, 15])
def test_no_numbered_headline_left_in_generated_split_articles(seed: int):
    """Every split article of the generated web: page 2+'s numbered headline (and the meta
    line under it, which drop_leading_meta takes with it) is not in the text."""
    from pipelines.extract.orchestrator import extract_page

    split = 0
    for article, bodies in rendered_articles(seed):
        if len(bodies) < 2:
            continue
        split += 1
        text = extract_page(bodies, article.url).text
        for k in range(2, len(bodies) + 1):
            assert f"{article.title}({k})" not in text
    assert split >= 3
