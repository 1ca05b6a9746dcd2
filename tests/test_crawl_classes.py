"""Crawl-side classes of issue 12 on seeded small webs (tests/classweb.py), crawled twice.

Per site: every article stored with its whole text (split pages joined, thread replies
left out), later pages and reply pages never stored as articles, and on the re-crawl every
new copy found, no unchanged page downloaded again, no duplicate row.  The figures are
printed as JSON (run with ``-s``); ``CLASSWEB_SEEDS`` (``1,2,3``) measures other seeds.
"""

from __future__ import annotations

import json
import os

import pytest

from pipelines.extract import extract_page
from tests.bench.bench_extract import _norm as normalise
from tests.bench.bench_extract import bigram_f1
from tests.classweb import class_web
from tests.e2e_helpers import FAST, query, reprints
from tests.tinyweb import TinyWeb

pytestmark = pytest.mark.e2e
SEEDS = [int(s) for s in os.environ.get("CLASSWEB_SEEDS", "11,12").split(",")]


def crawl_twice(seed: int, tmp) -> dict:
    phases, truths = class_web(seed)
    db = str(tmp / f"classweb-{seed}.duckdb")
    with TinyWeb(phases) as web:
        sources = tmp / f"sources-{seed}.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        for phase in (1, 2):
            web.phase = phase
            done = reprints("crawl", "--sources", str(sources), "--db", db, *FAST)
            assert done.returncode == 0, done.stderr[-3000:]
            if phase == 1:
                first = web.requests()
        second = web.requests()[len(first) :]
        bases = {name: web.base_url(name) for name in web.names}
    return {"db": db, "truths": truths, "bases": bases, "second": second, "phases": phases}


def own_paragraphs_kept(text: str, body: str, others: list[str]) -> float:
    """Share of the article's paragraphs found in ``text``, leaving out the paragraphs it
    shares with other articles of its site (the post-crawl template clean-up's business,
    issue 12 class 1, not the crawler's)."""
    shared = {normalise(p) for other in others for p in other.split("\n")}
    own = [normalise(p) for p in body.split("\n") if normalise(p) not in shared]
    kept = normalise(text)
    return sum(p in kept for p in own) / len(own) if own else 1.0


def extractable(run: dict, site: str, path: str) -> bool:
    """Whether the extractor reads the article's pages, served as they are, as an article:
    an article it cannot read is the extractor's miss, not the crawler's."""
    pages = run["phases"][1][site]
    paths = run["truths"][site].pages.get(path, [path])
    bodies = [getattr(pages[p], "html", pages[p]).encode() for p in paths]
    return extract_page(bodies, run["bases"][site] + path).is_article


def figures(run: dict) -> dict:
    rows = {u: t for u, t in query(run["db"], "SELECT url, text FROM articles")}
    page_urls = dict(query(run["db"], "SELECT url, page_urls FROM articles"))
    out = {}
    for site, truth in run["truths"].items():
        base = run["bases"][site]
        found = {p: rows[base + p] for p in truth.articles if base + p in rows}
        f1 = [bigram_f1(text or "", truth.articles[p]) for p, text in found.items()]
        bodies = truth.articles
        kept = [
            own_paragraphs_kept(t or "", bodies[p], [b for q, b in bodies.items() if q != p])
            for p, t in found.items()
        ]
        with_replies = [
            p for p, text in found.items() if any(r in text for r in truth.replies.get(p, []))
        ]
        readable = [p for p in truth.articles if extractable(run, site, p)]
        out[site] = {
            "articles": len(truth.articles),
            "found": len(found),
            "readable": len(readable),  # by the extractor, offline
            "readable_found": sum(p in found for p in readable),
            "min_f1": round(min(f1), 3) if f1 else 0.0,
            "min_own_paragraphs": round(min(kept), 3) if kept else 0.0,
            "with_replies": len(with_replies),
            "split_joined": sum(
                list(page_urls.get(base + p) or []) == [base + q for q in pages]
                for p, pages in truth.pages.items()
            ),
            "split": len(truth.pages),
            "later_pages_as_articles": sum(base + p in rows for p in truth.later_pages),
            "non_article_rows": sum(base + p in rows for p in truth.non_articles),
            "new_found": sum(
                base + p in rows for s, p in truth.new_in_phase2 if s == site and p in readable
            ),
            "new": sum(s == site and p in readable for s, p in truth.new_in_phase2),
        }
    bases = run["bases"]
    unchanged = {
        (site, path)
        for site, truth in run["truths"].items()
        for path, page in run["phases"][0][site].items()
        if run["phases"][1][site].get(path) == page
        # a page served without validators must be downloaded again, unless it is an article
        and (getattr(page, "validators", True) or bases[site] + path in rows)
    }
    again = [
        f"{r.site}{r.path}"
        for r in run["second"]
        if r.status == 200 and (r.site, r.path) in unchanged
    ]
    out["redownloaded_unchanged"] = len(again)
    out["redownloaded_examples"] = again[:5]
    out["duplicate_rows"] = query(run["db"], "SELECT count(*) - count(DISTINCT url) FROM articles")[
        0
    ][0]
    return out


@pytest.fixture(scope="module", params=SEEDS)
def run(request, tmp_path_factory):
    return crawl_twice(request.param, tmp_path_factory.mktemp("classweb"))


def test_every_class_on_a_seeded_web(run):
    got = figures(run)
    print(json.dumps(got, ensure_ascii=False))
    for site in run["truths"]:
        f = got[site]
        assert f["readable_found"] == f["readable"], (site, f)
        assert f["split_joined"] == f["split"], (site, f)
        # text is the extractor's: a one-line page 1 in a <section><span> is read as empty
        # (found here, not a crawl problem), so whole paragraphs are checked loosely
        assert f["min_own_paragraphs"] >= 0.75, (site, f)
        assert f["with_replies"] == 0, (site, f)
        assert f["later_pages_as_articles"] == 0, (site, f)
        assert f["new_found"] == f["new"], (site, f)
    assert sum(got[site]["non_article_rows"] for site in run["truths"]) <= 2, got
    assert got["redownloaded_unchanged"] == 0, got
    assert got["duplicate_rows"] == 0, got
