"""The generated webs themselves: their truth must be what their pages show, seeds must
differ, a seed must give the same bytes every time, and the server must behave like one.

A crawl of a generated web is in ``test_genweb_e2e.py``; the bench is
``python -m tests.bench.bench_generalise``.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections import Counter

import pytest

from tests.genweb.urls import ARTICLE_SCHEMES
from tests.genweb.web import GenWeb

SEEDS = (11, 12)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def visible_text(page_html: str) -> str:
    """The page's text as a reader sees it (scripts and styles out, tags removed)."""
    return html.unescape(_TAG.sub("", _SCRIPT.sub("", page_html)))


def offline(seed: int) -> GenWeb:
    web = GenWeb(seed)
    web.port = 8000  # rendering needs a port in URLs; nothing is served
    return web


def served_text(web: GenWeb, url: str, phase: int) -> str:
    site = next(n for n in web.sites_names() if url.startswith(web.site(n).base_url + "/"))
    s = web.site(site)
    path, _, query = url.removeprefix(s.base_url).partition("?")
    page = s.lookup(path, query, phase).page
    return visible_text(page.body.decode(s.style.charset))


@pytest.fixture(scope="module", params=SEEDS)
def web(request):
    return offline(request.param)


def test_truth_is_what_the_pages_show(web):
    for phase in (1, 2):
        for a in web.truth(phase).articles:
            shown = "".join(served_text(web, u, phase) for u in a.page_urls)
            assert a.title in served_text(web, a.page_urls[0], phase), a.url
            for para in a.body.split("\n"):
                assert para in shown, (a.url, para[:30])


def test_no_chrome_string_is_in_a_truth_body(web):
    truth = web.truth(2)
    assert truth.chrome, "the pages carry chrome the truth knows about"
    for a in truth.articles:
        leaked = [s for s in truth.chrome.get(a.url, ()) if s in a.body]
        assert leaked == [], a.url
        assert truth.chrome.get(a.url), f"no chrome recorded for {a.url}"


def test_farm_additions_are_shown_but_not_body(web):
    additions = [(e, t) for p in web.plan.sites for e in p.entries for t in e.additions]
    assert additions
    for entry, text in additions:
        assert text in entry.shown or text in entry.own_lines
        assert text not in entry.body


def test_phase2_keeps_article_bytes_and_adds_four_copies(web):
    first, second = web.builds(1), web.builds(2)
    for site, build in first.items():
        for key, page in build.pages.items():
            if page.kind in ("article", "article-page"):
                assert second[site].pages[key].body == page.body, (site, key)
    truth = web.truth(2)
    new = [a for a in truth.articles if a.phase == 2]
    assert len(new) == 4 and all(a.kind == "copy" for a in new)
    assert {a.route for a in new} == {
        "changed_list",
        "behind_304",
        "no_validators",
        "paginated_list",
    }


def test_same_seed_same_bytes():
    one, two = offline(SEEDS[0]), offline(SEEDS[0])
    for phase in (1, 2):
        a, b = one.builds(phase), two.builds(phase)
        assert a.keys() == b.keys()
        for site in a:
            assert {k: p.body for k, p in a[site].pages.items()} == {
                k: p.body for k, p in b[site].pages.items()
            }


def _signature(web: GenWeb, name: str) -> tuple:
    s = web.site(name).style
    return (s.scheme, s.body_markup, s.naming.attrs.get("body"), s.list_scheme, s.after_body)


def test_two_seeds_share_no_template_and_differ_in_url_schemes():
    one, two = offline(SEEDS[0]), offline(SEEDS[1])
    sigs_one = {_signature(one, n) for n in one.sites_names()}
    sigs_two = {_signature(two, n) for n in two.sites_names()}
    assert not sigs_one & sigs_two
    schemes = [{one.site(n).style.scheme for n in w.sites_names()} for w in (one, two)]
    assert schemes[0] != schemes[1]


def test_many_url_schemes_and_layouts_over_seeds():
    assert len(ARTICLE_SCHEMES) >= 15
    seen, markups, charsets = Counter(), Counter(), Counter()
    for seed in range(20, 30):
        web = offline(seed)
        for plan in web.plan.sites:
            seen[plan.style.scheme] += 1
            markups[plan.style.body_markup] += 1
            charsets[(plan.style.charset, plan.style.declare)] += 1
    assert len(seen) >= 15, seen
    assert set(markups) == {"p", "p_span", "br_div", "br_td", "fragments"}
    assert ("gbk", "none") in charsets or ("gb18030", "none") in charsets


def test_truth_urls_are_spelled_once():
    """Query parameters sorted, no fragment: the one spelling a crawler stores."""
    from tests.genweb.urls import canonical

    schemes = set()
    for seed in range(20, 30):
        web = offline(seed)
        schemes |= {p.style.scheme for p in web.plan.sites}
        for a in web.truth(2).articles:
            assert a.url == canonical(a.url), a.url
    assert "phpcms" in schemes  # the scheme whose parameters come unsorted


def test_sizes_within_the_brief():
    for seed in range(40, 70):
        web = offline(seed)
        assert 8 <= len(web.sites_names()) <= 15
        delayed = [p.style for p in web.plan.sites if p.style.crawl_delay]
        assert len(delayed) == 1 and "session" not in delayed[0].traps
        kinds = Counter(p.style.kind for p in web.plan.sites)
        assert 2 <= kinds["publisher"] <= 4 and kinds["forum"] == 1 and kinds["aggregator"] == 1


# -- serving ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live():
    with GenWeb(SEEDS[0]) as web:
        yield web


def _get(url: str, headers: dict | None = None):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        return opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10)
    except urllib.error.HTTPError as err:
        return err


def test_serves_pages_with_validators_and_304(live):
    a = next(a for a in live.truth(1).articles if live.site(a.site).style.validators)
    first = _get(a.page_urls[0])
    assert first.status == 200
    validators = {
        k: first.headers[v]
        for k, v in (("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified"))
        if first.headers[v]
    }
    assert _get(a.page_urls[0], validators).status == 304


def test_robots_traps_and_broken_links_are_served(live):
    for name in live.sites_names():
        site = live.site(name)
        assert "User-agent: *" in _get(site.url("/robots.txt")).read().decode()
        for trap in site.spaces.traps():
            text, path = next(
                (t, p) for t, p in site.spaces.entries(site.stamp(1)) if re.match(trap.pattern, p)
            )
            resp = _get(site.url(path))
            assert resp.status == 200, (name, trap.label, path)
        for path, status in site.broken_paths():
            assert _get(site.url(path)).status == status


# -- real-page templates -----------------------------------------------------------------------


def test_templates_split_into_tuning_and_held_out():
    from tests.genweb.realpages import held_out, load_templates

    found = load_templates()
    assert len(found) >= 60  # of 87 real pages, those with a findable article node
    groups = Counter(t.group for t in found)
    assert groups["held-out"] >= 15 and groups["tuning"] >= 40
    assert all((t.group == "held-out") == held_out(t.name) for t in found)
    assert {t.charset for t in found} == {"utf-8", "gbk"}


@pytest.mark.parametrize("group", ["tuning", "held-out"])
def test_template_web_truth_is_what_the_pages_show(group):
    from tests.genweb.realpages import template_web

    web = template_web(5, group)
    web.port = 8000
    used = {r.template.group for r in web.renderers.values()}
    assert used == {group}
    truth = web.truth(1)
    for a in truth.articles:
        shown = "".join(served_text(web, u, 1) for u in a.page_urls)
        assert a.title in shown, a.url
        assert all(p in shown for p in a.body.split("\n")), a.url
        assert not [s for s in truth.chrome.get(a.url, ()) if s in a.body]


# -- the bench's own arithmetic ----------------------------------------------------------------


def test_bench_summary_over_seeds():
    from tests.bench.bench_generalise import FIGURES, parse_seeds, summarise

    def run(found: float, joined: str) -> dict:
        part = dict.fromkeys(FIGURES, 1.0) | {"found": found}
        return {
            "phase1": part,
            "final": part,
            "robots_violations": 0,
            "trap_requests_max": 7,
            "crawl_delay_gaps_below": 0,
            "seconds": {"total": 10.0},
            "recrawl": {
                "redownloaded_unchanged": 0,
                "duplicate_rows": 0,
                "new_copies_joined": joined,
            },
        }

    out = summarise({"1": run(0.9, "3/4"), "2": run(1.0, "4/4")})
    assert out["final"]["found"] == {"min": 0.9, "mean": 0.95, "max": 1.0}
    assert out["new_copies_joined"] == "7/8"
    assert parse_seeds("3, 17", 5) == [3, 17]
    fresh = parse_seeds(None, 4)
    assert len(fresh) == 4 and fresh != parse_seeds(None, 4)
