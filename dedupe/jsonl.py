"""``reprints dedupe --input FILE.jsonl --out FILE.jsonl``: cluster a corpus without a crawl.

Input lines carry ``id`` (string or integer) and ``text``, optionally ``url``,
``published_at`` (ISO 8601), ``role`` ("publisher"/"farm") and ``credited_outlet``.  Output
is one line per valid input line, in input order: ``id``, ``cluster_id`` (the id of the
cluster's canonical document) and ``is_canonical``.  Bad lines (not JSON, no id, no text, a
repeated id) are reported on ``err`` as ``line N: reason`` and skipped; blank lines are
ignored.

The run streams: worker processes sign byte ranges of the file (``dedupe.stream``) and
spill shingles to a temporary directory; the parent holds only band keys, sizes and ids
(~0.4 KB a document), proposes pairs by LSH, has the workers measure them on exact shingle
sets, and hands the connected components of the pairs that pass to the workers, which
re-read those documents and decide their stories and canonicals (``dedupe.decide``, the
path every caller shares); the parent writes the answer.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import IO, TypeVar

import numpy as np

from dedupe.config import DedupeConfig, config_for_threshold
from dedupe.graph import connected_labels
from dedupe.lsh import decode_pairs, pair_codes
from dedupe.normalise import normalisation_table
from dedupe.prepared import ANCHOR_SIZE
from dedupe.stream import (
    DecideTask,
    Signed,
    SignTask,
    VerifyTask,
    decide_task,
    id_json,
    sign_range,
    verify_task,
)

T = TypeVar("T")
R = TypeVar("R")
# ~200 news articles per range: enough to amortise numpy's per-call cost, small enough that
# a range's arrays stay in cache (4 MB ranges cost ~25 % more CPU per document).
BLOCK_BYTES = 1 << 20
VERIFY_PAIRS = 4096  # pairs per verification task
DECIDE_DOCS = 2048  # documents per decision task (whole components, so sometimes more)


def split_ranges(path: str, target: int) -> list[tuple[int, int]]:
    """Byte ranges of about ``target`` bytes, each ending at a line end."""
    size = os.path.getsize(path)
    ranges, pos = [], 0
    with open(path, "rb") as f:
        while pos < size:
            f.seek(min(pos + target, size))
            f.readline()
            end = f.tell()
            ranges.append((pos, end))
            pos = end
    return ranges


def _mapper(pool: ProcessPoolExecutor | None) -> Callable:
    def run(fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        return pool.map(fn, tasks) if pool is not None else map(fn, tasks)

    return run


class _Corpus:
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


def _spilled_at(
    rows: np.ndarray, spills: list[str], arrays: dict[str, np.ndarray]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Where the shingles of ``rows`` were spilled: file, first shingle and count per row."""
    files = [spills[r] for r in arrays["spill_of"][rows].tolist()]
    return files, arrays["spill_offset"][rows], arrays["shingles"][rows]


def _verify_tasks(
    pairs: np.ndarray, spills: list[str], arrays: dict[str, np.ndarray], cfg: DedupeConfig
) -> Iterator[VerifyTask]:
    for lo in range(0, pairs.shape[0], VERIFY_PAIRS):
        chunk = pairs[lo : lo + VERIFY_PAIRS]
        docs, local = np.unique(chunk, return_inverse=True)
        spill, offset, count = _spilled_at(docs, spills, arrays)
        yield VerifyTask(
            pairs=local.reshape(chunk.shape), spill=spill, offset=offset, count=count, cfg=cfg
        )


def _pair_codes(task: tuple[np.ndarray, np.ndarray, int, int]) -> np.ndarray:
    return pair_codes(*task)


def _cluster(
    corpus: _Corpus, cfg: DedupeConfig, run: Callable, workers: int, path: str, timings: dict
) -> dict:
    arrays = corpus.finish()
    n = len(corpus.ids)
    t = time.perf_counter()
    valid = arrays["shingles"] > 0
    valid[corpus.dropped] = False
    rows = np.flatnonzero(valid)
    keys = arrays.pop("keys")
    if rows.size < n:
        keys = keys[rows]
    # Bands are independent: each worker groups its share of the columns.
    shares = np.array_split(np.arange(keys.shape[1]), min(workers, keys.shape[1]))
    tasks = [
        (np.ascontiguousarray(keys[:, share]), rows, n, cfg.max_bucket_size) for share in shares
    ]
    del keys
    codes = list(run(_pair_codes, tasks))
    del tasks
    pairs = decode_pairs(np.unique(np.concatenate(codes)) if codes else np.empty(0, np.int64), n)
    timings["lsh"] = time.perf_counter() - t
    t = time.perf_counter()
    joined, measured, counted = [], [], []
    for lo, (ok, con, sizes) in zip(
        range(0, pairs.shape[0], VERIFY_PAIRS),
        run(verify_task, _verify_tasks(pairs, corpus.spill, arrays, cfg)),
        strict=True,
    ):
        joined.append(pairs[lo : lo + VERIFY_PAIRS][ok])
        measured.append(con[ok])
        counted.append(sizes[ok])
    edges = np.concatenate(joined) if joined else np.empty((0, 2), dtype=np.int64)
    containment = np.concatenate(measured) if measured else np.empty(0)
    # (|A∩B|, |A|, |B|) of each joined pair: the decision reads wholly-inside pairs off them.
    gate_sizes = np.concatenate(counted) if counted else np.empty((0, 3), dtype=np.int64)
    timings["verify"] = time.perf_counter() - t
    t = time.perf_counter()
    canon = np.arange(n, dtype=np.int64)
    stats: dict[str, int] = {}
    labels = connected_labels(n, edges)
    # Signing's shingles are the k-grams the decision's overlaps count when the sizes agree.
    spills = corpus.spill if cfg.shingle_size == ANCHOR_SIZE else None
    tasks = _decide_tasks(
        path, labels, (edges, containment, gate_sizes), arrays, corpus.meta, spills
    )
    for rows, chosen, counts in run(decide_task, tasks):
        canon[rows] = chosen
        for k, v in counts.items():
            stats[k] = stats.get(k, 0) + v
    timings["decide"] = time.perf_counter() - t
    sizes = np.bincount(canon, minlength=n)
    return {
        "canon": canon,
        "documents": n - len(corpus.dropped),
        "clusters": int(np.count_nonzero(sizes)) - len(corpus.dropped),
        "multi_member_clusters": int(np.count_nonzero(sizes > 1)),
        "candidates": int(pairs.shape[0]),
        "joined": int(edges.shape[0]),
        "copy_pairs": stats.get("copy_pairs", 0),
        "conflict_pairs": stats.get("conflict_pairs", 0),
    }


def _decide_tasks(
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
            spilled=_spilled_at(mine, spills, arrays) if spills is not None else None,
            counts=counts[edge_task == k] if spills is not None else None,
        )


def _write(path: str, corpus: _Corpus, canon: np.ndarray) -> None:
    """One line per kept document, in input order, written in large chunks."""
    ids = [str(x) if type(x) is int else id_json(x) for x in corpus.ids]
    dropped = set(corpus.dropped)
    chunk = 65536
    with open(path, "w", encoding="utf-8") as f:
        for lo in range(0, len(ids), chunk):
            c_rows = canon[lo : lo + chunk].tolist()
            f.write(
                "".join(
                    f'{{"id": {ids[i]}, "cluster_id": {ids[c]}, '
                    f'"is_canonical": {"true" if i == c else "false"}}}\n'
                    for i, c in enumerate(c_rows, start=lo)
                    if i not in dropped
                )
            )


def run_jsonl(
    input_path: str,
    output_path: str,
    threshold: float | None,
    err: IO[str] = sys.stderr,
    *,
    workers: int | None = None,
    block_bytes: int = BLOCK_BYTES,
    cfg: DedupeConfig | None = None,
) -> dict:
    """Cluster the documents of ``input_path`` into ``output_path``; return counts.

    ``threshold`` is the Jaccard similarity that joins two texts (see
    ``config_for_threshold``); None keeps the default config.  Raises FileNotFoundError when
    the input does not exist and ValueError for a threshold outside (0, 1].
    """
    if not os.path.isfile(input_path):
        raise FileNotFoundError(f"input file not found: {input_path}")
    cfg = config_for_threshold(threshold, cfg)
    workers = workers or min(2, os.cpu_count() or 1)
    ranges = split_ranges(input_path, block_bytes)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    pool = None
    if workers > 1 and len(ranges) > 1:
        # fork: workers start in milliseconds and need no importable __main__; the parent
        # has started no threads at this point (Arrow's pool starts on first use).
        methods = multiprocessing.get_all_start_methods()
        normalisation_table()  # built once here, inherited by forked workers
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    run = _mapper(pool)
    corpus = _Corpus()
    try:
        with tempfile.TemporaryDirectory(prefix="reprints-dedupe-") as spill_dir:
            tasks = (
                SignTask(input_path, s, e, i, spill_dir, cfg) for i, (s, e) in enumerate(ranges)
            )
            for signed in run(sign_range, tasks):
                corpus.add(signed, err)
            timings["sign"] = time.perf_counter() - t0
            result = _cluster(corpus, cfg, run, workers if pool else 1, input_path, timings)
    finally:
        if pool is not None:
            pool.shutdown()
    t = time.perf_counter()
    _write(output_path, corpus, result["canon"])
    timings["write"] = time.perf_counter() - t
    stats = {k: v for k, v in result.items() if k != "canon"}
    stats.update(lines=corpus.lines, bad_lines=corpus.bad)
    stats["timings"] = {k: round(v, 3) for k, v in timings.items()}
    return stats
