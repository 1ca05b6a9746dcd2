"""The report in a real browser: crawl a web with known truth, write the report, open it from
disk in headless Chromium and check what a reader sees against the truth.

Run on the bundled demo web and on the mini-web (templates the report was never tuned on).
Screenshots (desktop and phone width, overview and the most-copied story) and the report
itself are kept under ``test-output/report/<web>/``.  Chromium is driven over the DevTools
pipe (``tests/report/cdp.py``), which records every request and console message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time

import pytest

from crawler.demoweb import DemoWeb
from storage.report import write_report
from storage.report.server import make_server
from tests.e2e_helpers import FAST, ROOT, query, reprints
from tests.miniweb import MiniWeb
from tests.report.cdp import Browser, chromium_path

pytestmark = pytest.mark.e2e
OUT = ROOT / "test-output" / "report"
ENSURE = ROOT / "tests" / "report" / "ensure_chromium.sh"
WEBS = {"demo": DemoWeb, "mini": MiniWeb}

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
        done = subprocess.run(["sh", str(ENSURE)], capture_output=True, text=True, timeout=1200)
        if chromium_path() is None:
            pytest.fail(f"chromium is missing and {ENSURE.name} failed: {done.stderr[-800:]}")
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
    out.mkdir(parents=True)
    report = out / "report.html"
    count = write_report(db, str(report))
    cluster_of = dict(query(db, "SELECT url, cluster_id FROM articles"))
    originals = {a.story_id: a for a in truth.articles if a.on_topic and a.kind == "original"}
    expected = {
        cluster_of[o.url]: len(truth.copies_of(sid)) - 1
        for sid, o in originals.items()
        if o.url in cluster_of
    }
    return {
        "name": name,
        "db": db,
        "truth": truth,
        "report": report,
        "out": out,
        "count": count,
        "expected": expected,
        "originals": originals,
        "cluster_of": cluster_of,
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


@pytest.fixture(scope="module")
def seen(browser, crawled):
    """Open the report from disk at desktop and phone width; screenshot; summarise the DOM."""
    url = crawled["report"].resolve().as_uri()
    out = crawled["out"]
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
    server = make_server(crawled["db"], 0)
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
