"""Is this fetched thing an article at all?  Binary files, list pages, page 2 of a split story.

Why separate from extraction: each answer is a reason string the crawl summary counts
("not_article:list" ...), and each is decided from cheap signals (magic bytes, link density,
a 上一页 link back to the page's own first page) that tests can exercise one by one.
"""

from __future__ import annotations

import re
import statistics
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from pipelines.pagenumbers import page_label, page_numbers

_MAGIC = (
    b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
    b"RIFF", b"ID3", b"OggS", b"fLaC", b"\x7fELF", b"Rar!", b"7z\xbc\xaf", b"\x00asm",
    b"\x00\x00\x01\x00", b"wOFF", b"wOF2", b"\xd0\xcf\x11\xe0",
)  # fmt: skip
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# Labels of a link back to page 1 of the document (首页 only when it is not the site's home).
_FIRST_PAGE_TEXTS = frozenset({"1", "第1页", "第一页", "首页"})
# Labels of a link to page N-1.  «, ‹ and < lead to the previous *post* as often: not here.
_PREV_PAGE_TEXTS = frozenset({"上一页", "上页", "前一页", "上一頁"})
_MAX_LABEL_CHARS = 12  # "[ 上一页 ]" with its spaces; a headline is longer
_PAGE_DIGITS = 3  # a page number in a pager bar; a year or a count of views is longer


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


def _links_away(a: HtmlElement, here: str) -> str | None:
    """The URL an ``<a>`` leads to when that is another page, else None."""
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "#")):
        return None
    try:
        target = urljoin(here, href).split("#")[0]
    except ValueError:  # an href no URL parser reads (http://[bad/): leads nowhere
        return None
    return None if target == here else target


def _pager_number(el: HtmlElement) -> int | None:
    label = page_label(el.text or "") if len(el) == 0 else ""
    return int(label) if label.isdigit() and len(label) <= _PAGE_DIGITS else None


def current_page_in_bar(bar: HtmlElement, here: str) -> int | None:
    """The page a numbered pager bar marks as the one shown: the single number in it that
    is no link (``<a>1</a><strong>2</strong><a>3</a>``), when the bar links page 1 and the
    page before it.  Discuz, phpBB, WordPress and CMS bars all mark the current page so, at
    whatever URL the later pages live (``viewtopic.php?start=15&t=7``)."""
    linked: set[int] = set()
    bare: list[int] = []
    for el in bar.iter():
        if not isinstance(el.tag, str):
            continue
        number = _pager_number(el)
        if number is None:
            continue
        anchor = el if el.tag == "a" else next(el.iterancestors("a"), None)
        if anchor is not None and _links_away(anchor, here):
            linked.add(number)
        else:  # no link, or a link to itself (<a class="cur" href="#">2</a>)
            bare.append(number)
    if len(bare) == 1 and bare[0] >= 2 and {1, bare[0] - 1} <= linked:
        return bare[0]
    return None


def _bar_says_later(a: HtmlElement, here: str) -> bool:
    """``a`` links page 1 from inside a numbered bar that marks this page as page 2+
    (the bar is the link's parent, or its grandparent when each number sits in an <li>)."""
    parent = a.getparent()
    for bar in (parent, parent.getparent() if parent is not None else None):
        if bar is not None and current_page_in_bar(bar, here):
            return True
    return False


def is_continuation(doc: HtmlElement, url: str) -> bool:
    """Page 2+ of a paginated document reached on its own: the page itself says so.

    Its pager bar links page 1 and marks this page as page 2+ (the one number in the bar
    that is no link), whatever the URLs look like; or it links to page 1 of its document (a
    pager's "1", 第一页, or 首页 when that is not the site's home page) or 上一页 to page
    N-1, where the target differs from ``url`` only in a page number (pagenumbers.py).  The
    URL alone decides nothing: ``/p/12345678``, ``/t20230801_123.html`` and
    ``/archives/12/`` are permalinks, and a « to the previous post is no pager.
    """
    if not url:
        return False
    here = url.split("#")[0]
    for a in doc.iter("a"):
        raw = a.text_content()
        if len(raw) > _MAX_LABEL_CHARS:  # cheap test first: most links are headlines, menus
            continue
        target = _links_away(a, here)
        if target is None:
            continue
        label = page_label(raw)
        first_like, prev_like = label in _FIRST_PAGE_TEXTS, label in _PREV_PAGE_TEXTS
        if not (first_like or prev_like):
            continue
        if label == "1" and _bar_says_later(a, here):
            return True
        nums = page_numbers(here, target)
        if nums is None or nums[0] < 2:
            continue
        if label == "首页" and urlsplit(target).path.strip("/") == "":
            continue  # the site's home page, not page 1
        if (first_like and nums[1] == 1) or (prev_like and nums[1] == nums[0] - 1):
            return True
    return False


# Index-page URLs (tag, category, search, author listings, forum boards, a site's home):
# a hint only, that lowers the link density at which a page counts as a list.  Archive
# paths are not in it: /archives/123/ is a common permalink scheme.
_INDEX_URL = re.compile(
    r"/(tags?|category|categories|search|author)"
    r"(/|$|\?)|[?&](s|q|wd|kw|keyword|tag|cat)=|forumdisplay|/forum-\d+-\d+\.html"
    r"|^[a-z]+://[^/?#]+/?(index\.\w+|default\.\w+)?(#.*)?$",
    re.I,
)
# Share of the page's text in links that makes a page at an index URL a list (an article
# page carries 0.05-0.25 with its menus on the demo web, the mini-web and the gne pages).
INDEX_URL_DENSITY = 0.3
# One teaser alone: a short text cut off the way lists cut excerpts ("[…]", "……", "...").
TEASER_MAX_CHARS = 800
_TRUNCATED = re.compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)$")
# ... unless lines before the cut-off one end whole sentences: more than this many, and the
# text is an article with a related teaser left at its end (a short copy, or a split
# article whose page 2 carries a related list), not a tag page's one excerpt (its headline,
# a date, at most one line of boilerplate).  Measured on genweb tuning seeds 6 and 16: the
# two copies misread so had 7 and 9 whole-sentence lines before the teaser.
EXCERPT_MAX_WHOLE_LINES = 1
_WHOLE_LINE = re.compile(r"(?:[。！？!?]|\.)[”’\"」』）)]*$")


# An article is sentences; what a list leaves after extraction is headlines, names, dates
# and counts.  A text of several short lines (median under PROSE_LINE_CHARS) of which under
# PROSE_SHARE_MIN of the characters sit in lines with a sentence end is a list.  Measured
# on the reference texts of the shared corpora (146 Chinese pages): 6 fall under it, all
# non-news (a table of contents, a conference agenda, two code-heavy posts, a punctuation-
# less travel post), none a news article.
PROSE_SHARE_MIN = 0.3
PROSE_LINE_CHARS = 30
PROSE_MIN_LINES = 4
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?:\s|$)")


def _no_sentences(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < PROSE_MIN_LINES:
        return False
    if statistics.median(len(line) for line in lines) >= PROSE_LINE_CHARS:
        return False
    prose = sum(len(line) for line in lines if _SENTENCE_END.search(line))
    return prose < PROSE_SHARE_MIN * sum(len(line) for line in lines)


def _one_excerpt(text: str) -> bool:
    """The text is short, cut off at its end, and holds no whole sentences before the cut."""
    stripped = text.rstrip()
    if len(stripped) >= TEASER_MAX_CHARS or not _TRUNCATED.search(stripped):
        return False
    lines = [line.strip() for line in stripped.split("\n") if line.strip()]
    whole = sum(1 for line in lines[:-1] if _WHOLE_LINE.search(line))
    return whole <= EXCERPT_MAX_WHOLE_LINES


# An article's body reads as prose whatever surrounds it: lines that carry full stops.  A
# list leaves headlines (。 never ends a Chinese headline), dates, names and a footer; lines
# under ARTICLE_LINE_CHARS are boilerplate (本站所载内容仅供参考。).  Measured on every list
# and article page of genweb seeds 1-10 and tuning-template webs 1-20 (3,100 list pages):
# no list page keeps any line of 10 or more characters with a full stop in its text; the
# 31 articles misread as lists there (a teaser list or a menu outweighing a short text) kept
# 150-700 characters in such lines.  Limit: a topic page whose intro runs to three
# sentences reads as an article too (37 of 462 such pages built on real templates).
ARTICLE_LINE_CHARS = 20
ARTICLE_PROSE_CHARS = 150
ARTICLE_FULL_STOPS = 2
# 。 and ．, or a Latin full stop that ends a sentence (before a space, the end, a closing
# quote or any non-ASCII character): not the dot of 5.0万元, 2025.09.26 or www.example.com.
_FULL_STOP = re.compile(r"[。．]|(?<![\d.])\.(?=\s|$|[\"')\]]|[^\x00-\x7f])")


def reads_as_article(text: str) -> bool:
    """The text holds an article's prose: ARTICLE_PROSE_CHARS or more in lines of
    ARTICLE_LINE_CHARS or more that carry full stops, and ARTICLE_FULL_STOPS full stops.  A line
    cut off as an excerpt ("…") is a teaser's, not the page's own prose."""
    chars = stops = 0
    for line in text.split("\n"):
        line = line.strip()
        if len(line) < ARTICLE_LINE_CHARS or _TRUNCATED.search(line):
            continue
        found = len(_FULL_STOP.findall(line))
        if found:
            chars, stops = chars + len(line), stops + found
    return chars >= ARTICLE_PROSE_CHARS and stops >= ARTICLE_FULL_STOPS


def list_page_reason(signals: dict, text: str, url: str = "") -> str | None:
    """ "not_article:list" for index, tag, search, calendar and forum-index pages.

    A list page is link text with little prose: the best prose node is small against the
    page's links, or against the teaser items (headline + excerpt) removed from its column,
    or its only prose is one excerpt cut off with an ellipsis (a tag page listing one story;
    not an article whose last line is a related teaser),
    or its text has no sentences (a forum board, an author page: titles, names, dates).
    The URL is a hint: at an index-like URL a lower link density suffices.
    """
    body_text = max(signals.get("body_text", 0), 1)
    link = signals.get("body_link", 0)
    density = link / body_text
    if not reads_as_article(text) and _links_outweigh(signals, density):
        return "not_article:list"
    if _one_excerpt(text):
        return "not_article:list"
    if _no_sentences(text):
        return "not_article:list"
    if url and _INDEX_URL.search(url) and density >= INDEX_URL_DENSITY:
        return "not_article:list"
    return None


def _links_outweigh(signals: dict, density: float) -> bool:
    """The page's links, or the teaser items of its main column, outweigh its best prose."""
    link = signals.get("body_link", 0)
    best = max(signals.get("best_value", 0.0), 0.0)
    if density >= 0.6 and best < 300:
        return True
    if density >= 0.75 and best < 0.1 * link:
        return True
    items, chars = signals.get("teasers_in_main", (0, 0))
    return items >= 5 and chars >= 1.5 * max(best, 1.0)


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
