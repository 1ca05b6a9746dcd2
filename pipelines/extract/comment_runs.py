"""Comment sections named by nothing: a run of sibling blocks, each a reader's utterance in
user/time/like furniture.

Why: a portal's comment section (20-100 entries under every article) can hold several
times the article's prose, and when its container's class says nothing the furniture words
of chrome_dom.py cannot see it; the main-node choice then takes the comments.  What gives a
comment list away is its shape, whatever the markup: repeated siblings of one kind (same tag
and class, or no class at all), most of them carrying furniture beside their text (a time
stamp or a count: "3小时前", "赞(12)", "#4"; and a user link, an avatar or a short label),
and more prose outside links than in them (a list of headlines is the teaser step's).
An article is continuous prose: its paragraphs carry no such furniture.

Only on pages that are not discussions (on a forum the replies are the content), and only
while the article stays: when the prose left outside the runs is too short to be an article,
the runs are the page (a question and its answers, a gallery's captions) and stay.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from lxml.html import HtmlElement

from pipelines.extract.chatter import is_article_shaped, is_chatter
from pipelines.extract.density import MeasuredTree, best_value_without, under_any

_ENTRY_TAGS = frozenset({"div", "li", "dl", "tr", "article", "section", "table", "tbody"})
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
# A run: at least this many siblings of one kind, this share of them comment entries, and
# this share of the entries saying something (a data table's rows of names and figures
# have furniture-like cells but say nothing).  Saying something: a sentence, or, under a
# user and a time stamp, a short utterance ("同意", "沙发", "希望以后多一些这样的普法[赞]":
# a 5-comment section of such lines was stored after its article, genweb tuning seed 1).
RUN_MIN = 3
ENTRY_SHARE = 0.6
PROSE_SHARE = 0.5
UTTERANCE_MIN = 1
# A comment entry is a few segments (user, time, text, likes, buttons; a long comment a few
# paragraphs); a block of more is a section of its own (a table, a post with its quotes).
ENTRY_MAX_SEGMENTS = 30
# A post with the replies nested under it: at most this many segments.
POST_MAX_SEGMENTS = 100
# How far above the best paragraph left a post of a thread may start.
_POST_DEPTH = 8
# The article left outside the runs must have this much prose (a block's prose value, as
# chrome_dom.py's _MIN_ARTICLE), or the runs are the page's content.
MIN_ARTICLE_LEFT = 200.0
# ... or this much on a page the article continues from or onto (page 1 of a split article is
# often two short paragraphs above the whole comment section: genweb tuning seeds 1-8 lost
# several such articles to their comments).  About one sentence.
MIN_ARTICLE_LEFT_CONTINUED = 60.0
# ... but beside chatter (runs of short utterances, chatter.py) one sentence is enough on
# such a page, and a report of a few short paragraphs on any page, found this many levels
# above its best paragraph.
MIN_SENTENCE = 20.0
_ARTICLE_DEPTH = 3

TIME, COUNT, USER, LABEL = "time", "count", "user", "label"


def _signature(el: HtmlElement) -> tuple[str, str]:
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


def _is_entry(shape: Shape) -> bool:
    """A time stamp, or a user (link, avatar) with a count, among few segments."""
    kinds = shape.kinds
    return (
        TIME in kinds and len(kinds) >= 2 or {USER, COUNT} <= kinds
    ) and shape.segments <= ENTRY_MAX_SEGMENTS


def _run(members: list[HtmlElement]) -> bool:
    """Most members are comment entries, some of them say a sentence, and what they say
    outweighs their links."""
    needed = max(RUN_MIN, ENTRY_SHARE * len(members))
    entries: list[Shape] = []
    for k, member in enumerate(members):  # a menu of 300 links is answered by its first few
        if len(entries) + len(members) - k < needed:
            return False
        shape = entry_shape(member, ENTRY_MAX_SEGMENTS)
        if _is_entry(shape):
            entries.append(shape)
    if len(entries) < needed:
        return False
    if sum(map(_utters, entries)) < PROSE_SHARE * len(entries):
        return False
    said = sum(s.said for s in entries)
    return said > 0 and said >= sum(s.linked for s in entries)


def _utters(shape: Shape) -> bool:
    """The entry says a sentence, or a user says a few words at a time."""
    return shape.prose or ({USER, TIME} <= shape.kinds and shape.said >= UTTERANCE_MIN)


def find_comment_runs(root: HtmlElement) -> list[list[HtmlElement]]:
    """The outermost runs of comment-like sibling blocks under ``root``."""
    runs: list[list[HtmlElement]] = []
    inside: set[HtmlElement] = set()
    for parent in root.iter():
        if not isinstance(parent.tag, str) or len(parent) < RUN_MIN or parent in inside:
            continue
        if parent.tag in ("table", "tbody") and _has_header_row(parent):
            continue  # a data table's rows: figures and names in columns under headers
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _ENTRY_TAGS and len(child):
                groups[_signature(child)].append(child)
        for members in groups.values():
            if len(members) >= RUN_MIN and _run(members):
                runs.append(members)
                for m in members:
                    inside.update(m.iter())
    return runs


def _has_header_row(table: HtmlElement) -> bool:
    return table.find("thead") is not None or table.find("tr/th") is not None


def remove_comment_runs(
    root: HtmlElement, tree: MeasuredTree, min_article: float = MIN_ARTICLE_LEFT
) -> int:
    """Remove the comment runs, unless they are the page (see the module doc): the prose
    left must reach ``min_article``."""
    runs = find_comment_runs(root)
    if not runs:
        return 0
    best = tree.best_block(outside={m for run in runs for m in run})
    if best is not None and _among_posts(best, root, runs):
        return 0
    targets = [m for run in runs for m in run]
    left = best_value_without(tree.stats, targets)
    if left < min_article and not _article_beside_chatter(tree, runs, left, min_article):
        return 0
    tree.remove_all(targets)
    return len(runs)


def _article_beside_chatter(
    tree: MeasuredTree, runs: list[list[HtmlElement]], left: float, min_article: float
) -> bool:
    """Short prose left beside runs of short utterances is still the article: a report of
    five short paragraphs (chatter.py), or, on a page the article continues from or onto,
    one sentence of it (page 2 of 3 held one paragraph above 90 comments: genweb tuning
    seeds 1, 3, 23, 25).  A question stays with its answers: it is one line."""
    members = [m for run in runs for m in run]
    if not is_chatter([entry_shape(m, ENTRY_MAX_SEGMENTS).said for m in members]):
        return False
    if min_article <= MIN_ARTICLE_LEFT_CONTINUED:
        return left >= MIN_SENTENCE
    block = tree.best_block(outside=set(members))
    for _ in range(_ARTICLE_DEPTH):
        if block is None or any(under_any(m, {block}) for m in members):
            return False
        if is_article_shaped(block):
            return True
        block = block.getparent()
    return False


def _is_post(el: HtmlElement) -> bool:
    """Shaped like a comment entry, allowing for the replies a post may hold."""
    shape = entry_shape(el, POST_MAX_SEGMENTS)
    return shape.segments <= POST_MAX_SEGMENTS and _is_entry(shape._replace(segments=0))


def _among_posts(block: HtmlElement, root: HtmlElement, runs: list[list[HtmlElement]]) -> bool:
    """The best paragraph outside the runs is itself one post among others: it sits in a
    classed item shaped like a comment entry (a run may be the replies nested under it),
    and the page has another item of that kind so shaped, outside the runs.  Then the page
    is a thread whose posts did not all land in the runs (replies nested under their
    comments, a list the parser re-nested), and nothing goes.  An article's column is not
    such an item: no other element of the page is its like."""
    members = {m for run in runs for m in run}
    # a container of a run is not a post either (the comment section's own wrapper)
    wrappers = {a for run in runs for a in run[0].iterancestors()}
    for depth, anc in enumerate(block.iterancestors()):
        if depth >= _POST_DEPTH:
            return False
        signature = _signature(anc)
        if not signature[1] or not _is_post(anc):
            continue
        around = set(anc.iterancestors())
        for other in root.iter(anc.tag):
            if other is anc or other in wrappers or _signature(other) != signature:
                continue
            if other in around or anc in other.iterancestors():
                continue  # a wrapper nested in its like (div.box > div.box) is no second post
            if not under_any(other, members) and _is_post(other):
                return True
    return False
