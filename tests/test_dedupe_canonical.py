"""Choosing the canonical copy of a cluster, and the dates a text reports."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dedupe.canonical import (
    CanonicalRules,
    choose_canonical,
    credible_dates,
    most_credited_outlet,
    rank_members,
)
from dedupe.dates import reported_dates, text_floor
from dedupe.records import DocRecord

SEED = Path("/work/shared/seeds/content-farm-reprint.txt")
FALLBACK = (
    "南都记者8月23日从杭州市萧山区检察院获悉，近日，由杭州市萧山区人民检察院提起的利用“AI换脸”"
    "技术侵犯公民个人信息民事公益诉讼案获判。\n2023年4月，萧山区检察院在办理刑事案件中发现公益诉讼"
    "线索。\n6月9日，萧山区检察院依法提起民事公益诉讼。\n7月28日，杭州互联网法院公开开庭审理本案。"
)


@pytest.fixture(scope="module")
def farm_page() -> str:
    """The real farm reprint: article, 版权声明, 上一篇/下一篇, 相关推荐 (dated 2022-2025)."""
    return SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK


@pytest.fixture(scope="module")
def article(farm_page: str) -> str:
    """The article alone, as the publisher page's extraction would give it."""
    body = farm_page.split("版权声明")[0]
    return body.split("\n", 1)[1].strip() if "\n" in body else body


def _at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour)


# -- dates in text -----------------------------------------------------------------------


def test_reported_dates_infer_year_from_context(article: str) -> None:
    dates = reported_dates(article, reference=date(2023, 8, 24))
    assert date(2023, 8, 23) in dates  # lead "南都记者8月23日从……获悉", year from the reference
    assert date(2023, 6, 9) in dates  # "6月9日" after "2023年4月": year from the text
    assert date(2023, 8, 15) not in dates  # "8月15日起实施": forward-looking, dropped
    assert text_floor(article, date(2023, 8, 24)) == date(2023, 8, 23)


def test_reported_dates_formats_and_horizon() -> None:
    text = (
        "2024年8月23日，记者获悉。该规定将于2024年9月1日起施行。旧文2023-05-06发布。"
        "相关推荐 2025年4月25日"
    )
    assert reported_dates(text, reference=date(2024, 8, 24)) == [
        date(2024, 8, 23),
        date(2023, 5, 6),
    ]
    # A month-day near the new year belongs to the previous year.
    assert reported_dates("12月30日，某地发生火灾。", date(2024, 1, 2)) == [date(2023, 12, 30)]
    assert reported_dates("2月30日，无效日期。", date(2024, 3, 1)) == []


def test_farm_chrome_dates_do_not_raise_the_floor(farm_page: str) -> None:
    # The farm page lists 相关推荐 dated up to 2025: beyond the horizon of a 2023 story.
    assert text_floor(farm_page, date(2023, 8, 24)) == date(2023, 8, 23)


# -- canonical choice --------------------------------------------------------------------


def test_publisher_beats_earlier_longer_farm(article: str, farm_page: str) -> None:
    members = [
        DocRecord(1, farm_page, role="farm", published_at=_at("2023-08-23", 8)),
        DocRecord(
            2,
            article,
            role="publisher",
            published_at=_at("2023-08-23", 10),
            source_outlet="南方都市报",
        ),
    ]
    assert choose_canonical(members) == 2


def test_backdated_farm_loses_to_later_credible_farm(article: str) -> None:
    members = [
        DocRecord(1, article, role="farm", published_at=_at("2023-08-25")),
        # Back-dated before the "8月23日" its own text reports: not credible.
        DocRecord(2, article, role="farm", published_at=_at("2023-08-01")),
        DocRecord(3, article + "\n责任编辑：张三", role="farm", published_at=_at("2023-08-26")),
    ]
    ranked = rank_members(members)
    assert [r.id for r in ranked] == [1, 3, 2]
    assert ranked[-1].credible_date is None


def test_backdated_beyond_median_or_publisher_is_not_credible() -> None:
    text = "某市发布新规，涉及人工智能生成内容的标识要求。" * 5  # no dates in the text
    members = [
        DocRecord(1, text, role="publisher", published_at=_at("2024-03-10")),
        DocRecord(2, text, published_at=_at("2024-03-08")),  # 2 days early: within slack
        DocRecord(3, text, published_at=_at("2024-03-01")),  # 9 days before the publisher
        DocRecord(4, text, published_at=_at("2024-03-11")),
    ]
    days = credible_dates(members)
    assert days == {1: date(2024, 3, 10), 2: date(2024, 3, 8), 3: None, 4: date(2024, 3, 11)}
    farms = [m for m in members if m.role == "farm"] + [
        DocRecord(5, text, published_at=_at("2024-03-12")),
        DocRecord(6, text, published_at=_at("2023-12-01")),  # ~100 days before the median
    ]
    assert credible_dates(farms)[6] is None
    # Without the publisher copy, 2024-03-01 is within 30 days of the median: it wins.
    assert choose_canonical(farms) == 3


def test_credited_outlet_breaks_ties_between_publishers(article: str) -> None:
    members = [
        # A portal (publisher role) reprinting, earlier and crediting 南方都市报.
        DocRecord(
            1,
            article + "\n来源：南方都市报",
            role="publisher",
            published_at=_at("2023-08-23", 7),
            source_outlet="新浪新闻",
            credited_outlet="南方都市报",
        ),
        DocRecord(
            2,
            article,
            role="publisher",
            published_at=_at("2023-08-23", 11),
            source_outlet="南方都市报",
            credited_outlet="南方都市报",
        ),
        DocRecord(
            3, article, role="farm", published_at=_at("2023-08-22"), credited_outlet="南方都市报"
        ),
    ]
    assert most_credited_outlet(members) == "南方都市报"
    assert choose_canonical(members) == 2
    # Among farms only: the one that credits the outlet beats an earlier one that does not.
    farms = [
        DocRecord(4, article, published_at=_at("2023-08-24"), credited_outlet="南方都市报"),
        DocRecord(5, article, published_at=_at("2023-08-23")),
        DocRecord(6, article, published_at=_at("2023-08-25"), credited_outlet=" 南方都市报 "),
    ]
    assert choose_canonical(farms) == 4


def test_ties_longest_then_smallest_id_and_never_arrival_order(article: str) -> None:
    same = _at("2023-08-24")
    members = [
        DocRecord(9, article, published_at=same),
        DocRecord(4, article, published_at=same),
        DocRecord(7, article[:-20], published_at=same),
        DocRecord(3, article[:-20], published_at=None),
    ]
    expected = 4
    rng = random.Random(0)
    for _ in range(10):
        rng.shuffle(members)
        assert choose_canonical(members) == expected


def test_timezone_aware_dates_and_slack(article: str) -> None:
    utc = UTC
    members = [
        # 22:30 UTC on the 22nd is the morning of the 23rd in Beijing: within text_slack.
        DocRecord(1, article, published_at=datetime(2023, 8, 22, 22, 30, tzinfo=utc)),
        DocRecord(2, article, published_at=datetime(2023, 8, 24, 1, 0, tzinfo=utc)),
    ]
    assert choose_canonical(members) == 1
    strict = CanonicalRules(text_slack=timedelta(0))
    assert choose_canonical(members, strict) == 2


def test_empty_cluster_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        choose_canonical([])


def test_canonical_rows_matches_choose_canonical() -> None:
    """The one-lexsort path for components without metadata gives choose_canonical's answer."""
    import numpy as np

    from dedupe.canonical import canonical_rows

    rng = np.random.default_rng(4)
    labels = np.sort(rng.integers(0, 40, size=200))
    labels = np.array([np.flatnonzero(labels == v)[0] for v in labels])  # smallest row
    lengths = rng.integers(1, 6, size=200)  # many ties in length
    centrality = rng.choice([0.0, 0.5, 1.25], size=200)
    got = canonical_rows(labels, lengths, {}, centrality)
    for label in np.unique(labels).tolist():
        rows = np.flatnonzero(labels == label).tolist()
        members = [DocRecord(r, "字" * int(lengths[r])) for r in rows]
        expected = choose_canonical(members, centrality={r: centrality[r] for r in rows})
        assert set(got[rows].tolist()) == {expected}


def test_central_member_beats_longer_copies() -> None:
    members = [DocRecord(1, "a" * 50), DocRecord(2, "a" * 80), DocRecord(3, "a" * 90)]
    assert choose_canonical(members) == 3  # longest without similarity information
    assert choose_canonical(members, centrality={1: 1.7, 2: 1.2, 3: 1.1}) == 1
    # Metadata still comes first.
    members[2] = DocRecord(3, "a" * 90, role="publisher")
    assert choose_canonical(members, centrality={1: 1.7, 2: 1.2, 3: 1.1}) == 3
