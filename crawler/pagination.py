"""Documents split over several pages: find page N+1 of the current document.

Two URLs are pages of one document when they differ only in a page number: one number that
changes (``thread-76708-1-1.html`` -> ``thread-76708-2-1.html``, ``?page=2`` -> ``?page=3``)
or a page marker that page 1 leaves out (``/a/123.html`` -> ``/a/123_2.html``, ``-2.html``,
``/a/123/2/``, ``?page=2``).  The link to page N+1 says so: its text is 下一页 / 下页 / Next /
›, or the number N+1, or it has rel=next.  下一篇 ("next post") is a different article and
is never followed as a page of this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import Response

from crawler.links import Link

NEXT_TEXTS = frozenset(
    {"下一页", "下页", "后一页", "下一頁", "next", "next page", "next ›", "›", "»", "next»"}
    | {">", ">>"}
)
PREV_TEXTS = frozenset(
    {"上一页", "上页", "前一页", "首页", "尾页", "末页", "prev", "previous", "‹", "«", "<", "<<"}
)
PAGE_KEYS = ("page", "pg", "pn", "pageno", "page_no", "pagenum", "paged", "p")
_DIGITS = re.compile(r"(\d+)")
_MARKER_TAIL = re.compile(r"(?:[_-](\d{1,3}))(\.[a-z]{2,5})$", re.I)
_SEGMENT_TAIL = re.compile(r"/(\d{1,3})/?$")


@lru_cache(maxsize=50_000)
def _strip_marker(url: str) -> tuple[str, int] | None:
    """``url`` without an explicit page marker, and the page number; None if it has none."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for key in PAGE_KEYS:
        if key == "p":  # WordPress post ids: ?p=12 is a post, not a page number
            continue
        values = [v for k, v in query if k.lower() == key]
        if values and values[0].isdigit() and len(values[0]) <= 3:
            rest = urlencode([(k, v) for k, v in query if k.lower() != key])
            return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), int(values[0])
    m = _MARKER_TAIL.search(parts.path)
    if m:
        path = parts.path[: m.start()] + m.group(2)
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")), int(m.group(1))
    m = _SEGMENT_TAIL.search(parts.path)
    if m and parts.path.count("/") >= 2:
        path = parts.path[: m.start()] + "/"
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")), int(m.group(1))
    return None


def _same_without_slash(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


def page_numbers(current: str, other: str) -> tuple[int, int] | None:
    """(page of ``current``, page of ``other``) if both are pages of one document."""
    if current == other:
        return None
    a, b = _DIGITS.split(current), _DIGITS.split(other)
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1 and diffs[0] % 2 == 1 and len(b[diffs[0]]) <= 3:
            i = diffs[0]
            prefix = a[i - 1]
            paged = re.search(r"(page|pg|pn)[=/_-]?$", prefix, re.I)
            if paged or not prefix.endswith(("p=", "?id=", "&id=", "/")):
                return int(a[i]), int(b[i])
            if prefix.endswith("/") and i == len(a) - 2 and a[i + 1] in ("", "/"):
                return int(a[i]), int(b[i])
    stripped = _strip_marker(other)
    if stripped and _same_without_slash(stripped[0], current):
        return 1, stripped[1]
    stripped = _strip_marker(current)
    if stripped and _same_without_slash(stripped[0], other):
        return stripped[1], 1
    return None


def _pager_like(link: Link) -> bool:
    """Cheap pre-filter: only links that read like a pager can be another page."""
    text = link.text.strip().lower()
    return text.isdigit() or text in NEXT_TEXTS or text in PREV_TEXTS or "next" in link.rel


def pager_links(links: list[Link]) -> list[Link]:
    return [link for link in links if _pager_like(link)]


def find_next_page(url: str, links: list[Link]) -> str | None:
    """URL of the next page of the document at ``url``, or None."""
    numbered: dict[int, str] = {}
    for link in pager_links(links):
        nums = page_numbers(url, link.url)
        if nums is None:
            continue
        here, there = nums
        text = link.text.strip().lower()
        if there == here + 1 and (text in NEXT_TEXTS or "next" in link.rel):
            return link.url
        if there == here + 1 and text.isdigit() and int(text) == there:
            numbered[there] = link.url
    return next(iter(numbered.values()), None)


def sibling_pages(url: str, links: list[Link]) -> set[str]:
    """Links that are other pages of the document at ``url`` (by URL and link text)."""
    out = set()
    for link in pager_links(links):
        nums = page_numbers(url, link.url)
        if nums is None:
            continue
        text = link.text.strip().lower()
        numbered = text.isdigit() and int(text) == nums[1]
        if numbered or text in NEXT_TEXTS or text in PREV_TEXTS or "next" in link.rel:
            out.add(link.url)
    return out


def is_continuation(url: str) -> bool:
    """True for page 2+ of a paginated document, judged by an explicit marker in the URL."""
    stripped = _strip_marker(url)
    return stripped is not None and stripped[1] > 1


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


@dataclass(frozen=True)
class ChainPage:
    """One page of a paginated article, as fetched."""

    url: str
    body: bytes
    etag: str | None
    last_modified: str | None

    @classmethod
    def of(cls, response: Response) -> ChainPage:
        return cls(
            response.url,
            response.body,
            header(response, "ETag"),
            header(response, "Last-Modified"),
        )

    def validators(self) -> dict:
        return {"url": self.url, "etag": self.etag, "last_modified": self.last_modified}


def article_like(response) -> bool:
    """Cheap guess (no extraction): enough paragraph text outside links to be an article
    whose next page is joined to it, not a list whose next page is just another list."""
    try:
        texts = response.xpath("//p//text()[not(ancestor::a)]").getall()
    except ValueError:
        return False
    return sum(len(t.strip()) for t in texts) >= 200
