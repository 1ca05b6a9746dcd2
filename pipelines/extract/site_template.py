"""Site-level boilerplate: lines that recur across many different articles of one site.

Why: per-page rules miss a site's own furniture when it reads like prose ("本站所有文章均来自
网络…", a fixed promo paragraph, a slogan).  Seen across a crawl of one source, such a line
shows up under many unrelated articles.  A line counts as template only if it occurs in at
least ``min_pages`` distinct articles AND in at least ``min_share`` of them, so a quote that
two related stories share is never taken for furniture.  The store calls this per source after
a crawl.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def normalise_template_line(line: str) -> str:
    """NFKC, no whitespace, digit runs -> 0 (view counts and dates differ page to page)."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", line))
    return _DIGITS.sub("0", text)


def _distinct(texts: list[str]) -> list[str]:
    # the same article fetched under two URLs must count once
    seen: set[str] = set()
    out: list[str] = []
    for text in texts:
        key = hashlib.blake2b(_SPACE.sub("", text).encode("utf-8"), digest_size=16).digest()
        if text and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def find_template_lines(texts: list[str], min_pages: int = 3, min_share: float = 0.3) -> set[str]:
    """Normalised lines found in >= min_pages distinct texts and >= min_share of them."""
    if min_pages < 1 or not 0.0 < min_share <= 1.0:
        raise ValueError("min_pages must be >= 1 and min_share in (0, 1]")
    pages = _distinct(texts)
    counts: Counter[str] = Counter()
    for text in pages:
        counts.update({normalise_template_line(ln) for ln in text.splitlines()} - {""})
    needed = max(min_pages, min_share * len(pages))
    return {line for line, n in counts.items() if n >= needed}


def strip_template_lines(text: str, lines: set[str]) -> str:
    """The text without the lines whose normalised form is in ``lines``."""
    if not lines:
        return text
    kept = [ln for ln in text.splitlines() if normalise_template_line(ln) not in lines]
    return "\n".join(ln for ln in kept if ln.strip())
