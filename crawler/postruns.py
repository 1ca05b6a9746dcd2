"""Which blocks of a page are one item of a run of posts: forum posts, comments, search
results, teaser items (pageshape.py reads a page whose main text is such an item as a
thread or a listing, not an article's page).

A run is two or more sibling blocks of one kind (same tag, class and id, digits folded),
each with a link (a user, a headline) and text of its own, that share their inner
structure.  A site that names nothing makes every wrapper "one kind": its header, the
article's wrapper and its footer all hold the bare tags every block holds (a, span, p).
So unnamed siblings are a run only when their inner *paths* repeat (``div/a``,
``div/span``, ``div/p``), as posts of one template do.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Text of its own a post, comment or teaser item carries beside its links: a floor number
# and a one-word reply (2楼 顶) make 3; a menu item carries none, a "|" separator one.
POST_OWN_CHARS = 2
_DIGITS = re.compile(r"\d+")
_INNER_SAMPLE = 200  # descendants compared between two post blocks
# Cells of one table row are columns of a layout (the article beside a sidebar), never a
# run of posts: old forums put each post in a row or a table of its own.
_CELLS = frozenset({"td", "th"})
# Two siblings alone are a run of posts only when they share this many kinds of inner
# element (a post: name link, floor or time, message); a body wrapper beside a
# 上一篇/下一篇 box shares two (p, a).
PAIR_SHARED_TAGS = 3
# Unnamed siblings (no class, no id: a site that names nothing) are a run of posts only when
# their inner structure repeats as paths (div/a, div/p): share of paths the two hold alike,
# and how deep the paths go.  Measured on the pairs that pass the tag test, genweb seeds
# 1-8, 16, 22, 131968173635, 989294940518: forum posts on unnamed wrappers share 0.62-1
# (401 pairs); below 0.5 every pair shares under 0.4 (1,051 pairs: a classless page's
# date line, breadcrumb, article wrapper and footer).
SKELETON_SHARE = 0.5
SKELETON_DEPTH = 3


def tag_name(el) -> str:
    """An element's tag, '' for a comment or a processing instruction."""
    return el.tag if isinstance(el.tag, str) else ""


def _signature(el: HtmlElement) -> str:
    classes = " ".join(sorted(_DIGITS.sub("0", c) for c in (el.get("class") or "").split()))
    # an id tells a landmark (#share, #content) from a plain wrapper; numbered ids (post
    # 123, 124) are one kind
    ident = _DIGITS.sub("0", el.get("id") or "")
    return f"{tag_name(el)}.{classes}#{ident}" if ident else f"{tag_name(el)}.{classes}"


def _inner(el: HtmlElement) -> set[str]:
    out = set()
    for i, d in enumerate(el.iterdescendants()):
        if i >= _INNER_SAMPLE:
            break
        if tag_name(d):
            out.add(_signature(d))
    return out


def _named(el: HtmlElement) -> bool:
    return bool((el.get("class") or "").strip() or el.get("id"))


def _skeleton(el: HtmlElement, depth: int = 0, prefix: str = "") -> set[str]:
    """The element's inner structure as paths of tags from it (``div/a``, ``div/p/a``):
    what two posts of one template repeat, where two unnamed layout wrappers (a header,
    the article, a footer) share only the bare tags every block holds (a, span, p)."""
    out: set[str] = set()
    if depth >= SKELETON_DEPTH:
        return out
    for child in el:
        if not tag_name(child):
            continue
        path = f"{prefix}/{_signature(child)}"
        out.add(path)
        if len(out) < _INNER_SAMPLE:
            out |= _skeleton(child, depth + 1, path)
    return out


def _post_like(el: HtmlElement) -> bool:
    """A link (a user, a headline) and text of its own beside it."""
    if el.find(".//a") is None:
        return False
    links = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return len(el.text_content().strip()) - links >= POST_OWN_CHARS


def _run_position(block: HtmlElement) -> int | None:
    """0 if ``block`` opens a run of post-like siblings of its own kind, 1 if it is a later
    member of one, None if it stands alone."""
    parent = block.getparent()
    if parent is None or tag_name(block) in _CELLS or not _post_like(block):
        return None
    sig = _signature(block)
    kin = [c for c in parent if tag_name(c) and _signature(c) == sig]
    if len(kin) < 2:
        return None
    index = kin.index(block)
    other = kin[1] if index == 0 else kin[0]
    mine, theirs = _inner(block), _inner(other)
    if not mine or not theirs or not _post_like(other):
        return None
    shared = mine & theirs
    if len(shared) / len(mine | theirs) < 0.5:
        return None
    if len(kin) == 2 and len(shared) < PAIR_SHARED_TAGS:
        return None  # two plain wrappers side by side (the body, a 上一篇/下一篇 box)
    if not _named(block) and _similarity(_skeleton(block), _skeleton(other)) < SKELETON_SHARE:
        return None  # unnamed wrappers of a classless layout: bare tags alike, not one template
    return 0 if index == 0 else 1


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def in_run(best: HtmlElement) -> int | None:
    """0 if ``best`` or a block around it opens a run of posts, 1 if it is a later item
    of one, None if no block around it is part of a run."""
    for el in (best, *best.iterancestors()):
        if tag_name(el) in ("body", "html"):
            return None
        pos = _run_position(el)
        if pos is not None:
            return pos
    return None
