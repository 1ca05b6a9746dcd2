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
import re
import zlib
from pathlib import Path

import pytest

from pipelines.article import Article
from pipelines.extract import extract_page
from pipelines.extract.block_prints import Print, content_hash, normalise, pack, unpack
from pipelines.extract.site_template import (
    SiteTemplate,
    learn_site,
    learn_sites,
    strip_template,
)
from tests.finalise_helpers import finalised_texts
from tests.sitegen import TEMPLATE_KINDS, make_site, paragraph

# --- the model alone ------------------------------------------------------------------------

BODY, BOX = 11, 22  # path hashes: the article's <p>s, a box with a class of its own
GROUP = 7  # both sit in one container


def _prints(lines: list[tuple[int, str]], near: bool = False) -> list[Print]:
    """Fingerprints of (path, text) lines of one container, in page order."""
    out = []
    for path, text in lines:
        norm = normalise(text)
        ends = (zlib.crc32(norm[:4].encode()), zlib.crc32(norm[-4:].encode())) if near else (0, 0)
        out.append((path, GROUP, content_hash(norm), *ends))
    return out


def _article(n: int, seed: int) -> list[tuple[int, str]]:
    # every paragraph opens and ends in its own words
    words = [chr(0x4E00 + (seed * 97 + k * 13) % 20000) for k in range(n + 1)]
    return [
        (BODY, f"{words[k]}{words[k + 1]}是第{seed}篇第{k}段的正文{words[k]}。") for k in range(n)
    ]


def test_a_line_at_the_foot_of_most_pages_is_template():
    slogan = (BODY, "本站口号：看见不一样的世界")
    pages = [_prints([*_article(5 + i % 3, i), slogan]) for i in range(6)]
    model = SiteTemplate.learn(pages)
    assert model.template_lines(pages[0]) == {content_hash(normalise(slogan[1]))}


def test_a_paragraph_shared_at_varying_places_is_not_template():
    shared = (BODY, "根据个人信息保护法第十三条，处理个人信息应当取得个人同意。")
    pages = []
    for i in range(10):
        lines = _article(8, i)
        if i < 8:  # in 80 % of the articles, each time somewhere else in the body
            lines.insert(1 + i % 6, shared)
        pages.append(_prints(lines))
    assert SiteTemplate.learn(pages).keys == frozenset()


def test_a_shared_box_among_the_paragraphs_is_not_template():
    # a legal note in a box of its own class: its own path, but inside the article's group
    note = (BOX, "法条链接：深度合成服务提供者应当对使用者进行真实身份信息认证。")
    pages = []
    for i in range(10):
        lines = _article(6, i)
        if i % 3:
            lines.insert(2 + i % 3, note)
        pages.append(_prints(lines))
    assert SiteTemplate.learn(pages).keys == frozenset()


def test_near_same_short_lines_at_the_edge_are_template():
    provinces = "广东北京上海浙江江苏四川"
    pages = []
    for i in range(6):
        dateline = f"发布于 2023-0{i + 1}-1{i} IP 属地：{provinces[2 * i : 2 * i + 2]}"
        pages.append(_prints([*_article(4, i), (BODY, dateline)], near=True))
    assert len(SiteTemplate.learn(pages).template_lines(pages[3])) == 1
    # without the hashes of their ends, they are six different lines
    bare = [[(*line[:3], 0, 0) for line in prints] for prints in pages]
    assert SiteTemplate.learn(bare).keys == frozenset()


def test_an_optional_line_does_not_shift_the_template_behind_it():
    promo, disclaimer = (BODY, "限时活动：会员八折"), (BODY, "本站文章仅供参考，不构成任何建议。")
    pages = []
    for i in range(10):
        tail = [disclaimer, promo] if i % 3 else [disclaimer]  # promo on 6 pages in 10
        pages.append(_prints([*_article(5, i), *tail]))
    model = SiteTemplate.learn(pages)
    assert content_hash(normalise(disclaimer[1])) in model.template_lines(pages[0])
    assert content_hash(normalise(promo[1])) in model.template_lines(pages[1])


def test_a_site_seen_twice_has_no_template_and_duplicates_count_once():
    slogan = (BODY, "本站口号：看见不一样的世界")
    two = [_prints([*_article(4, i), slogan]) for i in range(2)]
    assert SiteTemplate.learn(two).keys == frozenset()
    assert SiteTemplate.learn([*two, two[0], two[1]]).pages == 2


def test_learn_validates_its_arguments():
    with pytest.raises(ValueError):
        SiteTemplate.learn([], share=0)
    with pytest.raises(ValueError):
        SiteTemplate.learn([], min_pages=0)


def test_fingerprints_pack_and_unpack():
    pages = [_prints(_article(3, 1)), _prints(_article(5, 2), near=True)]
    back = unpack(pack(pages))
    assert back == pages
    assert unpack(b"") == [] and unpack(None) == [] and unpack(b"\x03\xff\xff\xff\x7f") == []


def test_strip_template_cuts_only_the_template_lines():
    slogan = "本站口号：看见不一样的世界"
    pages = [_prints([*_article(4, i), (BODY, slogan)]) for i in range(5)]
    model = SiteTemplate.learn(pages)
    text = "\n".join([t for _, t in _article(4, 0)] + [slogan])
    blob = pack([pages[0]])
    assert strip_template(text, blob, model) == "\n".join(t for _, t in _article(4, 0))
    assert strip_template(text, None, model) == text


# --- generated sites, per class ---------------------------------------------------------------

# Seeds nobody looked at while tuning (tuning used 0-300); REPRINTS_SITEGEN_SEEDS=a,b,c
# runs others.  Three sites are pinned at 5 pages, the fewest the brief's sites have.
_SEEDS = [
    int(s) for s in os.environ.get("REPRINTS_SITEGEN_SEEDS", "7001,7002,7003,7004").split(",")
]
_SMALL = [7101, 7102, 7103]
_WS = re.compile(r"\s+")


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
            compact = _WS.sub("", text)
            for line in pick(page):
                total += 1
                held += _WS.sub("", line) in compact
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


# --- through storage: the finaliser reads the stored fingerprints by name -------------------------


def test_finalise_cuts_template_from_stored_articles(tmp_path: Path):
    site = make_site(7001, 8)
    articles = []
    for i, page in enumerate(site.pages):
        out = extract_page([page.html.encode()], f"http://site7001.test/a/{i}.html")
        art = Article(f"http://site7001.test/a/{i}.html", "gen", "farm", out.title, out.text)
        art.block_prints = out.block_prints
        articles.append(art)
    stored = finalised_texts(tmp_path, articles)
    for i, page in enumerate(site.pages):
        text = _WS.sub("", stored[f"http://site7001.test/a/{i}.html"])
        assert all(_WS.sub("", p) in text for p in page.paragraphs)
        assert not any(_WS.sub("", t) in text for t in page.template.values())


# --- a newsroom's sentences: near-same openings are two sentences, not one label -------------


def _container_prints(paragraphs: list[str]) -> list[Print]:
    from lxml.html import fromstring

    from pipelines.extract.block_prints import page_prints

    html = "<html><body><div class='zw'>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    return page_prints(fromstring(html + "</div></body></html>").find(".//div"))


def test_dated_leads_that_open_alike_are_not_one_template_line():
    # five reports of one newsroom: each lead opens "2025年N月M日，深圳市" (digits are 0 once
    # normalised) and ends in its own words; once their ends were hashed as a label's are,
    # the leads of four of five reports were cut as one near-same line
    endings = ["提起公诉。", "批准逮捕。", "立案侦查。", "一审宣判。", "依法判决。"]
    pages = []
    for i, end in enumerate(endings):
        lead = f"2025年{i + 1}月{i + 3}日，深圳市人民检察院对{'甲乙丙丁戊'[i]}某涉嫌诈骗一案{end}"
        pages.append(_container_prints([lead, *(t for _, t in _article(4, i))]))
    assert SiteTemplate.learn(pages).keys == frozenset()
    # a label whose value changes (no full stop) is still one line
    labels = [f"责任编辑：{name}" for name in ("张三丰", "李四光", "王五福", "赵六合", "钱七星")]
    pages = [_container_prints([*(t for _, t in _article(4, i)), labels[i]]) for i in range(5)]
    assert len(SiteTemplate.learn(pages).template_lines(pages[0])) == 1


# --- across sites: a line that travels with the story stays ---------------------------------


def test_a_closing_line_another_site_carries_as_body_stays():
    closing = (BODY, "目前，该案判决已发生法律效力。")
    slogan = (BODY, "本站口号：看见不一样的世界")
    # the newsroom: the closing line ends every report, as a slogan would
    news = [pack([_prints([*_article(5, i), closing])]) for i in range(6)]
    # a farm: two of its copies carry it among a template line of its own
    farm = [pack([_prints([*_article(5, i), closing, slogan])]) for i in range(2)]
    farm += [pack([_prints([*_article(4, 50 + i), slogan])]) for i in range(4)]
    # an unrelated site that also ends with the line, on pages sharing nothing with the others
    other = [pack([_prints([*_article(5, 90 + i), closing])]) for i in range(5)]
    blobs = {"news": news, "farm": farm, "other": other}
    alone = learn_site(news)
    assert alone.template_lines(unpack(news[0])[0]) == {content_hash(normalise(closing[1]))}
    models = learn_sites(blobs.__getitem__, blobs)
    assert models["news"].template_lines(unpack(news[0])[0]) == set()
    assert models["farm"].template_lines(unpack(farm[0])[0]) == {content_hash(normalise(slogan[1]))}
    # no kindred page carries it uncut: the unrelated site's cut stands
    assert models["other"].template_lines(unpack(other[0])[0]) == {
        content_hash(normalise(closing[1]))
    }


def test_a_newsrooms_warning_and_closing_line_travel_together():
    statute = (BODY, "《中华人民共和国个人信息保护法》规定，处理个人信息应当取得个人同意。")
    warning = (BODY, "警方提醒：不要轻信陌生来电，涉及转账汇款务必核实。")
    closing = (BODY, "目前，该案判决已发生法律效力。")
    slogan, motto = (BODY, "本站口号：看见不一样的世界"), (BODY, "看世界，就上本站")
    # a farm whose stories all come from one newsroom (not crawled): the statute in the
    # middle, the warning and the closing line at the foot of every page, as template is
    farm = []
    for i in range(6):
        body = _article(6, i)
        body.insert(3, statute)
        farm.append(pack([_prints([*body, warning, closing, slogan])]))
    # another farm carries other reports of that newsroom on two pages of six: the statute
    # is the only line both farms keep, the warning and closing line are its body
    other = [
        pack([_prints([*_article(5, 40 + i), statute, *_article(2, 60 + i), warning, closing])])
        for i in range(2)
    ]
    other += [pack([_prints([*_article(5, 70 + i), motto])]) for i in range(4)]
    # a third site carries the farm's foot as body (warning, closing line, slogan), and
    # nothing else of its pages: lines the farm itself cuts make no kin
    third = [pack([_prints([*_article(5, 80 + i), warning, closing, slogan])]) for i in range(2)]
    blobs = {"farm": farm, "other": other, "third": third}
    models = learn_sites(blobs.__getitem__, blobs)
    cut = models["farm"].template_lines(unpack(farm[0])[0])
    assert cut == {content_hash(normalise(slogan[1]))}


# --- generated webs: a newsroom, the farms that copy it (tests/sitegen_web.py) ----------------

# Seeds nobody tuned on (tuning used 0-29).  On them the across-site template keeps 398 of
# 409 shared paragraphs (per site: 353); the rest sit at the foot of every page of a site
# and no other site of the web carries them, which place alone cannot tell from a slogan.
_WEB_SEEDS = (7301, 7302, 7303, 7304)
SHARED_KEPT_FLOOR = 0.95


@pytest.fixture(scope="module")
def webs():
    from tests.sitegen_web import make_web

    out = []
    for seed in _WEB_SEEDS:
        web = make_web(seed)
        extracted = {
            site: [
                extract_page([p.html.encode(), *(m.encode() for m in p.more)], f"http://{site}/{i}")
                for i, p in enumerate(pages)
            ]
            for site, pages in web.sites.items()
        }
        prints = {site: [e.block_prints for e in pages] for site, pages in extracted.items()}
        models = learn_sites(prints.__getitem__, prints)
        for site, pages in web.sites.items():
            for page, e in zip(pages, extracted[site], strict=True):
                out.append((page, strip_template(e.text, e.block_prints, models[site]), e.text))
    return out


def test_a_newsrooms_shared_paragraphs_survive_its_copies_and_its_own_site(webs):
    held = total = 0
    for page, text, _ in webs:
        compact = _WS.sub("", text)
        total += len(page.shared)
        held += sum(_WS.sub("", p) in compact for p in page.shared)
    assert total >= 100 and held >= SHARED_KEPT_FLOOR * total, f"{held} of {total} kept"


def test_template_lines_are_cut_across_a_web_and_the_template_cuts_no_own_paragraph(webs):
    left = cut_own = 0
    for page, text, raw in webs:
        compact, before = _WS.sub("", text), _WS.sub("", raw)
        left += sum(_WS.sub("", t) in compact for t in page.template.values())
        own = [_WS.sub("", p) for p in page.paragraphs if p not in page.shared]
        cut_own += sum(p in before and p not in compact for p in own)
    assert left == 0 and cut_own == 0


def test_sitegen_web_says_what_it_holds():
    from tests.sitegen_web import make_web

    web = make_web(5)
    assert {"news", "farm0", "farm1"} <= set(web.sites)
    news = web.sites["news"]
    assert all(set(p.shared) <= set(p.paragraphs) for p in news)
    assert sum(bool(p.shared) for p in news) >= len(news) // 2


def test_finalise_learns_the_sites_together(tmp_path: Path):
    closing = (BODY, "目前，该案判决已发生法律效力。")
    slogan = (BODY, "本站口号：看见不一样的世界")
    pages = {
        "news": [[*_article(5, i), closing] for i in range(5)],
        "farm": [[*_article(5, i), closing, slogan] for i in range(2)]
        + [[*_article(4, 50 + i), slogan] for i in range(3)],
    }
    articles = []
    for name, lines_of in pages.items():
        for i, lines in enumerate(lines_of):
            url = f"http://{name}.test/a/{i}.html"
            art = Article(url, name, "farm", f"标题{i}", "\n".join(t for _, t in lines))
            art.block_prints = pack([_prints(lines)])
            articles.append(art)
    stored = finalised_texts(tmp_path, articles)
    assert all(closing[1] in stored[f"http://news.test/a/{i}.html"] for i in range(5))
    assert not any(slogan[1] in stored[f"http://farm.test/a/{i}.html"] for i in range(5))
