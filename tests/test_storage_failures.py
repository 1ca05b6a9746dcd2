"""A full disk meets DuckDB at whatever statement happens to write: the schema check, an
insert, COMMIT, ROLLBACK, the checkpoint on close, or the WAL replay on open.  Every one of
them must reach the user as one ``PATH: write failed: ...`` line (a StorageError), and what
was committed stays whole.  Issue 14: a failure at COMMIT time escaped as a raw
``TransactionContext Error``, and the full-disk crawl test failed when the disk happened
to fill there."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import duckdb
import pyarrow as pa
import pytest

import storage.db
from storage.db import StorageError, reader
from storage.writes import write_batch
from tests.e2e_helpers import ROOT

NOW = datetime(2024, 8, 23, 10, 0)
DISK_ERRORS = [
    duckdb.IOException('IO Error: Could not write file "t.duckdb.wal": File too large'),
    duckdb.TransactionException(
        'TransactionContext Error: Failed to commit: Could not write file "t.duckdb.wal": '
        "File too large"
    ),
]


def rows(start: int, n: int) -> tuple[list[dict], list[dict]]:
    pages = [
        dict(url=f"http://a/{i}", source="s", status=200, fetched_at=NOW, outcome="article",
             article_url=f"http://a/{i}", links=[], fetch_count=1, not_modified_count=0)
        for i in range(start, start + n)
    ]  # fmt: skip
    arts = [
        dict(url=f"http://a/{i}", source="s", role="farm", title="t", text=f"正文 {i}",
             fetched_at=NOW, page_urls=[f"http://a/{i}"])
        for i in range(start, start + n)
    ]  # fmt: skip
    return pages, arts


class FailingConnection:
    """A real connection that raises ``error`` at its ``fail_at``-th call (0: never)."""

    def __init__(self, con, fail_at: int, error: Exception) -> None:
        self.con, self.fail_at, self.error, self.calls = con, fail_at, error, []

    def _call(self, name: str, *args):
        self.calls.append(name if name != "execute" else str(args[0]).split()[0])
        if len(self.calls) == self.fail_at:
            if name == "close":
                self.con.close()
            raise self.error
        return getattr(self.con, name)(*args)

    def execute(self, query, params=None):
        # DuckDB finds Arrow tables by name in its caller's frame: hand them over
        for name, value in sys._getframe(1).f_locals.items():
            if isinstance(value, pa.Table):
                self.con.register(name, value)
        return self._call("execute", query, *([params] if params is not None else []))

    def executemany(self, query, params):
        return self._call("executemany", query, params)

    def close(self):
        return self._call("close")


def _inject(monkeypatch, fail_at: int, error: Exception) -> list[FailingConnection]:
    made: list[FailingConnection] = []
    real = storage.db._connect

    def connect(path, read_only, wait, config):
        con = FailingConnection(real(path, read_only, wait, config), fail_at, error)
        made.append(con)
        return con

    monkeypatch.setattr(storage.db, "_connect", connect)
    return made


def _count(db: str) -> tuple[int, int]:
    with reader(db) as con:
        return con.execute(
            "SELECT count(*), count(*) - count(DISTINCT url) FROM articles"
        ).fetchone()


@pytest.mark.parametrize("error", DISK_ERRORS, ids=["io", "commit"])
def test_every_statement_of_a_batch_that_meets_a_full_disk_is_one_wrapped_line(
    tmp_path, monkeypatch, error
):
    db = str(tmp_path / "t.duckdb")
    write_batch(db, *rows(0, 3))
    with monkeypatch.context() as m:
        probe = _inject(m, 0, error)
        write_batch(db, *rows(100, 2))
    calls = probe[0].calls
    assert {"BEGIN", "COMMIT", "close", "INSERT"} <= set(calls), calls
    for fail_at in range(1, len(calls) + 1):
        before = _count(db)[0]
        with monkeypatch.context() as m:
            _inject(m, fail_at, error)
            with pytest.raises(StorageError) as err:
                write_batch(db, *rows(1000 * fail_at, 2))
        message = str(err.value)
        assert message.startswith(f"{db}: write failed: ") and "File too large" in message
        assert "\n" not in message, (calls[fail_at - 1], message)
        after, twice = _count(db)
        committed = calls[fail_at - 1] == "close"  # closing after COMMIT: the batch is in
        assert twice == 0 and after == before + (2 if committed else 0), calls[fail_at - 1]


SWEEP = """
import json, resource, sys
from datetime import datetime
limit, db, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from storage.db import StorageError
from storage.writes import write_batch
now = datetime(2024, 1, 1)
errors = []
for i in range(400):
    pages = [dict(url=f"http://x/{i}/{j}", source="s", status=200, fetched_at=now,
                  links=["http://x/" + "a" * 60] * 20, fetch_count=1, not_modified_count=0)
             for j in range(n)]
    arts = [dict(url=f"http://x/{i}/{j}", source="s", role="farm", title="t",
                 text=f"正文{i}-{j} " * 150, fetched_at=now, page_urls=[]) for j in range(n)]
    try:
        write_batch(db, pages, arts)
    except StorageError as exc:  # anything else is a traceback and fails the test
        errors.append(str(exc))
        if len(errors) == 4:  # the crawl's store retries a failed batch, then stops
            break
print(json.dumps(errors))
"""


@pytest.mark.parametrize("batch", [1, 5, 40])
@pytest.mark.parametrize("limit", [150_000, 300_000])
def test_a_real_full_disk_anywhere_is_a_write_failed_line(tmp_path, limit, batch):
    """RLIMIT_FSIZE makes writes past ``limit`` bytes fail with EFBIG.  Batches of several
    sizes under two limits put the full disk at different statements (measured: with 5
    articles a batch, the schema check's view meets it before the batch begins), and each
    is reported the same way, on every retry."""
    db = str(tmp_path / "full.duckdb")
    done = subprocess.run(
        [sys.executable, "-c", SWEEP, str(limit), db, str(batch)],
        capture_output=True, text=True, cwd=ROOT, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    errors = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(errors) == 4
    assert all(e.startswith(f"{db}: write failed: ") and "\n" not in e for e in errors), errors
    assert _count(db)[1] == 0
