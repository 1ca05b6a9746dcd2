"""Dedupe benchmark: story identity on generated story worlds, and speed beside plain
datasketch on the synthetic speed corpora, in one run.  Prints JSON (and writes it with
``--out``).

    python -m tests.bench.bench_dedupe [--sizes 10000,100000,1000000] [--baseline-max 100000]
                                       [--repeat 3] [--seed 1] [--out bench-out/dedupe.json]
                                       [--seeds 11,12,...] [--fresh 20] [--no-holdout]

Story worlds (``tests.bench.story_bench``): ``--fresh`` new seeds every run (printed in the
JSON), or the ``--seeds`` given, plus the hold-out seeds the verifier was never tuned on,
reported apart; each world runs through ``reprints dedupe --input`` in its own process.

Corpora come from ``dedupe.corpus`` (real sentences from /work/shared/corpora, mutated into
distinct ~1,550-character stories; ~30 % noisy reprints; follow-up stories reusing 30-50 %
as hard negatives), generated before timing.  Each contender runs as its own process, as a
user runs it: the figures are whole-process (start-up, reading, shingling, signing, LSH,
verification, writing), peak RSS is read from that process tree, and quality is pairwise
precision / recall / F1 of the written clusters against the gold story labels.  Medians over
``--repeat`` runs where a run is short; datasketch is skipped above ``--baseline-max``
documents (its rate is measured, so the JSON says how long it would have taken).

Plain datasketch = what a user writes with it: ``json.loads``, punctuation stripped,
character 5-gram set, ``MinHash.update_batch`` (128 permutations), ``MinHashLSH(threshold=
0.7)``, query every document, union-find.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from dedupe.corpus import Doc, generate, write_jsonl
from dedupe.metrics import pairwise_scores

ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path("/work/shared/corpora")


def source_texts() -> list[str]:
    texts = []
    for line in (CORPORA / "magichtml-zh/ground_truth.jsonl").read_text("utf-8").splitlines():
        texts.append(json.loads(line)["content"])
    for folder in ("zh-webcontent-handcrafted/cleaned", "newspaper4k-zh"):
        texts += [p.read_text("utf-8") for p in sorted((CORPORA / folder).glob("*.txt"))]
    return texts


# -- the contenders, each run in its own process -----------------------------------------


def run_ours(src: str, dst: str) -> dict:
    from dedupe.jsonl import run_jsonl

    return run_jsonl(src, dst, None)


def run_datasketch(src: str, dst: str) -> dict:
    from datasketch import MinHash, MinHashLSH

    not_word = re.compile(r"[\W_]+")
    lsh = MinHashLSH(threshold=0.7, num_perm=128)
    ids, sketches = [], []
    with open(src, encoding="utf-8") as f:
        for k, line in enumerate(f):
            row = json.loads(line)
            text = not_word.sub("", row["text"])
            grams = {text[i : i + 5].encode("utf-8") for i in range(max(len(text) - 4, 1))}
            m = MinHash(num_perm=128)
            m.update_batch(list(grams))
            lsh.insert(k, m)
            ids.append(row["id"])
            sketches.append(m)
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, m in enumerate(sketches):
        for j in lsh.query(m):
            a, b = find(k), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    with open(dst, "w", encoding="utf-8") as f:
        for k, doc_id in enumerate(ids):
            root = find(k)
            f.write(
                json.dumps({"id": doc_id, "cluster_id": ids[root], "is_canonical": root == k})
                + "\n"
            )
    return {"documents": len(ids)}


def child(kind: str, src: str, dst: str) -> None:
    t = time.perf_counter()
    stats = (run_ours if kind == "ours" else run_datasketch)(src, dst)
    wall = time.perf_counter() - t
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"inner_seconds": wall, "rss_main_mb": own, "rss_worker_mb": kids, **stats}))


def measure(kind: str, src: str, dst: str) -> dict:
    cmd = [sys.executable, "-m", "tests.bench.bench_dedupe", "--child", kind, src, dst]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed: {proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["seconds"] = wall
    workers = 2 if kind == "ours" and out["rss_worker_mb"] else 0
    # Upper bound: every worker at the largest worker's peak, at the same time as the parent.
    out["peak_rss_mb"] = out["rss_main_mb"] + workers * out["rss_worker_mb"]
    return out


# -- scoring -------------------------------------------------------------------------------


def score(dst: str, gold: list[int], originals: set[int]) -> dict:
    """Pairwise scores against the gold stories, and how often the canonical of a
    multi-member cluster holding an original (not a reprint) is that original."""
    groups: dict[object, list[int]] = {}
    with open(dst, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            groups.setdefault(row["cluster_id"], []).append(row["id"])
    s = pairwise_scores(list(groups.values()), dict(enumerate(gold)))
    merged = sum(1 for g in groups.values() if len(Counter(gold[i] for i in g)) > 1)
    with_original = [(cid, g) for cid, g in groups.items() if len(g) > 1 and originals & set(g)]
    canonical_ok = sum(1 for cid, g in with_original if cid in originals)
    return {
        "precision": round(s.precision, 5),
        "recall": round(s.recall, 5),
        "f1": round(s.f1, 5),
        "gold_pairs": s.gold_pairs,
        "false_merge_pairs": s.predicted_pairs - s.true_pairs,
        "clusters_mixing_stories": merged,
        "canonical_is_original": round(canonical_ok / max(len(with_original), 1), 4),
    }


def summarise(runs: list[dict], n: int) -> dict:
    secs = statistics.median(r["seconds"] for r in runs)
    return {
        "runs": len(runs),
        "seconds_median": round(secs, 2),
        "seconds_all": [round(r["seconds"], 2) for r in runs],
        "docs_per_s": round(n / secs, 1),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
        "rss_main_mb": round(max(r["rss_main_mb"] for r in runs), 1),
        "rss_largest_worker_mb": round(max(r["rss_worker_mb"] for r in runs), 1),
        **({"stage_seconds": runs[-1]["timings"]} if "timings" in runs[-1] else {}),
    }


def bench_size(n: int, args: argparse.Namespace, texts: list[str], work: Path) -> dict:

    src, dst = str(work / f"corpus-{n}.jsonl"), str(work / f"out-{n}.jsonl")
    t = time.perf_counter()
    chars = copies = 0
    originals: set[int] = set()

    def counted() -> Iterator[Doc]:
        nonlocal chars, copies
        for doc in generate(texts, n, seed=args.seed):
            chars += len(doc.text)
            if "copy" in doc.kind:
                copies += 1
            else:
                originals.add(doc.id)
            yield doc

    gold = write_jsonl(src, counted())
    entry: dict = {
        "documents": n,
        "corpus": {
            "seed": args.seed,
            "stories": len(set(gold)),
            "mean_chars": round(chars / n),
            "reprint_share": round(copies / n, 3),
            "generate_seconds": round(time.perf_counter() - t, 1),
        },
    }
    repeat = args.repeat if n <= 100_000 else 1
    with_baseline = n <= args.baseline_max
    ours, theirs = [], []
    for r in range(repeat):
        ours.append(measure("ours", src, dst))
        if r == 0:
            entry["ours_quality"] = score(dst, gold, originals)
        if with_baseline and (r == 0 or n <= 20_000):
            theirs.append(measure("datasketch", src, dst + ".ds"))
            if r == 0:
                entry["datasketch_quality"] = score(dst + ".ds", gold, originals)
    entry["ours"] = summarise(ours, n)
    if theirs:
        entry["datasketch"] = summarise(theirs, n)
        entry["speedup_wall"] = round(
            entry["datasketch"]["seconds_median"] / entry["ours"]["seconds_median"], 1
        )
    else:
        entry["datasketch"] = {
            "skipped": f"above --baseline-max {args.baseline_max}: at the rate measured on "
            "smaller corpora it would take too long in a shared benchmark run"
        }
    for f in (src, dst, dst + ".ds"):
        Path(f).unlink(missing_ok=True)
    return entry


def story_worlds(args: argparse.Namespace, work: Path) -> dict:
    from tests.bench.story_bench import HOLDOUT_SEEDS, bench_seeds, evidence

    if args.seeds:
        seeds = [int(s) for s in args.seeds.split(",") if s]
    else:
        pick = random.SystemRandom()
        seeds = sorted(pick.randrange(1_000, 1_000_000_000) for _ in range(args.fresh))
    out = {"fresh" if not args.seeds else "given": bench_seeds(seeds, work)}
    if args.holdout:
        out["holdout"] = bench_seeds(list(HOLDOUT_SEEDS), work)
    out["evidence"] = evidence(seeds)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seeds", default="", help="story-world seeds (default: fresh ones)")
    ap.add_argument("--fresh", type=int, default=20, help="fresh story-world seeds to draw")
    ap.add_argument("--no-holdout", dest="holdout", action="store_false")
    ap.add_argument("--baseline-max", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None)
    ap.add_argument("--child", nargs=3, metavar=("KIND", "SRC", "DST"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    texts = source_texts()
    result: dict = {"machine": {"cpus": os.cpu_count(), "load_avg_start": os.getloadavg()}}
    with tempfile.TemporaryDirectory(prefix="bench-dedupe-") as tmp:
        if args.fresh or args.seeds:
            result["story_worlds"] = story_worlds(args, Path(tmp))
            print(json.dumps({"story_worlds": result["story_worlds"]}), file=sys.stderr)
        sizes = [int(s) for s in args.sizes.split(",") if s]
        result["sizes"] = {}
        for n in sizes:
            result["sizes"][str(n)] = bench_size(n, args, texts, Path(tmp))
            print(json.dumps({str(n): result["sizes"][str(n)]}), file=sys.stderr, flush=True)
    for n, entry in result["sizes"].items():
        if "speedup_wall" not in entry:
            rates = [
                e["datasketch"]["docs_per_s"]
                for e in result["sizes"].values()
                if "speedup_wall" in e
            ]
            if rates:
                entry["datasketch"]["estimated_seconds"] = round(int(n) / min(rates))
    result["machine"]["load_avg_end"] = os.getloadavg()
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
