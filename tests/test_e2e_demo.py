"""End to end: crawl the demo web with the real CLI into a real DuckDB file, then check
the contents against the demo web's ground truth; then new copies appear and a second crawl
must add them to their stories without downloading unchanged pages again."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from crawler.demoweb import DemoWeb
from tests.bench.bench_extract import MARKERS
from tests.e2e_helpers import FAST, query, reprints, score

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    db = str(tmp / "demo.duckdb")
    with DemoWeb() as web:
        sources = tmp / "sources.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        first = reprints("crawl", "--sources", str(sources), "--db", db, *FAST)
        assert first.returncode == 0, first.stderr[-3000:]
        truth1 = web.truth()
        requests1 = list(web.requests)
        before = {
            r[0]: r[1] for r in query(db, "SELECT url, cluster_id FROM articles WHERE on_topic")
        }
        snapshot = score(db, truth1)
        web.set_phase(2)
        second = reprints("crawl", "--sources", str(sources), "--db", db, *FAST)
        assert second.returncode == 0, second.stderr[-3000:]
        yield {
            "db": db,
            "web": web,
            "tmp": tmp,
            "truth1": truth1,
            "truth2": web.truth(),
            "requests1": requests1,
            "requests2": list(web.requests)[len(requests1) :],
            "first": first,
            "second": second,
            "score1": snapshot,
            "clusters_before": before,
        }


def test_summary_printed(crawled):
    out = crawled["first"].stdout
    for word in ("pages:", "articles:", "dropped:", "clusters:"):
        assert word in out


def test_coverage_and_extraction_quality(crawled):
    s = crawled["score1"]
    print(s)
    assert s.found >= 0.98, s.missing
    assert s.mean_f1 >= 0.95
    assert s.with_chrome <= 0.02, s.chrome_examples
    assert s.titles_exact >= 0.95, s.wrong_titles
    assert s.non_article_rows <= 2


def test_off_topic_never_canonical(crawled):
    s = score(crawled["db"], crawled["truth2"])
    assert s.offtopic_in_canonical == 0
    offtopic = [a.url for a in crawled["truth2"].articles if not a.on_topic]
    rows = query(crawled["db"], "SELECT url, on_topic, topic_reason FROM articles")
    flagged = {u: (t, r) for u, t, r in rows}
    for url in offtopic:
        if url in flagged:
            assert flagged[url][0] is False and flagged[url][1].startswith("topic:off"), url


def test_clusters_and_canonical(crawled):
    s = score(crawled["db"], crawled["truth2"])
    assert s.pairwise_f1 >= 0.98 and s.pairwise_precision >= 0.98
    assert s.canonical_is_original >= 0.95, s.wrong_canonical


def test_robots_and_traps(crawled):
    truth = crawled["truth1"]
    reqs = crawled["requests1"] + crawled["requests2"]
    for site, paths in truth.disallowed.items():
        bad = [r.path for r in reqs if r.site == site and any(r.path.startswith(p) for p in paths)]
        assert bad == [], bad
    for site, prefix in truth.calendar_prefixes.items():
        path = urlsplit(prefix).path if prefix.startswith("http") else prefix
        n = sum(1 for r in crawled["requests1"] if r.site == site and r.path.startswith(path))
        assert n <= 20, (site, n)
    assert all("reprints" in r.user_agent for r in reqs if r.path != "/robots.txt")


def test_second_crawl_adds_copies_without_redownloading(crawled):
    db = crawled["db"]
    truth2 = crawled["truth2"]
    by_url = truth2.by_url()
    # no duplicate rows
    assert query(db, "SELECT count(*) - count(DISTINCT url) FROM articles")[0][0] == 0
    # every new copy joined its story's cluster
    stored = dict(query(db, "SELECT url, cluster_id FROM articles"))
    for url in truth2.new_in_phase2:
        assert url in stored, url
        story = by_url[url].story_id
        siblings = {
            stored[a.url] for a in truth2.articles if a.story_id == story and a.url in stored
        }
        assert siblings == {stored[url]}, (url, siblings)
    # existing stories kept their cluster ids
    before = crawled["clusters_before"]
    assert all(stored[u] == cid for u, cid in before.items() if u in stored)
    # unchanged article pages were not downloaded again
    article_paths = {
        (
            a.site,
            urlsplit(a.url).path + (f"?{urlsplit(a.url).query}" if urlsplit(a.url).query else ""),
        )
        for a in crawled["truth1"].articles
    }
    again = [
        r for r in crawled["requests2"] if (r.site, r.path) in article_paths and r.status == 200
    ]
    assert again == [], again[:5]
    assert "not modified" in crawled["second"].stdout


def test_sql_export_and_stats(crawled):
    db, tmp = crawled["db"], crawled["tmp"]
    r = reprints(
        "sql",
        "SELECT title, copies FROM canonical_articles ORDER BY copies DESC",
        "--db",
        db,
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    stories = json.loads(r.stdout)
    n_stories = len({a.story_id for a in crawled["truth2"].articles if a.on_topic})
    assert len(stories) == n_stories
    out = tmp / "canon.jsonl"
    r = reprints("export", "--db", db, "--format", "jsonl", "--out", str(out))
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == n_stories
    by_url = crawled["truth2"].by_url()
    for rec in recs:
        body = by_url[rec["url"]].body
        assert not [m for m in MARKERS if m in rec["text"] and m not in body], rec["url"]
        assert len(rec["copy_urls"]) == rec["copies"]
    r = reprints("stats", "--db", db)
    assert r.returncode == 0 and "stories on topic" in r.stdout


def test_incremental_clusters_equal_a_full_rebuild(crawled):
    db = crawled["db"]
    assert "(incremental)" in crawled["second"].stdout  # the second crawl joined, not rebuilt

    def partition():
        rows = query(db, "SELECT cluster_id, url, is_canonical FROM articles")
        groups: dict = {}
        for cid, url, _ in rows:
            groups.setdefault(cid, set()).add(url)
        canon = {url for _, url, c in rows if c}
        return {frozenset(g) for g in groups.values()}, canon

    before = partition()
    r = reprints("dedupe", "--db", db)
    assert r.returncode == 0, r.stderr
    assert partition() == before
