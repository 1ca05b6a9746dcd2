"""A node's text broken into lines where a browser breaks it: at block elements and <br>.

Why one function: the main-content stage's own text of a node (the stand-in where
trafilatura drops most of it, and the map of the prose trafilatura may have dropped) and the
chatter step's count of a report's prose lines (chatter.py) read the same lines; two walks
over the tree had drifted apart (one kept a <pre>'s line breaks, one did not).
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.html import HtmlElement

from pipelines.extract.density import BLOCK_TAGS

_SOURCE_BREAK = re.compile(r"\s*\n\s*")
_SPACE = re.compile(r"\s+")


def block_text(node: HtmlElement, rendered: bool = False, unshown: tuple[str, ...] = ()) -> str:
    """Our own block-per-line text of a node (the tree is not changed).

    ``rendered``: lines break only where a browser breaks them (blocks, <br>, and inside a
    <pre>), not also at the line breaks of the HTML source.  ``unshown``: tags whose text is
    left out (their tails stay), taken out of the copy this makes anyway.
    """
    node = deepcopy(node)
    for el in list(node.iter(*unshown)) if unshown else ():
        el.drop_tree()
    pre = {d for p in node.iter("pre") for d in p.iter()} if rendered else set()
    for el in node.iter():
        if rendered and el not in pre:
            if el.text and "\n" in el.text:
                el.text = _SOURCE_BREAK.sub(" ", el.text)
            if el.tail and "\n" in el.tail:
                el.tail = _SOURCE_BREAK.sub(" ", el.tail)
        if isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el.tag == "br"):
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    return node.text_content()


def rendered_lines(node: HtmlElement, unshown: tuple[str, ...] = ()) -> list[str]:
    """The node's lines as a browser shows them, each without its white space."""
    text = block_text(node, rendered=True, unshown=unshown)
    lines = (_SPACE.sub("", line) for line in text.split("\n"))
    return [line for line in lines if line]
