"""Is this fetched thing an article at all?  Binary files, list pages, page 2 of a split story.

Why separate from extraction: each answer is a reason string the crawl summary counts
("not_article:list" ...), and each is decided from cheap signals (magic bytes, link density,
a 上一页 link back to the page's own first page) that tests can exercise one by one.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

_MAGIC = (
    b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
    b"RIFF", b"ID3", b"OggS", b"fLaC", b"\x7fELF", b"Rar!", b"7z\xbc\xaf", b"\x00asm",
    b"\x00\x00\x01\x00", b"wOFF", b"wOF2", b"\xd0\xcf\x11\xe0",
)  # fmt: skip
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_PAGE_SUFFIX = re.compile(r"^(?P<base>.+?)(?P<sep>[_-])(?P<n>\d{1,3})(?P<ext>\.[A-Za-z]{2,6})?$")
_PAGE_DIR = re.compile(r"^(?P<base>.*/)(?:page/)?(?P<n>\d{1,3})/?$")
_PAGE_PARAMS = {"page", "p", "pn", "pg", "paged", "cp", "pageno", "pagenum", "pageindex"}
_FIRST_PAGE_TEXTS = {
    "1",
    "[1]",
    "首页",
    "第1页",
    "第一页",
    "上一页",
    "上页",
    "前一页",
    "«",
    "‹",
    "<",
}


def is_binary(body: bytes) -> bool:
    """True for images, archives, PDFs and other non-text bytes."""
    head = bytes(body[:4096])
    if head.startswith(_TEXT_BOMS):
        return False
    if head.startswith(_MAGIC) or head[4:8] == b"ftyp":
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > 0.02 * len(head)


def _first_page_urls(url: str) -> tuple[set[str], int]:
    """URLs page 1 of this page's article could have, and this page's number (1 if unknown)."""
    parts = urlsplit(url)
    cands: set[str] = set()
    number = 1
    query = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(query):
        if key.lower() in _PAGE_PARAMS and value.isdigit() and int(value) >= 2:
            number = int(value)
            rest = query[:i] + query[i + 1 :]
            cands.add(urlunsplit(parts._replace(query=urlencode(rest), fragment="")))
            one = query[:i] + [(key, "1")] + query[i + 1 :]
            cands.add(urlunsplit(parts._replace(query=urlencode(one), fragment="")))
    path = parts.path
    m = _PAGE_SUFFIX.match(path)
    if m and int(m.group("n")) >= 2:
        number = int(m.group("n"))
        ext = m.group("ext") or ""
        for p in (m.group("base") + ext, f"{m.group('base')}{m.group('sep')}1{ext}"):
            cands.add(urlunsplit(parts._replace(path=p, query=parts.query, fragment="")))
    m = _PAGE_DIR.match(path)
    if m and int(m.group("n")) >= 2 and m.group("base") not in ("", "/"):
        number = int(m.group("n"))
        cands.add(urlunsplit(parts._replace(path=m.group("base"), fragment="")))
    return {c.rstrip("/") for c in cands}, number


_NUMBERS = re.compile(r"\d+")
_PREV_TEXTS = {"上一页", "上页", "前一页", "«", "‹", "<", "<<"}


def _one_number_lower(url: str, target: str) -> int | None:
    """The page number in ``url`` when ``target`` is the same URL with only that number lower."""
    a, b = _NUMBERS.split(url), _NUMBERS.split(target)
    na, nb = _NUMBERS.findall(url), _NUMBERS.findall(target)
    if a != b or len(na) != len(nb):
        return None
    diffs = [(int(x), int(y)) for x, y in zip(na, nb, strict=True) if x != y]
    # page numbers are small; article ids (123 -> 122, "«" to the previous post) are not
    if len(diffs) == 1 and diffs[0][0] <= 50 and diffs[0][1] in (1, diffs[0][0] - 1):
        return diffs[0][0]
    return None


def is_continuation(doc: HtmlElement, url: str) -> bool:
    """Page 2+ of a paginated article reached on its own: it links back to its page 1.

    Either a link (上一页, 1, 首页 ...) to the page-1 form of its own URL (``x_2.html`` ->
    ``x.html``, ``?page=2`` -> no page), or a 上一页 / "1" link to its own URL with only one
    number lowered (``thread-7-2-1.html`` -> ``thread-7-1-1.html``).
    """
    if not url:
        return False
    firsts, number = _first_page_urls(url)
    here = url.split("#")[0].rstrip("/")
    for a in doc.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("javascript:", "#")):
            continue
        label = a.text_content().strip()
        first_like = number >= 2 and label in _FIRST_PAGE_TEXTS
        prev_like = label in _PREV_TEXTS or label in ("1", "[1]", "第1页")
        if not (first_like or prev_like):  # cheap test first: most links are neither
            continue
        target = urljoin(url, href.strip()).split("#")[0].rstrip("/")
        if first_like and target in firsts:
            return True
        if prev_like:
            page = _one_number_lower(here, target)
            if page is not None and page >= 2:
                return True
    return False


# Index pages by URL: tag, category, search, author and archive listings, forum boards.
_INDEX_URL = re.compile(
    r"/(tags?|category|categories|search|author|archives?)"
    r"(/|$|\?)|[?&](s|q|wd|kw|keyword|tag|cat)=|forumdisplay|/forum-\d+-\d+\.html"
    r"|^[a-z]+://[^/?#]+/?(index\.\w+|default\.\w+)?(#.*)?$",
    re.I,
)


def list_page_reason(signals: dict, text: str, url: str = "") -> str | None:
    """ "not_article:list" for index, tag, search, calendar and forum-index pages.

    A list page is link text with little prose: the best prose node is small against the
    page's links, or against the teaser items (headline + excerpt) removed from its column.
    """
    body_text = max(signals.get("body_text", 0), 1)
    link = signals.get("body_link", 0)
    best = max(signals.get("best_value", 0.0), 0.0)
    density = link / body_text
    if density >= 0.6 and best < 300:
        return "not_article:list"
    if density >= 0.75 and best < 0.1 * link:
        return "not_article:list"
    items, chars = signals.get("teasers_in_main", (0, 0))
    if items >= 5 and chars >= 1.5 * max(best, 1.0):
        return "not_article:list"
    # a short "article" at an index URL is the one excerpt a small tag page lists
    if url and _INDEX_URL.search(url) and (len(text) < 800 or density >= 0.3):
        return "not_article:list"
    return None


def teasers_near(node: HtmlElement, runs: list[tuple[HtmlElement, int, int]]) -> tuple[int, int]:
    """(items, characters) of teaser runs in the main column: inside the chosen node or around it.

    Sidebars of teasers sit beside the article and do not count; on a tag or search page the
    teasers *are* the main column.
    """
    items = chars = 0
    for parent, n, c in runs:
        if parent is node or node in parent.iterancestors() or parent in node.iterancestors():
            if parent.tag not in ("body", "html"):
                items += n
                chars += c
    return items, chars
