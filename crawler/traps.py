"""Keep endless URL spaces (calendars, search results, filters, sort orders) from running away.

Depth alone does not contain a calendar: every month page links to the next month and to
thirty day pages.  What gives a trap away is its *shape*: many URLs that differ only in
numbers or query values, none of which turns out to be an article.  So URLs are grouped by
shape (digits folded, query values dropped, long slugs folded), every shape gets a small
probation budget of requests, and only a shape that has produced an article gets more.
Requests over budget wait; once the shape yields an article they are released.  A shape
whose pages are the first to lead to an article (page 6 of a list, the only way to an old
story) earns one more request per article found that way: productive lists go on, an
endless calendar whose days lead nowhere new does not.  At the end of the crawl whatever
still waits is counted as contained, never fetched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlsplit

_DIGITS = re.compile(r"\d+")
_SLUG = re.compile(r"^[\w%.-]{16,}$")


def url_shape(url: str) -> str:
    """The URL with its variable parts folded: /archive/2024/05/?d=3 -> host/archive/0/0/?d."""
    parts = urlsplit(url)
    segments = []
    for seg in parts.path.split("/"):
        folded = _DIGITS.sub("0", seg)
        if _SLUG.match(seg) and not folded.isdigit() and ("-" in seg or "_" in seg or "%" in seg):
            folded = "*"  # pretty permalinks: every slug is one shape
        segments.append(folded)
    keys = sorted({k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    shape = f"{parts.hostname}{'/'.join(segments)}"
    return f"{shape}?{'&'.join(keys)}" if keys else shape


class TrapGuard:
    """Per-shape request budget; shapes that yield articles are trusted without limit."""

    def __init__(self, probation: int = 8) -> None:
        self.probation = probation
        self.issued: dict[str, int] = defaultdict(int)
        self.extra: dict[str, int] = defaultdict(int)
        self.trusted: set[str] = set()
        self.waiting: dict[str, list] = defaultdict(list)

    def admit(self, url: str, request) -> bool:
        """True if ``request`` may be scheduled now; otherwise it is held back."""
        shape = url_shape(url)
        if shape in self.trusted or self.issued[shape] < self.probation + self.extra[shape]:
            self.issued[shape] += 1
            return True
        self.waiting[shape].append(request)
        return False

    def confirm(self, *urls: str) -> list:
        """Mark the shapes of these article URLs as productive; returns held requests to release."""
        released: list = []
        for url in urls:
            if not url:
                continue
            shape = url_shape(url)
            if shape not in self.trusted:
                self.trusted.add(shape)
                released.extend(self.waiting.pop(shape, []))
        return released

    def credit(self, shape: str, n: int = 1) -> list:
        """``shape`` led to ``n`` new articles: allow it ``n`` more requests; returns the held
        requests released now."""
        if shape in self.trusted:
            return []
        self.extra[shape] += n
        queue = self.waiting.get(shape, [])
        released = []
        while queue and self.issued[shape] < self.probation + self.extra[shape]:
            released.append(queue.pop(0))
            self.issued[shape] += 1
        return released

    def contained(self) -> int:
        """Requests still held back (never fetched)."""
        return sum(len(v) for v in self.waiting.values())
