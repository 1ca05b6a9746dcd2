"""Load worker shards (pipelines/shards.py) into DuckDB, each exactly once.

A shard's name goes into ``ingested_shards`` in the same transaction as its rows, so running
ingest twice, or after a crash half-way, never loads a shard twice and never skips one.
Rows are upserts by URL (storage/writes.py): a page two workers fetched (one was killed
before it released the lease) is one row.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from storage.db import writer
from storage.writes import utcnow, write_rows

SHARD_FILES = ("pages.parquet", "articles.parquet")
SHARDS_PER_TRANSACTION = 50


@dataclass
class IngestResult:
    shards: int = 0
    pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    duplicates: int = 0
    new_articles: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"ingested {self.shards} shards: {self.pages} pages, {self.articles_new} new "
            f"articles, {self.articles_updated} updated"
        )


def complete_shards(directory: str | Path) -> list[Path]:
    """Finished shards in write order (a ``.tmp-*`` directory is a shard being written)."""
    root = Path(directory)
    if not root.is_dir():
        raise FileNotFoundError(2, "no such shard directory", str(root))
    shards = [
        d
        for d in root.iterdir()
        if d.is_dir() and not d.name.startswith(".") and all((d / f).is_file() for f in SHARD_FILES)
    ]
    return sorted(shards, key=lambda d: (d.name.rsplit("-", 1)[-1], d.name))


def ingest_shards(db_path: str, directory: str | Path, remove: bool = False) -> IngestResult:
    """Load every shard of ``directory`` not loaded before; ``remove`` deletes loaded ones."""
    result = IngestResult()
    shards = complete_shards(directory)
    if not shards:
        return result
    with writer(db_path) as con:
        done = {r[0] for r in con.execute("SELECT name FROM ingested_shards").fetchall()}
    todo = [d for d in shards if d.name not in done]
    for start in range(0, len(todo), SHARDS_PER_TRANSACTION):
        group = todo[start : start + SHARDS_PER_TRANSACTION]
        _ingest_group(db_path, group, result)
    if remove:
        for d in shards:
            shutil.rmtree(d, ignore_errors=True)
    return result


def _ingest_group(db_path: str, group: list[Path], result: IngestResult) -> None:
    pages: dict[str, dict] = {}
    articles: dict[str, dict] = {}
    counts = []
    for shard in group:
        page_rows = pq.read_table(shard / "pages.parquet").to_pylist()
        article_rows = pq.read_table(shard / "articles.parquet").to_pylist()
        for row in page_rows:  # a URL in two shards: the later fetch wins
            pages.pop(row["url"], None)
            pages[row["url"]] = row
        for row in article_rows:
            articles.pop(row["url"], None)
            articles[row["url"]] = row
        counts.append((shard.name, len(page_rows), len(article_rows)))
    now = utcnow()
    with writer(db_path) as con:
        batch = write_rows(con, list(pages.values()), list(articles.values()))
        con.executemany(
            "INSERT INTO ingested_shards VALUES (?, ?, ?, ?)",
            [(name, p, a, now) for name, p, a in counts],
        )
    result.shards += len(group)
    result.pages += len(pages)
    result.articles_new += len(batch.new_articles)
    result.articles_updated += len(batch.updated_articles)
    result.duplicates += batch.duplicates
    result.new_articles.extend(batch.new_articles)
