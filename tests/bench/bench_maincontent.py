"""Main-content classes of issue 12 on generated pages (tests/mainpages): per class, the
share of pages whose extracted text has bigram F1 >= 0.97 against the article and no
comment, ad, reply or quote chrome left.

Tuning and held-out seeds are reported apart: the rules were tuned on the first range only.

Usage: ``python -m tests.bench.bench_maincontent [--kinds comments,quote] [--tune 0-59]
[--held 1000-1059] [--fails] [--plain]`` (``--plain``: plain trafilatura beside ours).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.mainpages import KINDS, make, passed  # noqa: E402


def _range(spec: str) -> range:
    low, _, high = spec.partition("-")
    return range(int(low), int(high or low) + 1)


def ours(html: str, url: str) -> str:
    from pipelines.extract import extract_page

    return extract_page([html.encode("utf-8")], url).text


def plain(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def run(kind: str, seeds: range, extractor, fails: bool) -> dict:
    ok, failed = 0, []
    for seed in seeds:
        page = make(kind, seed)
        good, f1, left = passed(page, extractor(page.html, page.url))
        ok += good
        if not good:
            failed.append({"seed": seed, "shape": page.shape, "f1": round(f1, 3), "left": left[:2]})
    out: dict = {"pages": len(seeds), "passed": ok, "share": round(ok / max(len(seeds), 1), 3)}
    if fails:
        out["failed"] = failed
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--tune", default="0-59")
    ap.add_argument("--held", default="1000-1059")
    ap.add_argument("--fails", action="store_true")
    ap.add_argument("--plain", action="store_true")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    result: dict = {}
    for kind in args.kinds.split(","):
        entry = {}
        for label, spec in (("tuning", args.tune), ("held_out", args.held)):
            if spec:
                entry[label] = run(kind, _range(spec), ours, args.fails)
                if args.plain:
                    entry[label + "_trafilatura"] = run(kind, _range(spec), plain, False)
        result[kind] = entry
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
