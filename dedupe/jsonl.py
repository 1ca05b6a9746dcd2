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
    SignTask,
    decide_task,
    id_json,
    sign_range,
    verify_task,
)
from dedupe.tasks import VERIFY_PAIRS, DocIndex, decide_tasks, verify_tasks

T = TypeVar("T")
R = TypeVar("R")
# ~200 news articles per range: enough to amortise numpy's per-call cost, small enough that
# a range's arrays stay in cache (4 MB ranges cost ~25 % more CPU per document).
BLOCK_BYTES = 1 << 20


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


def _pair_codes(task: tuple[np.ndarray, np.ndarray, int, int]) -> np.ndarray:
    return pair_codes(*task)


def _cluster(
    corpus: DocIndex, cfg: DedupeConfig, run: Callable, workers: int, path: str, timings: dict
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
        run(verify_task, verify_tasks(pairs, corpus.spill, arrays, cfg)),
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
    tasks = decide_tasks(
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


def _write(path: str, corpus: DocIndex, canon: np.ndarray) -> None:
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
    corpus = DocIndex()
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
