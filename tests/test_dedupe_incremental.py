"""Stable cluster ids across re-runs."""

from __future__ import annotations

from dedupe.incremental import assign_cluster_ids, summarise_changes


def test_first_run_uses_smallest_member_id() -> None:
    ids = assign_cluster_ids([[3, 8], [5], [1, 9, 12]], {})
    assert ids == {3: 3, 8: 3, 5: 5, 1: 1, 9: 1, 12: 1}


def test_growing_cluster_keeps_its_id_even_if_a_smaller_doc_joins() -> None:
    previous = {3: 3, 8: 3, 5: 5}
    ids = assign_cluster_ids([[2, 3, 8], [5], [20]], {**previous, 2: None})
    assert ids[2] == ids[3] == ids[8] == 3
    assert ids[5] == 5 and ids[20] == 20
    changes = summarise_changes(ids, previous)
    assert changes.new == [20]
    assert changes.grown == {3: [2]}
    assert changes.unchanged == [5]


def test_merge_keeps_majority_id_and_reports_absorbed() -> None:
    previous = {1: 1, 4: 1, 6: 6, 7: 6, 8: 6}
    ids = assign_cluster_ids([[1, 4, 6, 7, 8]], previous)
    assert set(ids.values()) == {6}  # 3 members carried 6, 2 carried 1
    changes = summarise_changes(ids, previous)
    assert changes.merged == {6: [1]}
    assert changes.grown == {6: [1, 4]}


def test_tie_prefers_smallest_old_id() -> None:
    ids = assign_cluster_ids([[1, 2, 10, 11]], {1: 1, 2: 1, 10: 10, 11: 10})
    assert set(ids.values()) == {1}


def test_split_keeps_id_for_larger_part_and_never_reuses_old_ids() -> None:
    previous = {5: 5, 9: 5, 12: 5, 30: 30}
    ids = assign_cluster_ids([[5], [9, 12], [30]], previous)
    assert ids[9] == ids[12] == 5  # the larger part keeps the id
    assert ids[30] == 30
    assert ids[5] not in {5, 30}  # doc 5 is alone now; id 5 stays with the other part
    assert len({ids[5], ids[9], ids[30]}) == 3


def test_rerun_with_same_components_is_identity() -> None:
    components = [[1, 2, 3], [4], [7, 8]]
    first = assign_cluster_ids(components, {})
    assert assign_cluster_ids(components, first) == first
    assert assign_cluster_ids(list(reversed(components)), first) == first
    changes = summarise_changes(first, first)
    assert changes.new == [] and changes.grown == {} and changes.unchanged == [1, 4, 7]
