"""``python -m tests.genweb --seed N``: serve one generated web until Ctrl-C, print its sites
(kind, template choices) and optionally write its sources.toml and truth, to look at a page
the bench named or to crawl it by hand."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from tests.genweb.web import GenWeb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.genweb", description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--phase", type=int, default=1, choices=(1, 2))
    parser.add_argument("--templates", choices=("tuning", "held-out"), help="real-page webs")
    parser.add_argument("--write-sources", type=Path, help="write a sources.toml here")
    parser.add_argument("--write-truth", type=Path, help="write the truth (JSON lines) here")
    args = parser.parse_args(argv)
    if args.templates:
        from tests.genweb.realpages import template_web

        web = template_web(args.seed, args.templates)
    else:
        web = GenWeb(args.seed)
    with web:
        web.set_phase(args.phase)
        for name in web.sites_names():
            s = web.site(name).style
            print(
                f"{name} {s.kind:<10} {web.site(name).base_url}/  {s.scheme} {s.body_markup} "
                f"{s.charset}/{s.declare} pager={s.pager or '-'} traps={','.join(s.traps) or '-'}"
            )
        if args.write_sources:
            args.write_sources.write_text(web.sources_toml(), encoding="utf-8")
        if args.write_truth:
            rows = [
                json.dumps(asdict(a), ensure_ascii=False, default=str) for a in web.truth().articles
            ]
            args.write_truth.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print("serving; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
