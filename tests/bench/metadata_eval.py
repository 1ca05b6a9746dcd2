"""Date and byline accuracy on zh-webcontent, whose pages come with a hand-copied author and
date (``author/<id>.txt``, ``date/<id>.txt``; ``UNKNOWN`` where the page shows none).

Why beside the text scores: the canonical choice leans on dates and the report shows bylines,
and neither is in the text F1.  Scored as a user reads them: a date counts when its day is
the reference's day; a byline when it names the reference's author (or the reference names
it), spaces ignored.  The reference's "author" is sometimes the page's editor; we do not
report editors as authors, so the byline figure has a ceiling below 1.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

_DAY = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")


def _day(value: object) -> tuple[int, int, int] | None:
    m = _DAY.search(str(value)) if value else None
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def _same_person(found: str | None, gold: str) -> bool:
    if not found:
        return False
    a, b = re.sub(r"\s+", "", found), re.sub(r"\s+", "", gold)
    return bool(a) and (a in b or b in a)


def score(base: Path, with_plain: bool = True) -> dict | None:
    """Accuracy of ours (and of trafilatura's) metadata on the pages that show a date/author."""
    import trafilatura

    from pipelines.extract import extract_page

    root = base / "zh-webcontent-handcrafted"
    if not (root / "date").is_dir():
        return None
    hits = {"ours": [0, 0]}  # [dates right, bylines right]
    if with_plain:
        hits["trafilatura"] = [0, 0]
    dated = authored = 0
    for path in sorted((root / "original").glob("*.html.gz")):
        uid = path.name.removesuffix(".html.gz")
        body = gzip.decompress(path.read_bytes())
        gold_date = (root / "date" / f"{uid}.txt").read_text(encoding="utf-8").strip()
        gold_author = (root / "author" / f"{uid}.txt").read_text(encoding="utf-8").strip()
        ours = extract_page([body], "")
        found = {"ours": (ours.published_at, ours.byline)}
        if with_plain:
            plain = trafilatura.bare_extraction(body, with_metadata=True)
            found["trafilatura"] = (getattr(plain, "date", None), getattr(plain, "author", None))
        if _day(gold_date):
            dated += 1
            for name, (date, _) in found.items():
                hits[name][0] += _day(date) == _day(gold_date)
        if gold_author and gold_author != "UNKNOWN":
            authored += 1
            for name, (_, author) in found.items():
                hits[name][1] += _same_person(author, gold_author)
    return {
        "pages_with_date": dated,
        "pages_with_author": authored,
        **{
            name: {"date": round(d / max(dated, 1), 3), "byline": round(a / max(authored, 1), 3)}
            for name, (d, a) in hits.items()
        },
    }
