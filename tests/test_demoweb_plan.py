"""The demo web without a server: content validation, the copy plan, text helpers, and
ground-truth invariants (determinism, credits, back-dating, trimming)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demoweb import DemoWeb
from crawler.demoweb.content import DEFAULT_STORIES, load_content
from crawler.demoweb.plan import FARMS, Planner, assign_farms
from crawler.demoweb.textops import (
    encode_gbk,
    halfwidth,
    http_date,
    pangu_spaces,
    parse_http_date,
    slugify_cn,
)

SAMPLE = Path(__file__).parent / "fixtures" / "demoweb_sample_stories.json"
CONTENTS = [SAMPLE] + ([DEFAULT_STORIES] if DEFAULT_STORIES.exists() else [])


def _broken(tmp_path: Path, mutate) -> Path:
    raw = json.loads(SAMPLE.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["stories"][0].pop("title"), "stories[0]: missing field 'title'"),
        (lambda r: r["stories"][0].update(published="23/08/2024"), "cannot read date"),
        (lambda r: r["stories"][0].update(publisher="xinhua"), "is not one of"),
        (lambda r: r["offtopic"][0].update(kind="spam"), "offtopic[0].kind"),
        (lambda r: r["offtopic"][0].update(id="s01"), "duplicate"),
    ],
)
def test_content_validation_names_the_field(tmp_path, mutate, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_content(_broken(tmp_path, mutate))


def test_missing_content_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        DemoWeb(tmp_path / "nope.json")


@pytest.mark.parametrize("path", CONTENTS, ids=lambda p: p.name)
def test_copy_plan(path):
    content = load_content(path)
    chosen = assign_farms(content.stories)
    assert all(2 <= len(farms) <= 5 and len(set(farms)) == len(farms) for farms in chosen.values())
    for farm in FARMS:
        assert sum(farm in farms for farms in chosen.values()) >= 2, farm
    planner = Planner(content)
    new = planner.phase2
    assert len(new) >= 3 and len({farm for _, farm in new}) >= 2
    assert all(farm not in chosen[story.id] for story, farm in new)
    assert assign_farms(content.stories) == chosen  # deterministic


@pytest.mark.parametrize("path", CONTENTS, ids=lambda p: p.name)
def test_truth_invariants(path):
    web = DemoWeb(path, port=18081)  # no server needed: the port fixes the URLs
    truth = web.truth()
    content = load_content(path)
    originals = {s.id: s for s in content.stories}
    by_story: dict[str, list] = {}
    for art in truth.articles:
        assert art.title and art.body and isinstance(art.published, datetime)
        assert "?" not in art.url or "?p=" not in art.url
        if art.story_id is None:
            assert not art.on_topic and art.kind == "offtopic"
            continue
        by_story.setdefault(art.story_id, []).append(art)
        story = originals[art.story_id]
        if art.kind == "original":
            assert art.role == "publisher" and art.body == "\n".join(story.paragraphs)
            assert art.published == story.published
        if art.back_dated:
            assert art.site == "mirror" and art.published < story.published
        elif art.kind == "copy":
            assert art.published > story.published.replace(hour=0, minute=0)
        if art.trimmed:
            lines = art.body.split("\n")
            assert len(lines) == len(story.paragraphs) - 1
            assert art.site == "splitfarm"
    for story_id, arts in by_story.items():
        assert sum(a.kind == "original" for a in arts) == 1
        assert 3 <= len(arts) <= 6, story_id  # the original + 2-5 copies
    assert any(a.back_dated for a in truth.articles)
    assert any(a.trimmed for a in truth.articles)
    credited = [a for a in truth.articles if a.kind == "copy" and a.credited_outlet]
    uncredited = [a for a in truth.articles if a.kind == "copy" and not a.credited_outlet]
    assert credited and uncredited
    assert {a.credited_outlet for a in credited} <= {o.name for o in content.outlets.values()}
    assert len({a.url for a in truth.articles}) == len(truth.articles)
    assert not set(truth.non_articles) & {a.url for a in truth.articles}
    kinds = {o.id: o.kind for o in content.offtopic}
    sites_of = {a.site for a in truth.articles if a.story_id is None}
    assert "forum" in sites_of and len(sites_of) >= 4 and kinds


def test_pages_are_deterministic():
    a, b = DemoWeb(SAMPLE, port=18082), DemoWeb(SAMPLE, port=18082)
    urls = [u for art in a.truth().articles for u in art.page_urls] + a.truth().non_articles
    hosts = {s.base_url: s.name for s in a.sites}
    for url in urls:
        parts = urlsplit(url)
        site = hosts[f"{parts.scheme}://{parts.netloc}"]
        one = a.resolve(site, parts.path, parts.query).page
        two = b.resolve(site, parts.path, parts.query).page
        assert one.status == 200 and one.body == two.body, url


def test_bad_arguments():
    with pytest.raises(ValueError, match="base_ip"):
        DemoWeb(SAMPLE, base_ip=250)
    with pytest.raises(ValueError, match="phase"):
        DemoWeb(SAMPLE, phase=3)
    with pytest.raises(RuntimeError, match="start"):
        DemoWeb(SAMPLE).truth()


def test_text_helpers():
    assert halfwidth("法院：判了，“AI换脸”违法。再见。") == '法院:判了,"AI换脸"违法. 再见.'
    assert pangu_spaces("用AI换脸赔68万元") == "用 AI 换脸赔 68 万元"
    assert encode_gbk("王玥𠮷") == "王玥".encode("gbk") + b"&#134071;"
    stamp = datetime(2024, 8, 23, 10, 15)
    assert http_date(stamp) == "Fri, 23 Aug 2024 02:15:00 GMT"
    assert parse_http_date(http_date(stamp)) == stamp
    assert parse_http_date("yesterday") is None
    assert slugify_cn("AI换脸：判了！") == "ai%E6%8D%A2%E8%84%B8-%E5%88%A4%E4%BA%86"
