"""Checks on the demo web's content file (crawler/demoweb/stories.json).

The demo web is our offline stand-in for the real web, so its content has to pose the problems the
pipeline must solve: copies of the same article (dedupe must cluster them), different articles about
the same case that reuse sentences (dedupe must keep them apart), and off-topic or near-miss pages
(the topic filter must drop them). These tests pin those properties so an edit to the prose cannot
silently turn a hard negative into a duplicate or a near-miss into an on-topic story.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[1] / "crawler" / "demoweb" / "stories.json"
DATE_FMT = "%Y-%m-%d %H:%M"
LEGAL_TERMS = ("法院", "检察", "诉讼", "判决", "起诉", "判处", "获刑")
FACE_SWAP_TERMS = ("换脸", "深度合成", "深度伪造")


def _load() -> dict:
    with CONTENT.open(encoding="utf-8") as fh:
        return json.load(fh)


DOC = _load()
STORIES: list[dict] = DOC["stories"]
OFFTOPIC: list[dict] = DOC["offtopic"]


def _text(item: dict) -> str:
    return "".join(item["paragraphs"])


def _sentences(item: dict) -> set[str]:
    """Sentences split on 。; fragments under 8 chars (subheads, closing quotes) are ignored."""
    return {s.strip() for p in item["paragraphs"] for s in p.split("。") if len(s.strip()) >= 8}


def _shingles(item: dict, k: int = 5) -> set[str]:
    text = re.sub(r"\s+", "", _text(item))
    return {text[i : i + k] for i in range(len(text) - k + 1)}


def _published(item: dict) -> datetime:
    return datetime.strptime(item["published"], DATE_FMT)


def _pairs() -> list[tuple[dict, dict]]:
    by_case: dict[str, list[dict]] = {}
    for story in STORIES:
        by_case.setdefault(story["case"], []).append(story)
    pairs = []
    for stories in by_case.values():
        ordered = sorted(stories, key=_published)
        pairs.extend(zip(ordered, ordered[1:], strict=False))
    return pairs


PAIRS = _pairs()


def test_outlets_and_top_level_schema() -> None:
    assert set(DOC) == {"outlets", "stories", "offtopic", "chrome"}
    assert DOC["outlets"]["nandu"]["name"] == "南方都市报"
    assert DOC["outlets"]["fazhi"]["name"] == "法治日报"
    for outlet in DOC["outlets"].values():
        assert outlet["short"] and outlet["name"] in outlet["aliases"]


def test_story_counts_and_unique_ids() -> None:
    assert len(STORIES) >= 14
    publishers = [s["publisher"] for s in STORIES]
    assert publishers.count("nandu") >= 7 and publishers.count("fazhi") >= 7
    ids = [s["id"] for s in STORIES] + [o["id"] for o in OFFTOPIC]
    assert len(ids) == len(set(ids))
    assert len({s["title"] for s in STORIES}) == len(STORIES)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s["id"])
def test_story_shape(story: dict) -> None:
    keys = {"id", "case", "publisher", "title", "published", "byline", "paragraphs"}
    assert keys | {"alt_titles", "summary"} == set(story)
    assert 8 <= len(story["paragraphs"]) <= 14
    assert 1200 <= len(_text(story)) <= 2500
    assert len(story["paragraphs"]) == len(set(story["paragraphs"])), "repeated paragraph"
    published = _published(story)
    assert 2023 <= published.year <= 2025
    prefix = {"nandu": "南都记者", "fazhi": "法治日报记者"}[story["publisher"]]
    assert story["byline"].startswith(prefix)
    assert all(story["byline"] not in p for p in story["paragraphs"])
    assert len(set(story["alt_titles"])) == 3 and story["title"] not in story["alt_titles"]
    assert 20 <= len(story["summary"]) <= 150
    assert any(term in _text(story) for term in FACE_SWAP_TERMS)
    assert any(term in _text(story) for term in LEGAL_TERMS)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s["id"])
def test_lead_date_matches_published(story: dict) -> None:
    """The lead's "X月Y日" is the news date: on or up to a week before publication."""
    match = re.search(r"(\d{1,2})月(\d{1,2})日", story["paragraphs"][0])
    assert match, "lead paragraph should date the news"
    published = _published(story)
    news = datetime(published.year, int(match[1]), int(match[2]))
    assert timedelta(0) <= published - news <= timedelta(days=7)


def test_at_least_four_case_pairs() -> None:
    assert len(PAIRS) >= 4


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0]['id']}-{p[1]['id']}")
def test_case_pair_is_a_hard_negative(pair: tuple[dict, dict]) -> None:
    earlier, later = pair
    assert _published(later) - _published(earlier) >= timedelta(days=60)
    shared = _sentences(earlier) & _sentences(later)
    assert 0.25 <= len(shared) / len(_sentences(later)) <= 0.6
    assert 0.25 <= len(shared) / len(_sentences(earlier)) <= 0.6
    assert earlier["paragraphs"][0] != later["paragraphs"][0]
    assert earlier["title"] != later["title"]


def test_stories_of_different_cases_share_few_shingles() -> None:
    worst = 0.0
    for a, b in itertools.combinations(STORIES, 2):
        if a["case"] == b["case"]:
            continue
        sa, sb = _shingles(a), _shingles(b)
        worst = max(worst, len(sa & sb) / min(len(sa), len(sb)))
    assert worst < 0.10


def test_no_sentence_reused_across_cases() -> None:
    owners: dict[str, str] = {}
    for story in STORIES:
        for sentence in _sentences(story):
            assert owners.setdefault(sentence, story["case"]) == story["case"], sentence


def test_offtopic_counts_and_lengths() -> None:
    kinds = [o["kind"] for o in OFFTOPIC]
    assert len(OFFTOPIC) >= 10
    assert kinds.count("farm-post") >= 4 and kinds.count("forum-thread") >= 2
    assert kinds.count("near-miss-tech") >= 2 and kinds.count("near-miss-legal") >= 2
    for post in OFFTOPIC:
        assert set(post) == {"id", "kind", "title", "published", "paragraphs"}
        assert 300 <= len(_text(post)) <= 900 and len(post["paragraphs"]) >= 3
        _published(post)


def test_near_misses_lack_one_half_of_the_topic() -> None:
    for post in OFFTOPIC:
        text = post["title"] + _text(post)
        if post["kind"] == "near-miss-tech":
            assert "换脸" in text and not any(t in text for t in LEGAL_TERMS)
        elif post["kind"] == "near-miss-legal":
            assert any(t in text for t in LEGAL_TERMS)
            assert not any(t in text for t in (*FACE_SWAP_TERMS, "AI"))


def test_chrome_pools() -> None:
    chrome = DOC["chrome"]
    minimum = {"disclaimers": 6, "ads": 8, "comments": 12, "forum_replies": 12, "signatures": 6}
    for pool, size in {**minimum, "related_titles": 12, "credit_lines": 6}.items():
        assert len(chrome[pool]) >= size, pool
    assert all(c["user"] and c["text"] for c in chrome["comments"])
    assert all(r["title"] and r["excerpt"] for r in chrome["related_titles"])
    story = STORIES[0]
    for line in chrome["credit_lines"]:
        filled = line.format(outlet="南方都市报", byline=story["byline"], title=story["title"])
        assert "{" not in filled
    assert any("{outlet}" in line for line in chrome["credit_lines"])
    assert any("{byline}" in line for line in chrome["credit_lines"])
