"""A copy linked into its group only through a sibling's copy still joins its own story.

The class, found with tests/bench/split_pairs.py on storygen's harder worlds 1-30 (4 of
49 copies left outside their story): a farm copy whose chrome (a related-stories list,
reader comments, a disclaimer) and trims keep its pair with its own original below the
shingle gate, while it passes the gate with a copy of a sibling story -- the background
they share.  It is then offered only the sibling's story, whose core rightly refuses it,
and it stood alone, though its own original, in the same group, judges it a copy.  When no
story it is linked to takes a document, ``dedupe.stories.split_group`` asks the group's
other cores too; siblings stay apart (the cores' judgment is the same as for linked ones).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dedupe.cluster import find_duplicates
from dedupe.config import DedupeConfig
from dedupe.records import DocRecord
from tests.bench.story_bench import world_rows


@pytest.mark.parametrize(
    ("seed", "copy_id"),
    [(2, "f04-1/c1"), (4, "f01-0/c2"), (18, "f02-1/c1"), (27, "f06-0/c2")],
)
def test_copy_linked_through_a_sibling_copy_joins_its_original(seed: int, copy_id: str) -> None:
    rows, truth = world_rows(seed, harder=True)
    docs = [
        DocRecord(k, r["text"], url=r["id"], role=r["role"],
                  published_at=datetime.fromisoformat(r["published_at"]),
                  credited_outlet=r["credited_outlet"])
        for k, r in enumerate(rows)
    ]  # fmt: skip
    result = find_duplicates(docs, DedupeConfig())
    story_of = {d: k for k, s in enumerate(result.components) for d in s}
    by_name = {r["id"]: k for k, r in enumerate(rows)}
    copy, original = by_name[copy_id], by_name[truth["gold"][copy_id]]
    gated = {d for a, b, _, _ in result.joined if copy in (a, b) for d in (a, b)} - {copy}
    assert original not in gated  # the class: no gated pair with its own original
    assert story_of[copy] == story_of[original]
    for members in result.components:
        assert len({truth["gold"][rows[d]["id"]] for d in members}) == 1, members
