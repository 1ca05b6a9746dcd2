"""DOM-level chrome removal, before the main node is chosen and trafilatura runs.

Why on the DOM: a related-stories stream or a comment thread can hold more prose than the
article, so it must be gone before density scoring, or the scorer picks it.  Three signals,
none of them one site's template: class/id words that name furniture (share, comment,
recommend, copyright ...), repeated sibling teasers (same tag and class, each a headline link
plus an excerpt), and a furniture heading (相关推荐, 猜你喜欢 ...) followed by its list.  A
container is kept if it holds most of the page's prose: on a comments page the comments are
the content.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from pipelines.extract.chrome_widgets import (
    drop_cookie_notices,
    drop_elements,
    drop_hidden_widgets,
    outermost,
    short_text,
)
from pipelines.extract.comment_runs import (
    MIN_ARTICLE_LEFT,
    MIN_ARTICLE_LEFT_CONTINUED,
    remove_comment_runs,
)
from pipelines.extract.density import BLOCK_TAGS, MeasuredTree, best_value_without
from pipelines.extract.han import reads_as_headline
from pipelines.extract.page_wrappers import page_wrappers
from pipelines.extract.promos import remove_promo_blocks
from pipelines.extract.related_teasers import remove_related_teasers
from pipelines.extract.rules import ChromeRules, normalise_line

_NONE: frozenset[str] = frozenset()
_TOKEN_SPLIT = re.compile(r"[^a-z]+")
_HEADING_PUNCT = re.compile(r"[\s:：>»›|｜/\\\-—_·•【】\[\]()（）]+")
_TEASER_MIN = 3
# Prose left outside furniture-named containers, as a share of the prose inside them, below
# which the page is taken to consist of that "furniture" (comments page, forum, Q&A).
_OUTSIDE_SHARE = 0.1
# Below this much prose outside them, replies/comments are the page's content (a thread
# whose opening post is a one-line question).
_MIN_ARTICLE = 200.0
# ... but on a page of a split article the crawl has shown that the article goes on, and its
# part here may be one short paragraph: only the share above decides.  With the 200 floor, a
# site's furniture-named disclaimer stayed in the main node of short pages 2+ only (under
# 60 % of the site's pages, so no site template cut it): on genweb tuning seeds 422587973611,
# 455039711400, 728211331912, offline, it was left in 12 articles (in one it was all page 2
# kept), and in none with this.
_MIN_ARTICLE_CONTINUED = 0.0


def drop_junk(root: HtmlElement, rules: ChromeRules) -> None:
    """Remove elements that never hold article text, plus comments and processing instructions."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_elements(root, *rules.drop_tags, with_tail=False)
    drop_hidden_widgets(root)
    drop_cookie_notices(root)


def chrome_words(el: HtmlElement, rules: ChromeRules) -> frozenset[str]:
    """The furniture words (rules' substrings and tokens) that the class or id names."""
    attrs = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    return _attr_words(attrs.lower(), rules) if attrs else frozenset()


@lru_cache(maxsize=8192)
def _attr_words(low: str, rules: ChromeRules) -> frozenset[str]:
    # cached: a page repeats a few dozen class names over thousands of elements
    words = {s for s in rules.class_substrings if s in low}
    words.update(tok for tok in _TOKEN_SPLIT.split(low) if tok in rules.class_tokens)
    return frozenset(words)


def furniture_words(
    el: HtmlElement, rules: ChromeRules, discussion: bool = False
) -> frozenset[str]:
    """The furniture words the element's class or id names (empty: not named as furniture).

    On a discussion page, names of replies ("comment", "reply") do not count.
    """
    words = chrome_words(el, rules)
    return words - rules.thread_words if discussion and words else words


def _remove(els: list[HtmlElement], tree: MeasuredTree | None) -> None:
    """Remove elements through ``tree`` (so its totals stay current), or plainly."""
    if tree is not None:
        tree.remove_all(els)
    else:
        drop_elements(els)


def remove_chrome_containers(
    root: HtmlElement,
    rules: ChromeRules,
    discussion: bool = False,
    tree: MeasuredTree | None = None,
    min_article: float = _MIN_ARTICLE,
) -> int:
    """Remove the outermost elements whose class/id names furniture.

    If that would leave no real prose on the page (a comments page, a forum whose posts are
    "CommentPost", answers in a "CopyrightRichText"), the furniture-named prose *is* the
    content: then only the elements without prose (link lists, buttons) go, and those named
    as never content (a signature).  A container named only by weak words (a "left-side"
    column, a WordPress post classed "tag-…") is furniture unless it holds the best
    paragraph left outside the other furniture: then it is the article's.  ``min_article``:
    how much prose left outside makes the page an article (less on a page of a split one).
    """
    tree = tree or MeasuredTree(root)
    stats = tree.stats

    named: dict[HtmlElement, frozenset[str]] = {}
    for el in root.iter():
        found = furniture_words(el, rules, discussion) if isinstance(el.tag, str) else _NONE
        if found:
            named[el] = found

    wrappers = page_wrappers(root, named, tree, discussion, rules.thread_words)
    targets = outermost(
        root, lambda el: el not in wrappers and bool(named.get(el, _NONE) - rules.weak_words)
    )
    inside = {d for t in targets for d in t.iter()}
    best = tree.best_block(exclude=inside)
    main_column = set(best.iterancestors()) if best is not None else set()
    targets += outermost(root, lambda el: el in named and el not in main_column, skip=inside)
    prose_in = sum(max(stats[t].value, 0.0) for t in targets if t in stats)
    if prose_in > 0 and best_value_without(stats, targets) < max(
        min_article, _OUTSIDE_SHARE * prose_in
    ):
        targets = [
            t
            for t in targets
            if t in stats and (stats[t].value <= 0 or chrome_words(t, rules) & rules.never_content)
        ]
    _remove(targets, tree)
    return len(targets)


_DIGITS = re.compile(r"\d+")


def _signature(el: HtmlElement) -> tuple[str, str]:
    # "post-56662 post type-post" and "post-56654 post type-post" are the same kind of item
    return el.tag, " ".join(sorted(_DIGITS.sub("#", c) for c in (el.get("class") or "").split()))


def _is_teaser(el: HtmlElement) -> bool:
    """A headline link (``han.reads_as_headline``) plus at most a short excerpt."""
    links = el.findall(".//a")
    hrefs = {a.get("href") for a in links if a.get("href")}
    if not hrefs or len(hrefs) > 4:
        return False
    text_len = len(el.text_content().strip())
    if text_len > 700:
        return False
    return any(reads_as_headline(a.text_content()) for a in links)


def remove_teaser_lists(
    root: HtmlElement, tree: MeasuredTree | None = None
) -> list[tuple[HtmlElement, int, int]]:
    """Remove runs of >= 3 same-signature siblings that are each a headline link + excerpt.

    Returns (parent, items removed, characters removed) per run, so the list-page test can
    tell a sidebar of teasers from a page that *is* teasers.
    """
    runs: list[tuple[HtmlElement, int, int]] = []
    for parent in list(root.iter()):
        if not isinstance(parent.tag, str) or parent.getparent() is None and parent is not root:
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in (
                "li",
                "div",
                "article",
                "section",
                "dl",
            ):
                groups[_signature(child)].append(child)
        for members in groups.values():
            if len(members) < _TEASER_MIN:
                continue
            teasers = [m for m in members if _is_teaser(m)]
            if len(teasers) >= _TEASER_MIN and len(teasers) >= 0.8 * len(members):
                if any(m.find(".//h1") is not None for m in members):
                    continue
                chars = sum(len(m.text_content().strip()) for m in members)
                _remove(members, tree)
                runs.append((parent, len(members), chars))
    return runs


def _heading_key(text: str) -> str:
    return _HEADING_PUNCT.sub("", normalise_line(text))


def remove_marker_sections(
    root: HtmlElement, rules: ChromeRules, tree: MeasuredTree | None = None
) -> int:
    """Remove a furniture heading (相关推荐 ...) and the siblings after it.

    Only when what follows holds less prose than what precedes it in the same parent, so a
    "相关阅读" box in the middle of an article does not take the article's second half.
    """
    removed = 0
    tree = tree or MeasuredTree(root)
    stats = tree.stats
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or len(el) > 3:
            continue
        # a block's measured text is a lower bound of its length: most go without reading
        if el.tag in BLOCK_TAGS and el in stats and stats[el].text > 24:
            continue
        text = short_text(el, 24)
        if text is None or _heading_key(text) not in rules.section_headings:
            continue
        head = el
        # climb while the heading is its parent's only content (<div><h3>相关推荐</h3></div>)
        while head.getparent() is not None and head.getparent() is not root:
            parent = head.getparent()
            if len(parent) == 1 and not (parent.text or "").strip():
                head = parent
            else:
                break
        parent = head.getparent()
        if parent is None:
            continue
        before = [s for s in head.itersiblings(preceding=True)]
        after = list(head.itersiblings())
        v_before = sum(stats[s].value for s in before if s in stats)
        v_after = sum(stats[s].value for s in after if s in stats)
        if before and v_after > max(v_before, 0.0):
            continue
        _remove([head, *after], tree)
        removed += 1
    return removed


def strip_dom_chrome(
    root: HtmlElement, rules: ChromeRules, discussion: bool = False, continued: bool = False
) -> tuple[dict, MeasuredTree]:
    """All DOM chrome steps, in the order that lets each see the page at its cleanest.
    ``continued``: the page is one of several of an article (it needs less prose of its own).

    Returns what went (the list-page test uses the teaser runs) and the measured tree as it
    is left, so the main-node choice need not measure the page again.
    """
    drop_junk(root, rules)
    tree = MeasuredTree(root)
    sections = remove_marker_sections(root, rules, tree)
    runs = remove_teaser_lists(root, tree)
    related = remove_related_teasers(root, tree)
    min_article = MIN_ARTICLE_LEFT_CONTINUED if continued else MIN_ARTICLE_LEFT
    own = _MIN_ARTICLE_CONTINUED if continued else _MIN_ARTICLE
    containers = remove_chrome_containers(root, rules, discussion, tree, own)
    comments = 0 if discussion else remove_comment_runs(root, tree, min_article)
    promos = remove_promo_blocks(root, tree, rules)
    signals = {
        "sections": sections,
        "teaser_runs": runs,
        "related_teasers": related,
        "containers": containers,
        "comment_runs": comments,
        "promos": promos,
    }
    return signals, tree
