"""End to end on one small generated web (seed 20: 8 sites, 46 articles): the crawl a user
runs, twice, scored against the web's truth.  A regression check for issue 12, not the
measurement (that is ``make bench-generalise`` on fresh seeds).

Every figure is asserted at the issue's threshold (``TARGETS``); this web meets them all
since the split-article and reply-page fixes (two runs: body F1 0.998, chrome 0, pair F1
1.0, 0 re-downloads, 4/4 new copies).  The JSON is printed (``-s``) and written to
``GENWEB_REPORT`` when set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.genweb.score import crawl_and_score
from tests.genweb.web import GenWeb

pytestmark = pytest.mark.e2e
SEED = 20
TARGETS = {  # issue 12's goals
    "found": 0.98,
    "body_f1": 0.97,
    "with_chrome": 0.02,
    "titles_exact": 0.95,
    "non_article_rows": 2,
    "pair_f1": 0.98,
    "canonical_is_original": 0.95,
    "traps": 20,
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    with GenWeb(SEED) as web:
        data = crawl_and_score(web, tmp_path_factory.mktemp("genweb"), [], explain=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    print(text)
    if os.environ.get("GENWEB_REPORT"):
        Path(os.environ["GENWEB_REPORT"]).write_text(text, encoding="utf-8")
    return data


def test_both_crawls_print_a_summary(figures):
    assert any(line.startswith("pages:") for line in figures["summary"]["crawl1"])
    assert figures["web"]["new_in_phase2"] == 4


def test_robots_obeyed(figures):
    assert figures["robots_violations"] == 0, figures["explain"]["robots"]


def test_crawl_delay_obeyed(figures):
    assert figures["crawl_delay_gaps_below"] == 0, figures["explain"]["crawl_delay"]


def test_recrawl_stores_nothing_twice(figures):
    assert figures["recrawl"]["duplicate_rows"] == 0


def test_recrawl_downloads_nothing_unchanged(figures):
    got = figures["recrawl"]["redownloaded_unchanged"]
    assert got <= 0, figures["explain"]["redownloaded"]


def test_offtopic_never_canonical(figures):
    assert figures["final"]["offtopic_in_canonical"] == 0


def test_endless_spaces_contained(figures):
    assert figures["trap_requests_max"] <= TARGETS["traps"], figures["trap_requests"]


def test_reachable_articles_found(figures):
    assert figures["final"]["found"] >= TARGETS["found"], figures["explain"]["final"]["missing"]


def test_body_extraction(figures):
    weak = figures["explain"]["phase1"]["weak_extraction"][:6]
    assert figures["phase1"]["body_f1"] >= TARGETS["body_f1"], weak


def test_chrome_left(figures):
    left = figures["explain"]["phase1"]["chrome_left"][:10]
    assert figures["phase1"]["with_chrome"] <= TARGETS["with_chrome"], left
    assert figures["final"]["with_chrome"] <= TARGETS["with_chrome"]  # a re-crawl adds none


def test_titles_exact(figures):
    wrong = figures["explain"]["phase1"]["wrong_titles"]
    assert figures["phase1"]["titles_exact"] >= TARGETS["titles_exact"], wrong


def test_rows_that_are_not_articles(figures):
    rows = figures["explain"]["phase1"]["non_article_rows"]
    assert figures["phase1"]["non_article_rows"] <= TARGETS["non_article_rows"], rows


def test_clustering_and_canonical(figures):
    clusters = figures["explain"]["clusters"]
    assert figures["final"]["pair_f1"] >= TARGETS["pair_f1"], clusters["clusters_merged"]
    assert figures["final"]["canonical_is_original"] >= TARGETS["canonical_is_original"]


def test_new_copies_joined(figures):
    joined, total = figures["recrawl"]["new_copies_joined"].split("/")
    missing = int(total) - int(joined)
    assert missing <= 0, figures["explain"]["new_copies"]
