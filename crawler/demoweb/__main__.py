"""``python -m crawler.demoweb``: serve the demo web until Ctrl-C and print its sites."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path

from crawler.demoweb.web import DemoWeb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.demoweb", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port for every site (0: pick one)")
    parser.add_argument("--phase", type=int, default=1, choices=(1, 2))
    parser.add_argument("--base-ip", type=int, default=20, help="sites use 127.0.0.(N+1)...")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait per request")
    parser.add_argument("--bench-pages", type=int, default=0, help="add N heavy article pages")
    parser.add_argument("--stories", type=Path, default=None, help="content file to serve")
    parser.add_argument("--write-sources", type=Path, default=None, help="write a sources.toml")
    args = parser.parse_args(argv)
    # Ctrl-C stops it even when it was started with SIGINT ignored (a parent that ignores it,
    # as a test run after an in-process crawl does, passes that on to its children)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    web = DemoWeb(args.stories, args.port, args.base_ip, args.phase, args.delay, args.bench_pages)
    with web:
        for site in web.sites:
            outlet = f"  ({site.outlet})" if site.outlet else ""
            print(f"{site.name:<11} {site.role:<9} {site.base_url}/{outlet}", flush=True)
        if args.write_sources:
            args.write_sources.write_text(web.sources_toml(), encoding="utf-8")
            print(f"wrote {args.write_sources}", flush=True)
        print("serving; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
