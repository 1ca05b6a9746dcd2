"""The site-template stage: what surrounds the article at the same place on most of a site's pages.

Two kinds of test.  The model alone, on hand-made fingerprints: each rule of
pipelines/extract/site_template.py with an input that breaks it if the rule goes.  And whole
generated sites (tests/sitegen.py: random markup, class names or none, wrappers, 5-25 pages),
extracted page by page as a crawl does, the template learned from their fingerprints and cut
as storage/finalise.py cuts it: per class, on seeds nobody tuned on, paragraphs a site shares
across 30-80 % of its articles stay and template lines in unknown words go.
"""

from __future__ import annotations

import os
import random

import pytest

from pipelines.extract import extract_page
from pipelines.extract.block_prints import content_hash, normalise, pack, unpack
from pipelines.extract.site_template import (
    SiteTemplate,
    learn_site,
    strip_template,
)
from tests.site_template_prints import BODY, BOX, WS, article_lines, line_prints
from tests.sitegen import TEMPLATE_KINDS, make_site, paragraph

# --- the model alone ------------------------------------------------------------------------


def test_a_line_at_the_foot_of_most_pages_is_template():
    slogan = (BODY, "本站口号：看见不一样的世界")
    pages = [line_prints([*article_lines(5 + i % 3, i), slogan]) for i in range(6)]
    model = SiteTemplate.learn(pages)
    assert model.template_lines(pages[0]) == {content_hash(normalise(slogan[1]))}


def test_a_paragraph_shared_at_varying_places_is_not_template():
    shared = (BODY, "根据个人信息保护法第十三条，处理个人信息应当取得个人同意。")
    pages = []
    for i in range(10):
        lines = article_lines(8, i)
        if i < 8:  # in 80 % of the articles, each time somewhere else in the body
            lines.insert(1 + i % 6, shared)
        pages.append(line_prints(lines))
    assert SiteTemplate.learn(pages).keys == frozenset()


def test_a_shared_box_among_the_paragraphs_is_not_template():
    # a legal note in a box of its own class: its own path, but inside the article's group
    note = (BOX, "法条链接：深度合成服务提供者应当对使用者进行真实身份信息认证。")
    pages = []
    for i in range(10):
        lines = article_lines(6, i)
        if i % 3:
            lines.insert(2 + i % 3, note)
        pages.append(line_prints(lines))
    assert SiteTemplate.learn(pages).keys == frozenset()


def test_near_same_short_lines_at_the_edge_are_template():
    provinces = "广东北京上海浙江江苏四川"
    pages = []
    for i in range(6):
        dateline = f"发布于 2023-0{i + 1}-1{i} IP 属地：{provinces[2 * i : 2 * i + 2]}"
        pages.append(line_prints([*article_lines(4, i), (BODY, dateline)], near=True))
    assert len(SiteTemplate.learn(pages).template_lines(pages[3])) == 1
    # without the hashes of their ends, they are six different lines
    bare = [[(*line[:3], 0, 0) for line in prints] for prints in pages]
    assert SiteTemplate.learn(bare).keys == frozenset()


def test_an_optional_line_does_not_shift_the_template_behind_it():
    promo, disclaimer = (BODY, "限时活动：会员八折"), (BODY, "本站文章仅供参考，不构成任何建议。")
    pages = []
    for i in range(10):
        tail = [disclaimer, promo] if i % 3 else [disclaimer]  # promo on 6 pages in 10
        pages.append(line_prints([*article_lines(5, i), *tail]))
    model = SiteTemplate.learn(pages)
    assert content_hash(normalise(disclaimer[1])) in model.template_lines(pages[0])
    assert content_hash(normalise(promo[1])) in model.template_lines(pages[1])


def test_a_site_seen_twice_has_no_template_and_duplicates_count_once():
    slogan = (BODY, "本站口号：看见不一样的世界")
    two = [line_prints([*article_lines(4, i), slogan]) for i in range(2)]
    assert SiteTemplate.learn(two).keys == frozenset()
    assert SiteTemplate.learn([*two, two[0], two[1]]).pages == 2


def test_learn_validates_its_arguments():
    with pytest.raises(ValueError):
        SiteTemplate.learn([], share=0)
    with pytest.raises(ValueError):
        SiteTemplate.learn([], min_pages=0)


def test_fingerprints_pack_and_unpack():
    pages = [line_prints(article_lines(3, 1)), line_prints(article_lines(5, 2), near=True)]
    back = unpack(pack(pages))
    assert back == pages
    assert unpack(b"") == [] and unpack(None) == [] and unpack(b"\x03\xff\xff\xff\x7f") == []


def test_strip_template_cuts_only_the_template_lines():
    slogan = "本站口号：看见不一样的世界"
    pages = [line_prints([*article_lines(4, i), (BODY, slogan)]) for i in range(5)]
    model = SiteTemplate.learn(pages)
    text = "\n".join([t for _, t in article_lines(4, 0)] + [slogan])
    blob = pack([pages[0]])
    assert strip_template(text, blob, model) == "\n".join(t for _, t in article_lines(4, 0))
    assert strip_template(text, None, model) == text


# --- generated sites, per class ---------------------------------------------------------------

# Seeds nobody looked at while tuning (tuning used 0-300); REPRINTS_SITEGEN_SEEDS=a,b,c
# runs others.  Three sites are pinned at 5 pages, the fewest the brief's sites have.
_SEEDS = [
    int(s) for s in os.environ.get("REPRINTS_SITEGEN_SEEDS", "7001,7002,7003,7004").split(",")
]
_SMALL = [7101, 7102, 7103]


def _site_texts(seed: int, pages: int | None = None):
    site = make_site(seed, pages)
    extracted = [
        extract_page([p.html.encode()], f"http://site{seed}.test/a/{i}.html")
        for i, p in enumerate(site.pages)
    ]
    model = learn_site(e.block_prints for e in extracted)
    return site, [strip_template(e.text, e.block_prints, model) for e in extracted]


@pytest.fixture(scope="module")
def sites():
    return [_site_texts(s) for s in _SEEDS] + [_site_texts(s, 5) for s in _SMALL]


def _tally(sites, pick) -> tuple[int, int]:
    held = total = 0
    for site, texts in sites:
        for page, text in zip(site.pages, texts, strict=True):
            compact = WS.sub("", text)
            for line in pick(page):
                total += 1
                held += WS.sub("", line) in compact
    return held, total


def test_paragraphs_shared_across_articles_are_kept(sites):
    held, total = _tally(sites, lambda page: page.shared)
    assert total >= 20 and held == total


def test_the_articles_own_paragraphs_are_kept(sites):
    own = _tally(sites, lambda page: [p for p in page.paragraphs if p not in page.shared])
    assert own[0] == own[1]


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_template_lines_in_unknown_words_are_cut(sites, kind: str):
    held, total = _tally(sites, lambda page: [page.template[kind]] if kind in page.template else [])
    assert total >= 20 and held == 0, f"{held} of {total} {kind} lines left"


def test_sitegen_sites_differ_and_say_what_they_hold():
    a, b = make_site(1, 6), make_site(2, 6)
    assert a.pages[0].html != b.pages[0].html
    for page in a.pages:
        assert all(p in page.html for p in page.paragraphs[:1])
        assert set(page.shared) <= set(page.paragraphs)
    assert "。" in paragraph(random.Random(3))
