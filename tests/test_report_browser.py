"""The report in a real browser: crawl a web with known truth, write the report, open it from
disk in headless Chromium and check what a reader sees against the truth.

Run on the bundled demo web and on the mini-web (templates the report was never tuned on),
each report in both languages (``--lang zh`` and ``--lang en``).  Screenshots (desktop and
phone width, overview and the most-copied story) and the reports themselves are kept under
``test-output/report/<web>/<lang>/``.  Chromium is driven over the DevTools
pipe (``tests/report/cdp.py``), which records every request and console message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time

import pytest

from crawler.demoweb import DemoWeb
from storage.report import write_report
from storage.report.server import make_server
from tests.e2e_helpers import FAST, ROOT, missing_tool, query, reprints
from tests.miniweb import MiniWeb
from tests.report.cdp import Browser, chromium_path

pytestmark = pytest.mark.e2e
OUT = ROOT / "test-output" / "report"
ENSURE = ROOT / "tests" / "report" / "ensure_chromium.sh"
WEBS = {"demo": DemoWeb, "mini": MiniWeb}
LANGS = ("zh", "en")
CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")

SUMMARY_JS = """(() => {
  const visible = e => e.offsetParent !== null;
  const rows = [...document.querySelectorAll('tr[data-story]')].map(r => ({
    id: +r.dataset.story, copies: +r.querySelector('td.copies').textContent.trim(),
    visible: visible(r)}));
  const copies = [...document.querySelectorAll('article.copy')].map(a => ({
    story: +a.closest('section').dataset.storyPage,
    url: a.querySelector('a.visit') && a.querySelector('a.visit').getAttribute('href'),
    flagged: !!a.querySelector('.flag.back-dated'),
    kinds: [...a.querySelectorAll('.seg[data-kind]')].map(s => s.dataset.kind),
    marks: a.querySelectorAll('del, ins').length}));
  const loads = [...document.querySelectorAll(
    '[src], link[href], iframe, object, embed, video, audio, source, img')]
    .map(e => e.getAttribute('src') || e.getAttribute('href'));
  const sections = [...document.querySelectorAll('[data-view]')]
    .filter(v => !v.hidden).map(v => v.id);
  return {rows, copies, loads, sections, width: document.documentElement.scrollWidth};
})()"""


@pytest.fixture(scope="module")
def chromium() -> str:
    if chromium_path() is None:
        subprocess.run(["sh", str(ENSURE)], capture_output=True, text=True, timeout=1200)
        if chromium_path() is None:
            missing_tool("chromium", "chromium chromium-driver fonts-noto-cjk")
    return chromium_path()


@pytest.fixture(scope="module", params=sorted(WEBS))
def crawled(request, tmp_path_factory):
    name = request.param
    tmp = tmp_path_factory.mktemp(f"report-{name}")
    db = str(tmp / "crawl.duckdb")
    with WEBS[name]() as web:
        sources = tmp / "sources.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        done = reprints("crawl", "--sources", str(sources), "--db", db, *FAST)
        assert done.returncode == 0, done.stderr[-3000:]
        truth = web.truth()
    out = OUT / name
    shutil.rmtree(out, ignore_errors=True)
    reports = {}
    for lang in LANGS:
        (out / lang).mkdir(parents=True)
        reports[lang] = out / lang / "report.html"
        count = write_report(db, str(reports[lang]), lang=lang)
    cluster_of = dict(query(db, "SELECT url, cluster_id FROM articles"))
    originals = {a.story_id: a for a in truth.articles if a.on_topic and a.kind == "original"}
    expected = {
        cluster_of[o.url]: len(truth.copies_of(sid)) - 1
        for sid, o in originals.items()
        if o.url in cluster_of
    }
    published = " ".join(
        str(v)
        for row in query(
            db,
            "SELECT title, text, raw_text, byline, credited_outlet, source_outlet, source "
            "FROM articles",
        )
        for v in row
        if v
    )
    return {
        "name": name,
        "db": db,
        "truth": truth,
        "reports": reports,
        "out": out,
        "count": count,
        "expected": expected,
        "originals": originals,
        "cluster_of": cluster_of,
        "published": published,
    }


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as b:
        yield b


def goto_section(browser, url: str) -> None:
    """Navigate to ``url#section`` and wait until that section is the one shown: a
    same-document hash change fires no load event, so the route renders a moment later."""
    browser.goto(url)
    section = url.rsplit("#", 1)[1]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if browser.eval(SUMMARY_JS)["sections"] == [section]:
            return
        time.sleep(0.05)


@pytest.fixture(scope="module", params=LANGS)
def seen(request, browser, crawled):
    """Open the report from disk at desktop and phone width; screenshot; summarise the DOM."""
    lang = request.param
    url = crawled["reports"][lang].resolve().as_uri()
    out = crawled["out"] / lang
    mark = len(browser.events)
    browser.viewport(1280, 900)
    browser.goto(url)
    overview = browser.eval(SUMMARY_JS)
    browser.screenshot(out / "overview-desktop.png")
    top = max(crawled["expected"], key=lambda c: (crawled["expected"][c], -c))
    goto_section(browser, f"{url}#story-{top}")
    story = browser.eval(SUMMARY_JS)
    browser.eval("document.querySelectorAll('details.diff').forEach(d => d.open = true)")
    browser.screenshot(out / "story-desktop.png")
    browser.viewport(390, 844, mobile=True)
    goto_section(browser, f"{url}#overview")
    phone = browser.eval(SUMMARY_JS)
    browser.screenshot(out / "overview-phone.png")
    goto_section(browser, f"{url}#story-{top}")
    phone_story = browser.eval(SUMMARY_JS)
    browser.screenshot(out / "story-phone.png")
    browser.viewport(1280, 900)
    events = browser.events[mark:]
    return {
        "lang": lang,
        "overview": overview,
        "story": story,
        "phone": phone,
        "phone_story": phone_story,
        "top": top,
        "url": url,
        "events": events,
        "out": out,
        "requests": [
            e["params"]["request"]["url"]
            for e in events
            if e["method"] == "Network.requestWillBeSent"
        ],
    }


def test_every_on_topic_story_listed_with_its_copy_count(crawled, seen):
    expected = crawled["expected"]
    assert len(expected) == len(crawled["originals"]), "an original was not crawled"
    rows = {r["id"]: r["copies"] for r in seen["overview"]["rows"]}
    assert rows == expected
    assert crawled["count"] == len(expected)
    assert all(r["visible"] for r in seen["overview"]["rows"])
    assert seen["overview"]["sections"] == ["overview"]


def test_every_back_dated_copy_is_flagged_and_no_other(crawled, seen):
    by_url = {c["url"]: c for c in seen["overview"]["copies"]}
    copies = [a for a in crawled["truth"].articles if a.on_topic and a.kind == "copy"]
    back = [a.url for a in copies if a.back_dated]
    assert back, "the web has back-dated copies"
    assert [u for u in back if not by_url[u]["flagged"]] == []
    assert [a.url for a in copies if not a.back_dated and by_url[a.url]["flagged"]] == []


def test_diff_marks_dropped_paragraphs_and_rewrites(crawled, seen):
    by_url = {c["url"]: c for c in seen["overview"]["copies"]}
    trimmed = [a.url for a in crawled["truth"].articles if a.trimmed and a.kind == "copy"]
    assert trimmed and all("dropped" in by_url[u]["kinds"] for u in trimmed)
    assert sum(c["marks"] for c in seen["overview"]["copies"]) > 0  # <del>/<ins> present
    untouched = [c for c in seen["overview"]["copies"] if not c["kinds"]]
    assert untouched, "verbatim copies show no change markers"


def test_no_console_errors_and_nothing_fetched(seen):
    errors = []
    for e in seen["events"]:
        p = e.get("params", {})
        if (
            e["method"] == "Runtime.exceptionThrown"
            or (e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error")
            or (e["method"] == "Runtime.consoleAPICalled" and p["type"] == "error")
        ):
            errors.append(json.dumps(p)[:300])
    assert errors == []
    assert seen["requests"] and all(u.startswith(("file:", "data:")) for u in seen["requests"])
    assert all(u.startswith("data:") for u in seen["overview"]["loads"])


def test_hash_routing_and_phone_width(seen):
    assert seen["story"]["sections"] == [f"story-{seen['top']}"]
    assert seen["phone_story"]["sections"] == [f"story-{seen['top']}"]
    assert seen["phone"]["width"] <= 390 and seen["phone_story"]["width"] <= 390
    for name in ("overview-desktop", "story-desktop", "overview-phone", "story-phone"):
        assert (seen["out"] / f"{name}.png").stat().st_size > 10_000


def test_filter_by_copying_site(browser, crawled, seen):
    truth = crawled["truth"]
    site = max(
        {a.site for a in truth.articles if a.kind == "copy"},
        key=lambda s: (sum(a.site == s for a in truth.articles), s),
    )
    stories = {a.story_id for a in truth.articles if a.site == site and a.kind == "copy"}
    want = {crawled["cluster_of"][crawled["originals"][s].url] for s in stories}
    goto_section(browser, f"{seen['url']}#overview")
    shown = browser.eval(
        "(() => { const f = document.getElementById('filters'); f.site.value = "
        + json.dumps(site)
        + "; f.site.dispatchEvent(new Event('change', {bubbles: true})); return "
        "[...document.querySelectorAll('tr[data-story]')].filter(r => !r.hidden)"
        ".map(r => +r.dataset.story); })()"
    )
    assert set(shown) == want
    browser.eval("document.getElementById('filters').reset()")


def test_served_pages_load_clean_over_http(browser, crawled, seen):
    server = make_server(crawled["db"], 0, lang=seen["lang"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        mark = len(browser.events)
        browser.goto(f"{base}/story/{seen['top']}")
        summary = browser.eval(SUMMARY_JS)
        browser.goto(f"{base}/")
        rows = browser.eval(SUMMARY_JS)["rows"]
    finally:
        server.shutdown()
        server.server_close()
    assert len(summary["copies"]) == crawled["expected"][seen["top"]]
    assert {r["id"]: r["copies"] for r in rows} == crawled["expected"]
    events = browser.events[mark:]
    urls = [
        e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
    ]
    assert urls and all(u.startswith((base, "data:")) for u in urls), urls
    assert not [e for e in events if e["method"] == "Runtime.exceptionThrown"]


def test_labels_are_in_the_chosen_language_and_articles_as_published(browser, crawled, seen):
    """English: every Chinese run in the page (each text node and attribute a reader can
    see, every section) is text the sites published: titles, article text, outlet and site
    names; none is a label of ours.  Chinese: the labels are ours in Chinese."""
    goto_section(browser, f"{seen['url']}#overview")
    page = browser.eval(
        """(() => {
  const texts = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const p = walk.currentNode.parentElement;
    if (p && !['SCRIPT', 'STYLE'].includes(p.tagName)) texts.push(walk.currentNode.data);
  }
  document.querySelectorAll('[title], [placeholder], [aria-label], [data-bad]').forEach(e =>
    ['title', 'placeholder', 'aria-label', 'data-bad'].forEach(a =>
      e.hasAttribute(a) && texts.push(e.getAttribute(a))));
  return {lang: document.documentElement.lang, title: document.title, texts};
})()"""
    )
    runs = {r for text in page["texts"] for r in CJK_RUN.findall(text)}
    if seen["lang"] == "en":
        assert page["lang"] == "en" and page["title"] == "Reprint tracking report"
        ours = sorted(r for r in runs if r not in crawled["published"])
        assert ours == [], ours[:20]
    else:
        assert page["lang"] == "zh-CN" and page["title"] == "转载追踪报告"
        assert {"篇转载", "转载网站", "逐篇对比：每个网站改了什么"} <= runs


def test_date_filter_follows_the_language(browser, crawled, seen):
    goto_section(browser, f"{seen['url']}#overview")
    dates = sorted(
        d for d in browser.eval(
            "[...document.querySelectorAll('tr[data-story]')].map(r => r.dataset.date)"
        ) if d
    )  # fmt: skip
    cut = dates[len(dates) // 2]
    y, m, d = (int(x) for x in cut.split("-"))
    typed = f"{y}年{m}月{d}日" if seen["lang"] == "zh" else cut
    result = browser.eval(
        "(() => { const f = document.getElementById('filters'); "
        f"f.from.value = {json.dumps(typed)}; "
        "f.from.dispatchEvent(new Event('input', {bubbles: true})); "
        "const shown = [...document.querySelectorAll('tr[data-story]')].filter(r => !r.hidden)"
        ".map(r => r.dataset.date); const ok = f.from.getAttribute('aria-invalid'); "
        "f.from.value = 'soon'; f.from.dispatchEvent(new Event('input', {bubbles: true})); "
        "const bad = f.from.getAttribute('aria-invalid'); "
        "const all = [...document.querySelectorAll('tr[data-story]')].filter(r => !r.hidden)"
        ".length; const hint = f.from.placeholder; f.reset(); "
        "return {shown, ok, bad, all, hint}; })()"
    )
    assert sorted(result["shown"]) == [x for x in dates if x >= cut]
    assert (result["ok"], result["bad"]) == ("false", "true")
    assert result["all"] == len(crawled["expected"])  # an unreadable date filters nothing
    assert ("YYYY-MM-DD" in result["hint"]) == (seen["lang"] == "en")
    assert ("年-月-日" in result["hint"]) == (seen["lang"] == "zh")
