"""Exports: one record per canonical on-topic article (or every article with --all-copies)
as JSONL, Parquet or CSV.  Written to a temporary file and renamed, so a failed export never
leaves a half-written file behind."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from storage.db import StorageError, reader

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
        table: pa.Table = con.sql(ALL_SQL if all_copies else CANONICAL_SQL).to_arrow_table()
    target = Path(out)
    if target.parent and not target.parent.exists():
        raise StorageError(f"{out}: directory {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".reprints-export-", dir=target.parent or ".")
    os.close(fd)
    try:
        if fmt == "parquet":
            pq.write_table(table, tmp)
        elif fmt == "csv":
            flat = table
            if "copy_urls" in table.column_names:
                joined = pa.array([" ".join(v or []) for v in table["copy_urls"].to_pylist()])
                flat = table.set_column(table.column_names.index("copy_urls"), "copy_urls", joined)
            pacsv.write_csv(flat, tmp)
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in table.to_pylist():
                    fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(f"{out}: cannot write export: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return table.num_rows
