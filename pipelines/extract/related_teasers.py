"""Teasers of other stories too few for a run: a headline link on a line of its own, then a
cut-off excerpt of that story.

Why a step of its own: the teaser-run step (chrome_dom.py) needs three like siblings, and a
site with few articles shows one or two ("大家都在看" with two items, "看了又看" with one:
genweb seeds 965774734107, 383805613302, 668290990151), as does a portal's single "阅读
下一篇" box (163.com: a headline in an <h4>, a paragraph cut mid-sentence).  The excerpts
are real sentences of the other story (court words under a story about a bookshop), so
they were stored as the article's own prose and the off-topic story was judged on topic.

What gives a teaser away is its shape, whatever the markup or the wording: a link to
another page whose text is a headline and fills its line (a date beside it at most), and
right after that line a short block of prose that stops before its sentence does (an
ellipsis, "[详细]", or a cut in mid-word) with few links of its own.  An article's
paragraph ends as a sentence ends; a sub-heading is not a link; a "相关阅读" link inside an
article, followed by the article's next paragraph, has no cut-off excerpt after it.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.comment_entry import TIME_STAMP
from pipelines.extract.density import BLOCK_TAGS, MeasuredTree
from pipelines.extract.han import reads_as_headline

_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[，。！？；,!?;]")
# A headline: enough Han characters (``han.reads_as_headline``, as the teaser-run step's),
# at most this many characters (a headline is one line; a linked paragraph is not one).
HEADLINE_MAX = 64
# Beside the headline on its line: a date or a label this short ("10-11", "[图]", "独家").
LINE_REST_MAX = 12
# An excerpt: this long (the genweb related lists cut 24-60 characters, 163.com's "阅读下一
# 篇" 80; a block of more than EXCERPT_MAX is a paragraph, not a teaser's excerpt) ...
EXCERPT_MIN = 10
EXCERPT_MAX = 160
# ... with at most this share of its text in links (a "下一篇：<a>…</a>" line is a link).
EXCERPT_LINK_SHARE = 0.3
# How an excerpt is cut off: an ellipsis or a "more" mark at its end, or its last character
# a letter, digit or Han character (cut mid-sentence: "…二审法院", "…藏书两万余册，市民刷").
_CUT_MARK = re.compile(r"(?:…+|\.{2,}|⋯+|\[详细\]|【详细】|\[更多\]|>>|»)\s*$")
_CUT_MID = re.compile(r"[\w\u4e00-\u9fff]$")
# An emptied box keeps only its heading ("大家都在看", "相关阅读"): a box with this little
# text left after its teasers went is removed with them.
_BOX_LEFT_MAX = 16
_NOT_EXCERPT = frozenset({"ul", "ol", "table", "tbody", "h1", "h2", "h3", "h4", "h5", "h6"})


def _text(el: HtmlElement) -> str:
    return _SPACE.sub("", el.text_content())


def _is_block(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el.tag == "br")


def _headline_link(a: HtmlElement, url: str) -> bool:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript")) or (url and href == url):
        return False
    text = _text(a)
    return reads_as_headline(text) and len(text) <= HEADLINE_MAX


def _line(a: HtmlElement) -> tuple[HtmlElement, list[HtmlElement], str] | None:
    """The block holding the link, the inline children of it that make the link's line,
    and that line's text; None when the link sits in no block."""
    top = a
    while top.getparent() is not None and not _is_block(top.getparent()):
        top = top.getparent()
    block = top.getparent()
    if block is None:
        return None
    kids = list(block)
    i = j = kids.index(top)
    while i > 0 and not _is_block(kids[i - 1]):
        i -= 1
    while j + 1 < len(kids) and not _is_block(kids[j + 1]):
        j += 1
    before = block.text if i == 0 else kids[i - 1].tail
    parts = [before or ""] + [k.text_content() + (k.tail or "") for k in kids[i : j + 1]]
    return block, kids[i : j + 1], _SPACE.sub("", "".join(parts))


def _is_excerpt(el: HtmlElement | None) -> bool:
    """A short block of prose that stops before its sentence does, with few links."""
    if el is None or not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
        return False
    if el.tag in _NOT_EXCERPT or el.find(".//h1") is not None:
        return False  # a list, a table, or a heading (a page's own headline under its crumbs)
    text = _text(el)
    if not EXCERPT_MIN <= len(text) <= EXCERPT_MAX or not _SENTENCE.search(text):
        return False
    linked = sum(len(_text(a)) for a in el.iter("a"))
    if linked > EXCERPT_LINK_SHARE * len(text):
        return False
    return bool(_CUT_MARK.search(text) or _CUT_MID.search(text))


def _next_element(el: HtmlElement) -> HtmlElement | None:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _teaser(a: HtmlElement, url: str) -> list[HtmlElement]:
    """The elements of the teaser this link heads (empty: it heads none)."""
    if not _headline_link(a, url):
        return []
    found = _line(a)
    if found is None:
        return []
    block, line, text = found
    rest = text.replace(_text(a), "", 1)
    if len(rest) > LINE_REST_MAX or (_SENTENCE.search(rest) and not TIME_STAMP.search(rest)):
        return []
    after = _next_element(line[-1])
    if after is not None and after.tag != "br":  # the excerpt follows in the same block
        if not _is_excerpt(after) or (line[-1].tail or "").strip():
            return []
        trailing = _next_element(after)
        whole = (block.text or "").strip() == "" and line[0] is block[0] and trailing is None
        return [block] if whole and block.tag in ("li", "dd", "dt") else [*line, after]
    if after is not None or len(text) < len(_text(block)):
        return []  # a <br> follows, or the line is not all of its block
    excerpt = _next_element(block)
    return [block, excerpt] if _is_excerpt(excerpt) else []


def remove_related_teasers(root: HtmlElement, tree: MeasuredTree, url: str = "") -> int:
    """Remove every teaser of another story (headline + cut-off excerpt) and the box left
    holding only its heading.  Returns how many teasers went."""
    units: list[list[HtmlElement]] = []
    taken: set[HtmlElement] = set()
    for a in list(root.iter("a")):
        if a in taken:
            continue
        unit = _teaser(a, url)
        if unit and not any(el in taken for el in unit):
            units.append(unit)
            taken.update(d for el in unit for d in el.iter())
    if not units:
        return 0
    boxes = {el.getparent() for unit in units for el in unit if el.getparent() is not None}
    tree.remove_all([el for unit in units for el in unit])
    tree.remove_all(_emptied(boxes, root))
    return len(units)


def _emptied(boxes: set[HtmlElement], root: HtmlElement) -> list[HtmlElement]:
    """The outermost ancestors of the teasers' parents left holding a heading at most."""
    out: list[HtmlElement] = []
    for box in boxes:
        top = None
        el = box
        while el is not None and el is not root and len(_text(el)) <= _BOX_LEFT_MAX:
            top, el = el, el.getparent()
        if top is not None and top.getparent() is not None:
            out.append(top)
    return [b for b in out if not any(o is not b and o in b.iterancestors() for o in out)]
