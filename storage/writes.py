"""Batched writes of fetched pages and articles: one short transaction per batch.

Rows go in as Arrow tables (DuckDB bulk-loads those at ~20k rows/s; ``executemany`` manages
~2.6k).  Articles are upserted by URL, so re-crawling never stores an article twice, and an
article whose text is identical to another URL of the same source (a URL variant with no
``rel=canonical``) is recorded as a duplicate page instead of a second row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa

from storage.db import writer

PAGE_COLUMNS = [
    ("url", pa.string()),
    ("final_url", pa.string()),
    ("source", pa.string()),
    ("status", pa.int32()),
    ("fetched_at", pa.timestamp("us")),
    ("etag", pa.string()),
    ("last_modified", pa.string()),
    ("content_sha1", pa.string()),
    ("error", pa.string()),
    ("outcome", pa.string()),
    ("article_url", pa.string()),
    ("links", pa.list_(pa.string())),
    ("fetch_count", pa.int32()),
    ("not_modified_count", pa.int32()),
]
ARTICLE_COLUMNS = [
    ("url", pa.string()),
    ("source", pa.string()),
    ("role", pa.string()),
    ("title", pa.string()),
    ("text", pa.string()),
    ("published_at", pa.timestamp("us")),
    ("byline", pa.string()),
    ("credited_outlet", pa.string()),
    ("on_topic", pa.bool_()),
    ("topic_reason", pa.string()),
    ("fetched_at", pa.timestamp("us")),
    ("source_outlet", pa.string()),
    ("text_sha1", pa.string()),
    ("page_urls", pa.list_(pa.string())),
    ("block_prints", pa.binary()),  # read by storage/finalise.py for the site template
]


def sha1(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha1(data).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class BatchResult:
    new_articles: list[str] = field(default_factory=list)
    updated_articles: list[str] = field(default_factory=list)
    duplicates: int = 0


def _table(rows: list[dict], columns) -> pa.Table:
    return pa.table(
        {name: [r.get(name) for r in rows] for name, _ in columns}, schema=pa.schema(columns)
    )


def _dedupe_batch(con, articles: list[dict], pages: list[dict]) -> tuple[list[dict], int]:
    """Drop articles whose text another URL of the same source already holds."""
    if not articles:
        return [], 0
    keys = list({(a["source"], a["text_sha1"]) for a in articles})
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _keys (source VARCHAR, text_sha1 VARCHAR)")
    con.execute("DELETE FROM _keys")
    con.executemany("INSERT INTO _keys VALUES (?, ?)", keys)
    holder = {
        (s, h): u
        for s, h, u in con.execute(
            "SELECT a.source, a.text_sha1, min(a.url) FROM articles a "
            "JOIN _keys k USING (source, text_sha1) GROUP BY ALL"
        ).fetchall()
    }
    kept: dict[str, dict] = {}
    redirected: dict[str, str] = {}
    for a in articles:
        key = (a["source"], a["text_sha1"])
        owner = holder.get(key)
        if owner is not None and owner != a["url"]:
            redirected[a["url"]] = owner
            continue
        holder[key] = a["url"]
        kept[a["url"]] = a  # the last version of a URL in a batch wins
    for p in pages:
        if p.get("article_url") in redirected:
            p["outcome"] = "duplicate"
            p["article_url"] = redirected[p["article_url"]]
    return list(kept.values()), len(redirected)


def write_batch(db_path: str, pages: list[dict], articles: list[dict]) -> BatchResult:
    """Upsert pages and articles in one transaction; returns what was new.  A crawl writes
    many batches: each leaves its rows in the write-ahead log (see ``writer``)."""
    with writer(db_path, checkpoint=False) as con:
        return write_rows(con, pages, articles)


def write_rows(con, pages: list[dict], articles: list[dict]) -> BatchResult:
    """Upsert pages and articles inside the caller's transaction."""
    result = BatchResult()
    for a in articles:
        a["text_sha1"] = sha1(a["text"] or "")
    articles, result.duplicates = _dedupe_batch(con, articles, pages)
    if articles:
        urls = [a["url"] for a in articles]
        existing = {
            r[0]
            for r in con.execute(
                "SELECT url FROM articles WHERE url IN (SELECT unnest(?))", [urls]
            ).fetchall()
        }
        result.new_articles = [u for u in urls if u not in existing]
        result.updated_articles = [u for u in urls if u in existing]
        batch = _table(articles, ARTICLE_COLUMNS)  # noqa: F841  (read by DuckDB by name)
        con.execute(
            """
            INSERT INTO articles (id, url, source, role, title, text, published_at, byline,
                credited_outlet, on_topic, topic_reason, fetched_at, first_seen_at,
                source_outlet, raw_text, text_sha1, page_urls, block_prints)
            SELECT nextval('article_id_seq'), url, source, role, title, text, published_at,
                byline, credited_outlet, on_topic, topic_reason, fetched_at, fetched_at,
                source_outlet, text, text_sha1, page_urls, block_prints
            FROM batch
            ON CONFLICT (url) DO UPDATE SET
                title = excluded.title, text = excluded.text, raw_text = excluded.raw_text,
                published_at = excluded.published_at, byline = excluded.byline,
                credited_outlet = excluded.credited_outlet, on_topic = excluded.on_topic,
                topic_reason = excluded.topic_reason, fetched_at = excluded.fetched_at,
                source_outlet = excluded.source_outlet, text_sha1 = excluded.text_sha1,
                page_urls = excluded.page_urls, role = excluded.role,
                block_prints = excluded.block_prints
            """
        )
    if pages:
        page_batch = _table(pages, PAGE_COLUMNS)  # noqa: F841
        con.execute(
            """
            INSERT INTO pages (url, final_url, source, status, fetched_at, etag, last_modified,
                content_sha1, error, outcome, article_url, links, first_fetched_at,
                fetch_count, not_modified_count)
            SELECT url, final_url, source, status, fetched_at, etag, last_modified,
                content_sha1, error, outcome, article_url, links, fetched_at,
                fetch_count, not_modified_count
            FROM page_batch
            ON CONFLICT (url) DO UPDATE SET
                final_url = CASE WHEN excluded.status = 304 THEN pages.final_url
                                 ELSE excluded.final_url END,
                source = excluded.source,
                status = excluded.status,
                fetched_at = excluded.fetched_at,
                etag = coalesce(excluded.etag, pages.etag),
                last_modified = coalesce(excluded.last_modified, pages.last_modified),
                content_sha1 = coalesce(excluded.content_sha1, pages.content_sha1),
                error = excluded.error,
                outcome = CASE WHEN excluded.status = 304 THEN pages.outcome
                               ELSE excluded.outcome END,
                article_url = CASE WHEN excluded.status = 304 THEN pages.article_url
                                   ELSE excluded.article_url END,
                links = CASE WHEN excluded.status = 304 THEN pages.links
                             ELSE excluded.links END,
                fetch_count = coalesce(pages.fetch_count, 0) + excluded.fetch_count,
                not_modified_count = coalesce(pages.not_modified_count, 0)
                    + excluded.not_modified_count
            """
        )
    return result
