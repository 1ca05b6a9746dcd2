"""Shared by the end-to-end tests: run the CLI as a user would, score a crawl against the
demo web's ground truth."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dedupe.metrics import pairwise_scores
from tests.bench.bench_extract import MARKERS, bigram_f1

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


def missing_tool(tool: str, packages: str) -> None:
    """A system tool the tests need is missing after its ensure script ran: skip (one line in
    pytest's summary) when not root, since only root can apt-get it; fail as root, where the
    install itself went wrong."""
    import pytest

    command = f"apt-get install {packages}"
    if os.geteuid() != 0:
        pytest.skip(f"{tool} is not installed and this is not root: skipped (as root: {command})")
    pytest.fail(f"{tool} is missing and could not be installed ({command})")


def reprints(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def query(db: str, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@dataclass
class CrawlScore:
    found: float  # share of reachable on-topic truth articles stored
    mean_f1: float
    with_chrome: float  # share of stored truth articles whose text keeps a chrome marker
    titles_exact: float
    offtopic_in_canonical: int
    pairwise_f1: float
    pairwise_precision: float
    canonical_is_original: float
    non_article_rows: int
    missing: list[str]
    chrome_examples: list[tuple[str, str]]
    wrong_titles: list[tuple[str, str, str]]
    wrong_canonical: list[tuple[str, str]]


def score(db: str, truth) -> CrawlScore:
    rows = query(
        db, "SELECT id, url, title, text, cluster_id, is_canonical, on_topic FROM articles"
    )
    stored = {r[1]: r for r in rows}
    by_url = truth.by_url()
    on_topic = [a for a in truth.articles if a.on_topic]
    missing = [a.url for a in on_topic if a.url not in stored]
    matched = [(a, stored[a.url]) for a in truth.articles if a.url in stored]
    f1s = [bigram_f1(r[3] or "", a.body) for a, r in matched]
    chrome = [
        (a.url, m) for a, r in matched for m in MARKERS if m in (r[3] or "") and m not in a.body
    ]
    chrome_urls = {u for u, _ in chrome}
    wrong_titles = [(a.url, r[2], a.title) for a, r in matched if (r[2] or "").strip() != a.title]
    canon = {r[0] for r in query(db, "SELECT url FROM canonical_articles")}
    offtopic_in_canon = sum(1 for u in canon if u in by_url and not by_url[u].on_topic)
    # clustering of the on-topic truth articles that were stored
    gold = {stored[a.url][0]: a.story_id for a in on_topic if a.url in stored}
    cluster_of = {r[0]: r[4] for r in rows}
    comps: dict[int, list[int]] = {}
    for art_id in gold:
        comps.setdefault(cluster_of[art_id], []).append(art_id)
    pw = pairwise_scores(list(comps.values()), gold)
    originals = {a.story_id: a.url for a in on_topic if a.kind == "original"}
    wrong_canonical = []
    for story, url in originals.items():
        if url not in stored:
            wrong_canonical.append((story, "original not stored"))
            continue
        cid = stored[url][4]
        canonical = [u for u, r in stored.items() if r[4] == cid and r[5]]
        if canonical != [url]:
            wrong_canonical.append((story, ",".join(canonical)))
    non_articles = [u for u in stored if u not in by_url]
    return CrawlScore(
        found=1 - len(missing) / max(1, len(on_topic)),
        mean_f1=sum(f1s) / max(1, len(f1s)),
        with_chrome=len(chrome_urls) / max(1, len(matched)),
        titles_exact=1 - len(wrong_titles) / max(1, len(matched)),
        offtopic_in_canonical=offtopic_in_canon,
        pairwise_f1=pw.f1,
        pairwise_precision=pw.precision,
        canonical_is_original=1 - len(wrong_canonical) / max(1, len(originals)),
        non_article_rows=len(non_articles),
        missing=missing,
        chrome_examples=chrome[:10],
        wrong_titles=wrong_titles[:10],
        wrong_canonical=wrong_canonical,
    )


def max_concurrency(records) -> dict[str, int]:
    """Most requests any one site was answering at the same moment (server-side view).

    A request counts from its arrival until its response starts going out: from then on the
    client may have it and send the next one before this server thread, waiting for the
    interpreter, gets to note the time.
    """
    events: dict[str, list[tuple[float, int]]] = {}
    for r in records:
        if r.started:
            events.setdefault(r.site, []).extend([(r.started, 1), (r.responding or r.time, -1)])
    peaks = {}
    for site, evs in events.items():
        now = peak = 0
        for _, step in sorted(evs, key=lambda e: (e[0], e[1])):  # ends before starts on ties
            now += step
            peak = max(peak, now)
        peaks[site] = peak
    return peaks


def fetched_twice(records) -> list[tuple[str, str, int]]:
    """(site, path, times) of GETs answered more than once, server errors (retried) aside."""
    counts: dict[tuple[str, str], int] = {}
    retried = {(r.site, r.path) for r in records if r.status >= 500}
    for r in records:
        if r.method == "GET" and (r.site, r.path) not in retried:
            counts[(r.site, r.path)] = counts.get((r.site, r.path), 0) + 1
    return [(s, p, n) for (s, p), n in counts.items() if n > 1]


def partition(db: str) -> set[frozenset[str]]:
    """The on-topic stories as sets of article URLs."""
    rows = query(db, "SELECT list(url) FROM articles WHERE on_topic GROUP BY cluster_id")
    return {frozenset(r[0]) for r in rows}
