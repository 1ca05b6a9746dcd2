"""The decision's speed work changes no decision: a group's first-core pairs are prepared
as one batch (``dedupe.decide._first_core_pairs``), a one-story group's canonical is read
off its visit order (``_first_ranked``), and the closings' frame test of a stage conflict
runs only where it can change the answer (``dedupe.stages.stage_conflict``)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

import dedupe.decide as decide_module
import dedupe.stages as stages_module
from dedupe.align import Gap
from dedupe.canonical import choose_canonical
from dedupe.compare import profiles
from dedupe.decide import _first_ranked, decide
from dedupe.overlap import Overlap
from dedupe.prepared import kgram_hashes, prepare
from dedupe.records import DocRecord
from dedupe.stories import visit_order
from tests.storygen import generate


def _noisy_copy(body: str, rng: random.Random) -> str:
    """A farm copy: a few characters replaced, a line of chrome added, the lead kept."""
    chars = list(body)
    for _ in range(rng.randrange(3, 9)):
        at = rng.randrange(len(chars))
        if chars[at] != "\n":
            chars[at] = rng.choice("的了是在和有")
    return "".join(chars) + "\n" + rng.choice(["相关阅读", "责任编辑：王某", "点击关注我们"])


def _group(rng: random.Random, copies: int) -> list[DocRecord]:
    body = "\n".join(
        f"第{k}段：{rng.choice('东南西北')}市法院今日宣判一起案件，被告人{rng.choice('张王李赵')}某"
        f"被判处有期徒刑{rng.randrange(1, 9)}年，并处罚金{rng.randrange(2, 90)}万元。"
        for k in range(8)
    )
    start = datetime(2024, 5, 1)
    records = [DocRecord(id=0, text=body, role="publisher", published_at=start)]
    for k in range(1, copies + 1):
        when = start + timedelta(days=rng.randrange(0, 5))
        records.append(DocRecord(id=k, text=_noisy_copy(body, rng), published_at=when))
    return records


def test_a_groups_first_core_pairs_are_prepared_in_one_call(monkeypatch) -> None:
    """Six noisy copies of one original, most aligned with it: one preparation call for the
    original and every copy aligned with it (one call per judged pair before), and one
    story with the original as its canonical."""
    records = _group(random.Random(5), 6)
    pairs = [(a.id, b.id) for a in records for b in records if a.id < b.id]
    calls: list[int] = []
    real = decide_module.prepare

    def counting(texts, *args, **kwargs):
        calls.append(len(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(decide_module, "prepare", counting)
    decision = decide(records, pairs)
    assert decision.stats["alignments"] >= 4
    assert len(calls) == 1 and calls[0] == decision.stats["alignments"] + 1
    assert decision.stories == [list(range(7))]
    assert set(decision.canonical.values()) == {0}


@pytest.mark.parametrize("seed", [2, 11, 29])
def test_the_canonical_read_off_the_visit_order_is_choose_canonicals(seed: int) -> None:
    """Members of a story world's groups with their centrality: ``_first_ranked`` of the
    visit order names the member ``choose_canonical`` names, ties and all."""
    world = generate(seed)
    rng = random.Random(seed)
    records = [
        DocRecord(id=k, text=s.body, role="publisher", published_at=s.published,
                  credited_outlet=s.outlet)
        for k, s in enumerate(world.stories)
    ]  # fmt: skip
    base = len(records)
    records += [
        DocRecord(id=base + k, text="\n".join(c.shown), published_at=c.published,
                  credited_outlet=c.credited_outlet)
        for k, c in enumerate(world.copies)
    ]  # fmt: skip
    grams = kgram_hashes([r.text for r in records])
    overlap = Overlap(dict(zip(range(len(records)), grams, strict=True)))
    for _ in range(40):
        members = rng.sample(records, rng.randrange(2, 9))
        ids = {m.id for m in members}
        neighbours = {m.id: ids - {m.id} for m in members}
        order = visit_order(sorted(members, key=lambda m: m.id), neighbours, overlap)
        centrality = {
            m.id: sum(overlap.containment(m.id, n) for n in neighbours[m.id]) for m in members
        }
        assert _first_ranked(order) == choose_canonical(members, centrality=centrality)


def _eager_stage_conflict(gaps: list[Gap], a, b):
    """``stage_conflict`` as it was: the frame test asked for every two-sided tail first."""
    kept = [
        g
        for g in gaps
        if g.a1 > g.a0
        and g.b1 > g.b0
        and max(g.a1 - g.a0, g.b1 - g.b0) >= 2
        and (
            g.where != "tail" or stages_module._one_frame(a.text[g.a0 : g.a1], b.text[g.b0 : g.b1])
        )
    ]
    own_a = set().union(*(stages_module._own_stages(a.prepared, b.text, g.a0, g.a1) for g in kept))
    own_b = set().union(*(stages_module._own_stages(b.prepared, a.text, g.b0, g.b1) for g in kept))
    return ("/".join(sorted(own_a)), "/".join(sorted(own_b))) if own_a and own_b else None


def test_the_frame_test_runs_only_for_a_tail_holding_a_stage_word(monkeypatch) -> None:
    """A lead gap with each text's own stage, and tails: the frame test is asked about a
    tail only when it holds a stage word of its own, and every verdict is the one asking
    about every tail gives."""
    a_text = "某某案今日开庭审理。\n网友评论很多很多很多很多。"
    b_text = "某某案今日一审宣判。\n读者留言不少不少不少不少。"
    pa, pb = profiles(prepare([a_text, b_text]))
    lead = Gap(4, 8, 4, 8, "inside")
    tail = Gap(len(pa.text) - 8, len(pa.text), len(pb.text) - 8, len(pb.text), "tail")
    staged_tail = Gap(4, 8, 4, 8, "tail")
    asked: list[tuple[str, str]] = []
    real = stages_module._one_frame

    def spy(x: str, y: str) -> bool:
        asked.append((x, y))
        return real(x, y)

    for gaps in ([lead, tail], [staged_tail], [lead, staged_tail, tail], [tail]):
        want = _eager_stage_conflict(gaps, pa, pb)
        monkeypatch.setattr(stages_module, "_one_frame", spy)
        asked.clear()
        assert stages_module.stage_conflict(gaps, pa, pb) == want
        monkeypatch.setattr(stages_module, "_one_frame", real)
        assert (pa.text[tail.a0 : tail.a1], pb.text[tail.b0 : tail.b1]) not in asked
        assert len(asked) == (staged_tail in gaps)
    assert stages_module.stage_conflict([lead, tail], pa, pb) is not None
