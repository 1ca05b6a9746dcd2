"""Find the DOM node that holds the article body, by text and link density.

Why before trafilatura: on Chinese portals and content farms trafilatura often takes a
container that also holds the next story, a teaser stream or a comment thread.  We score
every element as the sum of its text blocks: sentence-like text counts for, link text,
short unpunctuated labels (dates, buttons, user names) and site footers (footer.py) count
against.  The element with the
highest sum is the smallest node that still holds all the prose; chrome around it lowers the
score of every larger ancestor, so it is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from pipelines.extract.footer import is_footer
from pipelines.extract.han import han_chars

# Elements whose own text is a block of its own; everything else is inline.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup html li main nav ol p "
    "pre section table tbody td tfoot th thead tr ul".split()
)
# Sentence punctuation: prose has it, navigation and labels mostly do not.
_PUNCT = re.compile(r"[，。！？；、“”,.!?;]")
_SPACE = re.compile(r"\s+")


@dataclass
class NodeStats:
    """Totals over an element's subtree (characters exclude whitespace)."""

    text: int = 0  # all text
    link: int = 0  # text inside <a>
    punct: int = 0  # sentence punctuation outside links
    value: float = 0.0  # sum of block values


def _chars(s: str | None) -> int:
    return len(_SPACE.sub("", s)) if s else 0


def block_value(text: int, link: int, punct: int, cjk: int = 0, footer: bool = False) -> float:
    """How much a block of inline content looks like article prose (negative: chrome).

    Prose has sentence punctuation, or is long, or (blogs that separate phrases by spaces)
    has a run of Han characters; labels, dates, buttons and user names have none of these.
    """
    if text == 0:
        return 0.0
    own = text - link
    if link > 0.5 * text or footer:
        return -float(text)
    if punct >= 1 or own >= 40 or cjk >= 12:
        return own - 1.5 * link + 2.0 * punct
    return -0.5 * own - link


def _add(text: str, link: bool, acc: list, pieces: list[str]) -> None:
    n = _chars(text)
    acc[0] += n
    if link:
        acc[1] += n
    else:
        acc[2] += len(_PUNCT.findall(text))
        acc[3] += han_chars(text)
        pieces.append(text)


def _inline(el: HtmlElement, in_link: bool, acc: list, pieces: list[str]) -> None:
    """Add an element's inline text to ``acc`` = [text, link, punct, cjk] (blocks excluded)."""
    link = in_link or el.tag == "a"
    if el.text:
        _add(el.text, link, acc, pieces)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            _inline(child, link, acc, pieces)
        if child.tail:
            _add(child.tail, link, acc, pieces)


Own = tuple[int, int, int, float]


def _own(el: HtmlElement, in_link: bool) -> Own:
    """(text, link, punct, value) of the block's own inline content."""
    acc = [0, 0, 0, 0]
    pieces: list[str] = []
    _inline(el, in_link, acc, pieces)
    footer = acc[0] < 300 and is_footer("".join(pieces), el)
    return acc[0], acc[1], acc[2], block_value(*acc, footer=footer)


def _total(el: HtmlElement, own: dict, stats: dict) -> NodeStats:
    """An element's totals from its own block value and its children's totals."""
    st = NodeStats()
    if el in own:
        st.text, st.link, st.punct, st.value = own[el]
    for child in el:
        cs = stats.get(child)
        if cs is not None and (child.tag in BLOCK_TAGS or _has_block_totals(cs)):
            st.text += cs.text
            st.link += cs.link
            st.punct += cs.punct
            st.value += cs.value
    return st


def _measure(root: HtmlElement) -> tuple[dict[HtmlElement, NodeStats], dict[HtmlElement, Own]]:
    order: list[tuple[HtmlElement, bool]] = []
    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        el, in_link = stack.pop()
        order.append((el, in_link))
        link = in_link or el.tag == "a"
        for child in el:
            if isinstance(child.tag, str):
                stack.append((child, link))
    own: dict[HtmlElement, Own] = {}
    for el, in_link in order:
        if el.tag in BLOCK_TAGS or el is root:
            own[el] = _own(el, in_link)
    stats: dict[HtmlElement, NodeStats] = {}
    for el, _ in reversed(order):
        stats[el] = _total(el, own, stats)
    return stats, own


def measure(root: HtmlElement) -> dict[HtmlElement, NodeStats]:
    """Subtree totals for every element under ``root`` (iterative, deep pages are common)."""
    return _measure(root)[0]


def under_any(el: HtmlElement, members: set[HtmlElement]) -> bool:
    """``el`` is one of ``members`` or lies under one of them."""
    return el in members or any(a in members for a in el.iterancestors())


class MeasuredTree:
    """``measure(root)`` kept current while chrome is cut out of the tree.

    Why: the chrome steps and the main-node choice each need the totals of the tree as it is
    then; measuring the page again after every step was a third of the extraction time.  A
    removal changes only the totals of the removed element's ancestors (and the own value of
    the block holding it, when it was inline), so only those are recomputed, exactly as
    ``measure`` would.
    """

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self.stats, self._own = _measure(root)

    def best_block(
        self, exclude: set[HtmlElement] | None = None, outside: set[HtmlElement] | None = None
    ) -> HtmlElement | None:
        """The block with the highest own prose value (not in ``exclude``, nor under an
        element of ``outside``)."""
        own = self._own
        if outside:  # best first: a set of every element under a comment run cost more
            for block in sorted(own, key=lambda b: own[b][3], reverse=True):
                if own[block][3] <= 0:
                    return None
                if not under_any(block, outside):
                    return block
            return None
        blocks = [b for b in own if not exclude or b not in exclude]
        best = max(blocks, key=lambda b: own[b][3], default=None)
        return best if best is not None and own[best][3] > 0 else None

    def own_value(self, el: HtmlElement) -> float:
        """The prose value of the element's own inline text (0 for an inline element)."""
        own = self._own.get(el)
        return own[3] if own is not None else 0.0

    def value(self, el: HtmlElement) -> float:
        """The prose value of the element's subtree."""
        st = self.stats.get(el)
        return st.value if st is not None else 0.0

    def prose_blocks(self, el: HtmlElement) -> list[float]:
        """The positive own values of the blocks in ``el``'s subtree (its paragraphs)."""
        own = self._own
        return [own[b][3] for b in el.iter() if b in own and own[b][3] > 0]

    def remove(self, el: HtmlElement) -> None:
        """Remove ``el`` (its tail text stays in place) and update the totals."""
        self.remove_all([el])

    def remove_all(self, els: list[HtmlElement]) -> None:
        """Remove the elements, then update every touched total once (deepest first)."""
        blocks: dict[HtmlElement, bool] = {}  # blocks whose own text changed -> inside a link
        depth: dict[HtmlElement, int] = {}  # ancestors whose totals changed
        for el in els:
            parent = el.getparent()
            if parent is None or el is self.root:
                continue
            chain = [parent]  # parent .. root; in a cut-off subtree there is no root above
            while chain[-1] is not self.root and chain[-1] is not None:
                chain.append(chain[-1].getparent())
            attached = chain[-1] is self.root
            if attached:
                for gone in el.iter():
                    self.stats.pop(gone, None)
                    self._own.pop(gone, None)
            tail = el.tail
            if not tail or not tail.strip():
                parent.remove(el)
            else:
                el.drop_tree()
            if not attached:
                continue
            i = next(i for i, a in enumerate(chain) if a is self.root or a.tag in BLOCK_TAGS)
            blocks[chain[i]] = any(a.tag == "a" for a in chain[i + 1 :])
            for k, node in enumerate(chain):
                depth[node] = len(chain) - k
        for block, in_link in blocks.items():
            if block in self.stats:  # not cut off by a later removal of the batch
                self._own[block] = _own(block, in_link)
        for node in sorted(depth, key=depth.__getitem__, reverse=True):
            if node in self.stats:
                self.stats[node] = _total(node, self._own, self.stats)


def _has_block_totals(st: NodeStats) -> bool:
    # An inline element's own text was counted by its enclosing block; only the blocks
    # nested inside it (a <div> inside an <a>, say) still need adding up.
    return st.value != 0.0 and st.text > 0


def best_value_without(stats: dict[HtmlElement, NodeStats], targets: list[HtmlElement]) -> float:
    """The best subtree prose value once ``targets`` are gone (the tree is not touched).

    Asked before chrome is cut: would an article be left without it?
    """
    adjusted = {el: st.value for el, st in stats.items()}
    gone: set[HtmlElement] = set()
    for t in targets:
        gone.update(t.iter())
        value = stats[t].value if t in stats else 0.0
        for anc in t.iterancestors():
            if anc in adjusted:
                adjusted[anc] -= value
    return max((v for el, v in adjusted.items() if el not in gone), default=0.0)


def best_node(root: HtmlElement, stats: dict[HtmlElement, NodeStats] | None = None) -> HtmlElement:
    """The element whose subtree has the highest prose value (``root`` if nothing scores)."""
    stats = stats if stats is not None else measure(root)
    best, best_value = root, 0.0
    for el, st in stats.items():
        if st.value > best_value:
            best, best_value = el, st.value
    return best


# A lone winner shorter than this is a question or a teaser, not an article's paragraph.
_WIDEN_MIN = 150.0


def widen_single_paragraph(node: HtmlElement, tree: MeasuredTree, max_up: int = 3) -> HtmlElement:
    """The article around a lone winning paragraph, when links drag its container down.

    An old portal's article cell can hold as many link characters (related links, a
    "more from this column" list) as prose, so its net value falls below its longest
    paragraph's and that paragraph alone wins.  When the winner is one long block of prose
    and an ancestor a few levels up holds at least three prose blocks with twice its value,
    that ancestor is the article (its link lists are trafilatura's and the chrome rules' to
    drop).  Not for discussions: there the blocks around a post are other people's replies.
    """
    base = tree.stats[node].value if node in tree.stats else 0.0
    if base < _WIDEN_MIN or len(tree.prose_blocks(node)) != 1:
        return node
    current = node
    for _ in range(max_up):
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        blocks = tree.prose_blocks(parent)
        if len(blocks) >= 3 and sum(blocks) >= 2 * base:
            return parent
        current = parent
    return node
