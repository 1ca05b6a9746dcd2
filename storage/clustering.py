"""Dedupe glue: read articles from DuckDB, decide their stories with ``dedupe``, write back.

MinHash signatures are cached in the ``signatures`` table keyed by the body's SHA-1, so a
re-crawl hashes only new or changed texts.  A rebuild (``reprints dedupe --db``) proposes
pairs by LSH over every signature and hands the gated pairs to ``dedupe.decide``; after a
crawl, ``storage.incremental`` re-decides only the components the new articles joined, with
the same function.  Cluster ids are stable across runs (``dedupe.incremental``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from dedupe.cluster import gated_pairs
from dedupe.config import DedupeConfig
from dedupe.decide import decide
from dedupe.minhash import config_fingerprint, signature_from_bytes, signatures
from dedupe.shingle import doc_shingles
from storage.db import writer
from storage.incremental import add_new_articles, pairs_params, store_signatures
from storage.story_store import (
    add_pairs,
    ensure_tables,
    read_rows,
    set_state,
    write_stories,
)


@dataclass
class ClusterSummary:
    articles: int = 0
    clusters: int = 0
    on_topic_clusters: int = 0
    new: int = 0
    grown: int = 0
    multi: int = 0
    incremental: bool = False

    def line(self) -> str:
        return (
            f"clusters: {self.clusters} ({self.on_topic_clusters} on topic, {self.multi} with "
            f"copies), {self.new} new, {self.grown} grown"
            + (" (incremental)" if self.incremental else "")
        )

    def to_dict(self) -> dict:
        return asdict(self)


def _signatures(con, rows, cfg: DedupeConfig) -> np.ndarray:
    """Every row's signature: stored when its body is unchanged, computed otherwise."""
    stored = dict(
        con.execute(
            "SELECT s.article_id, s.minhash FROM signatures s JOIN articles a "
            "ON s.article_id = a.id AND s.text_sha1 = a.text_sha1 WHERE s.params = ?",
            [config_fingerprint(cfg)],
        ).fetchall()
    )
    sigs = np.zeros((len(rows), cfg.num_perm), dtype=np.uint32)
    missing = []
    for k, r in enumerate(rows):
        if r.id in stored:
            sigs[k] = signature_from_bytes(stored[r.id], cfg)
        else:
            missing.append(k)
    if missing:
        shingled = [doc_shingles(rows[k].record.text, cfg.shingle_size) for k in missing]
        sigs[missing] = signatures(shingled, cfg)
    return sigs


def _summary(con, changes: dict | None = None, incremental: bool = False) -> ClusterSummary:
    articles, clusters, on_topic, multi = con.execute(
        "SELECT (SELECT count(*) FROM articles), count(*), count(*) FILTER (on_topic), "
        "count(*) FILTER (size > 1) FROM clusters"
    ).fetchone()
    changes = changes or {}
    return ClusterSummary(
        articles=articles,
        clusters=clusters,
        on_topic_clusters=on_topic,
        new=changes.get("new", 0),
        grown=changes.get("grown", 0),
        multi=multi,
        incremental=incremental,
    )


def recluster(db_path: str, cfg: DedupeConfig | None = None) -> ClusterSummary:
    """Decide the stories of every article in the database; keep cluster ids stable."""
    cfg = cfg or DedupeConfig()
    with writer(db_path) as con:
        ensure_tables(con)
        rows = read_rows(con)
        if not rows:
            con.execute("DELETE FROM clusters")
            return ClusterSummary()
        sigs = _signatures(con, rows, cfg)
        # every signature and its band keys, so later crawls can join instead of rebuild
        con.execute("DELETE FROM bands")
        store_signatures(con, [r.id for r in rows], [r.text_sha1 for r in rows], sigs, cfg)
        records = [r.record for r in rows]
        verified, _ = gated_pairs(records, cfg, signatures=sigs)
        pairs = [(records[i].id, records[j].id) for i, j in verified.edges.tolist()]
        marker = pairs_params(cfg)
        add_pairs(con, pairs, marker, replace_all=True)
        set_state(con, "pairs_params", marker)
        decision = decide(records, pairs)
        changes = write_stories(con, decision, rows, (), max(r.id for r in rows), True)
        counts = {"new": len(changes.new), "grown": len(changes.grown)}
        return _summary(con, counts)


def update_clusters(db_path: str, cfg: DedupeConfig | None = None) -> ClusterSummary:
    """After a crawl: add the new articles to the stored stories (storage/incremental.py),
    or rebuild everything when that is the right call (first crawl, changed texts)."""
    cfg = cfg or DedupeConfig()
    with writer(db_path) as con:
        changes = add_new_articles(con, cfg)
        if changes is not None:
            # a canonical's topic may have been re-decided by the per-site clean-up
            con.execute(
                "UPDATE clusters SET on_topic = a.on_topic FROM articles a WHERE "
                "a.id = clusters.canonical_id AND clusters.on_topic IS DISTINCT FROM a.on_topic"
            )
            return _summary(con, changes, incremental=True)
    return recluster(db_path, cfg)
