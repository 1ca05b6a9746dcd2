"""Pages that hold their article twice: keep one copy.

Why: government and portal pages often carry a second copy of the article for another
view of the page (a hidden "长者浏览"/elderly-mode or print view, a mobile and a desktop
layout side by side).  The main-node scorer adds up prose, so the element that holds both
copies outscores either copy, and the extracted text becomes the whole page: navigation,
the article, then the article again.  The copies are recognised by what they say (the same
character shingles), never by a template's class names.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.chrome_widgets import is_hidden
from pipelines.extract.density import MeasuredTree

_WS = re.compile(r"\s+")
# The runner-up child must carry this share of the winner's prose to be a second copy, and
# the two must share this much of the shorter one's text.
_COPY_PROSE_SHARE = 0.5
_COPY_OVERLAP = 0.8
_SHINGLE = 8
_MAX_STEPS = 4  # copies of copies are not a thing; bound the walk anyway


def _shingles(el: HtmlElement) -> set[str]:
    text = _WS.sub("", el.text_content())
    return {text[i : i + _SHINGLE] for i in range(0, max(len(text) - _SHINGLE + 1, 0))}


def _overlap(a: HtmlElement, b: HtmlElement) -> float:
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _hidden_within(el: HtmlElement, top: HtmlElement) -> bool:
    """``el`` or an ancestor below ``top`` is hidden by its own markup."""
    node: HtmlElement | None = el
    while node is not None and node is not top:
        if is_hidden(node):
            return True
        node = node.getparent()
    return False


def _best_within(root: HtmlElement, tree: MeasuredTree) -> HtmlElement:
    stats = tree.stats
    best, value = root, stats[root].value if root in stats else 0.0
    for el in root.iter():
        st = stats.get(el)
        if st is not None and st.value > value:
            best, value = el, st.value
    return best


def one_copy(node: HtmlElement, tree: MeasuredTree) -> HtmlElement:
    """The main node, or the best node inside one copy when ``node`` holds two.

    The copy kept is the visible one (a hidden copy is an alternative view), else the first
    in the page.
    """
    stats = tree.stats
    for _ in range(_MAX_STEPS):
        kids = sorted(
            (c for c in node if c in stats and stats[c].value > 0),
            key=lambda c: stats[c].value,
            reverse=True,
        )
        if len(kids) < 2:
            return node
        first, second = kids[0], kids[1]
        # prose, not net value: the visible copy may sit among navigation the other lacks;
        # and a copy of an article has paragraphs (one paragraph said twice is not a copy)
        blocks = [tree.prose_blocks(c) for c in (first, second)]
        prose = [sum(b) for b in blocks]
        if min(len(b) for b in blocks) < 2 or min(prose) < _COPY_PROSE_SHARE * max(prose):
            return node
        if _overlap(first, second) < _COPY_OVERLAP:
            return node
        order = {el: i for i, el in enumerate(node)}
        pair = sorted((first, second), key=lambda c: (_hidden_within(c, node), order[c]))
        node = _best_within(pair[0], tree)
    return node
