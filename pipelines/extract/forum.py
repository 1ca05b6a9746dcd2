"""Forum threads: keep the posts' messages, or only the first post when it is an article copy.

Why: on a discussion page (a question and its answers, a topic and its replies) the replies
are the content, but each arrives wrapped in a user card, floor number, time stamp, buttons
and a signature.  A story reposted on a board arrives as post #1 followed by chatter ("顶",
"转走了"); for finding copies only post #1 is the copy.  So: in a forum thread whose first
post is article-length and whose replies together are small beside it (< CHATTER_SHARE),
only the first post stays, and so it does when the first post is a quotation of an article
(quotes.py: a board reposts a story as a quote box with a line of the poster's own, and a
long reply stream under it is still chatter); answers to a question always stay; otherwise
every post's message stays, without the furniture around it.  (Keeping a real discussion
under a copied article costs dedupe nothing: containment of the original in the copy stays
whole.)

Posts are found by structure, not by one board's class names: >= 2 sibling containers with
the same tag and class, each carrying post furniture (a time stamp or floor number, and a
user link or avatar).  The message of a post is found from the post with the densest prose:
the first element kind above its densest node that most posts have (by tag and class, or,
where nothing on the way has a class, by place: the second plain <div> of every post, not
the user card before it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from copy import deepcopy

from lxml.html import HtmlElement

from pipelines.extract.chatter import is_article_shaped, is_chatter
from pipelines.extract.comment_runs import said_chars
from pipelines.extract.density import best_node, measure
from pipelines.extract.forum_hint import QA
from pipelines.extract.quotes import (
    outside_quotes,
    quoted_article,
    without_quote_headers,
    without_quotes,
)

_POST_TAGS = frozenset({"div", "table", "article", "section", "li", "dl", "tbody", "tr"})
_POST_FURNITURE = re.compile(
    r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d{1,2}:\d{2}"
    r"|发表于|楼主|沙发|板凳|地板|\d+\s*楼|#\d+|回复|引用|\d+\s*(?:分钟|小时|天|周|个月|月|年)前"
)
_TABLE_PARTS = frozenset({"td", "th", "tr", "tbody", "thead", "tfoot"})
_ID_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
FIRST_POST_MIN_CHARS = 300  # a first post this long is an article, not a question
# Replies smaller than this share of an article-length first post are chatter around a copy.
CHATTER_SHARE = 0.3
# Posts found inside the main node are the thread only if they hold this share of its prose.
THREAD_SHARE = 0.6


def _signature(el: HtmlElement) -> tuple[str, str]:
    cls = " ".join(sorted(_ID_DIGITS.sub("#", c) for c in (el.get("class") or "").split()))
    ident = _ID_DIGITS.sub("#", el.get("id") or "") if not cls else ""
    return el.tag, cls or ident


def _post_like(el: HtmlElement) -> bool:
    """A user link or avatar, and a time stamp or floor number."""
    if el.find(".//a") is None and el.find(".//img") is None:
        return False
    return bool(_POST_FURNITURE.search(el.text_content()))


def prose_chars(el: HtmlElement) -> int:
    """Characters outside links (whitespace excluded)."""
    total = len(_SPACE.sub("", el.text_content()))
    links = sum(len(_SPACE.sub("", a.text_content())) for a in el.iter("a"))
    return total - links


def _post_groups(root: HtmlElement, skip: HtmlElement | None = None):
    """Yield (members, prose) for each run of >= 2 post-like same-signature siblings."""
    for parent in root.iter():
        if not isinstance(parent.tag, str):
            continue
        if skip is not None and (parent is skip or skip in parent.iterancestors()):
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _POST_TAGS and len(child) >= 1:
                groups[_signature(child)].append(child)
        for sig, members in groups.items():
            if len(members) < 2 or (skip is not None and any(m is skip for m in members)):
                continue
            if skip is not None and any(skip in m.iterancestors() for m in members):
                continue
            # unnamed containers (old table layouts) must all look like posts
            share = 0.6 if sig[1] else 0.9
            if sum(_post_like(m) for m in members) < share * len(members):
                continue
            yield members, sum(prose_chars(m) for m in members)


def find_posts(node: HtmlElement, skip: HtmlElement | None = None) -> list[HtmlElement]:
    """The post containers of a thread inside ``node`` (empty when it is not a thread)."""
    best: list[HtmlElement] = []
    best_score = 0.0
    for members, chars in _post_groups(node, skip):
        # two "cards" that wrap the reply list hold as much prose as the replies themselves
        score = chars * (1 - 1 / len(members))
        if score > best_score:
            best, best_score = members, score
    return best


def _enclosing_posts(node: HtmlElement, max_up: int = 12) -> list[HtmlElement]:
    """The sibling posts around ``node`` when it sits inside one post of a thread."""
    anc = node
    for _ in range(max_up):
        parent = anc.getparent()
        if parent is None:
            break
        if anc.tag in _POST_TAGS and anc is not node:
            sig = _signature(anc)
            siblings = [c for c in parent if isinstance(c.tag, str) and _signature(c) == sig]
            posts = [c for c in siblings if _post_like(c)]
            if len(siblings) >= 2 and len(posts) >= (0.6 if sig[1] else 1.0) * len(siblings):
                return siblings
        anc = parent
    return []


Key = tuple[str, frozenset[str]]
_POST: Key = ("", frozenset())


def _key(el: HtmlElement) -> Key:
    """What kind of element this is inside a post: tag and class (or id without numbers).

    A table cell without either is known by its column: an old board's post is a row of
    two bare cells, the user card and the message.
    """
    cls = el.get("class")
    if cls:
        return el.tag, frozenset(cls.split())
    ident = el.get("id")
    if ident:
        return el.tag, frozenset({"#" + _ID_DIGITS.sub("#", ident)})
    if el.tag in ("td", "th") and el.getparent() is not None:
        column = sum(1 for c in el.itersiblings(preceding=True) if c.tag in ("td", "th"))
        return el.tag, frozenset({f"@col{column}"})
    return el.tag, frozenset()


def _place(el: HtmlElement) -> Key:
    """An element without class or id by its place: its tag and its rank among the siblings
    with that tag (the second of a post's plain <div>s, after the user card)."""
    parent = el.getparent()
    rank = 0 if parent is None else list(parent.iterchildren(el.tag)).index(el)
    return el.tag, frozenset({f"@{rank}"})


def _chain(post: HtmlElement, el: HtmlElement) -> tuple[Key, ...]:
    """Keys of ``el`` and its ancestors up to the first one with a class or id; without one
    on the way, anchored at the post, each step named by its place."""
    keys: list[Key] = []
    walked: list[HtmlElement] = []
    while el is not None and el is not post:
        keys.append(_key(el))
        if keys[-1][1]:
            return tuple(keys)
        walked.append(el)
        el = el.getparent()
    return (*(_place(w) for w in walked), _POST)


def _similar(a: Key, b: Key) -> bool:
    # "Post CommentPost" and "Post CommentPost Post--edited" are the same kind of element
    return a[0] == b[0] and (a[1] == b[1] or 2 * len(a[1] & b[1]) >= len(a[1] | b[1]) > 0)


def _matches(el: HtmlElement, post: HtmlElement, chain: tuple[Key, ...]) -> bool:
    placed = chain[-1] is _POST
    for key in chain:
        if key is _POST:
            return el is post
        if el is None or el is post:
            return False
        if not (key == _place(el) if placed else _similar(_key(el), key)):
            return False
        el = el.getparent()
    return True


def _find(post: HtmlElement, chain: tuple[Key, ...]) -> HtmlElement | None:
    """The outermost element of the given kind in ``post``."""
    return next((e for e in post.iter(chain[0][0]) if _matches(e, post, chain)), None)


def messages(posts: list[HtmlElement]) -> list[HtmlElement | None]:
    """The message element of each post (None where a post has none), cards left behind.

    The post with the densest prose shows where a message sits: its densest node is the
    message or a part of it (a code block, one paragraph), so the message container is the
    first element kind on the way up from there that most posts have.
    """
    template, best, best_value = posts[0], posts[0], 0.0
    for post in posts:
        stats = measure(post)
        node = best_node(post, stats)
        if node is not post and stats[node].value > best_value:
            template, best, best_value = post, node, stats[node].value
    el = outside_quotes(best)  # the message quoting an article, not the quote's own kind
    # (a quote box can hold the whole post: then the way up never meets the template post)
    while el is not None and el is not template:
        chain = _chain(template, el)
        found = [_find(post, chain) for post in posts]
        if sum(f is not None for f in found) >= 0.6 * len(posts):
            return found
        el = el.getparent()
    return list(posts)


def _related(a: HtmlElement, b: HtmlElement) -> bool:
    return a is b or b in a.iterancestors() or a in b.iterancestors()


def _box(node: HtmlElement, parts: list[HtmlElement]) -> HtmlElement:
    box = node.makeelement("div", {})
    for part in parts:
        part = deepcopy(part)
        if part.tag in _TABLE_PARTS:  # a cell out of its table is a block, not a table row
            part.tag = "div"
        # trafilatura drops anything named "comment"/"reply" and keeps only a part named
        # "article-content": with replies kept, neither may happen
        for el in part.iter() if len(parts) > 1 else ():
            if isinstance(el.tag, str):
                el.attrib.pop("class", None)
                el.attrib.pop("id", None)
        box.append(part)
    return box


def _without(node: HtmlElement, posts: list[HtmlElement]) -> HtmlElement:
    """A copy of ``node`` without the given descendants."""
    marks = {id(p) for p in posts}
    copy = deepcopy(node)
    originals = list(node.iter())
    copies = list(copy.iter())
    for orig, dup in zip(originals, copies, strict=True):
        if id(orig) in marks and dup.getparent() is not None:
            dup.getparent().remove(dup)
    return copy


def _settle(first: HtmlElement, replies: list[HtmlElement], kind: str | None) -> list[HtmlElement]:
    """First post only when it is article-length and (in a forum thread) the replies are
    chatter beside it.  Answers to a question always stay.  Off forums, repeated long
    entries are several articles (a blog's front page): the first is the one."""
    if kind == QA:
        return [first, *replies]
    if replies and is_article_shaped(first) and is_chatter([said_chars(r) for r in replies]):
        return [first]  # a short report under reader chatter (chatter.py), not a question
    first_len = prose_chars(first)
    if first_len < FIRST_POST_MIN_CHARS:
        return [first, *replies]
    if kind is None:
        return [first]
    reply_len = sum(said_chars(r) for r in replies)
    return [first] if reply_len < CHATTER_SHARE * first_len else [first, *replies]


def settle_thread(node: HtmlElement, kind: str | None = None) -> tuple[HtmlElement, int]:
    """The content of a thread around the main node (``node`` itself when there is none),
    and the prose of the replies kept in it.

    ``kind`` says the page is a forum thread or Q&A page (forum_hint.py): then a reply list
    after the main text is content too, as it never is on a news page.
    """
    posts = _enclosing_posts(node)
    if posts:  # the main node is one post's message
        found = [m for m in messages(posts) if m is not None]
        if len(found) < 2 or not any(_related(node, m) for m in found):
            return node, 0
        return _boxed(node, found[0], found[1:], kind)
    posts = find_posts(node)
    if posts and sum(prose_chars(p) for p in posts) >= THREAD_SHARE * prose_chars(node):
        found = [m for m in messages(posts) if m is not None]
        rest = _without(node, posts)
        if found and is_article_shaped(rest):  # a report above them: the topic they answer
            return _boxed(node, rest, found, kind)
        return _boxed(node, found[0], found[1:], kind) if len(found) >= 2 else (node, 0)
    if kind is None:
        return node, 0
    if posts:  # a topic and its replies, both inside the main node
        first = _without(node, posts)
    else:  # replies outside the main node: look for them in its column
        first, anc = node, node
        for _ in range(6):
            anc = anc.getparent()
            if anc is None or anc.tag in ("body", "html"):
                break
            posts = find_posts(anc, skip=node)
            if posts:
                break
        if not posts:
            return node, 0
    return _boxed(node, first, [m for m in messages(posts) if m is not None], kind)


def _boxed(
    node: HtmlElement, first: HtmlElement, replies: list[HtmlElement], kind: str | None
) -> tuple[HtmlElement, int]:
    # a first post that quotes an article is the quote, and the replies are chatter about it
    # (measured against the quote they made the repost look like a discussion); but answers
    # to a question always stay, whatever box the question is drawn in
    quoted = quoted_article(first, FIRST_POST_MIN_CHARS) if kind != QA else None
    if quoted is not None:
        return _box(node, [quoted]), 0
    # otherwise replies count without the earlier posts they quote
    parts = _settle(without_quote_headers(first), [without_quotes(r) for r in replies], kind)
    return _box(node, parts), sum(prose_chars(p) for p in parts[1:])
