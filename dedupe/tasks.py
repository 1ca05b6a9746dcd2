"""What ``dedupe --input``'s parent keeps per document, and how it cuts work into tasks.

Why apart from jsonl.py: jsonl.py runs the stages (sign, LSH, verify, decide, write) over a
pool; this holds the parent's per-document index gathered from the signed ranges (~0.4 KB a
document: ids, band keys, sizes, where each text's shingles were spilled) and cuts the
verification pairs and the decision's whole components into worker-sized tasks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

import numpy as np

from dedupe.config import DedupeConfig
from dedupe.stream import DecideTask, Signed, VerifyTask, id_json

VERIFY_PAIRS = 4096  # pairs per verification task
DECIDE_DOCS = 2048  # documents per decision task (whole components, so sometimes more)


class DocIndex:
    """What the parent keeps per document, gathered from the signed ranges in order."""

    def __init__(self) -> None:
        self.ids: list[int | str] = []
        self.keys: list[np.ndarray] = []
        self.shingles: list[np.ndarray] = []
        self.length: list[np.ndarray] = []
        self.line_start: list[np.ndarray] = []
        self.spill: list[str] = []
        self.spill_of: list[np.ndarray] = []  # range index per document
        self.spill_offset: list[np.ndarray] = []
        self.meta: dict[int, tuple] = {}
        self.dropped: list[int] = []
        self.lines = 0
        self.bad = 0
        self.first_line: dict[int | str, int] = {}

    def add(self, signed: Signed, err: IO[str]) -> None:
        base = len(self.ids)
        report = [(self.lines + n + 1, reason) for n, reason in signed.bad]
        for k, doc_id in enumerate(signed.ids):
            line = self.lines + int(signed.line_of[k]) + 1
            first = self.first_line.setdefault(doc_id, line)
            if first != line:
                report.append((line, f"duplicate id {id_json(doc_id)} (first on line {first})"))
                self.dropped.append(base + k)
        for line, reason in sorted(report):
            err.write(f"line {line}: {reason}\n")
        self.bad += len(report)
        self.lines += signed.lines
        self.ids.extend(signed.ids)
        self.keys.append(signed.keys)
        self.shingles.append(signed.shingles)
        self.length.append(signed.length)
        self.line_start.append(signed.line_start)
        self.spill_of.append(np.full(len(signed.ids), len(self.spill), dtype=np.int64))
        offsets = np.zeros(len(signed.ids), dtype=np.int64)
        np.cumsum(signed.shingles[:-1], out=offsets[1:])
        self.spill_offset.append(offsets)
        self.spill.append(signed.spill)
        self.meta.update({base + k: m for k, m in signed.meta.items()})

    def finish(self) -> dict[str, np.ndarray]:
        """The per-document arrays, concatenated (band keys are n x bands)."""
        keys = np.concatenate(self.keys) if self.keys else np.empty((0, 1), np.uint64)
        self.keys = []  # the concatenation replaces the per-range arrays (memory at 1M docs)
        return {
            "keys": keys,
            "shingles": np.concatenate(self.shingles or [np.empty(0, np.int64)]),
            "length": np.concatenate(self.length or [np.empty(0, np.int64)]),
            "line_start": np.concatenate(self.line_start or [np.empty(0, np.int64)]),
            "spill_of": np.concatenate(self.spill_of or [np.empty(0, np.int64)]),
            "spill_offset": np.concatenate(self.spill_offset or [np.empty(0, np.int64)]),
        }


def spilled_at(
    rows: np.ndarray, spills: list[str], arrays: dict[str, np.ndarray]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Where the shingles of ``rows`` were spilled: file, first shingle and count per row."""
    files = [spills[r] for r in arrays["spill_of"][rows].tolist()]
    return files, arrays["spill_offset"][rows], arrays["shingles"][rows]


def verify_tasks(
    pairs: np.ndarray, spills: list[str], arrays: dict[str, np.ndarray], cfg: DedupeConfig
) -> Iterator[VerifyTask]:
    for lo in range(0, pairs.shape[0], VERIFY_PAIRS):
        chunk = pairs[lo : lo + VERIFY_PAIRS]
        docs, local = np.unique(chunk, return_inverse=True)
        spill, offset, count = spilled_at(docs, spills, arrays)
        yield VerifyTask(
            pairs=local.reshape(chunk.shape), spill=spill, offset=offset, count=count, cfg=cfg
        )


def decide_tasks(
    path: str,
    labels: np.ndarray,
    gated: tuple[np.ndarray, np.ndarray, np.ndarray],
    arrays: dict[str, np.ndarray],
    meta: dict,
    spills: list[str] | None = None,
) -> Iterator[DecideTask]:
    """Whole components of the gated pairs, about ``DECIDE_DOCS`` documents a task.

    ``dedupe.decide`` only looks inside a component, so any grouping of whole components
    gives the stories a single call over the corpus would.
    """
    sizes = np.bincount(labels, minlength=labels.size)
    rows = np.flatnonzero(sizes[labels] > 1)
    if rows.size == 0:
        return
    rows = rows[np.argsort(labels[rows], kind="stable")]
    # Cut the sorted rows into tasks at component boundaries.
    first = np.flatnonzero(np.concatenate(([True], labels[rows][1:] != labels[rows][:-1])))
    cuts = [0]
    for start in first.tolist():
        if start - cuts[-1] >= DECIDE_DOCS:
            cuts.append(start)
    cuts.append(rows.size)
    task_of = np.zeros(labels.size, dtype=np.int64)
    for k in range(len(cuts) - 1):
        task_of[rows[cuts[k] : cuts[k + 1]]] = k
    edges, containment, counts = gated
    edge_task = task_of[edges[:, 0]]
    for k in range(len(cuts) - 1):
        mine = np.sort(rows[cuts[k] : cuts[k + 1]])
        yield DecideTask(
            path=path,
            rows=mine,
            pairs=edges[edge_task == k],
            containment=containment[edge_task == k],
            line_start=arrays["line_start"][mine],
            meta={r: meta[r] for r in mine.tolist() if r in meta},
            spilled=spilled_at(mine, spills, arrays) if spills is not None else None,
            counts=counts[edge_task == k] if spills is not None else None,
        )
