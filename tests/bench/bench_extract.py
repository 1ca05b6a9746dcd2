"""Extraction benchmark: our extractor against plain ``trafilatura.extract`` in one run.

Why one run: speed ratios and F1 only compare fairly on the same machine, same pages, same
moment.  Prints JSON: per set macro character-bigram F1 (NFKC, punctuation and whitespace
removed), chrome markers kept where the reference lacks them, and pages/s for both.

Also scores dates and bylines against zh-webcontent's hand-copied ones (metadata_eval.py),
and the English anchor set (scrapinghub-aeb) with its own published metric, which
first reproduces upstream trafilatura's F1 0.958 (tests/bench/aeb.py).

Usage: ``python -m tests.bench.bench_extract [--sets a,b] [--per-page] [--no-urls] [--no-aeb]``.
The corpora live in ``<repo>/../shared/corpora`` or ``$REPRINTS_SHARED/corpora``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Chrome that content farms and portals add; a marker counts as "kept" only where the
# reference text does not contain it itself.
MARKERS = (
    "版权声明", "相关推荐", "相关阅读", "相关新闻", "责任编辑", "上一篇", "下一篇", "分享到",
    "网友评论", "免责声明", "举报", "扫一扫", "热门推荐", "猜你喜欢",
)  # fmt: skip


@dataclass
class Page:
    """One benchmark page: raw bytes plus whatever reference the corpus offers."""

    set_name: str
    page_id: str
    body: bytes
    url: str = ""
    reference: str | None = None
    must_have: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)


def corpora_dir() -> Path | None:
    """Where the shared corpora are, or None when this checkout has none beside it."""
    env = os.environ.get("REPRINTS_SHARED")
    candidates = [Path(env) / "corpora"] if env else []
    candidates.append(REPO.parent / "shared" / "corpora")
    for cand in candidates:
        if cand.is_dir():
            return cand
    return None


def _gz(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _html_text(html: str) -> str:
    """Visible text of a reference HTML fragment, one block per line."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "blockquote", "pre", "table"}
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in blocks:
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


def load_magichtml(base: Path, subset: str) -> Iterator[Page]:
    root = base / "magichtml-zh"
    with open(root / "ground_truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["subset"] != subset:
                continue
            body = _gz(root / "html" / f"{row['id']}.html.gz")
            yield Page(f"magichtml-{subset}", row["id"][:12], body, row["url"], row["content"])


def load_zh_webcontent(base: Path) -> Iterator[Page]:
    root = base / "zh-webcontent-handcrafted"
    for path in sorted((root / "original").glob("*.html.gz")):
        uid = path.name.removesuffix(".html.gz")
        ref = (root / "cleaned" / f"{uid}.txt").read_text(encoding="utf-8", errors="replace")
        yield Page("zh-webcontent", uid[:12], _gz(path), "", ref)


def load_newspaper4k(base: Path) -> Iterator[Page]:
    root = base / "newspaper4k-zh"
    for path in sorted(root.glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        ref = (root / f"{name}.txt").read_text(encoding="utf-8")
        yield Page("newspaper4k", name, _gz(path), "", ref)


def load_readability(base: Path) -> Iterator[Page]:
    root = base / "readability-zh"
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        ref = _html_text((sub / "expected.html").read_text(encoding="utf-8"))
        yield Page("readability", sub.name, _gz(sub / "source.html.gz"), "", ref)


def load_trafilatura_eval(base: Path) -> Iterator[Page]:
    root = base / "trafilatura-eval-zh"
    data = json.loads((root / "evaldata_zh.json").read_text(encoding="utf-8"))
    for url, row in data.items():
        body = _gz(root / "html" / f"{row['file']}.gz")
        yield Page(
            "trafilatura-eval", row["file"][:30], body, url, None, row["with"], row["without"]
        )


def load_gne(base: Path) -> Iterator[Page]:
    for path in sorted((base / "gne-testpages" / "html").glob("*.html.gz")):
        yield Page("gne", path.name.removesuffix(".html.gz"), _gz(path))


LOADERS: dict[str, Callable[[Path], Iterator[Page]]] = {
    "magichtml-article": lambda b: load_magichtml(b, "article"),
    "magichtml-forum": lambda b: load_magichtml(b, "forum"),
    "zh-webcontent": load_zh_webcontent,
    "newspaper4k": load_newspaper4k,
    "readability": load_readability,
    "trafilatura-eval": load_trafilatura_eval,
    "gne": load_gne,
}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        ch for ch in text if unicodedata.category(ch)[0] not in "PZC" and not ch.isspace()
    )


def bigram_f1(pred: str, ref: str) -> float:
    """Character-bigram F1 of two texts after NFKC and punctuation/whitespace removal."""
    p, r = _norm(pred), _norm(ref)
    pc = Counter(p[i : i + 2] for i in range(len(p) - 1))
    rc = Counter(r[i : i + 2] for i in range(len(r) - 1))
    if not pc or not rc:
        return 1.0 if not pc and not rc else 0.0
    overlap = sum((pc & rc).values())
    if not overlap:
        return 0.0
    prec, rec = overlap / sum(pc.values()), overlap / sum(rc.values())
    return 2 * prec * rec / (prec + rec)


def markers_kept(pred: str, ref: str | None) -> list[str]:
    return [m for m in MARKERS if m in pred and (ref is None or m not in ref)]


def ours(page: Page) -> str:
    from pipelines.extract import extract_page

    return extract_page([page.body], page.url).text


def plain_trafilatura(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.body, url=page.url or None) or ""


def extract_timed(
    pages: list[Page], extractors: list[Callable[[Page], str]]
) -> tuple[list[list[str]], list[float]]:
    """Texts per extractor and the seconds each spent, taking turns page by page.

    Taking turns matters on a shared machine: a burst of load then slows both extractors
    alike instead of whichever happened to be running.
    """
    texts: list[list[str]] = [[] for _ in extractors]
    spent = [0.0] * len(extractors)
    for page in pages:
        for i, extractor in enumerate(extractors):
            started = time.perf_counter()
            texts[i].append(extractor(page))
            spent[i] += time.perf_counter() - started
    return texts, spent


def score(pages: list[Page], texts: list[str], elapsed: float, per_page: bool) -> dict:
    """Per-set F1, markers kept and must-have/must-not snippets of one extractor's texts."""
    by_set: dict[str, dict] = {}
    for page, text in zip(pages, texts, strict=True):
        row = by_set.setdefault(page.set_name, {"f1": [], "kept": [], "keep": [0, 0], "drop": 0})
        if page.reference is not None:
            row["f1"].append((page.page_id, bigram_f1(text, page.reference)))
        row["kept"] += [f"{page.page_id}:{m}" for m in markers_kept(text, page.reference)]
        row["keep"][0] += sum(s in text for s in page.must_have)
        row["keep"][1] += len(page.must_have)
        row["drop"] += sum(s in text for s in page.must_not)
    out: dict = {"pages_per_s": round(len(pages) / max(elapsed, 1e-9), 2), "sets": {}}
    for name, row in by_set.items():
        f1s = [f for _, f in row["f1"]]
        entry: dict = {"markers_kept": len(row["kept"]), "kept": row["kept"]}
        if f1s:
            entry["f1"] = round(sum(f1s) / len(f1s), 4)
            entry["pages"] = len(f1s)
        if row["keep"][1]:
            entry["must_have"] = f"{row['keep'][0]}/{row['keep'][1]}"
            entry["must_not_leaked"] = row["drop"]
        if per_page:
            entry["per_page"] = {pid: round(f, 3) for pid, f in row["f1"]}
        out["sets"][name] = entry
    out["markers_kept_with_reference"] = sum(
        e["markers_kept"] for n, e in out["sets"].items() if "f1" in e
    )
    return out


def aeb_figures(no_urls: bool = False, with_plain: bool = True) -> dict | None:
    """The English anchor (tests/bench/aeb.py): its own metric, ours beside trafilatura."""
    import trafilatura

    from pipelines.extract import extract_page
    from tests.bench import aeb

    base = corpora_dir()
    extractors = {"ours": lambda body, url: extract_page([body], "" if no_urls else url).text}
    if with_plain:
        extractors["trafilatura"] = lambda body, url: (
            trafilatura.extract(body, url=None if no_urls else url or None) or ""
        )
    return aeb.run(base, extractors) if base is not None else None


def run(pages: list[Page], extractor: Callable[[Page], str], per_page: bool) -> dict:
    """One extractor over the pages: scores and pages/s."""
    (texts,), (elapsed,) = extract_timed(pages, [extractor])
    return score(pages, texts, elapsed, per_page)


def load(sets: list[str] | None = None) -> list[Page]:
    base = corpora_dir()
    if base is None:
        return []
    pages: list[Page] = []
    for name, loader in LOADERS.items():
        if sets is None or name in sets:
            pages.extend(loader(base))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", help="comma-separated subset of " + ",".join(LOADERS))
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--only-ours", action="store_true")
    ap.add_argument(
        "--no-urls", action="store_true", help="pages without their URL, as `reprints extract`"
    )
    ap.add_argument(
        "--no-aeb", dest="aeb", action="store_false", help="skip the English AEB anchor set"
    )
    args = ap.parse_args()
    pages = load(args.sets.split(",") if args.sets else None)
    if args.no_urls:
        for page in pages:
            page.url = ""
    if not pages:
        print(json.dumps({"error": "no corpora found"}))
        return
    import logging

    logging.disable(logging.WARNING)
    if args.only_ours:
        result = {"pages": len(pages), "ours": run(pages, ours, args.per_page)}
        if args.aeb:
            result["scrapinghub-aeb"] = aeb_figures(args.no_urls, with_plain=False)
    else:
        extract_timed(pages[:1], [ours, plain_trafilatura])  # imports and caches, untimed
        (mine, plain), (t_mine, t_plain) = extract_timed(pages, [ours, plain_trafilatura])
        result = {
            "pages": len(pages),
            "ours": score(pages, mine, t_mine, args.per_page),
            "trafilatura": score(pages, plain, t_plain, args.per_page),
            "speed_ratio": round(t_plain / max(t_mine, 1e-9), 2),
        }
        if args.aeb:
            result["scrapinghub-aeb"] = aeb_figures(args.no_urls)
        from tests.bench import metadata_eval

        result["zh-webcontent-metadata"] = metadata_eval.score(corpora_dir())
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
