"""Exports: one record per canonical on-topic article (or every article with --all-copies)
as JSONL, Parquet or CSV.  Written to a temporary file and renamed, so a failed export never
leaves a half-written file behind.  The temporary file is created as any file the user
writes is (mode 0666 less the umask), not 0600 as ``tempfile.mkstemp`` makes it: the export
is for sharing, and a rename keeps the mode."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from storage.db import StorageError, reader
from storage.timefmt import iso, zoned_views

FORMATS = ("jsonl", "parquet", "csv")

CANONICAL_SQL = """
SELECT c.url, c.title, c.text, c.published_at, c.credited_outlet, c.cluster_id, c.copies,
       coalesce(list(a.url ORDER BY a.published_at NULLS LAST, a.url)
                FILTER (a.url IS NOT NULL), []) AS copy_urls,
       c.source, c.byline
FROM canonical_articles c
LEFT JOIN articles a ON a.cluster_id = c.cluster_id AND a.url <> c.url
GROUP BY ALL
ORDER BY c.published_at NULLS LAST, c.cluster_id
"""
ALL_SQL = """
SELECT a.url, a.title, a.text, a.published_at, a.credited_outlet, a.cluster_id,
       cl.size - 1 AS copies, a.is_canonical, a.on_topic, a.source, a.role, a.byline, a.id
FROM articles a LEFT JOIN clusters cl USING (cluster_id)
ORDER BY a.cluster_id, a.is_canonical DESC, a.published_at NULLS LAST, a.id
"""


def export(db_path: str, fmt: str, out: str, all_copies: bool = False) -> int:
    """Write the export; returns the number of records."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    with reader(db_path) as con:
        zoned_views(con)  # times with their zone: typed in Parquet, ISO 8601 text elsewhere
        table: pa.Table = con.sql(ALL_SQL if all_copies else CANONICAL_SQL).to_arrow_table()
    target = Path(out)
    if target.parent and not target.parent.exists():
        raise StorageError(f"{out}: directory {target.parent} does not exist")
    tmp = str(target.with_name(f".reprints-export-{secrets.token_hex(6)}"))
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # umask applies
        if fmt == "parquet":
            pq.write_table(table, tmp)
        elif fmt == "csv":
            pacsv.write_csv(_flat(table), tmp)
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in table.to_pylist():
                    fh.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")
        os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(f"{out}: cannot write export: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return table.num_rows


def _json_value(v) -> str:
    return iso(v) if hasattr(v, "isoformat") else str(v)


def _flat(table: pa.Table) -> pa.Table:
    """CSV cells: copy_urls space-separated, times as ISO 8601 with their offset (pyarrow
    would write ``2023-06-29 17:55:00.000000+0800``)."""
    for i, field in enumerate(table.schema):
        values = table.column(i).to_pylist()
        if field.name == "copy_urls":
            table = table.set_column(i, field.name, pa.array([" ".join(v or []) for v in values]))
        elif pa.types.is_timestamp(field.type):
            shown = [None if v is None else iso(v) for v in values]
            table = table.set_column(i, field.name, pa.array(shown, pa.string()))
    return table
