"""tests/bench/split_pairs.py names why a story was split: the evidence behind each pair."""

from __future__ import annotations

from tests.bench.split_pairs import report, storygen_world


def test_a_split_story_lists_its_outsider_and_the_judgment_against_its_core(capsys) -> None:
    # Harder world 2: copy f06-3/c1 kept the original's prose but dropped two closing
    # paragraphs and carries a related-stories list, so no candidate pair passed the
    # shingle gate (its original holds 0.70 of it by shingles): a gate miss, not a verdict.
    outcome = storygen_world(2, harder=True)
    report(outcome)
    out = capsys.readouterr().out
    assert "storygen 2 harder story f06-3 split into [1, 4]" in out
    outsider = next(line for line in out.splitlines() if "f06-3/c1" in line)
    assert outsider.endswith("gated with []")
    after = out.split(outsider, 1)[1].splitlines()
    assert " copy cover " in after[1]
    # Its prose lines alone are held by the original past the gate's 0.72.
    gate = next(line for line in after if line.startswith("    vs "))
    whole, prose = (float(x.split()[-1]) for x in gate.split(","))
    assert whole < 0.72 <= prose, gate
