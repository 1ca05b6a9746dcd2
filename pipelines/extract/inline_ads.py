"""Promotions inside the article: a paragraph that is one link, between paragraphs of prose.

Why: farms drop an advert into the middle of a copy (a limited-time offer, a course, an app)
as a paragraph whose words are all a link to somewhere else (issue 12, class 8).  Worded
like the article, no phrase list can know it; its shape gives it away: an article's own
paragraph is prose with at most a linked name or two in it, while this one is linked
sentences from end to end (a linked title without sentence punctuation is a citation, and
stays).  Only between prose paragraphs: a link list after the article is the business of
the chrome steps, and a page made of links is a list page.  And only one on its own: a run
of linked paragraphs is a list (a note's links, "· …" related stories) that references of
real pages count as text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.chrome_widgets import drop_elements
from pipelines.extract.density import BLOCK_TAGS

# A paragraph this long (characters, whitespace out) whose text is at least this share link
# text is a promotion; shorter linked lines ("全文链接") are the chrome rules' to judge.
MIN_CHARS = 20
LINK_SHARE = 0.8
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[，。！？；]")


def _leaf_blocks(node: HtmlElement) -> list[HtmlElement]:
    """Block elements under ``node`` with no block inside them, in page order."""
    return [
        el
        for el in node.iter()
        if isinstance(el.tag, str)
        and el.tag in BLOCK_TAGS
        and el is not node
        and not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())
    ]


def _chars(text: str) -> int:
    return len(_WS.sub("", text))


def drop_link_paragraphs(node: HtmlElement) -> int:
    """Remove paragraphs that are all link, standing between paragraphs of prose."""
    blocks = _leaf_blocks(node)
    kinds = []  # "ad", "prose" or "" per block
    for el in blocks:
        text = el.text_content()
        chars = _chars(text)
        link = sum(_chars(a.text_content()) for a in el.iter("a"))
        if chars >= MIN_CHARS and link >= LINK_SHARE * chars and _PUNCT.search(text):
            kinds.append("ad")
        elif chars >= MIN_CHARS and link == 0 and _PUNCT.search(text):
            kinds.append("prose")
        else:
            kinds.append("")
    # the blocks that are prose or ads, in order: an ad must have prose on both sides, and
    # prose, not another ad, as its nearest neighbours (one, not a list)
    seq = [(el, kind) for el, kind in zip(blocks, kinds, strict=True) if kind]
    ads = [
        el
        for i, (el, kind) in enumerate(seq)
        if kind == "ad" and 0 < i < len(seq) - 1 and seq[i - 1][1] == seq[i + 1][1] == "prose"
    ]
    drop_elements(ads)
    return len(ads)
