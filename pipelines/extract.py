"""HTML bytes of one article (one or more pages) -> ``Extracted``.

The order matters and each step is its own module: decode (decode.py), parse, read the
metadata while the page is whole (metadata.py), tell a discussion page (forum thread, Q&A)
from the rest (forum_hint.py), strip DOM chrome (chrome_dom.py, which keeps the totals of
mainnode.py current as it cuts), choose the main node by prose density (mainnode.py), settle
threads (forum.py: every post's message without user cards, or only the first post when it
is an article copy with chatter under it), let trafilatura turn the node into text, then cut
text chrome and move credit lines into metadata (chrome.py, credits.py).  Page 2+ of a split
article only add text.

Everything here is module-level and picklable: the Scrapy pipeline runs it in a process pool.
Expected failures (garbage bytes, a list page, a stub) are returned as ``Extracted`` with
``is_article=False`` and a reason, never raised.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from pipelines.article import Extracted
from pipelines.chrome import (
    ChromeRules,
    cut_tail,
    drop_chrome_lines,
    drop_leading_meta,
    load_rules,
    tidy_lines,
)
from pipelines.chrome_dom import strip_dom_chrome
from pipelines.classify import is_binary, is_continuation, list_page_reason, teasers_near
from pipelines.credits import split_credits
from pipelines.decode import decode_html
from pipelines.forum import FIRST_POST_MIN_CHARS, settle_thread
from pipelines.forum_hint import THREAD, discussion_kind
from pipelines.mainnode import BLOCK_TAGS, best_node, widen_single_paragraph
from pipelines.metadata import PageMeta, read_metadata, resolve_credits

LOGGER = logging.getLogger(__name__)
MAX_HTML_CHARS = 6_000_000  # a 25 MB "page" is a dump, not an article: parse its head only
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WS = re.compile(r"\s+")


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into a document tree; None when nothing parseable is there."""
    text = _CONTROL.sub("", _XML_DECL.sub("", text[:MAX_HTML_CHARS]))
    if not text.strip():
        return None
    try:
        doc = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return None
    return doc if doc is not None and len(doc) else None


def _serialise(node: HtmlElement) -> str:
    """Our own block-per-line text of a node (fallback when trafilatura drops the prose)."""
    node = deepcopy(node)
    for el in node.iter():
        if isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el.tag == "br"):
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    return node.text_content()


def _compact_len(text: str) -> int:
    return len(_WS.sub("", text))


_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(node: HtmlElement) -> None:
    """Turn layout tables (a cell holding prose) into divs, in place.

    trafilatura renders table cells as one "| a | b |" line, which flattens an old portal's
    article (or a Discuz post) into a single paragraph; data tables (short cells) stay.
    """
    tables = [t for t in node.iter("table")]
    if node.tag in _TABLE_PARTS and node.tag != "table":
        tables.append(node)
    for table in tables:
        cells = [c for c in table.iter("td", "th")]
        if (
            any(len(c.text_content().strip()) > 150 for c in cells)
            or table.find(".//p") is not None
        ):
            for el in table.iter(*_TABLE_PARTS):
                el.tag = "div"
                for attr in ("colspan", "rowspan"):
                    el.attrib.pop(attr, None)


def _has_prose(el: HtmlElement | None) -> bool:
    return el is not None and isinstance(el.tag, str) and _compact_len(el.text_content()) >= 20


def keep_subheadings(node: HtmlElement) -> None:
    """Turn subheadings between two paragraphs into paragraphs, in place.

    trafilatura drops h2-h6 when the node it gets matches none of its article containers;
    a subheading inside the prose ("郑重道歉" between two paragraphs) is article text.
    Headings at the edges (a title, "目录", a "Trackback" box) are left to trafilatura.
    """
    for el in list(node.iter("h2", "h3", "h4", "h5", "h6")):
        if _has_prose(el.getprevious()) and _has_prose(el.getnext()):
            el.tag = "p"


def sections_as_paragraphs(node: HtmlElement) -> None:
    """Turn <section>s that hold only inline content into paragraphs, in place.

    WeChat-style editors write every paragraph as a <section>; handed such a body directly,
    trafilatura joins them all into one line, and the line structure the chrome rules read
    (a credit line, a tail marker) is lost.
    """
    for el in list(node.iter("section")):
        if el is node or not (el.text_content() or "").strip():
            continue
        if not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants()):
            el.tag = "p"


def _trafilatura_text(node: HtmlElement, url: str) -> str:
    wrapper = lxml.html.fromstring("<html><body></body></html>")
    node = deepcopy(node)
    unwrap_layout_tables(node)
    keep_subheadings(node)
    sections_as_paragraphs(node)
    wrapper.find("body").append(node)
    text = trafilatura.extract(
        wrapper,
        url=url or None,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    return text or ""


def page_text(
    doc: HtmlElement, url: str, rules: ChromeRules, title: str = "", kind: str | None = None
) -> tuple[str, list[str], dict]:
    """Main text of one page (chrome and credit lines out), its credit lines, and signals.

    ``kind``: the page is a forum thread or Q&A page (forum_hint.py), whose replies count.
    """
    body = doc.find("body")
    body = body if body is not None else doc
    signals, tree = strip_dom_chrome(body, rules, discussion=kind is not None)
    stats = tree.stats
    best = best_node(body, stats)
    signals["best_value"] = stats[best].value if best in stats else 0.0
    node = best if kind is not None else widen_single_paragraph(best, tree)
    signals["body_text"] = stats[body].text if body in stats else 0
    signals["body_link"] = stats[body].link if body in stats else 0
    signals["teasers_in_main"] = teasers_near(node, signals.pop("teaser_runs", []))
    signals["main_chars"] = stats[node].text - stats[node].link if node in stats else 0
    node, signals["reply_chars"] = settle_thread(node, kind)
    text = _trafilatura_text(node, url)
    own = _serialise(node)
    if _compact_len(text) < 0.5 * _compact_len(own) and signals["best_value"] > 0:
        text = own
    lines = tidy_lines(text)
    # the headline and date lines above the article are not part of its opening, which
    # decides how early a tail marker may end it
    head = len(lines) - len(drop_leading_meta(lines, title))
    lines = lines[:head] + cut_tail(lines[head:], rules)
    lines, credits = split_credits(lines)
    lines = drop_leading_meta(drop_chrome_lines(lines, rules), title)
    return "\n".join(lines), credits, signals


def extract_page(
    bodies: list[bytes], url: str, content_type: str | None = None, min_chars: int = 150
) -> Extracted:
    """Extract one article from the raw bytes of its pages (page 1 first). Never raises."""
    try:
        return _extract(bodies, url, content_type, min_chars)
    except Exception:  # noqa: BLE001 - step boundary: one bad page must not stop a crawl
        LOGGER.exception("extraction failed: %s", url)
        return Extracted(is_article=False, reason="not_article:error")


def _extract(bodies: list[bytes], url: str, content_type: str | None, min_chars: int) -> Extracted:
    bodies = [b for b in (bodies or []) if isinstance(b, (bytes, bytearray))]
    if not bodies or not any(b.strip() for b in bodies):
        return Extracted(is_article=False, reason="not_article:empty")
    if is_binary(bodies[0]):
        return Extracted(is_article=False, reason="not_article:binary")
    html = decode_html(bytes(bodies[0]), content_type)
    doc = parse_html(html)
    if doc is None:
        return Extracted(is_article=False, reason="not_article:empty")
    rules = load_rules()
    meta: PageMeta = read_metadata(doc, url)
    out = Extracted(title=meta.title, canonical_url=meta.canonical_url)
    if is_continuation(doc, url):
        out.is_article, out.reason = False, "not_article:continuation"
        return out
    kind = discussion_kind(html, url or meta.canonical_url or "")
    text, credits, signals = page_text(doc, url, rules, meta.title, kind)
    if kind is None and signals["main_chars"] < FIRST_POST_MIN_CHARS:
        # a short text followed by a longer reply stream: the replies are the page (a
        # question, a one-line topic), whatever the site looks like
        again = parse_html(html)
        if again is not None:
            reread = page_text(again, url, rules, meta.title, THREAD)
            if reread[2]["reply_chars"] > signals["main_chars"]:
                kind, (text, credits, signals) = THREAD, reread
    texts = [text]
    for extra in bodies[1:]:
        if is_binary(extra):
            continue
        more = parse_html(decode_html(bytes(extra), content_type))
        if more is not None:
            texts.append(page_text(more, url, rules, meta.title, kind)[0])
    out.text = "\n".join(t for t in texts if t)
    out.published_at = meta.published_at
    first = text.split("\n", 1)[0]
    out.byline, out.credited_outlet = resolve_credits(meta, credits, first)
    reason = list_page_reason(signals, out.text, url)
    if reason:
        out.is_article, out.reason = False, reason
    elif len(_WS.sub("", out.text)) < min_chars:
        out.is_article, out.reason = False, "too_short"
    return out
