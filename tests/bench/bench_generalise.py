"""Generalisation bench (issue 12): the whole crawl, as a user runs it, on webs nobody tuned on.

    python -m tests.bench.bench_generalise [--seeds 3,17] [-n 5] [--explain]
    python -m tests.bench.bench_generalise --templates [held-out|both] [-n 3]
    python -m tests.bench.bench_generalise --heavy [--articles 1852]

Each seed is a fresh web from ``tests.genweb`` (new random seeds unless ``--seeds`` is
given; the seeds are printed so a run can be repeated).  Per seed: first crawl, phase 2
(four new copies), re-crawl; figures per seed and min / mean / max over seeds, as JSON.
``--templates`` builds the webs from real pages (tuning and held-out templates reported
apart); ``--heavy`` is the portal-weight web and the speed comparison with trafilatura.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.genweb.score import crawl_and_score
from tests.genweb.web import GenWeb

# figures where lower is better, and those that are counts (summarised the same way)
FIGURES = (
    "found",
    "found_all",
    "body_f1",
    "body_precision",
    "body_recall",
    "with_chrome",
    "titles_exact",
    "offtopic_in_canonical",
    "non_article_rows",
    "pair_precision",
    "pair_recall",
    "pair_f1",
    "canonical_is_original",
)


def parse_seeds(text: str | None, count: int) -> list[int]:
    if text:
        try:
            return [int(x) for x in text.split(",") if x.strip()]
        except ValueError:
            raise SystemExit(f"--seeds: comma-separated integers, got {text!r}") from None
    return [random.SystemRandom().randrange(1, 10**6) for _ in range(count)]


def _stats(values: list[float]) -> dict:
    if not values:
        return {}
    return {
        "min": round(min(values), 4),
        "mean": round(sum(values) / len(values), 4),
        "max": round(max(values), 4),
    }


def summarise(per_seed: dict[str, dict]) -> dict:
    runs = list(per_seed.values())
    out = {}
    for part in ("phase1", "final"):
        out[part] = {f: _stats([r[part][f] for r in runs]) for f in FIGURES}
    out["redownloaded_unchanged"] = _stats([r["recrawl"]["redownloaded_unchanged"] for r in runs])
    out["duplicate_rows"] = _stats([r["recrawl"]["duplicate_rows"] for r in runs])
    joined = [r["recrawl"]["new_copies_joined"].split("/") for r in runs]
    out["new_copies_joined"] = f"{sum(int(a) for a, _ in joined)}/{sum(int(b) for _, b in joined)}"
    for key in ("robots_violations", "trap_requests_max", "crawl_delay_gaps_below"):
        out[key] = _stats([r[key] for r in runs])
    out["seconds_per_seed"] = _stats([r["seconds"].get("total", 0) for r in runs])
    return out


def run_seed(web: GenWeb, extra: list[str], explain: bool) -> dict:
    """Both crawls and the scoring of one web; ``seconds.total`` includes serving and scoring."""
    t0 = time.monotonic()
    with web, tempfile.TemporaryDirectory(prefix="genweb-") as tmp:
        result = crawl_and_score(web, Path(tmp), extra, explain)
    result["seconds"]["total"] = round(time.monotonic() - t0, 1)
    return result


def composed(seeds: list[int], extra: list[str], explain: bool) -> dict:
    per_seed = {}
    for seed in seeds:
        print(f"seed {seed} ...", file=sys.stderr, flush=True)
        per_seed[str(seed)] = run_seed(GenWeb(seed), extra, explain)
    return {
        "mode": "composed",
        "seeds": seeds,
        "summary": summarise(per_seed),
        "per_seed": per_seed,
    }


def templated(seeds: list[int], which: str, extra: list[str], explain: bool) -> dict:
    from tests.genweb.realpages import template_web

    groups = ("tuning", "held-out") if which == "both" else (which,)
    out: dict = {"mode": "templates", "seeds": seeds}
    for group in groups:
        per_seed = {}
        for seed in seeds:
            print(f"templates {group} seed {seed} ...", file=sys.stderr, flush=True)
            per_seed[str(seed)] = run_seed(template_web(seed, group), extra, explain)
        out[group] = {"summary": summarise(per_seed), "per_seed": per_seed}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", help="comma-separated seeds (default: fresh random ones)")
    ap.add_argument("-n", type=int, default=5, help="how many fresh seeds (default 5)")
    ap.add_argument(
        "--templates", nargs="?", const="tuning", choices=("tuning", "held-out", "both")
    )
    ap.add_argument("--heavy", action="store_true", help="the portal-weight web and speed")
    ap.add_argument("--articles", type=int, default=1852, help="--heavy: distinct articles")
    ap.add_argument("--explain", action="store_true", help="per-miss details")
    ap.add_argument("--out", help="also write the JSON here")
    ap.add_argument("--set", action="append", default=[], help="extra Scrapy setting NAME=VALUE")
    args = ap.parse_args(argv)
    if args.n < 1:
        raise SystemExit("-n: at least 1")
    seeds = parse_seeds(args.seeds, args.n)
    print(f"seeds: {','.join(map(str, seeds))}", file=sys.stderr, flush=True)
    extra = [x for pair in args.set for x in ("--set", pair)]
    try:
        if args.heavy:
            from tests.genweb.heavy import heavy_bench

            result = heavy_bench(seeds[0], args.articles, extra)
        elif args.templates:
            result = templated(seeds, args.templates, extra, args.explain)
        else:
            result = composed(seeds, extra, args.explain)
    except (RuntimeError, OSError) as err:  # a crawl that failed, a port that could not bind
        print(f"bench-generalise: {err}", file=sys.stderr)
        return 1
    if not args.explain:
        for run in result.get("per_seed", {}).values():
            run.pop("summary", None)
    text = json.dumps(result, ensure_ascii=False, indent=1, default=str)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
