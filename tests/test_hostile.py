"""Hostile sites: crawl a site built to break crawlers (tests/hostile/) with the default
settings.  The crawl must exit 0, store the two good articles, record every bad case in
``pages`` with a reason (or deliberately not fetch it), stay under 1.5 GB and 120 s.

Prints a JSON table, case -> what happened, and the figures (cases tried / passed, peak
RSS of the crawl's process tree, wall time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler import settings as defaults
from crawler.urls import canonicalize
from tests.e2e_helpers import ROOT, query
from tests.hostile.cases import MAIN, Case
from tests.hostile.content import BUS, GOOD_STORIES, LIBRARY, WEATHER
from tests.hostile.server import HostileSite

pytestmark = pytest.mark.e2e

MAX_RSS_BYTES = 1.5 * 1024**3
MAX_SECONDS = 120.0


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int  # bytes, largest process of the crawl's tree


def run_measured(args: list[str], tmp: Path, limit: float = 300) -> Run:
    """Run the CLI like ``reprints()`` does, and read the peak RSS of its process tree.

    ``os.wait4`` reports the child's rusage including its waited-for descendants (the
    extraction workers), which ``RUSAGE_CHILDREN`` of the test process cannot separate
    from earlier tests' crawls.
    """
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    out, err = tmp / "stdout.txt", tmp / "stderr.txt"
    with out.open("wb") as fo, err.open("wb") as fe:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env, stdout=fo, stderr=fe
        )
        watchdog = threading.Timer(limit, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 already
        seconds = time.monotonic() - started
    return Run(
        proc.returncode,
        out.read_text(errors="replace"),
        err.read_text(errors="replace"),
        seconds,
        usage.ru_maxrss * 1024,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    db = str(tmp / "hostile.duckdb")
    with HostileSite() as site:
        sources = tmp / "sources.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        run = run_measured(["crawl", "--sources", str(sources), "--db", db], tmp)
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
            site.base() + "/", timeout=5
        ) as resp:
            still_serving = resp.status == 200
        yield {"site": site, "db": db, "run": run, "hits": site.hits, "serving": still_serving}


def observe(case: Case, site: HostileSite, db: str, hits) -> dict:
    """What became of one case: its outcome string (see cases.py) and some detail."""
    if case.path.startswith("/"):
        url = canonicalize(site.url(case))
        rows = query(
            db, "SELECT status, error, outcome, article_url FROM pages WHERE url = ?", [url]
        )
        path = case.path.split("?")[0]
        requests = [h for h in hits if h.host == case.host and h.path.split("?")[0] == path]
    else:  # an href that is not a fetchable URL: look for its marker anywhere
        rows = query(
            db,
            "SELECT status, error, outcome, article_url FROM pages WHERE contains(url, ?)",
            [case.marker],
        )
        requests = [h for h in hits if case.marker in h.path]
    detail = {"requests": len(requests)}
    if len(requests) > 1:
        detail["request_gaps_s"] = [
            round(b.time - a.time, 2) for a, b in zip(requests, requests[1:], strict=False)
        ][:5]
    if not rows:
        return {"outcome": "lost" if requests else "not_fetched", **detail}
    status, error, outcome, article_url = rows[0]
    detail["status"] = status
    if error or not status or status >= 400:
        return {"outcome": f"error:{error}", **detail}
    if outcome in ("article", "duplicate"):
        on = query(db, "SELECT on_topic FROM articles WHERE url = ?", [article_url])
        return {"outcome": f"article:{'on' if on and on[0][0] else 'off'}", **detail}
    return {"outcome": f"fetched:{outcome}", **detail}


@pytest.fixture(scope="module")
def table(hostile):
    site, db, hits = hostile["site"], hostile["db"], hostile["hits"]
    rows = {}
    for case in site.cases:
        seen = observe(case, site, db, hits)
        ok = seen["outcome"] != "lost" and seen["outcome"].startswith(case.accept)
        rows[case.name] = {"what": case.what, **seen, "accepted": list(case.accept), "ok": ok}
    run = hostile["run"]
    figures = {
        "cases_tried": len(rows),
        "cases_passed": sum(r["ok"] for r in rows.values()),
        "peak_rss_mb": round(run.peak_rss / 1024**2, 1),
        "seconds": round(run.seconds, 1),
        "implied_by_timeouts_s": defaults.DOWNLOAD_TIMEOUT * (defaults.RETRY_TIMES + 1),
        "requests_served": len(hits),
    }
    print(json.dumps({"cases": rows, "figures": figures}, ensure_ascii=False, indent=1))
    return rows


def test_crawl_exits_zero(hostile):
    run = hostile["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert hostile["serving"]  # the test server survived its own hostility


def test_peak_memory_bounded(hostile):
    assert hostile["run"].peak_rss <= MAX_RSS_BYTES, hostile["run"].peak_rss


def test_time_bounded(hostile):
    assert hostile["run"].seconds <= MAX_SECONDS, hostile["run"].seconds


def test_good_articles_stored(hostile):
    db = hostile["db"]
    for url, story in zip(hostile["site"].good_urls, GOOD_STORIES, strict=True):
        rows = query(db, "SELECT title, text, on_topic FROM articles WHERE url = ?", [url])
        assert rows, f"good article not stored: {url}"
        title, text, on_topic = rows[0]
        assert on_topic is True, url
        assert title == story.title
        missing = [p[:20] for p in story.paragraphs if p[:20] not in text]
        assert missing == [], missing


def test_every_case_handled(table):
    failing = {name: row for name, row in table.items() if not row["ok"]}
    assert failing == {}, json.dumps(failing, ensure_ascii=False, indent=1)


def test_failures_counted_by_reason(hostile, table):
    db = hostile["db"]
    unexplained = query(
        db, "SELECT url FROM pages WHERE (status = 0 OR status >= 400) AND error IS NULL"
    )
    assert unexplained == []
    by_reason = dict(
        query(db, "SELECT error, count(*) FROM pages WHERE error IS NOT NULL GROUP BY error")
    )
    failed_cases = [r for r in table.values() if r["outcome"].startswith("error:")]
    assert sum(by_reason.values()) == len(failed_cases), (by_reason, failed_cases)
    # the summary the user sees says the same
    lines = [li for li in hostile["run"].stdout.splitlines() if li.startswith("pages:")]
    assert lines, hostile["run"].stdout
    line = lines[0]
    assert f"{sum(by_reason.values())} failed" in line, line
    for reason in by_reason:
        assert reason in line, (reason, line)


def test_link_flood_contained(hostile):
    hits, db = hostile["hits"], hostile["db"]
    flood = [h for h in hits if h.host == MAIN and h.path.startswith("/m/")]
    assert len(flood) <= defaults.REPRINTS_MAX_LINKS, len(flood)
    offsite = query(db, "SELECT count(*) FROM pages WHERE contains(url, 'example.invalid')")
    assert offsite[0][0] == 0


def test_broken_pages_read_correctly(hostile):
    """Readable pages behind broken bytes: the text is what a browser shows."""
    site, db = hostile["site"], hostile["db"]
    expect = {"/t/nul": LIBRARY, "/t/gbk": BUS, "/t/charset": WEATHER}
    for path, story in expect.items():
        rows = query(db, "SELECT text FROM articles WHERE url = ?", [site.base() + path])
        assert rows, path
        text = rows[0][0]
        assert "\x00" not in text and "\ufffd" not in text, (path, text[:200])
        assert story.paragraphs[0][:20] in text, (path, text[:200])
