"""Where a post's message sits: the same element kind in every post of a thread.

Why apart from forum.py: forum.py decides *which* posts of a thread are content (the first
post alone when it is an article copy under chatter, every post of a discussion); this
decides *what part* of each post is the message, leaving the user card, floor number,
buttons and signature behind.  It is found from the post with the densest prose: the first
element kind above its densest node that most posts have (by tag and class, or, where
nothing on the way has a class, by place: the second plain <div> of every post, not the
user card before it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy

from lxml.html import HtmlElement

from pipelines.extract.density import best_node, measure
from pipelines.extract.quotes import outside_quotes

# Digits in a class or id ("post_1234") say which post, not what kind of element.
ID_DIGITS = re.compile(r"\d+")

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
        return el.tag, frozenset({"#" + ID_DIGITS.sub("#", ident)})
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
    return _after_card(posts) or list(posts)


def _after_card(posts: list[HtmlElement]) -> list[HtmlElement | None]:
    """Where the posts share only their user card (an opening post's message styled apart
    from the replies', ``t_f`` and ``pct``), each post's message is the one element after
    the card; empty when the posts are not built so."""
    found: list[HtmlElement | None] = []
    card: Key | None = None
    for post in posts:
        kids = [c for c in post if isinstance(c.tag, str)]
        if len(kids) != 2 or not _key(kids[0])[1] or card not in (None, _key(kids[0])):
            return []
        card = _key(kids[0])
        found.append(kids[1])
    return found


# A post's card (user name, floor, time stamp, a badge) is a line, not prose: at most this
# many characters (genweb cards 12-40; Discuz's "authi" with its buttons about 60).
CARD_MAX_CHARS = 80
# A lone post's message is at least this many times as long as the card before it.
CARD_MESSAGE_RATIO = 5
# A card kind is one that this share of the posts print beside their message.
CARD_SHARE = 0.6


def card_kinds(posts: list[HtmlElement], found: list[HtmlElement | None]) -> set[Key]:
    """The kinds (tag and class or id) of element each post prints beside its message: the
    user card, the floor, the time stamp.

    Why: a thread's opening post is often drawn apart from the replies (its own class, so it
    is no member of their group) and is then taken as "the rest of the column", card and
    all; its card is the same kind of element as theirs ("<div class=pi>福建网友 楼主 发表于
    2024-01-02 20:57" above the poster's own line, genweb 227076186969).  Only kinds with a
    class or id of their own count: a bare <div> names nothing.  ``found``: each post's
    message (``messages``)."""
    counts: dict[Key, int] = {}
    for post, message in zip(posts, found, strict=True):
        if message is None or message is post:
            continue
        seen: set[Key] = set()
        for step in (message, *message.iterancestors()):
            if step is post:
                break
            for sibling in step.itersiblings(preceding=True):
                if isinstance(sibling.tag, str) and _is_card(sibling):
                    seen.add(_key(sibling))
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= CARD_SHARE * len(posts)}


def _is_card(el: HtmlElement) -> bool:
    key = _key(el)
    named = bool(key[1]) and not any(k.startswith("@") for k in key[1])
    return named and len(el.text_content().strip()) <= CARD_MAX_CHARS


def without_cards(part: HtmlElement, kinds: set[Key]) -> HtmlElement:
    """``part`` without the elements of the given card kinds that read as a card (short):
    the opening post's card, when the replies print theirs with the same element."""
    doomed = [el for el in part.iter() if isinstance(el.tag, str) and el is not part
              and _key(el) in kinds and _is_card(el)]  # fmt: skip
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:  # the text after the card is the post's, not the card's
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    return part


def without_lone_card(node: HtmlElement, furnished: Callable[[HtmlElement], bool]) -> HtmlElement:
    """A copy of a thread's only post without its card, when no reply shows what a card is.

    The card opens the post: the first element of its parent, short, ``furnished`` (a user
    link or avatar beside a time stamp or floor word), with the message, far longer, right
    after it (genweb seeds 1-59: 11 threads with no reply on page 1 kept "北京网友楼主发表于
    2024-05-09 09:46" run into the poster's first line).  Nothing else is touched."""
    copy = deepcopy(node)
    for el in list(copy.iter()):
        if not isinstance(el.tag, str) or el is copy or not _is_card(el):
            continue
        parent, after = el.getparent(), el.getnext()
        kids = [] if parent is None else [k for k in parent if isinstance(k.tag, str)]
        if not kids or kids[0] is not el or after is None or (parent.text or "").strip():
            continue
        longer = len(after.text_content().strip()) >= CARD_MESSAGE_RATIO * len(el.text_content())
        if longer and furnished(el):
            return without_cards(copy, {_key(el)})
    return node
