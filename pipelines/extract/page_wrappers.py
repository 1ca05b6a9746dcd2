"""Furniture-named elements that hold the article: what the container step must not remove.

Why: the container step (chrome_dom.remove_chrome_containers) removes the outermost elements
whose class or id names furniture.  Two kinds of page put the article inside such a name --
an unclosed header <div> of a furniture name that the parser makes the parent of the whole
page, and an article body classed with a widget's hook -- and with them the article went.
Both are told by structure: where the page's headline and its prose stand.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from pipelines.extract.density import MeasuredTree

# A furniture-named element holding at least this share of the page's text, the page's
# headline and its best paragraph wraps the page: a real portal template (360's news pages)
# leaves a <div class="doc-news-list"> unclosed in its header, so the parser puts the whole
# page inside a "news-list", and the article went with it (tuning template webs 3, 6, 7:
# every article of the site too short).  Its named parts inside still go.  The share is a
# floor against a small box that holds a headline; headline and best paragraph decide.
WRAPPER_SHARE = 0.3


def page_wrappers(
    root: HtmlElement,
    named: dict[HtmlElement, frozenset[str]],
    tree: MeasuredTree,
    discussion: bool = False,
    replies: frozenset[str] = frozenset(),
) -> set[HtmlElement]:
    """The named elements that wrap the page's headline, its best paragraph and most of it."""
    if not named:  # nothing the container step could remove
        return set()
    stats = tree.stats
    best = tree.best_block()
    headline = next(root.iter("h1"), None)
    if best is None or headline is None or root not in stats:
        return set()
    around = set(best.iterancestors()) & set(headline.iterancestors())
    floor = WRAPPER_SHARE * stats[root].text
    kept = {el for el in around if el in named and el in stats and stats[el].text >= floor}
    # on a thread the first prose after the headline is a post, not an article's body
    return kept if discussion else kept | _body_after(root, headline, named, tree, replies)


# A furniture-named box holding the first prose after the page's <h1> is the article's body
# when it holds this many prose blocks and little link text: sina's article pages class the
# body "BSHARE_POP blkContainerSblkCon" (a share widget's hook), and on a short page 1 of a
# split article the prose outside it outweighed it and the body went (tuning template web
# 2055574645, site10: 3 articles extracted as one promo line).
BODY_MIN_BLOCKS = 2
BODY_MAX_LINK_SHARE = 0.2


def _body_after(
    root: HtmlElement,
    headline: HtmlElement,
    named: dict[HtmlElement, frozenset[str]],
    tree: MeasuredTree,
    replies: frozenset[str],
) -> set[HtmlElement]:
    """The named boxes around the first block of prose after ``headline`` (in document
    order) that read as an article body: prose blocks, little link text."""
    inside = set(headline.iter())
    passed, first = False, None
    for el in root.iter():
        if el is headline:
            passed = True
        elif passed and el not in inside and tree.own_value(el) > 0:
            first = el
            break
    if first is None:
        return set()
    bodies = set()
    for box in first.iterancestors():
        st = tree.stats.get(box)
        if box not in named or st is None or st.link > BODY_MAX_LINK_SHARE * st.text:
            continue
        if named[box] & replies:  # a comments box is never an article's body (a 短评 page)
            continue
        if len(tree.prose_blocks(box)) >= BODY_MIN_BLOCKS:
            bodies.add(box)
    return bodies
