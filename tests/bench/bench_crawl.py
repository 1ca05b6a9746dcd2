"""Crawl benchmark: the whole crawl (fetch, extract, filter, store, cluster) over the demo web
scaled up with heavy (~100 KB) article pages, beside ``trafilatura.extract`` alone over the
same pages in one process, in the same run (tests/bench/speed.py: wall-clock, and what the
CPU seconds imply on an idle machine, with the load average).  Prints JSON.

    python -m tests.bench.bench_crawl [--pages 2000] [--out bench-out/crawl.json]

The demo web is served from this process (threads); the crawl runs as its own process, as a
user runs it, so its peak memory is measured from outside (largest process of its tree) and
the server's CPU is not the crawl's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import urllib.request
from pathlib import Path

from crawler.demoweb import DemoWeb
from tests.bench.speed import around_trafilatura, ratios, run_measured

ROOT = Path(__file__).resolve().parents[2]


def fetch_all(urls: list[str]) -> list[bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return [opener.open(u, timeout=30).read() for u in urls]


def crawl_settings() -> list[str]:
    """The crawl as fast as the sites allow: no delay, many requests open."""
    pairs = ("DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS=64", "CONCURRENT_REQUESTS_PER_DOMAIN=16")
    return [x for pair in (*pairs, "LOG_LEVEL=WARNING") for x in ("--set", pair)]


def crawl(sources: Path, db: Path, extra: list[str], heavy: set[str]) -> dict:
    """The crawl, measured; ``heavy_articles``: how many of the ``heavy`` article URLs (the
    pages trafilatura alone reads) it stored, the figure set against trafilatura's."""
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources), "--db", str(db)]
    cmd += [*crawl_settings(), *extra]
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    proc, measured = run_measured(cmd, timeout=7200, cwd=ROOT, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    stored = [u for (u,) in con.execute("SELECT url FROM articles").fetchall()]
    pages = con.execute("SELECT count(*) FROM pages WHERE status = 200").fetchone()[0]
    con.close()
    wall = measured["seconds"]
    return {
        **measured,
        "pages_fetched": pages,
        "articles": len(stored),
        "heavy_articles": sum(1 for u in stored if u in heavy),
        "articles_per_s": round(len(stored) / wall, 2),
        "pages_per_s": round(pages / wall, 2),
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
        sources = Path(tmp) / "sources.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        web.clear_requests()
        baseline, ours = around_trafilatura(
            bodies, lambda: crawl(sources, Path(tmp) / "bench.duckdb", extra, set(bench_urls))
        )
    result = {
        "machine": {"cpus": os.cpu_count()},
        "heavy_pages": len(bench_urls),
        "mean_page_kb": round(sum(sizes) / max(1, len(sizes)) / 1024, 1),
        "trafilatura_alone": baseline,
        "crawl": ours,
        # heavy articles stored per second over trafilatura's pages per second (the same
        # pages; the demo web's own, lighter articles are crawled too but not counted)
        "crawl_vs_trafilatura_pages_per_s": ratios(baseline, ours, ours["heavy_articles"]),
    }
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
