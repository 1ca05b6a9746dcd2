"""Storage: batched upserts, read-only SQL, exports."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import duckdb
import pyarrow.parquet as pq
import pytest

from storage.db import StorageError, reader, writer
from storage.export import export
from storage.query import QueryRefused, run_query
from storage.writes import write_batch

NOW = datetime(2024, 8, 23, 10, 0)


def page(url, status=200, **kw):
    row = dict(
        url=url,
        final_url=url,
        source="s",
        status=status,
        fetched_at=NOW,
        outcome="article",
        article_url=url,
        links=[],
        fetch_count=int(status == 200),
        not_modified_count=int(status == 304),
    )
    row.update(kw)
    return row


def art(url, text, **kw):
    row = dict(
        url=url,
        source="s",
        role="farm",
        title="标题",
        text=text,
        on_topic=True,
        fetched_at=NOW,
        page_urls=[url],
        published_at=NOW,
    )
    row.update(kw)
    return row


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "t.duckdb")
    write_batch(
        path,
        [page("http://a/1"), page("http://a/2")],
        [art("http://a/1", "正文一"), art("http://a/2", "正文二")],
    )
    with writer(path) as con:
        con.execute("UPDATE articles SET cluster_id = 1, is_canonical = (id = 1)")
        con.execute("INSERT INTO clusters VALUES (1, 1, 2, ?, ?, true)", [NOW, NOW])
    return path


def test_upsert_never_stores_twice(db):
    r = write_batch(db, [page("http://a/1")], [art("http://a/1", "正文一 改")])
    assert r.new_articles == [] and r.updated_articles == ["http://a/1"]
    r = write_batch(
        db, [page("http://a/3")], [art("http://a/3", "正文二")]
    )  # same text, same source
    assert r.duplicates == 1 and r.new_articles == []
    with reader(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert (
            con.execute("SELECT text FROM articles WHERE url='http://a/1'").fetchone()[0]
            == "正文一 改"
        )
        outcome, target = con.execute(
            "SELECT outcome, article_url FROM pages WHERE url='http://a/3'"
        ).fetchone()
        assert (outcome, target) == ("duplicate", "http://a/2")


def test_304_keeps_validators_links_and_counts(db):
    write_batch(db, [page("http://a/9", etag='"e1"', links=["http://a/10"])], [])
    write_batch(db, [page("http://a/9", status=304, outcome=None, article_url=None)], [])
    with reader(db) as con:
        row = con.execute(
            "SELECT status, etag, links, fetch_count, not_modified_count, outcome FROM pages WHERE url='http://a/9'"
        ).fetchone()
    assert row == (304, '"e1"', ["http://a/10"], 1, 1, "article")


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE articles",
        "DELETE FROM articles",
        "UPDATE articles SET title = 'x'",
        "INSERT INTO clusters VALUES (9, 9, 1, NULL, NULL, true)",
        "ATTACH '/tmp/other.duckdb' AS o",
        "COPY articles TO '/tmp/out.csv'",
        "INSTALL fts",
        "SELECT 1; DROP TABLE pages",
        "CREATE TABLE x AS SELECT 1",
    ],
)
def test_sql_refuses_writes_and_data_is_intact(db, sql):
    with pytest.raises(QueryRefused):
        run_query(db, sql)
    cols, rows = run_query(db, "SELECT count(*) AS n FROM articles")
    assert rows == [(2,)]


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("INSTALL httpfs", 'INSTALL ("INSTALL httpfs")'),
        ("load   fts;", 'LOAD ("load fts")'),
        ("SELECT 1; delete from pages", 'DELETE ("delete from pages")'),
        ("PRAGMA version", 'PRAGMA ("PRAGMA version")'),
    ],
)
def test_sql_refusal_names_the_statement_refused(db, sql, named):
    with pytest.raises(QueryRefused) as err:
        run_query(db, sql)
    assert str(err.value).startswith(f"refused: {named}: reprints sql is read-only")


def test_sql_reads_and_blocks_file_access(db):
    cols, rows = run_query(db, "SELECT title, copies FROM canonical_articles")
    assert cols == ["title", "copies"] and rows == [("标题", 1)]
    with pytest.raises(QueryRefused):
        run_query(db, "SELECT * FROM read_csv('/etc/passwd')")


def test_cli_sql_json_and_refusal(db):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.cli",
            "sql",
            "SELECT url FROM articles ORDER BY url",
            "--db",
            db,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"url": "http://a/1"}, {"url": "http://a/2"}]
    r = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "sql", "DELETE FROM articles", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "read-only" in r.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_export_formats(db, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    assert export(db, fmt, str(out)) == 1
    if fmt == "jsonl":
        recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert recs[0]["url"] == "http://a/1" and recs[0]["copies"] == 1
        assert recs[0]["copy_urls"] == ["http://a/2"]
        assert set(recs[0]) >= {
            "url",
            "title",
            "text",
            "published_at",
            "credited_outlet",
            "cluster_id",
            "copies",
            "copy_urls",
        }
    elif fmt == "parquet":
        t = pq.read_table(out)
        assert t.num_rows == 1 and t["copy_urls"].to_pylist() == [["http://a/2"]]
    else:
        import csv

        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert (
            len(rows) == 1 and rows[0]["copy_urls"] == "http://a/2" and rows[0]["title"] == "标题"
        )
    assert export(db, fmt, str(tmp_path / f"all.{fmt}"), all_copies=True) == 2


def test_unwritable_db_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError) as err:
        with writer(str(blocker / "sub" / "db.duckdb")):
            pass
    assert "\n" not in str(err.value)


def test_reader_missing_db(tmp_path):
    with pytest.raises(StorageError, match="no such database"):
        with reader(str(tmp_path / "none.duckdb")):
            pass


def test_reader_waits_for_writer(db):
    # A read-only open while another process holds the file fails at once in DuckDB
    # ("Conflicting lock is held"); ours retries until the writer lets go.
    import time

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time,sys; c=duckdb.connect({db!r}); "
            "print('held', flush=True); time.sleep(1.0); c.close()",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(duckdb.Error):
        duckdb.connect(db, read_only=True)
    t0 = time.monotonic()
    with reader(db, wait=10) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert time.monotonic() - t0 < 10
    holder.wait(timeout=10)
