"""The site template through storage and across the sites of a web.

The finaliser cuts the template from stored articles (reading fingerprints by name); a
newsroom's sentences that open alike are two sentences; a line that travels with the story
to other sites stays; and on generated webs (a newsroom and the farms that copy it,
tests/sitegen_web.py) shared paragraphs survive while template lines go.  The model alone
and single generated sites are in tests/test_extract_site_template.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.article import Article
from pipelines.extract import extract_page
from pipelines.extract.block_prints import Print, content_hash, normalise, unpack
from pipelines.extract.site_template import (
    SiteTemplate,
    learn_site,
    learn_sites,
    strip_template,
)
from tests.finalise_helpers import finalised_texts
from tests.site_template_prints import BODY, WS, article_lines, packed_page
from tests.sitegen import make_site

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
        text = WS.sub("", stored[f"http://site7001.test/a/{i}.html"])
        assert all(WS.sub("", p) in text for p in page.paragraphs)
        assert not any(WS.sub("", t) in text for t in page.template.values())


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
        pages.append(_container_prints([lead, *(t for _, t in article_lines(4, i))]))
    assert SiteTemplate.learn(pages).keys == frozenset()
    # a label whose value changes (no full stop) is still one line
    labels = [f"责任编辑：{name}" for name in ("张三丰", "李四光", "王五福", "赵六合", "钱七星")]
    pages = [_container_prints([*(t for _, t in article_lines(4, i)), labels[i]]) for i in range(5)]
    assert len(SiteTemplate.learn(pages).template_lines(pages[0])) == 1


# --- across sites: a line that travels with the story stays ---------------------------------


def test_a_closing_line_another_site_carries_as_body_stays():
    closing = (BODY, "目前，该案判决已发生法律效力。")
    slogan = (BODY, "本站口号：看见不一样的世界")
    # the newsroom: the closing line ends every report, as a slogan would
    news = [packed_page([*article_lines(5, i), closing]) for i in range(6)]
    # a farm: two of its copies carry it among a template line of its own
    farm = [packed_page([*article_lines(5, i), closing, slogan]) for i in range(2)]
    farm += [packed_page([*article_lines(4, 50 + i), slogan]) for i in range(4)]
    # an unrelated site that also ends with the line, on pages sharing nothing with the others
    other = [packed_page([*article_lines(5, 90 + i), closing]) for i in range(5)]
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
        body = article_lines(6, i)
        body.insert(3, statute)
        farm.append(packed_page([*body, warning, closing, slogan]))
    # another farm carries other reports of that newsroom on two pages of six: the statute
    # is the only line both farms keep, the warning and closing line are its body
    other = []
    for i in range(2):
        lead, tail = article_lines(5, 40 + i), article_lines(2, 60 + i)
        other.append(packed_page([*lead, statute, *tail, warning, closing]))
    other += [packed_page([*article_lines(5, 70 + i), motto]) for i in range(4)]
    # a third site carries the farm's foot as body (warning, closing line, slogan), and
    # nothing else of its pages: lines the farm itself cuts make no kin
    third = [packed_page([*article_lines(5, 80 + i), warning, closing, slogan]) for i in range(2)]
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
        compact = WS.sub("", text)
        total += len(page.shared)
        held += sum(WS.sub("", p) in compact for p in page.shared)
    assert total >= 100 and held >= SHARED_KEPT_FLOOR * total, f"{held} of {total} kept"


def test_template_lines_are_cut_across_a_web_and_the_template_cuts_no_own_paragraph(webs):
    left = cut_own = 0
    for page, text, raw in webs:
        compact, before = WS.sub("", text), WS.sub("", raw)
        left += sum(WS.sub("", t) in compact for t in page.template.values())
        own = [WS.sub("", p) for p in page.paragraphs if p not in page.shared]
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
        "news": [[*article_lines(5, i), closing] for i in range(5)],
        "farm": [[*article_lines(5, i), closing, slogan] for i in range(2)]
        + [[*article_lines(4, 50 + i), slogan] for i in range(3)],
    }
    articles = []
    for name, lines_of in pages.items():
        for i, lines in enumerate(lines_of):
            url = f"http://{name}.test/a/{i}.html"
            art = Article(url, name, "farm", f"标题{i}", "\n".join(t for _, t in lines))
            art.block_prints = packed_page(lines)
            articles.append(art)
    stored = finalised_texts(tmp_path, articles)
    assert all(closing[1] in stored[f"http://news.test/a/{i}.html"] for i in range(5))
    assert not any(slogan[1] in stored[f"http://farm.test/a/{i}.html"] for i in range(5))
