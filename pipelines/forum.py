"""Forum threads: keep the first post when it is the article, drop replies and signatures.

Why: a story reposted on a Discuz-style board arrives as post #1 followed by replies ("顶",
"转走了") and signatures; for finding copies only post #1 is the copy.  Posts are found by
structure, not by one board's class names: >= 2 sibling containers with the same tag and
class, each carrying post furniture (a time stamp or floor number and a link).  When the
first post is short, the thread is a discussion (a question and its answers) and the replies
are the content, so they stay.
"""

from __future__ import annotations

import re
from collections import defaultdict
from copy import deepcopy

from lxml.html import HtmlElement

_POST_TAGS = frozenset({"div", "table", "article", "section", "li", "dl", "tbody", "tr"})
_POST_FURNITURE = re.compile(
    r"\d{4}[-/年]\d{1,2}[-/月]\d{1,2}|\d{1,2}:\d{2}|发表于|楼主|沙发|板凳|地板|\d+\s*楼|#\d+|回复|引用"
)
_ID_DIGITS = re.compile(r"\d+")
FIRST_POST_MIN_CHARS = 300  # a first post this long is an article, not a question


def _signature(el: HtmlElement) -> tuple[str, str]:
    cls = " ".join(sorted(_ID_DIGITS.sub("#", c) for c in (el.get("class") or "").split()))
    ident = _ID_DIGITS.sub("#", el.get("id") or "") if not cls else ""
    return el.tag, cls or ident


def _post_like(el: HtmlElement) -> bool:
    text = el.text_content()
    return el.find(".//a") is not None and bool(_POST_FURNITURE.search(text))


def _prose_chars(el: HtmlElement) -> int:
    total = len(re.sub(r"\s+", "", el.text_content()))
    links = sum(len(re.sub(r"\s+", "", a.text_content())) for a in el.iter("a"))
    return total - links


def find_posts(node: HtmlElement) -> list[HtmlElement]:
    """The post containers of a thread inside ``node`` (empty when it is not a thread)."""
    best: list[HtmlElement] = []
    best_chars = 0
    for parent in node.iter():
        if not isinstance(parent.tag, str):
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _POST_TAGS and len(child) >= 1:
                groups[_signature(child)].append(child)
        for sig, members in groups.items():
            if len(members) < 2:
                continue
            # unnamed containers (old table layouts) must all look like posts
            share = 0.6 if sig[1] else 0.9
            if sum(_post_like(m) for m in members) < share * len(members):
                continue
            chars = sum(_prose_chars(m) for m in members)
            if chars > best_chars:
                best, best_chars = members, chars
    return best


def first_post_only(node: HtmlElement) -> HtmlElement:
    """Drop the replies of a thread whose first post is article-length (in place)."""
    posts = find_posts(node)
    if len(posts) < 2 or _prose_chars(posts[0]) < FIRST_POST_MIN_CHARS:
        return node
    for post in posts[1:]:
        parent = post.getparent()
        if parent is not None:
            parent.remove(post)
    return node


def _steps(post: HtmlElement, node: HtmlElement) -> list[tuple[str, str]]:
    """(tag, class) of each element from just below ``post`` down to ``node``."""
    steps: list[tuple[str, str]] = []
    el = node
    while el is not None and el is not post:
        steps.append((el.tag, el.get("class") or ""))
        el = el.getparent()
    return list(reversed(steps))


def _follow(post: HtmlElement, steps: list[tuple[str, str]]) -> HtmlElement | None:
    el = post
    for tag, cls in steps:
        el = next((c for c in el.iter(tag) if c is not el and (c.get("class") or "") == cls), None)
        if el is None:
            return None
    return el


def thread_scope(node: HtmlElement, max_up: int = 12) -> HtmlElement:
    """The messages of all posts when the main node is one post of a discussion.

    The density scorer picks the single best post body.  When it sits among sibling posts
    and the opening post is short (a question), the thread is the content: the same message
    element is taken from every post (user cards, floors and buttons stay behind) and
    returned in a new container.  An article-length opening post keeps the node.
    """
    anc = node
    for _ in range(max_up):
        parent = anc.getparent()
        if parent is None:
            break
        if anc.tag in _POST_TAGS and anc is not node:
            sig = _signature(anc)
            siblings = [c for c in parent if isinstance(c.tag, str) and _signature(c) == sig]
            posts = [c for c in siblings if _post_like(c)]
            enough = len(posts) >= (0.6 if sig[1] else 1.0) * len(siblings)
            if len(siblings) >= 2 and enough:
                if _prose_chars(posts[0]) >= FIRST_POST_MIN_CHARS:
                    return node
                steps = _steps(anc, node)
                found = [m for m in (_follow(p, steps) for p in siblings) if m is not None]
                if len(found) < 2:
                    return node
                box = node.makeelement("div", {})
                for message in found:
                    box.append(deepcopy(message))
                return box
        anc = parent
    return node
