"""Scale-out benchmark: the demo web served with a per-request delay, crawled by one process
(no Redis, the baseline) and by 1, 2 and 4 workers on a real redis-server, in one run.
Prints JSON: pages/s, the speed-up over one worker, the most requests any site had open at
once, and whether every run stored the same articles and the same clusters.

    python -m tests.bench.bench_scale [--delay 0.25] [--workers 1,2,4] [--out FILE]

Politeness stays at the crawler's defaults (DOWNLOAD_DELAY 0.5 s per worker, at most
CONCURRENT_REQUESTS_PER_DOMAIN open requests per site across all workers together).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.demoweb import DemoWeb
from tests.e2e_helpers import fetched_twice, max_concurrency, partition, query, score
from tests.redis_server import RedisServer

ROOT = Path(__file__).resolve().parents[2]


def run(web, sources: Path, db: Path, extra: list[str]) -> dict:
    web.clear_requests()
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources)]
    cmd += ["--db", str(db), *extra]
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    records = list(web.requests)
    gets = [r for r in records if r.method == "GET"]
    window = max(r.time for r in gets) - min(r.started for r in gets)
    s = score(str(db), web.truth())
    return {
        "pages": len(gets),
        "seconds": round(wall, 2),
        "fetch_seconds": round(window, 2),
        "pages_per_s": round(len(gets) / wall, 2),
        "pages_per_s_fetching": round(len(gets) / window, 2),
        "max_open_per_site": max(max_concurrency(records).values()),
        "urls_fetched_twice": len(fetched_twice(records)),
        "found": round(s.found, 4),
        "pairwise_f1": round(s.pairwise_f1, 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delay", type=float, default=0.25, help="server seconds per request")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--pages", type=int, default=0, help="add N heavy article pages")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    sets = [x for pair in args.set for x in ("--set", pair)]
    counts = [int(n) for n in args.workers.split(",")]
    web = DemoWeb(delay=args.delay, bench_pages=args.pages)
    with tempfile.TemporaryDirectory() as tmp, web:
        tmp = Path(tmp)
        redis = RedisServer(tmp)
        try:
            sources = tmp / "sources.toml"
            sources.write_text(web.sources_toml(), encoding="utf-8")
            results = {"single_process": run(web, sources, tmp / "single.duckdb", sets)}
            for k in counts:
                extra = ["--redis", redis.url, "--workers", str(k), *sets]
                results[f"workers_{k}"] = run(web, sources, tmp / f"w{k}.duckdb", extra)
            base = results[f"workers_{counts[0]}"]["pages_per_s"]
            for k in counts:
                r = results[f"workers_{k}"]
                r["speedup_vs_1_worker"] = round(r["pages_per_s"] / base, 2)
            reference = tmp / "single.duckdb"
            same = {
                f"workers_{k}": {
                    "articles_equal": query(str(tmp / f"w{k}.duckdb"), ARTICLES)
                    == query(str(reference), ARTICLES),
                    "clusters_equal": partition(str(tmp / f"w{k}.duckdb"))
                    == partition(str(reference)),
                }
                for k in counts
            }
        finally:
            redis.stop()
    report = {
        "server_delay_s": args.delay,
        "extra_pages": args.pages,
        "settings": args.set or "crawler defaults",
        "cores": os.cpu_count(),
        "runs": results,
        "same_as_single_process": same,
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


ARTICLES = "SELECT url, title, text, on_topic FROM articles ORDER BY url"

if __name__ == "__main__":
    sys.exit(main())
