"""The main node narrowed to the child that holds its prose, past link lists beside it.

Why: the main node is the element with the highest prose value (density.py), and a block of
teaser lists beside the article (headline links, each with an excerpt of a sentence or two)
can score a little above zero.  On a short page, page 1 of a split article, that lifted the
node to the column holding both, so the teasers counted as the page's own and the page was
called a list: on held-out real template cjn_1.html (genweb seeds 3243526825 site04 and
5470438704 site09) 24 teasers in 6 lists next to 360 characters of article, 3 and 5
originals never stored.  The one child that holds prose (not mostly links, a sentence
that ends), beside children that are link lists, captions and labels, is the article; prose
of the article in a sibling block (a lead box, a second body div) keeps the parent.  Only
where a teaser list stands beside it (a run the chrome stage found): narrowed on every page,
the node lost lines on real pages (bench_extract --no-aeb: zh-webcontent 0.9632 -> 0.9584,
magichtml-forum 0.9105 -> 0.906).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.density import MeasuredTree

# A child beside the article is no prose of it when it is at least this share link text
# (a teaser list, a tab bar) or ends no sentence (picture captions, headlines: the teasers'
# text left on cjn_1.html scored 14 beside an article's 108 to 224, and generated tabs of
# captions outscored a two-paragraph page 1).  Children that score nothing or below (a
# date, a label, an empty slot) are no prose either.
NARROW_LINK_SHARE = 0.4
# A sentence ends in a full-width stop, or a half-width one after Han text or a closing
# quote: a copy re-punctuated to half-width ("…批准逮捕.") is prose too, and read as none it
# let a stray paragraph of the template beside it pass for the article (held-out csdn_1.html,
# genweb seed 5470438704, site04).
_SENTENCE_END = re.compile(r"[。！？]|[\u4e00-\u9fff”’」』）)\"'][.!?]")


def narrow_to_article(
    node: HtmlElement, tree: MeasuredTree, teaser_lists: list[HtmlElement]
) -> HtmlElement:
    """``node``, or the descendant its prose comes from when what stands beside that
    descendant is no prose and holds teaser lists (``teaser_lists``: the parents of the
    teaser runs the chrome stage found), followed down while that holds."""
    while True:
        child = _article_child(node, tree, teaser_lists)
        if child is None:
            return node
        node = child


def _article_child(
    node: HtmlElement, tree: MeasuredTree, teaser_lists: list[HtmlElement]
) -> HtmlElement | None:
    """The one child of ``node`` that holds prose, when the node's own text is none and a
    teaser list stands beside that child."""
    if tree.value(node) <= 0 or tree.own_value(node) > 0:  # a <br> run is prose of its own
        return None
    kids = [c for c in node if isinstance(c.tag, str) and c in tree.stats]
    prose = [kid for kid in kids if _is_prose_beside(kid, tree)]
    if len(prose) != 1:
        return None
    beside = set(kids) - {prose[0]}
    if not any(t in beside or beside.intersection(t.iterancestors()) for t in teaser_lists):
        return None
    return prose[0]


def _is_prose_beside(kid: HtmlElement, tree: MeasuredTree) -> bool:
    """``kid`` holds prose of its own: it scores as prose, is not mostly links, and has a
    sentence that ends (captions and headlines of teasers, "观影、逛展、看演出……文化活动扮靓
    双节“佳”期", have commas and ellipses but no full stop)."""
    st = tree.stats[kid]
    if st.value <= 0 or st.link >= NARROW_LINK_SHARE * st.text:
        return False
    return bool(_SENTENCE_END.search(kid.text_content()))
