"""Issue 14, what a user reads back: times in ISO 8601 with an explicit offset in every
command, URLs never cut by ``sql``'s table, files created as the umask says."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime

import pyarrow.parquet as pq
import pytest

from storage.db import writer
from storage.export import export
from storage.query import format_rows, run_query, stats
from storage.report import write_report
from storage.writes import write_batch
from tests.e2e_helpers import reprints

PUBLISHED = datetime(2023, 6, 29, 17, 55)  # as printed on a Chinese page: Beijing time
FETCHED = datetime(2024, 8, 23, 10, 0)  # utcnow(): UTC
LONG_URL = "http://127.0.0.21:8080/html/202306/29/" + "x" * 90 + ".html"


def _page(url: str) -> dict:
    return dict(url=url, final_url=url, source="s", status=200, fetched_at=FETCHED,
                outcome="article", article_url=url, links=[], fetch_count=1,
                not_modified_count=0)  # fmt: skip


def _art(url: str, text: str, published: datetime | None) -> dict:
    return dict(url=url, source="s", role="farm", title="标题" * 40, text=text, on_topic=True,
                fetched_at=FETCHED, page_urls=[url], published_at=published)  # fmt: skip


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "t.duckdb")
    urls = [LONG_URL, "http://a/2"]
    write_batch(
        path,
        [_page(u) for u in urls],
        [_art(LONG_URL, "正文一", PUBLISHED), _art("http://a/2", "正文二", datetime(2023, 7, 1))],
    )
    with writer(path) as con:
        con.execute("UPDATE articles SET cluster_id = 1, is_canonical = (id = 1)")
        con.execute("INSERT INTO clusters VALUES (1, 1, 2, ?, ?, true)", [PUBLISHED, FETCHED])
        con.execute(
            "INSERT INTO runs VALUES ('r', 'crawl', ?, ?, 's.toml', '{}')", [FETCHED, FETCHED]
        )
    return path


def test_sql_shows_every_time_with_its_offset_through_any_expression(db):
    cols, rows = run_query(
        db,
        "SELECT published_at, fetched_at, date_trunc('month', published_at) AS month, "
        "published_at::DATE AS day, (SELECT published_at FROM canonical_articles) AS canon, "
        "(SELECT finished_at FROM runs) AS finished FROM articles a WHERE url = ?".replace(
            "?", f"'{LONG_URL}'"
        ),
    )
    shown = json.loads(format_rows(cols, rows, "json"))[0]
    assert shown == {
        "published_at": "2023-06-29T17:55:00+08:00",  # the time on the page, Beijing time
        "fetched_at": "2024-08-23T18:00:00+08:00",  # 10:00 UTC
        "month": "2023-06-01T00:00:00+08:00",
        "day": "2023-06-29",
        "canon": "2023-06-29T17:55:00+08:00",
        "finished": "2024-08-23T18:00:00+08:00",
    }
    table = format_rows(cols, rows, "table")
    assert "2023-06-29T17:55:00+08:00" in table and "2024-08-23T18:00:00+08:00" in table
    first = list(csv.reader(io.StringIO(format_rows(cols, rows, "csv"))))[1]
    assert first[:2] == ["2023-06-29T17:55:00+08:00", "2024-08-23T18:00:00+08:00"]


def test_sql_json_through_the_cli(db):
    r = reprints(
        "sql", "--db", db, "--format", "json", "SELECT max(published_at) AS p FROM articles"
    )
    assert r.returncode == 0 and json.loads(r.stdout) == [{"p": "2023-07-01T00:00:00+08:00"}]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_times_carry_their_offset(db, tmp_path, fmt):
    out = tmp_path / f"e.{fmt}"
    assert export(db, fmt, str(out)) == 1
    if fmt == "parquet":
        table = pq.read_table(out)
        assert str(table.schema.field("published_at").type) == "timestamp[us, tz=Asia/Shanghai]"
        assert table["published_at"][0].as_py().isoformat() == "2023-06-29T17:55:00+08:00"
        return
    text = out.read_text(encoding="utf-8")
    row = json.loads(text) if fmt == "jsonl" else next(csv.DictReader(io.StringIO(text)))
    assert row["published_at"] == "2023-06-29T17:55:00+08:00"


def test_stats_last_run_has_an_offset(db):
    assert stats(db)["last_run"][1].isoformat() == "2024-08-23T18:00:00+08:00"
    r = reprints("stats", "--db", db)
    assert "last run: crawl finished 2024-08-23T18:00:00+08:00" in r.stdout, r.stdout


def test_sql_table_never_cuts_a_url_and_says_how_to_see_cut_values(db):
    cols, rows = run_query(db, "SELECT url, title, [url, url] AS urls FROM articles ORDER BY 1")
    table = format_rows(cols, rows, "table")
    assert LONG_URL in table and f"{LONG_URL} {LONG_URL}" in table
    assert "…" in table  # the long title is cut, and the note says how to see it whole
    assert table.splitlines()[-1] == (
        "(2 rows; values longer than 60 columns end in …: --format csv shows them whole)"
    )
    cols, rows = run_query(db, "SELECT url FROM articles")
    assert format_rows(cols, rows, "table").splitlines()[-1] == "(2 rows)"


def test_export_and_report_files_follow_the_umask(db, tmp_path):
    old = os.umask(0o027)
    try:
        for fmt in ("jsonl", "csv", "parquet"):
            export(db, fmt, str(tmp_path / f"e.{fmt}"))
        write_report(db, str(tmp_path / "r.html"))
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir() if p.suffix != ".duckdb"}
    assert modes == {"e.jsonl": 0o640, "e.csv": 0o640, "e.parquet": 0o640, "r.html": 0o640}
