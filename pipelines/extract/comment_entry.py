"""One block of a page read as a reader's comment entry: its furniture and what it says.

Why a module of its own: the shape of one entry (a user link or avatar, a time stamp, a
like count, a few words) is read by the comment-run step (comment_runs.py: many such
siblings are a comment section) and by the forum step (forum.py: a post's own words
without the "发表于 … #2" its board prints in the message cell).  What makes a segment
furniture is its form, not its words: a time stamp or a count that fills an element of its
own, a short unpunctuated label.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml.html import HtmlElement

_DIGITS = re.compile(r"\d+")
# A time stamp as comment furniture shows it: a date, a clock time, "3小时前", "昨天".
TIME_STAMP = _TIME = re.compile(
    r"\d{4}\s*[-/年.]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}|\d{1,2}:\d{2}"
    r"|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|昨天|前天|just now|ago",
    re.I,
)
_NOT_WORD = re.compile(r"[\W\d_]+")
_SENTENCE = re.compile(r"[，。！？；,.!?;]")
# A furniture segment is short: a time stamp with at most this much else, a count whose
# label is at most this long ("赞", "人赞过", "支持反对"), a label or user name this long.
_TIME_MAX, _TIME_REST = 30, 8
_COUNT_MAX, _COUNT_LABEL = 16, 4
_LABEL_MAX = 20
# A comment entry is a few segments (user, time, text, likes, buttons; a long comment a few
# paragraphs); a block of more is a section of its own (a table, a post with its quotes).
ENTRY_MAX_SEGMENTS = 30

TIME, COUNT, USER, LABEL = "time", "count", "user", "label"


def signature(el: HtmlElement) -> tuple[str, str]:
    return el.tag, " ".join(sorted(_DIGITS.sub("#", c) for c in (el.get("class") or "").split()))


def _kind(segment: str, whole: bool = True) -> str | None:
    """What furniture a short text segment is (None: text, not furniture).

    ``whole``: the segment is all the text of its element.  A time stamp or count a page
    prints as furniture has an element of its own; a date between two links inside a
    paragraph ("…<a>新加坡</a>1月28日…") is running text.
    """
    n = len(segment)
    if not whole:
        return LABEL if n <= _LABEL_MAX and not _SENTENCE.search(segment) else None
    if (
        n <= _TIME_MAX
        and _TIME.search(segment)
        and len(_TIME.sub("", segment).strip()) <= _TIME_REST
    ):
        return TIME
    if (
        n <= _COUNT_MAX
        and _DIGITS.search(segment)
        and len(_NOT_WORD.sub("", segment)) <= _COUNT_LABEL
    ):
        return COUNT
    if n <= _LABEL_MAX and not _SENTENCE.search(segment):
        return LABEL
    return None


def furniture_kind(segment: str) -> str | None:
    """What furniture a segment that fills its element is (None: something said)."""
    return _kind(segment)


class Shape(NamedTuple):
    """What one sibling block holds: its furniture kinds, the characters it says outside
    links and furniture, the characters inside links, its text segments (up to the cap)
    and whether one of them reads as prose (a sentence, or longer than a label)."""

    kinds: frozenset[str]
    said: int
    linked: int
    segments: int
    prose: bool


def entry_shape(el: HtmlElement, cap: int | None = None, strict: bool = True) -> Shape:
    """The shape of one block; with ``cap``, reading stops after that many segments.

    ``strict``: time stamps and counts only where they fill an element (see ``_kind``).
    """
    kinds: set[str] = {USER} if el.find(".//img") is not None else set()
    said = linked = segments = 0
    prose = False
    stack: list[tuple[HtmlElement, bool]] = [(el, False)]
    while stack and (cap is None or segments <= cap):
        node, in_link = stack.pop()
        inner = in_link or node.tag == "a"
        pieces = (
            (node.text, inner, len(node) == 0 and not _embedded(node), True),
            (node.tail if node is not el else None, in_link, False, False),
        )
        for piece, link, whole, own in pieces:
            segment = (piece or "").strip()
            if not segment:
                continue
            segments += 1
            kind = _kind(segment, whole or not strict)
            if link:
                if own and node.tag == "a" and _leads(node):  # "用户90" is a name, not a count
                    kinds.add(TIME if kind == TIME else USER)
                    if kind is not None:  # a user's name weighs nothing against what
                        continue  # they say ("网友173766" above "顶"); a headline does
                linked += len(segment)
                continue
            if node.tag == "sup":  # a reference mark ("[14-15]"), not a count
                kind = LABEL
            if kind:
                kinds.add(kind)
            if kind in (None, LABEL):  # a short utterance ("顶一个") reads like a label
                said += len(segment)
                prose = prose or kind is None
        stack.extend((c, inner) for c in reversed(node) if isinstance(c.tag, str))
    return Shape(frozenset(kinds), said, linked, segments, prose)


def _embedded(node: HtmlElement) -> bool:
    """Text runs on both sides: a date in a <span> inside a sentence, not furniture."""
    if not (node.tail or "").strip():
        return False
    prev = node.getprevious()
    before = (
        prev.tail
        if prev is not None
        else (node.getparent().text if node.getparent() is not None else "")
    )
    return bool((before or "").strip())


def _leads(link: HtmlElement) -> bool:
    """A link that opens its parent's text (a user name heading a comment), not a link
    inside running text ("出生于<a>新加坡</a>，…")."""
    parent = link.getparent()
    if parent is None or (parent.text or "").strip():
        return False
    for prev in link.itersiblings(preceding=True):
        if (prev.tail or "").strip() or prev.text_content().strip():
            return False
    return True


def said_chars(el: HtmlElement) -> int:
    """Characters an element says outside links, time stamps and counts: a post's own words
    without the "发表于 2023-4-6 17:25 #2" a board prints in its message cell."""
    return entry_shape(el, strict=False).said


def is_entry(shape: Shape) -> bool:
    """A time stamp, or a user (link, avatar) with a count, among few segments."""
    kinds = shape.kinds
    return (
        TIME in kinds and len(kinds) >= 2 or {USER, COUNT} <= kinds
    ) and shape.segments <= ENTRY_MAX_SEGMENTS
