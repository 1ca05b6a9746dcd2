"""Quality gate: per-set character-bigram F1 floors on real pages nobody here wrote.

Floors sit a little under what the extractor measured when they were set (see the report
of tests/bench/bench_extract.py), so a change that makes extraction worse fails here.
Skips cleanly when the shared corpora are not beside this checkout.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

import pytest

_BENCH = Path(__file__).parent / "bench" / "bench_extract.py"
_spec = importlib.util.spec_from_file_location("bench_extract", _BENCH)
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_extract"] = bench  # dataclasses look their module up while executing it
_spec.loader.exec_module(bench)

pytestmark = pytest.mark.skipif(bench.corpora_dir() is None, reason="shared corpora not found")

# measured 0.983 / 0.907 / 0.964 / 0.996 / 0.976 when these floors were set.  readability
# was 0.985 until reprint bans ("…未经授权，不得转载、摘编等。") became chrome: its qq
# reference keeps one; the chrome list starts with such notices.  Its floor is the
# issue's own gate.
F1_FLOORS = {
    "magichtml-article": 0.975,
    "magichtml-forum": 0.895,
    "zh-webcontent": 0.955,
    "newspaper4k": 0.99,
    "readability": 0.97,
}
# `reprints extract` on saved pages has no URL to go by: the forum set read that way
# (measured 0.897) must still keep the replies of discussions.
FORUM_FLOOR_WITHOUT_URL = 0.89


@pytest.fixture(scope="module")
def result() -> dict:
    logging.disable(logging.WARNING)
    try:
        pages = bench.load([*F1_FLOORS, "trafilatura-eval", "gne"])
        return bench.run(pages, bench.ours, per_page=False)
    finally:
        logging.disable(logging.NOTSET)


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_f1_floor(result: dict, name: str):
    assert result["sets"][name]["f1"] >= F1_FLOORS[name], result["sets"][name]


def test_chrome_markers_kept_at_most_two(result: dict):
    assert result["markers_kept_with_reference"] <= 2, {
        n: e["kept"] for n, e in result["sets"].items() if e["kept"]
    }


def test_gne_pages_keep_little_chrome(result: dict):
    # no reference text: every marker found counts (plain trafilatura keeps 45 here)
    # (2 measured, both the word 举报 inside article prose)
    assert result["sets"]["gne"]["markers_kept"] <= 3, result["sets"]["gne"]["kept"]


def test_trafilatura_eval_snippets(result: dict):
    entry = result["sets"]["trafilatura-eval"]
    kept, total = map(int, entry["must_have"].split("/"))
    assert kept >= total - 1 and entry["must_not_leaked"] == 0, entry


def test_forum_threads_without_urls():
    pages = bench.load(["magichtml-forum"])
    for page in pages:
        page.url = ""
    logging.disable(logging.WARNING)
    try:
        entry = bench.run(pages, bench.ours, per_page=False)["sets"]["magichtml-forum"]
    finally:
        logging.disable(logging.NOTSET)
    assert entry["f1"] >= FORUM_FLOOR_WITHOUT_URL, entry


@pytest.fixture(scope="module")
def aeb_result() -> dict:
    logging.disable(logging.WARNING)
    try:
        result = bench.aeb_figures(with_plain=False)
    finally:
        logging.disable(logging.NOTSET)
    if result is None:
        pytest.skip("scrapinghub-aeb not in the shared corpora")
    return result


def test_aeb_metric_reproduces_the_published_trafilatura_figure(aeb_result: dict):
    # the metric is ours; it must give upstream trafilatura 2.0.0's predictions their 0.958
    upstream = aeb_result["upstream_trafilatura_2.0.0"]["f1"]
    assert abs(upstream - aeb_result["published_trafilatura_2.0.0_f1"]) < 0.002, aeb_result


def test_english_pages_stay_above_trafilatura(aeb_result: dict):
    # measured 0.964 (plain trafilatura 2.3.1: 0.953) when this floor was set
    assert aeb_result["ours"]["f1"] >= 0.958, aeb_result


# measured 0.863 (dates) and 0.42 (bylines) when set; plain trafilatura: 0.627 and 0.04.
# Bylines top out well below 1: the reference's "author" is often the page's editor.
METADATA_FLOORS = {"date": 0.84, "byline": 0.38}


def test_dates_and_bylines_floor():
    from tests.bench.metadata_eval import score

    logging.disable(logging.WARNING)
    try:
        figures = score(bench.corpora_dir(), with_plain=False)
    finally:
        logging.disable(logging.NOTSET)
    assert figures is not None
    for field, floor in METADATA_FLOORS.items():
        assert figures["ours"][field] >= floor, figures
