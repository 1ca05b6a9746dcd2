"""The English anchor of the extraction benchmark: scrapinghub's article-extraction-benchmark.

Why it is here: the Chinese sets are scored with our own bigram F1, and a metric we wrote
ourselves is only trusted once it reproduces a published number.  This module implements
the AEB metric (4-token shingles of ``\\w+`` tokens, per-page TP/FP/FN normalised to sum 1,
F1 from mean precision and mean recall), checks it on the upstream trafilatura 2.0.0
predictions (published F1 0.958), and scores our extractor and plain trafilatura on the
same 181 English pages, so a change made for Chinese pages cannot quietly hurt others.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE)
PUBLISHED_TRAFILATURA_F1 = 0.958


def shingles(text: str, n: int = 4) -> Counter:
    """Counts of the n-token shingles of a text (one shingle for a text of < n tokens)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens
    )


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    """(TP, FP, FN) of one page, normalised to sum 1 so long pages weigh no more."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(truths: dict[str, str], preds: dict[str, str]) -> dict:
    """AEB precision, recall and F1 over the pages of ``truths``."""
    precisions, recalls = [], []
    for key, truth in truths.items():
        tp, fp, fn = page_counts(truth, preds.get(key, ""))
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f1, 4), "precision": round(p, 4), "recall": round(r, 4)}


def run(base: Path, extractors: dict[str, Callable[[bytes, str], str]]) -> dict | None:
    """Upstream predictions re-scored, then each extractor on the pages, with pages/s."""
    root = base / "scrapinghub-aeb"
    if not root.is_dir():
        return None
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    truths = {k: v.get("articleBody", "") for k, v in truth.items()}
    upstream = json.loads((root / "output" / "trafilatura.json").read_text(encoding="utf-8"))
    out: dict = {
        "pages": len(truths),
        "upstream_trafilatura_2.0.0": score(
            truths, {k: v.get("articleBody", "") for k, v in upstream["output"].items()}
        ),
        "published_trafilatura_2.0.0_f1": PUBLISHED_TRAFILATURA_F1,
    }
    bodies = {k: gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes()) for k in truths}
    for name, extract in extractors.items():
        preds: dict[str, str] = {}
        started = time.perf_counter()
        for key, body in bodies.items():
            preds[key] = extract(body, truth[key].get("url", ""))
        elapsed = time.perf_counter() - started
        out[name] = {**score(truths, preds), "pages_per_s": round(len(bodies) / elapsed, 2)}
    return out
