"""What a fetched page is, read cheaply from its structure: article text, a list, a thread.

The spider needs this before any extraction: whether page 1 of a document may be joined
with the page its 下一页 link names, and whether that page continues it.  The URL cannot
say (``/p/12345678`` is a permalink, ``/archives/23/`` an article, ``thread-7-2-1.html``
a page of replies); the page can:

* **prose**: the block (``div``, ``td``, ``section`` …) holding the most text outside
  links, counting its ``<p>``, ``<span>`` and ``<br>``-separated runs.  An article has one
  such block; a calendar or a menu page has none.
* **a run of posts**: that block sits inside one of two or more sibling blocks with the
  same tag and class and the same inner structure, each with a link (a user, a headline)
  and text of its own — forum posts, comments, search results, teaser items.  A page whose
  main text is one item of such a run is a thread or a listing, not an article's page
  (postruns.py; unnamed siblings must repeat one inner structure).
* **a listing**: the prose block itself holds three or more headline-like links (a list
  whose excerpts are plain ``<p>`` siblings of their ``<h3><a>`` headlines).
* **the headline**: the first ``<h1>``, else the leading part of ``<title>``, without the
  page markers (第2页, (2)) a CMS appends to later pages.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

from lxml.html import HtmlElement

from crawler.postruns import in_run, tag_name

# Blocks own the text directly inside them (and inside their inline children).
BLOCK_TAGS = frozenset(
    "html body div table tbody thead tfoot tr td th ul ol li dl dd dt section article main "
    "aside header footer nav blockquote form fieldset figure center".split()
)
# Text inside these is never prose: link labels, code, widgets.
NOT_PROSE_TAGS = frozenset(
    "a script style noscript select option textarea iframe template button label svg "
    "head title".split()
)
# A headline-like link: a title of another page, not a menu label (menus: 2-6 characters).
HEADLINE_LINK_CHARS = 8
# Headline links inside the prose block beyond which it is a list of teasers, not an
# article (an article body links a term or a source now and then: 0-2 on the demo web's and
# the shared corpora's article pages).
LISTING_LINKS = 3
_PAGE_MARK = re.compile(
    r"(?:第[0-9一二三四五六七八九十]+页|[(（\[【]\s*\d{1,3}\s*[)）\]】]|[_\-–—|/]\s*\d{1,3})\s*$"
)
_TITLE_SEP = re.compile(r"\s[-–—|]\s|[_|｜]|\s{2,}")
_NOT_WORD = re.compile(r"[\W_]+")
# A piece of text that ends a sentence: a Chinese full stop, ! or ?, an ellipsis or a
# Latin full stop, before closing quotes or brackets, at the piece's end (a headline's
# 震惊！ inside a breadcrumb ends nothing; nor does the dot in 2025.09.26).
_SENTENCE_END = re.compile(r"[。！？!?…．.][”’」』）)\]】\"']*$")
# Blocks of new text looked at, largest first, for one that is article text (a reply page
# holds ten to twenty posts, each a new block of a run).
FRESH_CANDIDATES = 40


@dataclass(frozen=True)
class PageShape:
    headline: str  # normalised: NFKC, no spaces or punctuation, no page marker
    prose: int  # characters of text outside links in the page's main prose block
    in_run: bool  # the prose block is one item of a run of posts / results / teasers
    first_of_run: bool  # ... and the first of them (a thread's opening post)
    listing: bool  # the prose block holds several headline links (a teaser list)
    texts: frozenset[int] = frozenset()  # fingerprints of every block's own text
    # prose of the largest article-like block whose text is new (read as page N+1: new
    # against the pages before; read alone: the prose block, when it is article-like)
    fresh: int = 0
    path: str = ""  # where the prose block sits (an lxml element path: /html/body/div[3])

    @property
    def article_text(self) -> bool:
        """The page's main text is an article's (not a post list, not a listing)."""
        return not self.in_run and not self.listing


@dataclass(frozen=True)
class Known:
    """What the pages before page N+1 carried: their blocks' text fingerprints (what page
    N+1 repeats is template) and where their article text sat (page N+1's continuation
    sits at the same place in a site's template)."""

    texts: frozenset[int] = frozenset()
    paths: frozenset[str] = frozenset()


def _compact(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def normalise_headline(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").strip()
    for _ in range(2):  # "标题(2)_第2页" carries two markers
        text = _PAGE_MARK.sub("", text).strip()
    return _compact(text)


def _title_headline(root: HtmlElement) -> str:
    title = root.find(".//title")
    text = title.text_content() if title is not None else ""
    parts = [p for p in _TITLE_SEP.split(text) if p.strip()]
    return parts[0] if parts else ""


def headline_of(root: HtmlElement) -> str:
    for h1 in root.iter("h1"):
        text = normalise_headline(h1.text_content())
        if len(text) >= 2:
            return text
    return normalise_headline(_title_headline(root))


def same_headline(a: str, b: str) -> bool:
    """Two pages carry one headline: equal, or one contains the other (a later page's
    headline with 续 or a part number) when both are long enough to mean something."""
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 6 and (a in b or b in a))


def text_by_block(root: HtmlElement) -> dict[HtmlElement, list[str]]:
    """The text outside links owned by each block element, in pieces (text in inline
    children such as <p>, <span>, <font> belongs to the nearest block around them)."""
    pieces: dict[HtmlElement, list[str]] = {}
    stack: list[tuple[HtmlElement, HtmlElement, bool]] = [(root, root, False)]
    while stack:
        el, block, skip = stack.pop()
        tag = tag_name(el)
        if not tag:
            continue
        here = el if tag in BLOCK_TAGS else block
        inner_skip = skip or tag in NOT_PROSE_TAGS
        if el.text and not inner_skip:
            text = el.text.strip()
            if text:
                pieces.setdefault(here, []).append(text)
        for child in el:
            if child.tail and not inner_skip:
                text = child.tail.strip()
                if text:
                    pieces.setdefault(here, []).append(text)
            stack.append((child, here, inner_skip))
    return pieces


def prose_by_block(root: HtmlElement) -> dict[HtmlElement, int]:
    """Characters of text outside links owned by each block element."""
    return {el: sum(map(len, texts)) for el, texts in text_by_block(root).items()}


def _fingerprint(texts: list[str]) -> int:
    """A block's own text as a number stable across processes (a chain may be continued
    by another worker)."""
    return zlib.crc32("".join(texts).encode("utf-8", "replace"))


def _headline_links(block: HtmlElement) -> int:
    n = 0
    for a in block.iter("a"):
        if len(_compact(a.text_content())) >= HEADLINE_LINK_CHARS:
            n += 1
    return n


def _article_like(block: HtmlElement) -> bool:
    return in_run(block) is None and _headline_links(block) < LISTING_LINKS


def _reads_as_article(el: HtmlElement, texts: list[str], paths: frozenset[str]) -> bool:
    """Text that reads as an article's: sentences, or text where the pages before held
    their article text.  A counter, a date, a tag line or a footer number is new on
    every page of a site too, but none of them ends a sentence."""
    if any(_SENTENCE_END.search(t) for t in texts):
        return True
    return el.getroottree().getpath(el) in paths


def _article_block(
    pieces: dict, counts: dict, blocks: list, paths: frozenset[str] = frozenset()
) -> HtmlElement | None:
    """The largest of ``blocks`` that is article text (no post of a run, no list) and
    reads as an article's (``_reads_as_article``)."""
    blocks = sorted(blocks, key=counts.get, reverse=True)
    for el in blocks[:FRESH_CANDIDATES]:
        if _article_like(el) and _reads_as_article(el, pieces[el], paths):
            return el
    return None


def _fresh_block(pieces: dict, counts: dict, prints: dict, known: Known) -> HtmlElement | None:
    """The largest article-text block that the pages before did not carry and that
    continues their text (sentences, or at their article's place): on a later page of a
    split article the continuation, however short, beside comments and related lists
    that may hold more text; on a thread's reply page none (its posts are a run, the
    rest is template or counters)."""
    new = [el for el in counts if prints[el] not in known.texts]
    return _article_block(pieces, counts, new, known.paths)


def _comes_first(root: HtmlElement, a: HtmlElement, b: HtmlElement) -> bool:
    """``a`` comes before ``b`` in the page (an article above its comments)."""
    for el in root.iter():
        if el is a:
            return True
        if el is b:
            return False
    return False


def read_shape(root: HtmlElement, known: Known | None = None) -> PageShape:
    """The shape of a parsed page (``response.selector.root``); ``known`` is what the
    pages before it in a chain carried, when it is read as page N+1."""
    pieces = text_by_block(root)
    body = root.find(".//body")
    pieces.pop(root, None)
    loose = pieces.pop(body, [])  # text straight in <body>: a headline, a stray line
    counts = {el: sum(map(len, texts)) for el, texts in pieces.items()}
    prints = {el: _fingerprint(texts) for el, texts in pieces.items()}
    best = max(counts, key=counts.get, default=None)
    headline = headline_of(root)
    texts = frozenset(prints.values())
    if best is None:
        return PageShape(headline, sum(map(len, loose)), False, False, False, texts)
    if known is not None:
        placed = _fresh_block(pieces, counts, prints, known)
        fresh = counts[placed] if placed is not None else 0
    else:
        # where the article text sits, for page N+1 to be read against: the largest block
        # of sentences (a short page 1 may hold less text than the site's footer)
        placed = _article_block(pieces, counts, list(counts))
    run = in_run(best)
    if known is None and run == 1 and placed is not None and _comes_first(root, placed, best):
        # the largest block is a comment under the article text: a short page 1 of a split
        # article above a long comment section reads by its own text
        best, run = placed, None
    listing = _headline_links(best) >= LISTING_LINKS
    if known is None:
        fresh = counts[best] if run is None and not listing else 0
    path = root.getroottree().getpath(placed if placed is not None else best)
    return PageShape(headline, counts[best], run is not None, run == 0, listing, texts, fresh, path)


def shape_of(response, known: Known | None = None) -> PageShape | None:
    """The shape of a Scrapy response, or None when it is not parsable HTML."""
    try:
        root = response.selector.root
    except (AttributeError, ValueError):
        return None
    if root is None or not hasattr(root, "iter"):
        return None
    return read_shape(root, known)
