"""Stage 2, parse: decoded HTML -> one lxml document tree.

Why a stage of its own: every later stage reads the same tree (the site template and the
main-content choice measure its blocks, metadata reads its head), so the page is parsed
once, here, with the guards a crawl needs: a 25 MB "page" is a dump, not an article, an
XML declaration makes lxml refuse a decoded string, and control characters break it.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

MAX_HTML_CHARS = 6_000_000  # a 25 MB "page" is a dump, not an article: parse its head only
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into a document tree; None when nothing parseable is there."""
    text = _CONTROL.sub("", _XML_DECL.sub("", text[:MAX_HTML_CHARS]))
    if not text.strip():
        return None
    try:
        doc = lxml.html.document_fromstring(text)
    except (ValueError, etree.ParserError):
        return None
    return doc if doc is not None and len(doc) else None
