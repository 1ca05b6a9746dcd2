"""The jobs a worker process does for ``dedupe.jsonl``: sign a byte range, verify pairs by
their shingle sets, and decide the stories of a batch of connected components.

Signing reads its own byte range of the input file (the parent never touches the text),
and returns only what the global stages need: band keys, sizes and ids.  The raw shingle
hashes go to a spill file (4 bytes a shingle), so memory does not grow with the corpus;
verification reads back the few documents it needs with ``os.pread``, which leaves them in
the page cache, not in any process's resident memory.  Deciding re-reads the lines of its
documents (text and metadata) and runs ``dedupe.decide``, the path every caller shares.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from dedupe.config import DedupeConfig
from dedupe.decide import decide
from dedupe.lsh import band_keys
from dedupe.minhash import signatures_batch
from dedupe.normalise import normalise_batch
from dedupe.reader import parse_block, stripped_lengths
from dedupe.records import DocRecord
from dedupe.shingle import shingle_batch, sorted_unique
from dedupe.verify import gate, intersection_size


@dataclass(frozen=True)
class SignTask:
    path: str
    start: int  # byte range [start, end) of whole lines
    end: int
    index: int
    spill_dir: str
    cfg: DedupeConfig


@dataclass
class Signed:
    """One byte range, signed.  Per-document arrays are in line order."""

    index: int
    lines: int
    bad: list[tuple[int, str]]
    ids: list[int | str]
    line_of: np.ndarray  # 0-based line within the range
    line_start: np.ndarray  # absolute byte offset of each document's line
    length: np.ndarray  # len(text.strip())
    keys: np.ndarray  # (n, bands) uint64
    shingles: np.ndarray  # raw shingle count per document (0: nothing to compare)
    spill: str
    meta: dict[int, tuple[str | None, datetime | None, str | None, str | None]] = field(
        default_factory=dict
    )


def _line_starts(block: bytes) -> np.ndarray:
    raw = np.frombuffer(block, dtype=np.uint8)
    return np.concatenate(([0], np.flatnonzero(raw == 0x0A) + 1)).astype(np.int64)


def sign_range(task: SignTask) -> Signed:
    with open(task.path, "rb") as f:
        f.seek(task.start)
        block = f.read(task.end - task.start)
    parsed = parse_block(block)
    cps = parsed.codepoints
    raw = shingle_batch(normalise_batch(cps), task.cfg.shingle_size)
    sigs = signatures_batch(raw, task.cfg)
    spill = str(Path(task.spill_dir) / f"range-{task.index:07d}.u32")
    raw.values.astype("<u4", copy=False).tofile(spill)
    return Signed(
        index=task.index,
        lines=parsed.lines,
        bad=parsed.bad,
        ids=parsed.ids,
        line_of=parsed.line_of,
        line_start=task.start + _line_starts(block)[parsed.line_of],
        length=stripped_lengths(cps),
        keys=band_keys(sigs, task.cfg),
        shingles=raw.lengths,
        spill=spill,
        meta=parsed.meta,
    )


@dataclass(frozen=True)
class VerifyTask:
    """Pairs of local document numbers, and where each document's shingles are spilled."""

    pairs: np.ndarray  # (m, 2) int64 indices into the arrays below
    spill: list[str]  # file per document
    offset: np.ndarray  # first shingle (in uint32 units) per document
    count: np.ndarray  # shingles per document
    cfg: DedupeConfig


def read_spilled(spill: list[str], offset: np.ndarray, count: np.ndarray) -> list[np.ndarray]:
    """The raw shingle hashes signing spilled for each document (file, first, how many)."""
    handles: dict[str, int] = {}
    out = []
    try:
        for name, off, cnt in zip(spill, offset.tolist(), count.tolist(), strict=True):
            if name not in handles:
                handles[name] = os.open(name, os.O_RDONLY)
            buf = os.pread(handles[name], 4 * cnt, 4 * off)
            out.append(np.frombuffer(buf, dtype="<u4").astype(np.uint32))
    finally:
        for fd in handles.values():
            os.close(fd)
    return out


def _read_sets(task: VerifyTask) -> list[np.ndarray]:
    return [sorted_unique(raw) for raw in read_spilled(task.spill, task.offset, task.count)]


def verify_task(task: VerifyTask) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(joined, containment, counts)`` per pair, by the rule of ``verify.gate``; ``counts``
    rows are ``(|A∩B|, |A|, |B|)``, which the decision reuses (``dedupe.overlap``)."""
    sets = _read_sets(task)
    sizes = np.array([s.size for s in sets], dtype=np.int64)
    inter = np.array(
        [intersection_size(sets[i], sets[j]) for i, j in task.pairs.tolist()], dtype=np.int64
    )
    size_a, size_b = sizes[task.pairs[:, 0]], sizes[task.pairs[:, 1]]
    joined, _, containment = gate(inter, size_a, size_b, task.cfg)
    return joined, containment, np.stack([inter, size_a, size_b], axis=1)


def id_json(doc_id: int | str) -> str:
    return json.dumps(doc_id, ensure_ascii=False)


@dataclass(frozen=True)
class DecideTask:
    """Whole components (rows of the input) with their gated pairs, and where their lines are.

    ``meta`` maps rows to ``(url, published_at, role, credited_outlet)`` where a line had any.
    """

    path: str
    rows: np.ndarray  # int64, sorted
    pairs: np.ndarray  # (m, 2) int64 rows
    containment: np.ndarray  # (m,) the gate's shingle containment of each pair
    line_start: np.ndarray  # absolute byte offset of each row's line, same order as rows
    meta: dict[int, tuple]
    # Where signing spilled each row's shingles (same order as rows), when they are the
    # k-grams alignment hashes (shingle size = ANCHOR_SIZE); None: hash them again.
    spilled: tuple[list[str], np.ndarray, np.ndarray] | None = None
    # The gate's (|A∩B|, |A|, |B|) of each pair, on those same spilled shingle sets.
    counts: np.ndarray | None = None


def read_records(
    path: str, rows: list[int], line_start: list[int], meta: dict[int, tuple]
) -> list[DocRecord]:
    """Re-read the lines of ``rows`` (ids become row numbers)."""
    out = []
    with open(path, "rb") as f:
        for i, start in zip(rows, line_start, strict=True):
            f.seek(start)
            text = json.loads(f.readline())["text"]
            url, published, role, outlet = meta.get(i, (None, None, None, None))
            out.append(
                DocRecord(
                    id=i,
                    text=text,
                    url=url or "",
                    role=role or "farm",
                    published_at=published,
                    credited_outlet=outlet,
                )
            )
    return out


def _counted(
    pairs: list[list[int]], counts: list[list[int]], grams: dict[int, np.ndarray]
) -> dict[tuple[int, int], tuple[int, int, int]]:
    """The gate's counts keyed ``(smaller row, larger row)``, for pairs whose two k-gram
    sets are the spilled ones (a text hashed again has another set)."""
    out = {}
    for (a, b), (shared, size_a, size_b) in zip(pairs, counts, strict=True):
        if a in grams and b in grams:
            out[(a, b) if a < b else (b, a)] = (
                (shared, size_a, size_b) if a < b else (shared, size_b, size_a)
            )
    return out


def decide_task(task: DecideTask) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """``(rows, canonical row of each, stats)`` for the components of ``task``."""
    rows = task.rows.tolist()
    records = read_records(task.path, rows, task.line_start.tolist(), task.meta)
    pairs = [(min(a, b), max(a, b)) for a, b in task.pairs.tolist()]
    grams = counted = None
    if task.spilled is not None:
        # A spilled text under ANCHOR_SIZE characters has one whole-text hash where
        # alignment has no k-gram (a count of 1 may be either): those are hashed again.
        raw = read_spilled(*task.spilled)
        grams = {r: g for r, g in zip(rows, raw, strict=True) if g.size > 1}
        if task.counts is not None:
            counted = _counted(task.pairs.tolist(), task.counts.tolist(), grams)
    known = dict(zip(pairs, task.containment.tolist(), strict=True))
    decision = decide(records, pairs, known, grams, counted)
    canon = np.array([decision.canonical[r] for r in rows], dtype=np.int64)
    return task.rows, canon, decision.stats
