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
user link or avatar).  Where the message sits inside each post is post_message.py's job.
"""

from __future__ import annotations

import re
from collections import defaultdict
from copy import deepcopy

from lxml.html import HtmlElement

from pipelines.extract.chatter import is_article_shaped, is_chatter
from pipelines.extract.comment_runs import said_chars
from pipelines.extract.forum_hint import QA
from pipelines.extract.post_message import (
    ID_DIGITS,
    card_kinds,
    messages,
    without_cards,
    without_lone_card,
)
from pipelines.extract.quotes import quoted_article, without_quote_headers, without_quotes

_POST_TAGS = frozenset({"div", "table", "article", "section", "li", "dl", "tbody", "tr"})
_POST_FURNITURE = re.compile(
    r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d{1,2}:\d{2}"
    r"|发表于|楼主|沙发|板凳|地板|\d+\s*楼|#\d+|回复|引用|\d+\s*(?:分钟|小时|天|周|个月|月|年)前"
)
_TABLE_PARTS = frozenset({"td", "th", "tr", "tbody", "thead", "tfoot"})
_SPACE = re.compile(r"\s+")
FIRST_POST_MIN_CHARS = 300  # a first post this long is an article, not a question
# Replies smaller than this share of an article-length first post are chatter around a copy.
CHATTER_SHARE = 0.3
# Posts found inside the main node are the thread only if they hold this share of its prose.
THREAD_SHARE = 0.6


def _signature(el: HtmlElement) -> tuple[str, str]:
    cls = " ".join(sorted(ID_DIGITS.sub("#", c) for c in (el.get("class") or "").split()))
    ident = ID_DIGITS.sub("#", el.get("id") or "") if not cls else ""
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


def _head_key(el: HtmlElement) -> tuple[str, str] | None:
    """The named block a post opens with, when it carries the post's furniture (the user
    card of "name 楼主 发表于 time"): a board prints it alike on every post, even where the
    opening post's own container is styled apart from the replies' (``threadbody`` vs
    ``postreply``), so an opening post and one reply are still a thread."""
    head = next((c for c in el if isinstance(c.tag, str)), None)
    if head is None or not _signature(head)[1] or head is el[-1]:
        return None
    return ("head", *_signature(head)) if _post_like(head) else None


def _sibling_groups(parent: HtmlElement) -> dict[tuple, list[HtmlElement]]:
    """The children of ``parent`` that could be posts, grouped by their own signature or,
    where no two share one (an opening post and a single reply), by the furniture block they
    open with."""
    groups: dict[tuple, list[HtmlElement]] = defaultdict(list)
    for child in parent:
        if isinstance(child.tag, str) and child.tag in _POST_TAGS and len(child) >= 1:
            groups[_signature(child)].append(child)
    if len(groups) < 2 or any(len(members) >= 2 for members in groups.values()):
        return groups  # replies alike are a run already, the opening post the text around
        # them (settle_thread); the user cards are read only where no two children match
    heads: dict[tuple, list[HtmlElement]] = defaultdict(list)
    for (child,) in groups.values():
        key = _head_key(child)
        if key is not None:
            heads[key].append(child)
    groups.update((key, members) for key, members in heads.items() if len(members) >= 2)
    return groups


def _post_groups(root: HtmlElement, skip: HtmlElement | None = None):
    """Yield (members, prose) for each run of >= 2 post-like siblings of one signature, or
    opening with one furniture block."""
    for parent in root.iter():
        if not isinstance(parent.tag, str):
            continue
        if skip is not None and (parent is skip or skip in parent.iterancestors()):
            continue
        for sig, members in _sibling_groups(parent).items():
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
            # the post the main node sits in is the opening post, not a reply
            posts = [p for p in find_posts(anc, skip=node) if not _related(p, node)]
            if posts:
                break
        if not posts:  # the thread's only post: its card goes all the same
            return without_lone_card(node, _post_like), 0
    found = messages(posts)
    first = without_cards(deepcopy(first), card_kinds(posts, found))  # the opening post's card
    return _boxed(node, first, [m for m in found if m is not None], kind)


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
