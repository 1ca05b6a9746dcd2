"""Page numbers in URLs: are two URLs pages of one document, and which pages?

A relation between two URLs, never a verdict on one: ``/a/123_2.html`` is page 2 of
``/a/123.html`` only for a page that links the two as pages (a pager, 上一页, 首页); alone
it says nothing (``/t20230801_123.html`` is a permalink, ``/p/12`` a post).  Used by the
spider to find page N+1 and by the extractor to recognise page N reached on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
    if m and parts.path[: m.start()].strip("/"):  # /x/2/ is page 2 of /x/; /2/ is no page
        path = parts.path[: m.start()] + "/"
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")), int(m.group(1))
    return None


def _same_without_slash(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


def _query_sorted(url: str) -> str:
    """``url`` with its query parameters in one order (a page links ``?m=a&id=7&page=2``
    while the crawler requests ``?id=7&m=a``)."""
    head, sep, query = url.partition("?")
    if not sep or "&" not in query:
        return url
    query, hash_, fragment = query.partition("#")
    return f"{head}?{'&'.join(sorted(query.split('&')))}{hash_}{fragment}"


def page_numbers(current: str, other: str) -> tuple[int, int] | None:
    """(page of ``current``, page of ``other``) if both are pages of one document."""
    current, other = _query_sorted(current), _query_sorted(other)
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


# Labels that name a *page* of this document (never 下一篇 "next post"); ›, », > also lead
# to the next post on many blogs, so alone they count only between URLs of one family.
PAGE_WORDS = frozenset(
    {"下一页", "下页", "后一页", "下一頁", "next page", "上一页", "上页", "前一页", "上一頁"}
    | {"首页", "尾页", "末页", "第一页", "最后一页"}
)
NEXT_WORDS = frozenset({"下一页", "下页", "后一页", "下一頁", "next page"})
# What sites put around a pager's words: [下一页], 下一页 >, 下一页», «上一页, 【1】, (2).
_LABEL_DECOR = re.compile(r"^[\s\[\]【】()（）<>《》«»‹›]+|[\s\[\]【】()（）<>《》«»‹›]+$")


def page_label(text: str) -> str:
    """A pager link's label as one word: lower case, without the brackets and arrows around
    it (``[下一页]``, ``下一页 >``, ``«上一页`` -> 下一页 / 上一页).  A label that is only
    arrows (», ›, >>) stays as it is: it says next, not page."""
    label = " ".join(text.split()).lower()
    return _LABEL_DECOR.sub("", label) or label


def is_later_page(url: str, of: str) -> bool:
    """True when ``url`` is page 2+ of the document whose page is at ``of`` (the two URLs
    differ only in a page number and ``url`` has the higher one)."""
    nums = page_numbers(of, url)
    return nums is not None and nums[1] > nums[0]
