"""The decision path prepares only what it uses: k-gram sets for every text of a group,
the full alignment preparation only for texts of a pair that is aligned."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

import dedupe.decide as decide_module
import dedupe.jsonl as jsonl_module
import dedupe.overlap as overlap_module
from dedupe.compare import profiles
from dedupe.decide import Judge
from dedupe.jsonl import run_jsonl
from dedupe.prepared import kgram_hashes, prepare
from dedupe.records import DocRecord
from tests.storygen import generate

# Line breaks of every kind str.splitlines() cuts at, blank and whitespace-only lines,
# characters whose normalisation depends on a neighbour (combining marks, Hangul jamo) or
# expands (㎡, Ⅲ), full-width forms, and texts shorter than a k-gram.
_TRICKY = [
    "",
    "短",
    "四个字儿",
    "e\n\u0301café\r\n\u3000\n第二段，１２３㎡。",
    "\u1100\n\u1161한국\u2028어\u2029Ⅲ期\x1c工程\x85完工",
    "  \n\t\n标题\n\n正文 第一段 ABC def。\r\r正文第二段……\n",
    "ﬁnal\u0308\nstraße ΣΊΣΥΦΟΣ\x0bend\x0cpage\x1d\x1e",
]


def _random_text(rng: random.Random) -> str:
    pool = "新闻记者报道法院判决公司万元年月日，。！？、“”  \n\r\n\u2028\u0301e１２ABc㎡"
    return "".join(rng.choice(pool) for _ in range(rng.randrange(0, 80)))


def test_kgram_hashes_are_the_prepared_grams() -> None:
    rng = random.Random(7)
    texts = _TRICKY + [_random_text(rng) for _ in range(300)]
    fast = kgram_hashes(texts)
    slow = prepare(texts)
    for text, got, want in zip(texts, fast, slow, strict=True):
        assert np.array_equal(got, want.grams), repr(text)


def _world_records(seed: int) -> tuple[list[DocRecord], list[tuple[int, int]]]:
    world = generate(seed)
    records = [DocRecord(id=k, text=s.body, role="publisher") for k, s in enumerate(world.stories)]
    base = len(records)
    records += [DocRecord(id=base + k, text="\n".join(c.shown)) for k, c in enumerate(world.copies)]
    pairs = [(a.id, b.id) for a in records for b in records if a.id < b.id]
    return records, pairs


def test_a_pair_wholly_inside_is_judged_without_preparing_either_text() -> None:
    body = "\n".join(
        f"第{k}段：某市法院今日宣判一起案件，被告人被判处有期徒刑{k}年。" for k in range(8)
    )
    copy = body + "\n相关阅读"  # a copy with one short line of chrome: wholly inside by k-grams
    other = body.replace("法院", "检察院")  # shares much, not wholly inside: aligned
    records = {1: DocRecord(id=1, text=body), 2: DocRecord(id=2, text=copy),
               3: DocRecord(id=3, text=other)}  # fmt: skip
    judge = Judge(records, [1, 2, 3])
    assert judge(1, 2).verdict == "copy"
    assert judge.profiles == {} and judge.aligned == 0
    judge(1, 3)
    assert set(judge.profiles) == {1, 3} and judge.aligned == 1


def test_lazy_preparation_judges_as_preparing_everything_up_front() -> None:
    """Pairs of a story world judged by the lazy judge and by one whose texts were all
    prepared in one batch (as before): the same judgments, and the same stories."""
    records, pairs = _world_records(3)
    by_id = {r.id: r for r in records}
    lazy, eager = Judge(by_id, by_id), Judge(by_id, by_id)
    eager.profiles = dict(zip(by_id, profiles(prepare([r.text for r in records])), strict=True))
    sample = random.Random(3).sample(pairs, 300)
    assert [lazy(a, b) for a, b in sample] == [eager(a, b) for a, b in sample]
    assert lazy.aligned > 0 and lazy.aligned < len(sample)


def _jsonl_corpus(path: Path) -> None:
    world = generate(5)
    texts = [s.body for s in world.stories] + ["\n".join(c.shown) for c in world.copies]
    # Short texts: under a k-gram (one whole-text hash), exactly one k-gram, and two.
    texts += ["新闻", "新闻", "五个字新闻", "五个字新闻", "六个字的新闻", "六个字的新闻。"]
    with path.open("w", encoding="utf-8") as f:
        for k, text in enumerate(texts):
            f.write(json.dumps({"id": k, "text": text}, ensure_ascii=False) + "\n")


def test_input_path_hands_signing_shingles_to_the_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``dedupe --input`` reuses the shingles signing spilled as the decision's k-grams:
    only texts with one spilled hash are hashed again, and the answer is the one the
    decision gives when it hashes every text itself."""
    src = tmp_path / "in.jsonl"
    _jsonl_corpus(src)
    hashed: list[str] = []

    def counting(texts, k=5):
        hashed.extend(texts)
        return kgram_hashes(texts, k)

    monkeypatch.setattr(decide_module, "kgram_hashes", counting)
    run_jsonl(str(src), str(tmp_path / "reused.jsonl"), None, workers=1)
    assert hashed and all(len(t) <= 6 for t in hashed)
    hashed.clear()
    monkeypatch.setattr(jsonl_module, "ANCHOR_SIZE", 0)  # as if the sizes differed
    run_jsonl(str(src), str(tmp_path / "hashed.jsonl"), None, workers=1)
    assert len(hashed) > 20
    reused = (tmp_path / "reused.jsonl").read_text("utf-8")
    assert reused == (tmp_path / "hashed.jsonl").read_text("utf-8")
    assert len({json.loads(x)["cluster_id"] for x in reused.splitlines()}) < len(
        reused.splitlines()
    )


def test_input_path_judges_a_pair_wholly_inside_off_the_gate_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy wholly inside its original is judged from the intersection and set sizes the
    gate measured on the same spilled shingles: the decision sorts no k-gram set again."""
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for k in range(6):
            body = "\n".join(
                f"第{p}段：{k}号案件在{k + 3}市宣判，被告人{k}被判处有期徒刑{p + k}年零{p}个月。"
                for p in range(8)
            )
            for j, text in enumerate((body, body + "\n相关阅读")):
                f.write(json.dumps({"id": 2 * k + j, "text": text}, ensure_ascii=False) + "\n")
    sorted_sets: list[int] = []
    real = overlap_module.sorted_unique

    def counting(hashes: np.ndarray) -> np.ndarray:
        sorted_sets.append(hashes.size)
        return real(hashes)

    monkeypatch.setattr(overlap_module, "sorted_unique", counting)
    stats = run_jsonl(str(src), str(tmp_path / "out.jsonl"), None, workers=1)
    assert stats["joined"] == 6 and stats["copy_pairs"] == 6
    assert sorted_sets == []


def test_groups_of_two_are_prepared_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every group of two whose pair is not wholly inside is aligned, so its texts are
    prepared up front in one batch; the stories are those of preparing on first use."""
    records, pairs = [], []
    for k in range(4):
        body = "\n".join(
            f"第{p}段：{k}号案件在{k + 3}市宣判，被告人{k}被判处有期徒刑{p + k}年零{p}个月。"
            for p in range(8)
        )
        other = body.replace("宣判", "开庭审理").replace("被告人", "犯罪嫌疑人")
        records += [DocRecord(id=2 * k, text=body), DocRecord(id=2 * k + 1, text=other)]
        pairs.append((2 * k, 2 * k + 1))
    batches: list[int] = []
    real = decide_module.prepare

    def counting(texts, *args, **kwargs):
        batches.append(len(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(decide_module, "prepare", counting)
    ahead = decide_module.decide(records, pairs)
    assert batches == [8]
    monkeypatch.setattr(decide_module.Judge, "prepare_aligned", lambda self, pairs: None)
    batches.clear()
    lazy = decide_module.decide(records, pairs)
    assert batches == [2, 2, 2, 2]
    assert ahead.stories == lazy.stories and ahead.judgments == lazy.judgments
