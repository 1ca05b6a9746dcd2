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
from pipelines.copies import one_copy
from pipelines.credits import split_credits
from pipelines.decode import decode_html
from pipelines.forum import FIRST_POST_MIN_CHARS, settle_thread
from pipelines.forum_hint import THREAD, discussion_kind
from pipelines.mainnode import BLOCK_TAGS, best_node, widen_single_paragraph
from pipelines.metadata import PageMeta, read_metadata, resolve_credits
from pipelines.node_prep import loose_runs, prepare_for_trafilatura, restore_dropped_prose

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


_SOURCE_BREAK = re.compile(r"\s*\n\s*")


def _serialise(node: HtmlElement, rendered: bool = False) -> str:
    """Our own block-per-line text of a node (fallback when trafilatura drops the prose).

    ``rendered``: lines break only where a browser breaks them (blocks, <br>), not also at
    the line breaks of the HTML source; the map of what trafilatura may have dropped.
    """
    node = deepcopy(node)
    pre = {d for p in node.iter("pre") for d in p.iter()} if rendered else set()
    for el in node.iter():
        if rendered and el not in pre:
            if el.text and "\n" in el.text:
                el.text = _SOURCE_BREAK.sub(" ", el.text)
            if el.tail and "\n" in el.tail:
                el.tail = _SOURCE_BREAK.sub(" ", el.tail)
        if isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el.tag == "br"):
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    return node.text_content()


def _compact_len(text: str) -> int:
    return len(_WS.sub("", text))


def _trafilatura_text(node: HtmlElement, url: str) -> str:
    wrapper = lxml.html.fromstring("<html><body></body></html>")
    node = deepcopy(node)
    prepare_for_trafilatura(node)
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
    if kind is None:  # in a thread, posts that quote each other are not copies
        best = one_copy(best, tree)
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
    elif kind is None:  # in a thread, what trafilatura drops between posts is chatter
        kept = _WS.sub("", text)
        lost = {run for run in loose_runs(node) if run not in kept}
        if lost:
            text = restore_dropped_prose(text, _serialise(node, rendered=True), lost)
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
    first, last = text.split("\n", 1)[0], texts[-1].rsplit("\n", 1)[-1]
    out.byline, out.credited_outlet = resolve_credits(meta, credits, first, last)
    reason = list_page_reason(signals, out.text, url)
    if reason:
        out.is_article, out.reason = False, reason
    elif len(_WS.sub("", out.text)) < min_chars:
        out.is_article, out.reason = False, "too_short"
    return out
