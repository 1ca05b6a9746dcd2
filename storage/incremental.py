"""Adding a crawl's new articles to the existing clusters with a join, not a rebuild.

The band keys of every stored signature live in the ``bands`` table.  New articles get
their signatures and band keys, one SQL join finds every stored article sharing a band key
with them (the LSH candidates), only those pairs are verified exactly, and only the clusters
that gained members (or were merged by a new copy that bridges them) get a new canonical
choice.  Cost grows with the new articles and their candidates, not with the corpus.
``reprints dedupe --db`` still rebuilds everything from scratch (storage/clustering.py).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dedupe.canonical import choose_canonical
from dedupe.config import DedupeConfig
from dedupe.lsh import band_keys
from dedupe.minhash import config_fingerprint, signature_to_bytes, signatures
from dedupe.records import DocRecord
from dedupe.shingle import doc_shingles
from dedupe.verify import joins, overlap

DOC_COLUMNS = (
    "id, text, url, source, role, published_at, credited_outlet, source_outlet, cluster_id, "
    "on_topic, text_sha1, first_seen_at"
)


def doc_of(row) -> DocRecord:
    return DocRecord(
        id=row[0],
        text=row[1] or "",
        url=row[2] or "",
        source=row[3] or "",
        role=row[4] or "farm",
        published_at=row[5],
        credited_outlet=row[6],
        source_outlet=row[7],
    )


def write_clusters(con, rows: list[tuple], replace_all: bool = False) -> None:
    """Upsert ``clusters`` rows: (cluster_id, canonical_id, size, first_published_at,
    last_seen_at, on_topic); ``replace_all`` drops every other cluster first."""
    cl = pa.table(  # noqa: F841  (read by DuckDB by name)
        {
            "cluster_id": [c[0] for c in rows],
            "canonical_id": [c[1] for c in rows],
            "size": [c[2] for c in rows],
            "first_published_at": pa.array([c[3] for c in rows], pa.timestamp("us")),
            "last_seen_at": pa.array([c[4] for c in rows], pa.timestamp("us")),
            "on_topic": [c[5] for c in rows],
        }
    )
    if replace_all:
        con.execute("DELETE FROM clusters")
    con.execute("INSERT OR REPLACE INTO clusters SELECT * FROM cl")


def store_signatures(con, ids: list[int], sha1s: list[str], sigs: np.ndarray, cfg) -> None:
    """Signatures and their band keys for ``ids`` (replacing what they had)."""
    params = config_fingerprint(cfg)
    new_sigs = pa.table(  # noqa: F841  (read by DuckDB by name)
        {
            "article_id": ids,
            "text_sha1": sha1s,
            "params": [params] * len(ids),
            "minhash": [signature_to_bytes(s) for s in sigs],
        }
    )
    con.execute("INSERT OR REPLACE INTO signatures SELECT * FROM new_sigs")
    keys = band_keys(sigs, cfg)
    new_bands = pa.table(  # noqa: F841
        {
            "article_id": np.repeat(np.asarray(ids, dtype=np.int64), cfg.bands),
            "band": np.tile(np.arange(cfg.bands, dtype=np.int16), len(ids)),
            "key": keys.reshape(-1),
            "params": [params] * (len(ids) * cfg.bands),
        }
    )
    con.execute("DELETE FROM bands WHERE article_id IN (SELECT article_id FROM new_sigs)")
    con.execute("INSERT INTO bands SELECT * FROM new_bands")


def _candidates(con, new_ids: list[int], cfg: DedupeConfig) -> list[tuple[int, int]]:
    params = config_fingerprint(cfg)
    rows = con.execute(
        """
        WITH nb AS (SELECT band, key, article_id FROM bands
                    WHERE params = $p AND article_id IN (SELECT unnest($ids))),
             hits AS (SELECT nb.article_id AS a, o.article_id AS b, nb.band, nb.key
                      FROM nb JOIN bands o ON o.band = nb.band AND o.key = nb.key
                      WHERE o.params = $p AND o.article_id <> nb.article_id),
             crowded AS (SELECT band, key FROM bands WHERE params = $p
                         AND (band, key) IN (SELECT band, key FROM nb)
                         GROUP BY band, key HAVING count(*) > $cap)
        SELECT DISTINCT least(a, b), greatest(a, b) FROM hits
        WHERE (band, key) NOT IN (SELECT band, key FROM crowded)
        """,
        {"p": params, "ids": new_ids, "cap": cfg.max_bucket_size},
    ).fetchall()
    return [(int(a), int(b)) for a, b in rows]


def _find(parent: dict, x):
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def add_new_articles(con, cfg: DedupeConfig) -> dict | None:
    """Cluster the articles that have no cluster yet into the stored clusters, inside the
    caller's transaction.  Returns {"new": n, "grown": n, "merged": n, "touched": [cluster
    ids]}, or None when a full rebuild is the right call (first crawl, changed texts, bands
    missing, or more new articles than old ones)."""
    params = config_fingerprint(cfg)
    new_n, total = con.execute(
        "SELECT count(*) FILTER (cluster_id IS NULL), count(*) FROM articles"
    ).fetchone()
    stale, banded = con.execute(
        "SELECT count(*) FILTER (s.article_id IS NULL AND a.cluster_id IS NOT NULL), "
        "count(DISTINCT b.article_id) FROM articles a "
        "LEFT JOIN signatures s ON s.article_id = a.id AND s.text_sha1 = a.text_sha1 "
        "AND s.params = $p "
        "LEFT JOIN (SELECT DISTINCT article_id FROM bands WHERE params = $p) b "
        "ON b.article_id = a.id",
        {"p": params},
    ).fetchone()
    if total == 0 or stale or banded < total - new_n or new_n * 2 > total:
        return None
    result = {"new": 0, "grown": 0, "merged": 0, "touched": []}
    if new_n == 0:
        return result
    rows = con.execute(
        f"SELECT {DOC_COLUMNS} FROM articles WHERE cluster_id IS NULL ORDER BY id"
    ).fetchall()
    new_ids = [r[0] for r in rows]
    shingles = {r[0]: doc_shingles(r[1] or "", cfg.shingle_size) for r in rows}
    sigs = signatures([shingles[i] for i in new_ids], cfg)
    store_signatures(con, new_ids, [r[10] for r in rows], sigs, cfg)
    pairs = _candidates(con, new_ids, cfg)
    others = sorted({x for p in pairs for x in p} - set(new_ids))
    cluster_of = {}
    if others:
        for art_id, text, cid in con.execute(
            "SELECT id, text, cluster_id FROM articles WHERE id IN (SELECT unnest(?))", [others]
        ).fetchall():
            shingles[art_id] = doc_shingles(text or "", cfg.shingle_size)
            cluster_of[art_id] = cid
    parent: dict = {}
    node = lambda i: ("c", cluster_of[i]) if i in cluster_of else ("a", i)  # noqa: E731
    for i in new_ids:
        _find(parent, node(i))
    for a, b in pairs:
        jac, con_ = overlap(shingles[a], shingles[b])
        smaller = min(shingles[a].size, shingles[b].size)
        if joins(jac, con_, smaller, cfg):
            parent[_find(parent, node(a))] = _find(parent, node(b))
    groups: dict = {}
    for x in list(parent):
        groups.setdefault(_find(parent, x), []).append(x)
    moves: dict[int, int] = {}  # article id -> cluster id
    for members in groups.values():
        old = sorted(c for kind, c in members if kind == "c")
        fresh = sorted(i for kind, i in members if kind == "a")
        target = old[0] if old else fresh[0]
        for i in fresh:
            moves[i] = target
        for merged in old[1:]:
            con.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", [target, merged])
            con.execute("DELETE FROM clusters WHERE cluster_id = ?", [merged])
            result["merged"] += 1
        if old and fresh:
            result["grown"] += 1
        elif not old:
            result["new"] += 1
        result["touched"].append(target)
    upd = pa.table({"id": list(moves), "cluster_id": list(moves.values())})  # noqa: F841
    con.execute(
        "UPDATE articles SET cluster_id = upd.cluster_id FROM upd WHERE articles.id = upd.id"
    )
    return result


def rechoose(con, cluster_ids: list[int]) -> None:
    """Canonical article, size and dates of the clusters ``cluster_ids``, from their members."""
    if not cluster_ids:
        return
    rows = con.execute(
        f"SELECT {DOC_COLUMNS} FROM articles WHERE cluster_id IN (SELECT unnest(?))",
        [cluster_ids],
    ).fetchall()
    members: dict[int, list] = {}
    for r in rows:
        members.setdefault(r[8], []).append(r)
    canon_ids, cluster_rows = [], []
    for cid, rs in members.items():
        canonical = choose_canonical([doc_of(r) for r in rs])
        canon_ids.append(canonical)
        dates = [r[5] for r in rs if r[5] is not None]
        seen = [r[11] for r in rs if r[11] is not None]
        topic = next(bool(r[9]) for r in rs if r[0] == canonical)
        cluster_rows.append(
            (cid, canonical, len(rs), min(dates, default=None), max(seen, default=None), topic)
        )
    con.execute(
        "UPDATE articles SET is_canonical = (id IN (SELECT unnest($c))) "
        "WHERE cluster_id IN (SELECT unnest($ids))",
        {"c": canon_ids, "ids": list(members)},
    )
    write_clusters(con, cluster_rows)
