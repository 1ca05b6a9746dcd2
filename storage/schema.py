"""DuckDB schema. Column names of pages, articles, clusters and canonical_articles are part
of the user-facing interface (README documents them): add columns, never rename."""

from __future__ import annotations

import duckdb

TABLES = """
CREATE SEQUENCE IF NOT EXISTS article_id_seq START 1;

-- Every fetched URL, latest state (one row per requested URL).
CREATE TABLE IF NOT EXISTS pages (
    url VARCHAR PRIMARY KEY,
    final_url VARCHAR,
    source VARCHAR,
    status INTEGER,            -- HTTP status; 304 not modified; 0 = no response (see error)
    fetched_at TIMESTAMP,
    etag VARCHAR,
    last_modified VARCHAR,
    content_sha1 VARCHAR,
    error VARCHAR,             -- why the fetch failed: http:404, timeout, dns, too_large, ...
    outcome VARCHAR,           -- article | duplicate | not_article:list | too_short | topic:off ...
    article_url VARCHAR,       -- the articles.url this page became, if any
    links VARCHAR[],           -- outlinks, replayed when a re-crawl gets 304
    first_fetched_at TIMESTAMP,
    fetch_count INTEGER,       -- full downloads (200s) of this URL over all crawls
    not_modified_count INTEGER -- conditional GETs answered 304
);

-- Every article, one row per canonical URL.
CREATE TABLE IF NOT EXISTS articles (
    id BIGINT PRIMARY KEY,
    url VARCHAR UNIQUE,
    source VARCHAR,
    role VARCHAR,
    title VARCHAR,
    text VARCHAR,              -- clean body (the site's template lines cut from raw_text)
    published_at TIMESTAMP,
    byline VARCHAR,
    credited_outlet VARCHAR,
    on_topic BOOLEAN,
    topic_reason VARCHAR,
    cluster_id BIGINT,
    is_canonical BOOLEAN DEFAULT FALSE,
    fetched_at TIMESTAMP,
    first_seen_at TIMESTAMP,
    source_outlet VARCHAR,     -- the outlet this source is (sources.toml 'outlet')
    raw_text VARCHAR,          -- body as extracted, before per-site template stripping
    text_sha1 VARCHAR,
    page_urls VARCHAR[],       -- every page of a paginated article, page 1 first
    block_prints BLOB          -- slot and content of each line (pipelines/extract/block_prints.py)
);
-- databases made before block_prints existed
ALTER TABLE articles ADD COLUMN IF NOT EXISTS block_prints BLOB;

CREATE TABLE IF NOT EXISTS clusters (
    cluster_id BIGINT PRIMARY KEY,
    canonical_id BIGINT,
    size INTEGER,
    first_published_at TIMESTAMP,
    last_seen_at TIMESTAMP,
    on_topic BOOLEAN
);

-- MinHash signatures, so re-clustering after a crawl does not re-hash unchanged texts.
CREATE TABLE IF NOT EXISTS signatures (
    article_id BIGINT PRIMARY KEY,
    text_sha1 VARCHAR,
    params VARCHAR,
    minhash BLOB
);

-- LSH band keys of every signature: a crawl finds the candidates of its new articles with
-- one join against these, instead of re-banding the whole corpus.
CREATE TABLE IF NOT EXISTS bands (
    article_id BIGINT,
    band SMALLINT,
    key UBIGINT,
    params VARCHAR
);

-- One row per crawl / dedupe run with its summary.
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    kind VARCHAR,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    sources_file VARCHAR,
    summary JSON
);

-- What the trap guard learned (crawler/traps.py): requests each URL shape and each family
-- of shapes was given, and how many articles it led to, so that a re-crawl does not probe
-- again the endless spaces an earlier crawl found barren.
CREATE TABLE IF NOT EXISTS trap_shapes (
    shape VARCHAR PRIMARY KEY,  -- a URL shape, or 'family:' host/first-segment
    issued INTEGER,             -- requests given to it on probation
    extra INTEGER,              -- articles it was the first to lead to (each one more request)
    updated_at TIMESTAMP
);

-- Scale-out: worker shards loaded into this file (each exactly once).
CREATE TABLE IF NOT EXISTS ingested_shards (
    name VARCHAR PRIMARY KEY,
    pages INTEGER,
    articles INTEGER,
    ingested_at TIMESTAMP
);
"""

VIEWS = """
CREATE OR REPLACE VIEW canonical_articles AS
SELECT a.url, a.title, a.text, a.published_at, a.credited_outlet, a.cluster_id,
       c.size - 1 AS copies, a.source, a.byline, a.id AS article_id
FROM clusters c
JOIN articles a ON a.id = c.canonical_id
WHERE a.on_topic;
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables and views if missing (idempotent, cheap enough to run on every write)."""
    con.execute(TABLES)
    con.execute(VIEWS)
