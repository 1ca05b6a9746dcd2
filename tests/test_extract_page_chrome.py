"""Publisher chrome on split articles (issue 12): the site's own lines on page 2+ of an article.

Page 2+ of a split article repeats the head box (the headline with its page number, the
date / source / views line under it); on a short page the main node takes it in.  The page
number ("(2)", "（第2页）", " 2/3") hid the headline, so the meta line under it stayed in the
middle of the joined text (genweb seeds 7 and 15).  Checked on lines in several wordings and
on every split article of two generated webs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipelines.extract.block_prints import Print, content_hash, line_ends, normalise
from pipelines.extract.chrome_lines import clean_lines
from pipelines.extract.rules import load_rules
from pipelines.extract.site_template import SiteTemplate
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


# --- the site template: a frequent line behind short lines that vary per page ---------------


def _site_pages(tail_of: Callable[[int], list[str]], count: int = 8) -> list[list[Print]]:
    """Fingerprints of ``count`` pages of one site: a story of its own, then ``tail_of(i)``,
    every line in one container, as block_prints.page_prints prints them."""
    pages = []
    for i in range(count):
        # its own words (digits are 0 in a fingerprint, so they would not make lines differ)
        story = [f"{_word(i, k)}某某案件依法审理，{_word(i, k + 9)}判决已生效。" for k in range(5)]
        lines = [*story, *tail_of(i)]
        prints = [(11, 7, content_hash(normalise(t)), *line_ends(normalise(t))) for t in lines]
        pages.append(prints)
    return pages


def _word(i: int, k: int) -> str:
    return chr(0x4E00 + i * 37 + k) + chr(0x5E00 + i * 53 + k)


DISCLAIMER = (
    "原创声明：联系邮箱6pa3w@163.com，本站所有文章均由用户自行上传，本文仅代表作者个人观点。"
)
LABELS = ("前一篇：", "« 上一篇 ", "上篇：", "标签：", "本文编辑：", "关键词：")
TITLES = ("福州首例“深度合成”案提起公诉", "重庆一电信诈骗团伙获刑", "西安首例AI换脸案宣判")


@pytest.mark.parametrize("short", ["", "评论", "0条评论", "顶"])
@pytest.mark.parametrize("behind", [1, 2, 3])
def test_a_disclaimer_behind_per_page_labels_is_template(behind: int, short: str):
    """The disclaimer is on every page; below it, prev/next, tag and editor lines whose label
    and value change from page to page.  They are short and no sentence (labels), so they do
    not hide that only the site's own lines stand between the disclaimer and the foot; nor
    does a heading too short to be anything but a label ("评论")."""

    def tail(i: int) -> list[str]:
        labels = [
            LABELS[(i + j) % len(LABELS)] + TITLES[(i * 3 + j) % 3][: 6 + i] for j in range(behind)
        ]
        heading = [short] if short and i % 2 else []  # a comments heading on half the pages
        return [DISCLAIMER, *labels, *heading]

    pages = _site_pages(tail)
    model = SiteTemplate.learn(pages)
    for prints in pages:
        assert content_hash(normalise(DISCLAIMER)) in model.template_lines(prints)


def test_a_shared_closing_sentence_above_a_story_sentence_is_not_template():
    """A sentence between a shared line and the foot still keeps it the article's."""
    closing = "目前，该案判决已发生法律效力。"
    pages = _site_pages(
        lambda i: [closing, f"记者回访{_word(i, 20)}时，当事人表示将继续关注此事。"]
    )
    assert SiteTemplate.learn(pages).keys == frozenset()


# --- an editor credit in a label drawn per page ---------------------------------------------

STORY_LINES = [
    "2025年1月13日，北京互联网法院对该案作出一审判决，认定被告构成侵权，判令其赔礼道歉。",
    "法院审理认为，被告未经原告同意，利用信息技术手段替换原告面部，应当承担侵权责任。",
    "目前，该案判决已发生法律效力。",
]


@pytest.mark.parametrize(
    "credit",
    [
        "本文编辑：王敏晓",
        "网络编辑:刘强",
        "（审稿：李明）",
        "值班主任 | 张强",
        "【编审：赵芳敏】",
        "文字整理：吴华丽",
    ],
)
@pytest.mark.parametrize("where", ["last", "first"])
def test_a_label_and_a_name_at_the_edge_is_a_credit_not_story(credit: str, where: str):
    lines = [*STORY_LINES, credit] if where == "last" else [credit, *STORY_LINES]
    kept, _ = clean_lines("\n".join(lines), "", load_rules())
    assert kept == STORY_LINES


@pytest.mark.parametrize(
    "line",
    [
        "主审法官说：判得对。",  # a sentence
        "被告人：张某某等四人涉嫌诈骗罪，已被依法提起公诉",  # the value is no name
        "案由：侵害肖像权纠纷",  # five characters: a case heading, not a name
    ],
)
def test_story_lines_with_a_label_stay(line: str):
    kept, _ = clean_lines("\n".join([*STORY_LINES, line]), "", load_rules())
    assert line in kept
