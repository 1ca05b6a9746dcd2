"""What dedupe reads from DuckDB and what its decision writes back (SQL only, no algorithm).

Reading: every article as a ``DocRecord`` whose text is the *body* dedupe compares: the
text the crawl cleaned (``finalise``), with the farm's additions still in.  When a copy's
additions have been removed from ``articles.text``, that body is kept in ``farm_additions``
(keyed by ``articles.text_sha1``, the fingerprint of the body, which stays what the clean-up
wrote), so every run compares the same texts and the stored signatures stay valid.

Writing: ``dedupe.decide`` returns stories and canonicals; here they become cluster ids
(stable across runs, ``dedupe.incremental``), ``is_canonical`` flags, ``clusters`` rows, and
for each copy (any page that is not the publisher's) the text without its own additions
(``dedupe.additions``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from dedupe.decide import Decision
from dedupe.incremental import ClusterChanges, assign_cluster_ids, summarise_changes
from dedupe.records import DocRecord
from dedupe.stock import story_additions
from storage.writes import utcnow

TABLES = """
-- Candidate pairs that passed the shingle gate: their connected components are the units a
-- crawl re-decides (see dedupe.decide).
CREATE TABLE IF NOT EXISTS dedupe_pairs (a BIGINT, b BIGINT, params VARCHAR);
-- The gate's shingle containment of each pair (what dedupe.decide ranks members by).
ALTER TABLE dedupe_pairs ADD COLUMN IF NOT EXISTS containment DOUBLE;
-- Which parameters dedupe_pairs and the stored clusters were made with.
CREATE TABLE IF NOT EXISTS dedupe_state (key VARCHAR PRIMARY KEY, value VARCHAR);
-- A farm copy's own additions (commentary, ads): removed from articles.text, kept in
-- raw_text; ``body`` is the text before they were removed, what dedupe compares.
CREATE TABLE IF NOT EXISTS farm_additions (
    article_id BIGINT PRIMARY KEY,
    body_sha1 VARCHAR,
    body VARCHAR,
    paragraphs VARCHAR[]
);
"""

_SELECT = """
SELECT a.id, coalesce(f.body, a.text, ''), a.url, a.source, a.role, a.published_at,
       a.credited_outlet, a.source_outlet, a.cluster_id, a.on_topic, a.text_sha1,
       a.first_seen_at, a.text
FROM articles a
LEFT JOIN farm_additions f ON f.article_id = a.id AND f.body_sha1 = a.text_sha1
"""


@dataclass
class Row:
    """One article as the clustering glue needs it."""

    record: DocRecord  # text = the body dedupe compares
    cluster_id: int | None
    on_topic: bool
    text_sha1: str | None
    first_seen_at: datetime | None
    text: str  # articles.text as stored now

    @property
    def id(self) -> int:
        return self.record.id


def ensure_tables(con) -> None:
    con.execute(TABLES)


def read_rows(con, where: str = "", params: list | dict | None = None) -> list[Row]:
    """Articles (``where`` filters on alias ``a``), ordered by id."""
    rows = con.execute(f"{_SELECT} {where} ORDER BY a.id", params or []).fetchall()
    return [
        Row(
            record=DocRecord(
                id=r[0],
                text=r[1],
                url=r[2] or "",
                source=r[3] or "",
                role=r[4] or "farm",
                published_at=r[5],
                credited_outlet=r[6],
                source_outlet=r[7],
            ),
            cluster_id=r[8],
            on_topic=bool(r[9]),
            text_sha1=r[10],
            first_seen_at=r[11],
            text=r[12] or "",
        )
        for r in rows
    ]


def get_state(con, key: str) -> str | None:
    found = con.execute("SELECT value FROM dedupe_state WHERE key = ?", [key]).fetchone()
    return found[0] if found else None


def set_state(con, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO dedupe_state VALUES (?, ?)", [key, value])


def add_pairs(
    con, pairs: dict[tuple[int, int], float], params: str, replace_all: bool = False
) -> None:
    """Store gated pairs ``(a, b) -> containment`` (``a < b``)."""
    if replace_all:
        con.execute("DELETE FROM dedupe_pairs")
    if not pairs:
        return
    new_pairs = pa.table(  # noqa: F841  (read by DuckDB by name)
        {
            "a": [p[0] for p in pairs],
            "b": [p[1] for p in pairs],
            "params": [params] * len(pairs),
            "containment": list(pairs.values()),
        }
    )
    con.execute(
        "INSERT INTO dedupe_pairs (a, b, params, containment) "
        "SELECT a, b, params, containment FROM new_pairs"
    )


def read_pairs(con, params: str, ids: list[int] | None = None) -> dict[tuple[int, int], float]:
    """Stored gated pairs (of ``ids`` when given) and their containment."""
    sql = "SELECT a, b, containment FROM dedupe_pairs WHERE params = ?"
    args: list = [params]
    if ids is not None:
        sql += " AND a IN (SELECT unnest(?))"
        args.append(ids)
    return {(int(a), int(b)): c for a, b, c in con.execute(sql, args).fetchall()}


def write_clusters(con, rows: list[tuple], replace_all: bool = False) -> None:
    """Upsert ``clusters`` rows: (cluster_id, canonical_id, size, first_published_at,
    last_seen_at, on_topic); ``replace_all`` drops every other cluster first."""
    cl = pa.table(  # noqa: F841  (read by DuckDB by name)
        {
            "cluster_id": pa.array([c[0] for c in rows], pa.int64()),
            "canonical_id": pa.array([c[1] for c in rows], pa.int64()),
            "size": pa.array([c[2] for c in rows], pa.int32()),
            "first_published_at": pa.array([c[3] for c in rows], pa.timestamp("us")),
            "last_seen_at": pa.array([c[4] for c in rows], pa.timestamp("us")),
            "on_topic": pa.array([c[5] for c in rows], pa.bool_()),
        }
    )
    if replace_all:
        con.execute("DELETE FROM clusters")
    con.execute("INSERT OR REPLACE INTO clusters SELECT * FROM cl")


def _cluster_row(cid: int, story: list[int], canon: int, by_id: dict[int, Row]) -> tuple:
    dates = [by_id[i].record.published_at for i in story if by_id[i].record.published_at]
    seen = max((by_id[i].first_seen_at or utcnow()) for i in story)
    return (cid, canon, len(story), min(dates, default=None), seen, by_id[canon].on_topic)


def write_stories(
    con,
    decision: Decision,
    rows: list[Row],
    in_use: Collection[int],
    floor: int,
    replace_all: bool,
) -> ClusterChanges:
    """Cluster ids, canonical flags, cluster rows and copy texts for the stories of ``rows``.

    ``in_use`` are the cluster ids of articles outside ``rows`` (kept as they are), ``floor``
    the largest article id; ``replace_all`` when ``rows`` are all the articles.
    """
    by_id = {r.id: r for r in rows}
    previous = {r.id: r.cluster_id for r in rows}
    ids = assign_cluster_ids(decision.stories, previous, in_use, floor)
    cluster_rows = []
    for story in decision.stories:
        canon = decision.canonical[story[0]]
        cluster_rows.append(_cluster_row(ids[story[0]], story, canon, by_id))
    assign = pa.table(  # noqa: F841  (read by DuckDB by name)
        {
            "id": pa.array(list(ids), pa.int64()),
            "cluster_id": pa.array(list(ids.values()), pa.int64()),
            "is_canonical": [decision.canonical[d] == d for d in ids],
        }
    )
    con.execute(
        "UPDATE articles SET cluster_id = assign.cluster_id, "
        "is_canonical = assign.is_canonical FROM assign WHERE articles.id = assign.id"
    )
    if not replace_all:
        gone = {c for c in previous.values() if c is not None} - set(ids.values())
        if gone:
            con.execute(
                "DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [sorted(gone)]
            )
    write_clusters(con, cluster_rows, replace_all=replace_all)
    _write_additions(con, decision, by_id)
    return summarise_changes(ids, previous)


def _proven_additions(con, deciding: list[int]) -> list[str]:
    """What earlier runs removed from copies of stories with a publisher original, outside
    the articles being decided now (``dedupe.stock``)."""
    rows = con.execute(
        "SELECT unnest(f.paragraphs) FROM farm_additions f "
        "JOIN articles a ON a.id = f.article_id AND f.body_sha1 = a.text_sha1 "
        "JOIN articles c ON c.cluster_id = a.cluster_id AND c.is_canonical "
        "AND lower(trim(c.role)) = 'publisher' WHERE a.id NOT IN (SELECT unnest(?))",
        [deciding],
    ).fetchall()
    return [r[0] for r in rows]


def _write_additions(con, decision: Decision, by_id: dict[int, Row]) -> None:
    """``articles.text`` of each copy without its own additions; ``farm_additions`` rows."""
    stories = [([by_id[i].record for i in s], decision.canonical[s[0]]) for s in decision.stories]
    proven = _proven_additions(con, list(by_id))
    kept = {doc: (t.text, t.removed) for doc, t in story_additions(stories, proven).items()}
    updates = []
    for doc, row in by_id.items():
        text = kept[doc][0] if doc in kept else row.record.text
        if text != row.text:
            updates.append((doc, text))
    con.execute("DELETE FROM farm_additions WHERE article_id IN (SELECT unnest(?))", [list(by_id)])
    if kept:
        fa = pa.table(  # noqa: F841  (read by DuckDB by name)
            {
                "article_id": pa.array(list(kept), pa.int64()),
                "body_sha1": [by_id[d].text_sha1 for d in kept],
                "body": [by_id[d].record.text for d in kept],
                "paragraphs": [kept[d][1] for d in kept],
            }
        )
        con.execute("INSERT INTO farm_additions SELECT * FROM fa")
    if updates:
        upd = pa.table(  # noqa: F841
            {"id": pa.array([u[0] for u in updates], pa.int64()), "text": [u[1] for u in updates]}
        )
        con.execute("UPDATE articles SET text = upd.text FROM upd WHERE articles.id = upd.id")
