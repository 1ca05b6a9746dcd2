"""The story generator itself: deterministic, and its truth keeps farm additions apart."""

from __future__ import annotations

from tests.storygen import generate


def test_same_seed_same_world_other_seed_other_world():
    a, b, c = generate(11), generate(11), generate(12)
    assert [s.paragraphs for s in a.stories] == [s.paragraphs for s in b.stories]
    assert [x.shown for x in a.copies] == [x.shown for x in b.copies]
    assert {s.title for s in a.stories} != {s.title for s in c.stories}


def test_copy_body_excludes_additions_and_shown_is_body_plus_additions():
    for seed in range(5):
        world = generate(seed)
        for copy in world.copies:
            added = [text for _, _, text in copy.additions]
            assert not set(added) & set(copy.paragraphs)
            assert [p for p in copy.shown if p not in added] == list(copy.paragraphs)
            for index, _, text in copy.additions:
                assert copy.shown[index] == text


def test_siblings_share_paragraphs_but_not_facts():
    shared = differing = 0
    for seed in range(10):
        world = generate(seed)
        for ids in world.families().values():
            if len(ids) < 2:
                continue
            a, b = world.story(ids[0]), world.story(ids[1])
            assert a.body != b.body
            shared += bool(set(a.paragraphs) & set(b.paragraphs))
            differing += bool(set(a.paragraphs) ^ set(b.paragraphs))
    assert shared > 0 and differing > 0


def test_paragraph_lengths_are_news_like():
    lengths = [len(p) for s in generate(3).stories for p in s.paragraphs]
    assert min(lengths) >= 10 and max(lengths) <= 220
    assert 60 <= sum(lengths) / len(lengths) <= 140
