"""HTML bytes of one article (one or more pages) -> ``Extracted``.

The order matters and each step is its own module: decode (decode.py), parse, read the
metadata while the page is whole (metadata.py), strip DOM chrome (chrome_dom.py), choose
the main node by prose density (mainnode.py), settle threads (forum.py: the first post when
it is article-length, else every post's message),
let trafilatura turn the node into text, then cut text chrome and move credit lines into
metadata (chrome.py, credits.py).  Page 2+ of a split article only add text.

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
from pipelines.forum import first_post_only, thread_scope
from pipelines.mainnode import BLOCK_TAGS, best_node, measure
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


def _trafilatura_text(node: HtmlElement, url: str) -> str:
    wrapper = lxml.html.fromstring("<html><body></body></html>")
    node = deepcopy(node)
    unwrap_layout_tables(node)
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
    doc: HtmlElement, url: str, rules: ChromeRules, title: str = ""
) -> tuple[str, list[str], dict]:
    """Main text of one page (chrome and credit lines out), its credit lines, and signals."""
    body = doc.find("body")
    body = body if body is not None else doc
    signals = strip_dom_chrome(body, rules)
    stats = measure(body)
    node = best_node(body, stats)
    signals["best_value"] = stats[node].value if node in stats else 0.0
    signals["body_text"] = stats[body].text if body in stats else 0
    signals["body_link"] = stats[body].link if body in stats else 0
    signals["teasers_in_main"] = teasers_near(node, signals.pop("teaser_runs", []))
    node = first_post_only(thread_scope(node))
    text = _trafilatura_text(node, url)
    own = _serialise(node)
    if _compact_len(text) < 0.5 * _compact_len(own) and signals["best_value"] > 0:
        text = own
    lines = cut_tail(tidy_lines(text), rules)
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
    doc = parse_html(decode_html(bytes(bodies[0]), content_type))
    if doc is None:
        return Extracted(is_article=False, reason="not_article:empty")
    rules = load_rules()
    meta: PageMeta = read_metadata(doc, url)
    out = Extracted(title=meta.title, canonical_url=meta.canonical_url)
    if is_continuation(doc, url):
        out.is_article, out.reason = False, "not_article:continuation"
        return out
    text, credits, signals = page_text(doc, url, rules, meta.title)
    texts = [text]
    for extra in bodies[1:]:
        if is_binary(extra):
            continue
        more = parse_html(decode_html(bytes(extra), content_type))
        if more is not None:
            texts.append(page_text(more, url, rules, meta.title)[0])
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
