"""A full disk mid-crawl (simulated with RLIMIT_FSIZE: writes fail with EFBIG): a clear
one-line error, exit 1, no half-written data, and the next crawl recovers everything."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from crawler.demoweb import DemoWeb
from tests.e2e_helpers import FAST, ROOT, query, reprints

pytestmark = pytest.mark.e2e
LIMIT = 600_000  # bytes: enough for the schema and a few batches, not for the whole crawl


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def test_full_disk_then_recovery(tmp_path):
    db = str(tmp_path / "full.duckdb")
    with DemoWeb() as web:
        src = tmp_path / "s.toml"
        src.write_text(web.sources_toml(), encoding="utf-8")
        cmd = [
            sys.executable,
            "-m",
            "crawler.cli",
            "crawl",
            "--sources",
            str(src),
            "--db",
            db,
            *FAST,
        ]
        r = subprocess.run(
            cmd, capture_output=True, text=True, cwd=ROOT, preexec_fn=_limit_file_size, timeout=300
        )
        assert r.returncode == 1
        last = r.stderr.strip().splitlines()[-1]
        assert last.startswith("reprints: ") and "write failed" in last, last
        assert "Traceback" not in r.stderr
        # what was committed is whole: the file opens, no duplicates
        assert query(db, "SELECT count(*) - count(DISTINCT url) FROM articles")[0][0] == 0
        partial = query(db, "SELECT count(*) FROM articles")[0][0]
        # disk space back: the same crawl completes and finds every article
        ok = reprints("crawl", "--sources", str(src), "--db", db, *FAST)
        assert ok.returncode == 0, ok.stderr[-2000:]
        truth = {a.url for a in web.truth().articles}
    stored = {u for (u,) in query(db, "SELECT url FROM articles")}
    assert truth <= stored and len(stored) > partial
    assert query(db, "SELECT count(*) - count(DISTINCT url) FROM articles")[0][0] == 0
