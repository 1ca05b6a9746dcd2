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
# A segment that is a value, not a name: joined words (ai+law, a,b), or letters and digits
# mixed the way ids and session tokens are (x7f3k9q2, (S(ab12cd34ef))).
_JOINED = re.compile(r"[+,;()]")
_TOKEN = re.compile(r"^(?=(?:.*\d){2})(?=(?:.*[a-z]){2})[\w.-]{6,}$", re.I)
# Requests one family (a site's first path segment: /search, /list, /calendar) may spend on
# shapes that have not yielded an article, whatever their query keys or depth: a search or
# filter page links combinations of parameters, each a new shape, without end.  Only links
# found on a page of the same family count: an endless space feeds itself, while a list of
# different pages linked from a home page or an index (/t/gbk, /t/pdf, /t/empty ...) is as
# long as that one page, and each of its shapes keeps its own probation.
FAMILY_PROBATION_FACTOR = 2


def _fold(seg: str) -> str:
    folded = _DIGITS.sub("0", seg)
    if folded.isdigit() or not seg:
        return folded
    if _JOINED.search(seg) or _TOKEN.match(seg):
        return "*"
    if _SLUG.match(seg) and ("-" in seg or "_" in seg or "%" in seg):
        return "*"  # pretty permalinks: every slug is one shape
    return folded


def url_shape(url: str) -> str:
    """The URL with its variable parts folded: /archive/2024/05/?d=3 -> host/archive/0/0/?d."""
    parts = urlsplit(url)
    segments = [_fold(seg) for seg in parts.path.split("/")]
    keys = sorted({k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    shape = f"{parts.hostname}{'/'.join(segments)}"
    return f"{shape}?{'&'.join(keys)}" if keys else shape


def shape_family(shape: str) -> str:
    """host/first-segment of a shape: where one endless space lives."""
    head = shape.split("?", 1)[0]
    host, _, path = head.partition("/")
    return f"family:{host}/{path.split('/', 1)[0]}"  # never equal to a shape


class TrapGuard:
    """Per-shape request budget; shapes that yield articles are trusted without limit."""

    def __init__(self, probation: int = 8) -> None:
        self.probation = probation
        self.issued: dict[str, int] = defaultdict(int)  # by shape, and by family
        self.extra: dict[str, int] = defaultdict(int)
        self.trusted: set[str] = set()
        self.waiting: dict[str, list] = defaultdict(list)

    def _room(self, shape: str, self_fed: bool = True) -> bool:
        family = shape_family(shape)
        family_budget = FAMILY_PROBATION_FACTOR * self.probation + self.extra[family]
        return self.issued[shape] < self.probation + self.extra[shape] and (
            not self_fed or self.issued[family] < family_budget
        )

    def _issue(self, shape: str, self_fed: bool = True) -> None:
        self.issued[shape] += 1
        if self_fed:
            self.issued[shape_family(shape)] += 1

    def admit(self, url: str, request, found_on: str | None = None) -> bool:
        """True if ``request`` may be scheduled now; otherwise it is held back.

        ``found_on`` is the shape of the page that linked ``url``: the family budget applies
        when that page is of the same family (or unknown)."""
        shape = url_shape(url)
        if shape in self.trusted:
            return True
        self_fed = found_on is None or shape_family(found_on) == shape_family(shape)
        if self._room(shape, self_fed):
            self._issue(shape, self_fed)
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
        self.extra[shape_family(shape)] += n
        queue = self.waiting.get(shape, [])
        released = []
        while queue and self._room(shape):
            released.append(queue.pop(0))
            self._issue(shape)
        return released

    def contained(self) -> int:
        """Requests still held back (never fetched)."""
        return sum(len(v) for v in self.waiting.values())
