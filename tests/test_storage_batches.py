"""A crawl's batch writes: cheap while the crawl runs, whole in the file once it ends."""

from __future__ import annotations

from pathlib import Path

from storage.db import reader, writer
from storage.writes import write_batch
from tests.test_storage import art, page


def test_crawl_batches_wait_in_the_log_and_a_later_write_folds_them_in(tmp_path):
    db = str(tmp_path / "t.duckdb")
    for n in range(3):
        write_batch(db, [page(f"http://a/{n}")], [art(f"http://a/{n}", f"正文{n}")])
    wal = Path(db + ".wal")
    assert wal.exists() and wal.stat().st_size > 0  # not checkpointed on close
    with reader(db) as con:  # readers see the logged batches
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    with writer(db) as con:  # any other write (clean-up, clusters) checkpoints
        con.execute("UPDATE articles SET cluster_id = id")
    assert not wal.exists() or wal.stat().st_size == 0
    with reader(db) as con:
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 3
