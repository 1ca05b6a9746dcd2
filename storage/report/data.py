"""Queries behind the report: stories (clusters with their canonical article) and members.

One short read-only connection per report or per served page (``storage.db.reader``), so a
crawl writing between two requests is never blocked for long and every page shows the data
as of its request.  A story is what ``canonical_articles`` lists: a cluster whose canonical
article is on topic.  Its copies are the other articles of the cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import duckdb

from storage.db import StorageError, reader
from storage.timefmt import zoned_views


@dataclass(frozen=True)
class ArticleRow:
    id: int
    cluster_id: int
    url: str
    source: str
    role: str
    title: str
    published_at: datetime | None
    first_seen_at: datetime | None
    byline: str | None
    credited_outlet: str | None
    source_outlet: str | None
    on_topic: bool
    text: str = ""  # empty when loaded without texts (overview pages)
    raw_text: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def site(self) -> str:
        """The name a reader knows the site by: the source name, else the host."""
        return self.source or self.host


@dataclass(frozen=True)
class StoryRows:
    cluster_id: int
    on_topic: bool
    original: ArticleRow
    copies: tuple[ArticleRow, ...]


_COLUMNS = (
    "a.id, a.cluster_id, a.url, a.source, a.role, a.title, a.published_at, a.first_seen_at, "
    "a.byline, a.credited_outlet, a.source_outlet, coalesce(a.on_topic, false)"
)


def _row(r: tuple, with_text: bool) -> ArticleRow:
    base = ArticleRow(
        id=r[0],
        cluster_id=r[1],
        url=r[2] or "",
        source=r[3] or "",
        role=r[4] or "",
        title=r[5] or "",
        published_at=r[6],
        first_seen_at=r[7],
        byline=r[8],
        credited_outlet=r[9],
        source_outlet=r[10],
        on_topic=bool(r[11]),
    )
    if not with_text:
        return base
    return ArticleRow(**{**base.__dict__, "text": r[12] or "", "raw_text": r[13]})


def _load(
    con: duckdb.DuckDBPyConnection, where: str, params: list, with_text: bool
) -> list[StoryRows]:
    cols = _COLUMNS + (", a.text, a.raw_text" if with_text else "")
    rows = con.execute(
        f"SELECT {cols}, a.id = c.canonical_id AS canonical, c.on_topic "
        "FROM clusters c JOIN articles a ON a.cluster_id = c.cluster_id "
        f"WHERE {where} ORDER BY c.cluster_id, a.published_at NULLS LAST, a.id",
        params,
    ).fetchall()
    stories: dict[int, dict] = {}
    for r in rows:
        art = _row(r, with_text)
        entry = stories.setdefault(art.cluster_id, {"original": None, "copies": [], "on": r[-1]})
        if r[-2]:
            entry["original"] = art
        else:
            entry["copies"].append(art)
    return [
        StoryRows(cid, bool(e["on"]), e["original"], tuple(e["copies"]))
        for cid, e in stories.items()
        if e["original"] is not None
    ]


def load_stories(con: duckdb.DuckDBPyConnection, with_text: bool) -> list[StoryRows]:
    """Every story the ``canonical_articles`` view lists, with all its copies."""
    return _load(
        con,
        "c.cluster_id IN (SELECT cluster_id FROM canonical_articles)",
        [],
        with_text,
    )


def load_story(con: duckdb.DuckDBPyConnection, cluster_id: int) -> StoryRows | None:
    """One cluster by id, on topic or not (a user asking for it by id wants to see it)."""
    found = _load(con, "c.cluster_id = ?", [cluster_id], with_text=True)
    return found[0] if found else None


def read(db_path: str, fn, *args):
    """Run ``fn(con, *args)`` on a short read-only connection; missing DB -> StorageError.
    Times come back with their zone (storage/timefmt.py), so the report shows offsets."""
    with reader(db_path) as con:
        try:
            zoned_views(con)
            return fn(con, *args)
        except duckdb.CatalogException as exc:
            raise StorageError(
                f"{db_path}: not a reprints database ({str(exc).splitlines()[0]})"
            ) from None
