"""Quality floor on tests/storygen worlds: stories, not components; the original stands.

The same scoring as ``make bench-dedupe`` (tests/bench/story_bench.py), in memory, on a few
fixed seeds: the bench's fresh and hold-out seeds are the measurement, these the gate.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dedupe.cluster import find_duplicates
from dedupe.config import DedupeConfig
from dedupe.records import DocRecord
from tests.bench.story_bench import score, world_rows

SEEDS = (5, 20, 73, 100)


@pytest.mark.parametrize("seed", SEEDS)
def test_story_world_precision_recall_and_original(seed: int) -> None:
    rows, truth = world_rows(seed)
    docs = [
        DocRecord(k, r["text"], role=r["role"], credited_outlet=r["credited_outlet"],
                  published_at=datetime.fromisoformat(r["published_at"]))
        for k, r in enumerate(rows)
    ]  # fmt: skip
    result = find_duplicates(docs, DedupeConfig())
    out = [
        {"id": rows[d]["id"], "cluster_id": rows[result.decision.canonical[d]]["id"]}
        for d in range(len(rows))
    ]
    s = score(out, truth)
    assert s["precision"] >= 0.995 and s["recall"] >= 0.98, s
    assert s["original_chosen"] >= 0.95 and s["backdated_canonical"] == 0, s
