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

from collections import Counter, defaultdict
from itertools import combinations

from lxml.html import HtmlElement

from pipelines.extract.chatter import is_article_shaped, is_chatter
from pipelines.extract.comment_entry import (
    COUNT,
    ENTRY_MAX_SEGMENTS,
    TIME,
    USER,
    Shape,
    entry_shape,
    is_entry,
    said_chars,
    signature,
)
from pipelines.extract.density import MeasuredTree, best_value_without, under_any
from pipelines.extract.lone_comment import remove_lone_comments

_ENTRY_TAGS = frozenset({"div", "li", "dl", "tr", "article", "section", "table", "tbody"})
# A run: at least this many siblings of one kind, this share of them comment entries, and
# this share of the entries saying something (a data table's rows of names and figures
# have furniture-like cells but say nothing).  Saying something: a sentence, or, under a
# user and a time stamp, a short utterance ("同意", "沙发", "希望以后多一些这样的普法[赞]":
# a 5-comment section of such lines was stored after its article, genweb tuning seed 1).
RUN_MIN = 3
# ... or two entries, when both carry a comment's whole furniture: a user, a time stamp and
# a count (a two-comment section in an unnamed box was stored after its article: genweb
# seed 321329088568, site10).  One such block alone may be a byline (author, date, views).
PAIR_MIN = 2
FULL_ENTRY = frozenset({USER, TIME, COUNT})
ENTRY_SHARE = 0.6
PROSE_SHARE = 0.5
UTTERANCE_MIN = 1
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

__all__ = ["find_comment_runs", "remove_comment_runs", "said_chars"]


def _run(members: list[HtmlElement]) -> bool:
    """Most members are comment entries (at least three alike, or two in full comment
    furniture), some of them say a sentence, and what they say outweighs their links."""
    needed = max(RUN_MIN, ENTRY_SHARE * len(members))
    floor = max(PAIR_MIN, ENTRY_SHARE * len(members))
    entries: list[Shape] = []
    for k, member in enumerate(members):  # a menu of 300 links is answered by its first few
        if len(entries) + len(members) - k < floor:
            return False
        shape = entry_shape(member, ENTRY_MAX_SEGMENTS)
        if is_entry(shape):
            entries.append(shape)
    if len(entries) < floor:
        return False
    if len(entries) < needed:  # two entries
        if not all(FULL_ENTRY <= s.kinds for s in entries):
            return False
    elif not _alike(entries, needed):
        return False
    if sum(map(_utters, entries)) < PROSE_SHARE * len(entries):
        return False
    said = sum(s.said for s in entries)
    return said > 0 and said >= sum(s.linked for s in entries)


def _alike(entries: list[Shape], needed: float) -> bool:
    """Enough entries carry the same two kinds of furniture: one template prints every
    comment (a user and a time stamp, or a user and a like count).  A page's own sections
    in unclassed sibling <div>s are each "an entry" of a different kind: the headline block
    (a date and a read count), the pager (links and page numbers), a related list (dates and
    headline links); taken for a run, they took the article's text along (genweb seed
    965774734107, site08: page 2 of a split article stored its two comments instead)."""
    pairs = Counter(pair for s in entries for pair in combinations(sorted(s.kinds), 2))
    return bool(pairs) and max(pairs.values()) >= needed


def _utters(shape: Shape) -> bool:
    """The entry says a sentence, or a user says a few words at a time."""
    return shape.prose or ({USER, TIME} <= shape.kinds and shape.said >= UTTERANCE_MIN)


def find_comment_runs(root: HtmlElement) -> list[list[HtmlElement]]:
    """The outermost runs of comment-like sibling blocks under ``root``."""
    runs: list[list[HtmlElement]] = []
    inside: set[HtmlElement] = set()
    for parent in root.iter():
        if not isinstance(parent.tag, str) or len(parent) < PAIR_MIN or parent in inside:
            continue
        if parent.tag in ("table", "tbody") and _has_header_row(parent):
            continue  # a data table's rows: figures and names in columns under headers
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _ENTRY_TAGS and len(child):
                groups[signature(child)].append(child)
        for members in groups.values():
            if len(members) >= PAIR_MIN and _run(members):
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
        remove_lone_comments(root, tree)
        return 0
    best = tree.best_block(outside={m for run in runs for m in run})
    if best is not None and _among_posts(best, root, runs):
        return 0
    targets = [m for run in runs for m in run]
    left = best_value_without(tree.stats, targets)
    if left < min_article and not _article_beside_chatter(tree, runs, left, min_article):
        return 0
    tree.remove_all(targets)
    remove_lone_comments(root, tree)
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
    return shape.segments <= POST_MAX_SEGMENTS and is_entry(shape._replace(segments=0))


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
        kind = signature(anc)
        if not kind[1] or not _is_post(anc):
            continue
        around = set(anc.iterancestors())
        for other in root.iter(anc.tag):
            if other is anc or other in wrappers or signature(other) != kind:
                continue
            if other in around or anc in other.iterancestors():
                continue  # a wrapper nested in its like (div.box > div.box) is no second post
            if not under_any(other, members) and _is_post(other):
                return True
    return False
