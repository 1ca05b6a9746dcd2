"""Crawl benchmark: the whole crawl (fetch, extract, filter, store, cluster) over the demo web
scaled up with heavy (~100 KB) article pages, beside ``trafilatura.extract`` alone over the
same pages in one process, in the same run.  Prints JSON.

    python -m tests.bench.bench_crawl [--pages 2000] [--out bench-out/crawl.json]

The demo web is served from this process (threads); the crawl runs as its own process, as a
user runs it, so its peak memory is measured from outside (largest process of its tree).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import trafilatura

from crawler.demoweb import DemoWeb

ROOT = Path(__file__).resolve().parents[2]


def fetch_all(urls: list[str]) -> list[bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return [opener.open(u, timeout=30).read() for u in urls]


def trafilatura_alone(bodies: list[bytes]) -> dict:
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    extracted = sum(1 for b in bodies if trafilatura.extract(b))
    wall = time.perf_counter() - t0
    return {
        "pages": len(bodies),
        "extracted": extracted,
        "seconds": round(wall, 2),
        "cpu_seconds": round(time.process_time() - cpu0, 2),
        "pages_per_s": round(len(bodies) / wall, 1),
    }


def crawl(sources: Path, db: Path, extra: list[str]) -> dict:
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources), "--db", str(db)]
    cmd += ["--set", "DOWNLOAD_DELAY=0", "--set", "CONCURRENT_REQUESTS=64"]
    cmd += ["--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "--set", "LOG_LEVEL=WARNING", *extra]
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    t0 = time.perf_counter()
    server_cpu0 = time.process_time()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    server_cpu = time.process_time() - server_cpu0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    pages = con.execute("SELECT count(*) FROM pages WHERE status = 200").fetchone()[0]
    con.close()
    return {
        "seconds": round(wall, 2),
        "pages_fetched": pages,
        "articles": articles,
        "articles_per_s": round(articles / wall, 1),
        "pages_per_s": round(pages / wall, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "crawl_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "demo_server_cpu_seconds": round(server_cpu, 1),
        "summary": proc.stdout.strip().splitlines(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--out", default="bench-out/crawl.json")
    ap.add_argument("--set", action="append", default=[], help="extra Scrapy setting NAME=VALUE")
    args = ap.parse_args()
    extra = [x for pair in args.set for x in ("--set", pair)]
    with DemoWeb(bench_pages=args.pages) as web, tempfile.TemporaryDirectory() as tmp:
        truth = web.truth()
        bench_urls = [a.url for a in truth.articles if a.kind == "bench"]
        bodies = fetch_all(bench_urls)
        sizes = [len(b) for b in bodies]
        baseline = trafilatura_alone(bodies)
        sources = Path(tmp) / "sources.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        web.clear_requests()
        ours = crawl(sources, Path(tmp) / "bench.duckdb", extra)
    result = {
        "machine": {"cpus": os.cpu_count()},
        "heavy_pages": len(bench_urls),
        "mean_page_kb": round(sum(sizes) / max(1, len(sizes)) / 1024, 1),
        "trafilatura_alone": baseline,
        "crawl": ours,
        "crawl_vs_trafilatura_pages_per_s": round(
            ours["articles_per_s"] / baseline["pages_per_s"], 2
        ),
    }
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
