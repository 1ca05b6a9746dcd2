"""Dedupe glue: read articles from DuckDB, cluster them with ``dedupe``, write clusters back.

MinHash signatures are cached in the ``signatures`` table keyed by the text's SHA-1, so a
re-crawl hashes only new or changed texts.  Cluster ids are stable across runs: a story that
existed keeps its id and new copies join it (``dedupe.incremental``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pyarrow as pa

from dedupe.canonical import choose_canonical
from dedupe.cluster import cluster
from dedupe.config import DedupeConfig
from dedupe.incremental import assign_cluster_ids
from dedupe.minhash import config_fingerprint, signature_from_bytes, signatures
from dedupe.shingle import doc_shingles
from storage.db import writer
from storage.incremental import (
    add_new_articles,
    doc_of,
    rechoose,
    store_signatures,
    write_clusters,
)
from storage.writes import utcnow


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


def recluster(db_path: str, cfg: DedupeConfig | None = None) -> ClusterSummary:
    """Cluster every article in the database; keep cluster ids stable."""
    cfg = cfg or DedupeConfig()
    params = config_fingerprint(cfg)
    summary = ClusterSummary()
    with writer(db_path) as con:
        rows = con.execute(
            "SELECT a.id, a.text, a.url, a.source, a.role, a.published_at, a.credited_outlet, "
            "a.source_outlet, a.cluster_id, a.on_topic, a.text_sha1, s.minhash, a.first_seen_at "
            "FROM articles a LEFT JOIN signatures s "
            "ON s.article_id = a.id AND s.text_sha1 = a.text_sha1 AND s.params = ? "
            "ORDER BY a.id",
            [params],
        ).fetchall()
        summary.articles = len(rows)
        if not rows:
            con.execute("DELETE FROM clusters")
            return summary
        docs = [doc_of(r) for r in rows]  # same leading columns as DOC_COLUMNS
        missing = [i for i, r in enumerate(rows) if r[11] is None]
        stored = {
            i: signature_from_bytes(r[11], cfg) for i, r in enumerate(rows) if r[11] is not None
        }
        dtype = next(iter(stored.values())).dtype if stored else np.uint32
        sigs = np.zeros((len(rows), cfg.num_perm), dtype=dtype)
        for i, sig in stored.items():
            sigs[i] = sig
        if missing:
            fresh = signatures([doc_shingles(docs[i].text, cfg.shingle_size) for i in missing], cfg)
            sigs = sigs.astype(fresh.dtype, copy=False)
            sigs[missing] = fresh
        # every signature and its band keys, so later crawls can join instead of rebuild
        con.execute("DELETE FROM bands")
        store_signatures(con, [r[0] for r in rows], [r[10] for r in rows], sigs, cfg)
        components = cluster(docs, cfg, signatures=sigs)
        previous = {r[0]: r[8] for r in rows}
        ids = assign_cluster_ids(components, previous)
        by_id = {d.id: d for d in docs}
        on_topic = {r[0]: bool(r[9]) for r in rows}
        old_sizes: dict[int, int] = {}
        for cid in previous.values():
            if cid is not None:
                old_sizes[cid] = old_sizes.get(cid, 0) + 1
        art_ids, cluster_ids, canon_flags = [], [], []
        cl_rows = []
        seen_at = {r[0]: r[12] or utcnow() for r in rows}
        for comp in components:
            canonical = choose_canonical([by_id[i] for i in comp])
            cid = ids[comp[0]]
            dates = [by_id[i].published_at for i in comp if by_id[i].published_at is not None]
            first = min(dates) if dates else None
            last_seen = max(seen_at[i] for i in comp)
            cl_rows.append((cid, canonical, len(comp), first, last_seen, on_topic[canonical]))
            for i in comp:
                art_ids.append(i)
                cluster_ids.append(ids[i])
                canon_flags.append(i == canonical)
            if cid not in old_sizes:
                summary.new += 1
            elif len(comp) > old_sizes[cid]:
                summary.grown += 1
            summary.multi += len(comp) > 1
            summary.on_topic_clusters += on_topic[canonical]
        summary.clusters = len(components)
        assign = pa.table(  # noqa: F841  (read by DuckDB by name)
            {"id": art_ids, "cluster_id": cluster_ids, "is_canonical": canon_flags}
        )
        con.execute(
            "UPDATE articles SET cluster_id = assign.cluster_id, "
            "is_canonical = assign.is_canonical FROM assign WHERE articles.id = assign.id"
        )
        write_clusters(con, cl_rows, replace_all=True)
    return summary


def update_clusters(db_path: str, cfg: DedupeConfig | None = None) -> ClusterSummary:
    """After a crawl: add the new articles to the stored clusters (storage/incremental.py),
    or rebuild everything when that is the right call (first crawl, changed texts)."""
    cfg = cfg or DedupeConfig()
    with writer(db_path) as con:
        changes = add_new_articles(con, cfg)
        if changes is not None:
            rechoose(con, changes["touched"])
            # a canonical's topic may have been re-decided by the per-site clean-up
            con.execute(
                "UPDATE clusters SET on_topic = a.on_topic FROM articles a WHERE "
                "a.id = clusters.canonical_id AND clusters.on_topic IS DISTINCT FROM a.on_topic"
            )
            articles, clusters, on_topic, multi = con.execute(
                "SELECT (SELECT count(*) FROM articles), count(*), count(*) FILTER (on_topic), "
                "count(*) FILTER (size > 1) FROM clusters"
            ).fetchone()
            return ClusterSummary(
                articles=articles,
                clusters=clusters,
                on_topic_clusters=on_topic,
                new=changes["new"],
                grown=changes["grown"],
                multi=multi,
                incremental=True,
            )
    return recluster(db_path, cfg)
