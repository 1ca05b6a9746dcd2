"""One decision path: the crawl's incremental step, ``reprints dedupe --db`` (a rebuild) and
``reprints dedupe --input`` give the same stories on the same texts.

The texts are a ``tests.storygen`` world (case families at several stages, cases from one
newsroom template, farm copies with their edits), stored in three crawl-sized batches.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from dedupe.jsonl import run_jsonl
from storage.clustering import recluster, update_clusters
from storage.db import reader
from storage.writes import write_batch
from tests.storygen import generate

SEED = 7


def _articles(seed: int) -> list[dict]:
    """The world's originals (publisher pages) and copies (farm pages, each on its own site:
    two verbatim copies on one site would be stored once), in a crawl's order."""
    world = generate(seed)
    out = []
    for s in world.stories:
        out.append(
            dict(url=f"http://pub/{s.story_id}", role="publisher", text=s.body,
                 published_at=s.published, credited_outlet=s.outlet, title=s.title)
        )  # fmt: skip
    for c in world.copies:
        out.append(
            dict(url=f"http://{c.copy_id.replace('/', '.')}.farm/a", role="farm",
                 text="\n".join(c.shown),
                 published_at=c.published, credited_outlet=c.credited_outlet, title=c.title)
        )  # fmt: skip
    random.Random(seed).shuffle(out)
    for a in out:
        a.update(source=a["url"].split("/")[2], on_topic=True, fetched_at=a["published_at"],
                 page_urls=[a["url"]])  # fmt: skip
    return out


def _partition(db: str) -> set[frozenset[str]]:
    with reader(db) as con:
        rows = con.execute("SELECT url, cluster_id FROM articles").fetchall()
    return _groups(rows)


def _groups(rows) -> set[frozenset[str]]:
    groups: dict[object, set[str]] = {}
    for url, cid in rows:
        groups.setdefault(cid, set()).add(url)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return _articles(SEED)


def test_incremental_batches_rebuild_and_input_give_one_partition(
    articles: list[dict], tmp_path: Path
) -> None:
    n = len(articles)
    crawled = str(tmp_path / "crawled.duckdb")
    summaries = []
    for lo, hi in ((0, n // 2), (n // 2, 3 * n // 4), (3 * n // 4, n)):
        write_batch(crawled, [], [dict(a) for a in articles[lo:hi]])
        summaries.append(update_clusters(crawled))
    assert [s.incremental for s in summaries] == [False, True, True]
    incremental = _partition(crawled)

    rebuilt = str(tmp_path / "rebuilt.duckdb")
    write_batch(rebuilt, [], [dict(a) for a in articles])
    recluster(rebuilt)

    src, out = tmp_path / "docs.jsonl", tmp_path / "out.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for a in articles:
            row = {"id": a["url"], "text": a["text"], "role": a["role"],
                   "published_at": a["published_at"].isoformat(),
                   "credited_outlet": a["credited_outlet"]}  # fmt: skip
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    run_jsonl(str(src), str(out), None)
    streamed = _groups(
        (r["id"], r["cluster_id"]) for r in map(json.loads, out.read_text("utf-8").splitlines())
    )
    assert incremental == _partition(rebuilt) == streamed
    assert any(len(g) > 2 for g in incremental)  # stories with copies, not all singletons


def test_rebuild_after_crawls_keeps_partition_and_cluster_ids(
    articles: list[dict], tmp_path: Path
) -> None:
    db = str(tmp_path / "db.duckdb")
    n = len(articles)
    for lo, hi in ((0, 2 * n // 3), (2 * n // 3, n)):
        write_batch(db, [], [dict(a) for a in articles[lo:hi]])
        update_clusters(db)
    with reader(db) as con:
        before = dict(con.execute("SELECT url, cluster_id FROM articles").fetchall())
    recluster(db)
    with reader(db) as con:
        after = dict(con.execute("SELECT url, cluster_id FROM articles").fetchall())
    assert after == before


def test_a_story_copied_more_often_than_an_lsh_bucket_holds(tmp_path: Path) -> None:
    """A viral story: 77 copies share every band key, past ``max_bucket_size`` (64).  The
    crawl that brings the bucket past that size must still put its copies in the story
    (it rebuilds, as a join cannot band a crowded bucket the way a rebuild does)."""
    world = generate(SEED)
    story = world.stories[0]
    rows = [dict(url="http://pub/a", role="publisher", text=story.body)]
    rows += [
        dict(
            url=f"http://farm{k}/a", role="farm", text=" ".join(story.body) if k % 2 else story.body
        )
        for k in range(77)
    ]
    for r in rows:
        r.update(source=r["url"].split("/")[2], on_topic=True, page_urls=[r["url"]])
    db = str(tmp_path / "viral.duckdb")
    for lo, hi in ((0, 44), (44, 66), (66, 78)):
        write_batch(db, [], [dict(r) for r in rows[lo:hi]])
        update_clusters(db)
    assert _partition(db) == {frozenset(r["url"] for r in rows)}
