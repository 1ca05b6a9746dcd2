"""Adding a crawl's new articles to the existing stories with a join, not a rebuild.

The band keys of every stored signature live in the ``bands`` table.  New articles get
their signatures and band keys, one SQL join finds every stored article sharing a band key
with them (the LSH candidates), the shingle gate keeps the pairs worth comparing
(``dedupe_pairs``), and the connected components of those pairs that hold a new article are
re-decided by ``dedupe.decide`` -- the code every path runs.  Cost grows with the new
articles and their components, not with the corpus.  ``reprints dedupe --db`` rebuilds
everything from scratch (storage/clustering.py) and gives the same partition.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dedupe.config import DedupeConfig
from dedupe.decide import DECISION_VERSION, decide
from dedupe.graph import connected_labels
from dedupe.lsh import band_keys
from dedupe.minhash import EMPTY_VALUE, config_fingerprint, signature_to_bytes, signatures
from dedupe.shingle import doc_shingles, shingle_all
from dedupe.verify import verify_pairs
from storage.story_store import (
    add_pairs,
    ensure_tables,
    get_state,
    read_rows,
    write_stories,
)


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
    # A text without shingles (empty after normalisation) is never a candidate: no bands.
    banded = ~np.all(sigs == EMPTY_VALUE, axis=1)
    ids = [i for i, keep in zip(ids, banded.tolist(), strict=True) if keep]
    sigs = sigs[banded]
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


def _candidates(con, new_ids: list[int], cfg: DedupeConfig) -> list[tuple[int, int]] | None:
    """Every stored article sharing a band key with a new one (the LSH candidates), or None
    when a bucket holds more than ``max_bucket_size`` articles: a rebuild then bands those
    the way a rebuild always does (star and chain), which a join cannot reproduce."""
    params = config_fingerprint(cfg)
    crowded = con.execute(
        """
        WITH nb AS (SELECT DISTINCT band, key FROM bands
                    WHERE params = $p AND article_id IN (SELECT unnest($ids)))
        SELECT count(*) FROM (
            SELECT b.band, b.key FROM bands b JOIN nb USING (band, key)
            WHERE b.params = $p GROUP BY b.band, b.key HAVING count(*) > $cap)
        """,
        {"p": params, "ids": new_ids, "cap": cfg.max_bucket_size},
    ).fetchone()[0]
    if crowded:
        return None
    rows = con.execute(
        """
        WITH nb AS (SELECT band, key, article_id FROM bands
                    WHERE params = $p AND article_id IN (SELECT unnest($ids)))
        SELECT DISTINCT least(nb.article_id, o.article_id), greatest(nb.article_id, o.article_id)
        FROM nb JOIN bands o ON o.band = nb.band AND o.key = nb.key
        WHERE o.params = $p AND o.article_id <> nb.article_id
        """,
        {"p": params, "ids": new_ids},
    ).fetchall()
    return sorted((int(a), int(b)) for a, b in rows)


def pairs_params(cfg: DedupeConfig) -> str:
    """Everything the stored gated pairs and clusters depend on: change any, rebuild."""
    return (
        f"{config_fingerprint(cfg)}-j{cfg.jaccard_min}-c{cfg.containment_min}"
        f"-m{cfg.min_containment_shingles}-decide{DECISION_VERSION}"
    )


def _gate(pairs: list[tuple[int, int]], bodies: dict[int, str], cfg: DedupeConfig):
    """The candidate pairs that pass the shingle gate (``dedupe.verify``)."""
    if not pairs:
        return []
    ids = sorted(bodies)
    sets = dict(zip(ids, shingle_all([bodies[i] for i in ids], cfg.shingle_size), strict=True))
    verified = verify_pairs(np.array(pairs, dtype=np.int64), sets, cfg)
    return [tuple(p) for p in verified.edges.tolist()]


def _affected(con, new_ids: list[int], params: str) -> list[int]:
    """Articles in the connected components (of the stored gated pairs) of ``new_ids``."""
    pairs = con.execute("SELECT a, b FROM dedupe_pairs WHERE params = ?", [params]).fetchall()
    nodes = sorted({x for p in pairs for x in p} | set(new_ids))
    index = {d: k for k, d in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    labels = connected_labels(len(nodes), edges)
    wanted = {labels[index[d]] for d in new_ids}
    return [d for d in nodes if labels[index[d]] in wanted]


def add_new_articles(con, cfg: DedupeConfig) -> dict | None:
    """Decide the stories the articles without a cluster join, inside the caller's
    transaction: only the components (of gated pairs) they touch are re-decided, by the
    same ``dedupe.decide`` a rebuild runs over everything, so the partition is the one a
    rebuild would give.  Returns the changes ({"new", "grown", "merged": counts}), or None
    when a full rebuild is the right call (first crawl, changed texts, bands or pairs
    missing or made with other parameters, a crowded LSH bucket, or more new articles than
    old ones)."""
    ensure_tables(con)
    params = config_fingerprint(cfg)
    marker = pairs_params(cfg)
    new_n, total, top = con.execute(
        "SELECT count(*) FILTER (cluster_id IS NULL), count(*), max(id) FROM articles"
    ).fetchone()
    stale = con.execute(
        "SELECT count(*) FROM articles a LEFT JOIN signatures s ON s.article_id = a.id "
        "AND s.text_sha1 = a.text_sha1 AND s.params = ? "
        "WHERE s.article_id IS NULL AND a.cluster_id IS NOT NULL",
        [params],
    ).fetchone()[0]
    # The marker is written with the bands and pairs of every article by a rebuild, and kept
    # up to date by every incremental run: without it, something is missing or stale.
    if total == 0 or stale or new_n * 2 > total or get_state(con, "pairs_params") != marker:
        return None
    if new_n == 0:
        return {"new": 0, "grown": 0, "merged": 0}
    new_rows = read_rows(con, "WHERE a.cluster_id IS NULL")
    new_ids = [r.id for r in new_rows]
    bodies = {r.id: r.record.text for r in new_rows}
    sigs = signatures([doc_shingles(bodies[i], cfg.shingle_size) for i in new_ids], cfg)
    store_signatures(con, new_ids, [r.text_sha1 for r in new_rows], sigs, cfg)
    candidates = _candidates(con, new_ids, cfg)
    if candidates is None:
        return None
    others = sorted({x for p in candidates for x in p} - set(new_ids))
    for r in read_rows(con, "WHERE a.id IN (SELECT unnest(?))", [others]) if others else []:
        bodies[r.id] = r.record.text
    add_pairs(con, _gate(candidates, bodies, cfg), marker)
    affected = _affected(con, new_ids, marker)
    rows = read_rows(con, "WHERE a.id IN (SELECT unnest(?))", [affected])
    pairs = con.execute(
        "SELECT a, b FROM dedupe_pairs WHERE params = ? AND a IN (SELECT unnest(?))",
        [marker, affected],
    ).fetchall()
    decision = decide([r.record for r in rows], pairs)
    in_use = {
        c
        for (c,) in con.execute(
            "SELECT DISTINCT cluster_id FROM articles WHERE cluster_id IS NOT NULL "
            "AND id NOT IN (SELECT unnest(?))",
            [affected],
        ).fetchall()
    }
    changes = write_stories(con, decision, rows, in_use, top, replace_all=False)
    return {"new": len(changes.new), "grown": len(changes.grown), "merged": len(changes.merged)}
