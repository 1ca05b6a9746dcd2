"""``reprints demo``: serve the bundled demo web on loopback, crawl it, show what was found."""

from __future__ import annotations

import time
from pathlib import Path

from crawler.run import crawl
from crawler.sources import load_sources
from storage.query import format_rows, run_query

SAMPLE_QUERY = (
    "SELECT title, credited_outlet, published_at::DATE AS published, copies "
    "FROM canonical_articles ORDER BY copies DESC, published"
)
# Loopback sites answer in microseconds; a short delay keeps the demo polite in shape
# (per-host slots) without making it slow.
DEMO_SETTINGS = {"DOWNLOAD_DELAY": "0.02", "CONCURRENT_REQUESTS_PER_DOMAIN": "4"}


def run_demo(db_path: str, serve: bool = False, verbose: bool = False) -> int:
    from crawler.demoweb import DemoWeb

    db = Path(db_path)
    db.parent.mkdir(parents=True, exist_ok=True)
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)  # the demo web's ports change per run: start afresh
    with DemoWeb() as web:
        sources = db.parent / "demo-sources.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        print(f"demo web: {len(web.sites)} sites on loopback; sources written to {sources}")
        for site in web.sites:
            print(f"  {site.name:<12} {site.role:<9} {site.base_url}")
        summary = crawl(load_sources(sources), str(db), DEMO_SETTINGS, verbose=verbose)
        print("\n".join(summary.lines()))
        columns, rows = run_query(str(db), SAMPLE_QUERY)
        print(f'\n$ reprints sql --db {db} "{SAMPLE_QUERY}"')
        print(format_rows(columns, rows, "table", width=44))
        if serve:
            print("\nserving the demo web; Ctrl-C to stop")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return 0
