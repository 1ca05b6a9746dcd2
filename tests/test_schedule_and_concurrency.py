"""Scheduled crawls (APScheduler, a fresh process per run), a clean stop on SIGTERM, and
read-only SQL that answers while a crawl is writing the same DuckDB file."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from crawler.demoweb import DemoWeb
from crawler.history import FetchHistory, Seen, unchanged_article
from crawler.scheduler import parse_every
from tests.e2e_helpers import ROOT, query, reprints

pytestmark = pytest.mark.e2e


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_parse_every():
    assert parse_every("30s") == 30 and parse_every("15m") == 900 and parse_every("6h") == 21600
    assert parse_every("1d") == 86400
    for bad in ("", "6", "h", "0s", "-1m", "6w"):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_bad_schedule_arguments(tmp_path):
    src = tmp_path / "s.toml"
    src.write_text('[[source]]\nname="a"\nrole="farm"\nstart_urls=["http://127.0.0.1:9/"]\n')
    r = reprints("schedule", "--sources", str(src), "--every", "soon", "--db", str(tmp_path / "d"))
    assert r.returncode == 2 and "--every" in r.stderr and "Traceback" not in r.stderr
    r = reprints("schedule", "--sources", str(src), "--db", str(tmp_path / "d"))
    assert r.returncode == 2 and "exactly one" in r.stderr


def test_known_article_without_validators_is_not_refetched():
    now = datetime(2025, 1, 10)
    fresh = Seen(None, None, "article", ("http://a/2",), now - timedelta(days=1), 200)
    with_etag = Seen('"x"', None, "article", (), now - timedelta(days=1), 200)
    old = Seen(None, None, "article", (), now - timedelta(days=90), 200)
    listing = Seen(None, None, "not_article:list", (), now, 200)
    h = FetchHistory(
        {"http://a/1": fresh, "http://a/e": with_etag, "http://a/o": old, "http://a/l": listing}
    )
    assert unchanged_article(h, "http://a/1", 30, now) is fresh
    assert unchanged_article(h, "http://a/e", 30, now) is None  # conditional GET instead
    assert unchanged_article(h, "http://a/o", 30, now) is None  # too old: fetch again
    assert unchanged_article(h, "http://a/l", 30, now) is None  # lists change: fetch again
    assert unchanged_article(h, "http://a/new", 30, now) is None


def test_schedule_two_runs_and_sql_during_crawl(tmp_path):
    db = str(tmp_path / "sched.duckdb")
    with DemoWeb(delay=0.03) as web:
        src = tmp_path / "sources.toml"
        src.write_text(web.sources_toml(), encoding="utf-8")
        proc = spawn(
            "schedule",
            "--sources",
            str(src),
            "--db",
            db,
            "--every",
            "2s",
            "--max-runs",
            "2",
            "--set",
            "DOWNLOAD_DELAY=0",
        )
        answered = []
        deadline = time.monotonic() + 240
        while proc.poll() is None and time.monotonic() < deadline:
            r = reprints("sql", "SELECT count(*) AS n FROM pages", "--db", db, "--format", "json")
            if r.returncode == 0:
                answered.append(json.loads(r.stdout)[0]["n"])
            time.sleep(0.3)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-2000:]
    assert "run 2 finished (exit 0)" in out
    runs = query(db, "SELECT count(*) FROM runs WHERE kind = 'crawl'")[0][0]
    assert runs == 2
    # SQL answered while the crawls were writing, and saw the table grow
    assert len(answered) >= 3, answered
    assert any(0 < n < answered[-1] for n in answered) or len(set(answered)) > 1, answered
    # the second run re-checked pages with conditional GETs
    assert query(db, "SELECT sum(not_modified_count) FROM pages")[0][0] > 0
    assert query(db, "SELECT count(*) - count(DISTINCT url) FROM articles")[0][0] == 0


def test_sigterm_stops_after_the_current_run(tmp_path):
    db = str(tmp_path / "term.duckdb")
    with DemoWeb(delay=0.05) as web:
        src = tmp_path / "sources.toml"
        src.write_text(web.sources_toml(), encoding="utf-8")
        proc = spawn(
            "schedule",
            "--sources",
            str(src),
            "--db",
            db,
            "--every",
            "1h",
            "--set",
            "DOWNLOAD_DELAY=0",
        )
        line = proc.stdout.readline()
        assert "run 1: starting crawl" in line
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-2000:]
    assert "stopping after the current run" in out and "run 1 finished (exit 0)" in out
    assert query(db, "SELECT count(*) FROM runs")[0][0] == 1
    assert query(db, "SELECT count(*) FROM articles WHERE on_topic")[0][0] > 0
