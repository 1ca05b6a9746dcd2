"""Promotional paragraphs inside an article: a limited-time offer, a course, a QR-code call,
a "推荐阅读" line of links, "广告｜…".

Why: farms place an ad in the middle of a copy, where the tail cut never reaches it, and
word each one differently, so no phrase list holds them.  What they share is a shape: a
short paragraph that makes an offer and calls the reader to act (a price or a discount, an
imperative — 点击, 扫码, 添加, 报名 —, urgency, a channel to act through: the category
patterns in chrome_rules.toml [promo]), often drawn apart from the paragraphs around it
(its own class or colour, bold, a link, a QR image beside it), or a short block that is
mostly links between two paragraphs of prose, or a paragraph that is linked sentences
from end to end on its own between prose (an article's paragraph links a name or two; a
linked title without sentence marks is a citation and stays; a run of linked paragraphs is
a list, a note's links, that references of real pages count as text).

Two places: on the DOM (before the main node is chosen), where the drawing is visible, a
block drawn apart that matches two categories, or a link-heavy block between prose, goes;
on the text lines (chrome_lines.py), where only the wording is left, a line goes that
matches three categories, a call to action and an offer among them.  Paragraphs that
report a pitch ("对方称名额有限，诱导其扫码") or warn against one are never promos.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lxml.html import HtmlElement

from pipelines.extract.chrome_widgets import short_text
from pipelines.extract.density import BLOCK_TAGS, MeasuredTree, best_node
from pipelines.extract.han import han_chars, reads_as_headline
from pipelines.extract.rules import ChromeRules, normalise_line

# A promo is a short paragraph: this many characters at most (measured: generated and
# storygen ads 30-90; article paragraphs of the real sets mostly 60-300).
PROMO_MAX_CHARS = 160
# Categories a line must match on its own, and when it is drawn apart from its siblings;
# one of them always an offer (a price or an ad label).
LINE_CATEGORIES = 3
DRAWN_CATEGORIES = 2
# A block between two prose paragraphs with at least this share of its text in links, and
# at most LINKS_MAX_CHARS long, is a related-links line.
LINK_SHARE = 0.5
LINKS_MAX_CHARS = 120
# A paragraph at least this long whose text is at least this share link text is linked
# sentences (tests/pagegen promo "link": 30-60 characters, all linked; seeds 500-829 of
# wt-extract's measurement, 9000-9059 held out).
LINKED_MIN_CHARS = 20
LINKED_SHARE = 0.8
# A sentence mark after a Han character, in the raw link text (not a URL's "?" or ",").
_HAN_SENTENCE = re.compile(r"[\u4e00-\u9fff][，。！？；]")
# A text run of at least this many characters counts as a prose sibling.
_RUN_MIN = 20
_WS = re.compile(r"\s+")
# Text outside the links of a related-links line: a label ("推荐阅读：", "▶ 延伸阅读") at most.
_LABEL_MAX = 8
# The promo wordings are Chinese: a text under this share of Han characters is not read.
_HAN_SHARE = 0.3
_INLINE_WRAPPERS = frozenset({"strong", "b", "a", "span", "font", "em", "i", "u"})


def _compact(text: str) -> str:
    return _WS.sub("", text)


def categories(text: str, rules: ChromeRules) -> set[str]:
    """The promo categories the text matches (none for a text that reports a pitch)."""
    if rules.promo_reported is not None and rules.promo_reported.search(text):
        return set()
    if han_chars(text) < _HAN_SHARE * len(_compact(text)):
        return set()
    return {name for name, pattern in rules.promo if pattern.search(text)}


@lru_cache(maxsize=4)
def _patterns(rules: ChromeRules) -> dict[str, re.Pattern[str]]:
    return dict(rules.promo)


def _may_offer(text: str, rules: ChromeRules) -> bool:
    """A price or an ad label is in the text: every promo has one, so most paragraphs are
    answered by these two patterns alone."""
    patterns = _patterns(rules)
    return any(patterns[k].search(text) for k in ("price", "label") if k in patterns)


def is_promo_line(line: str, rules: ChromeRules) -> bool:
    """A short line that makes an offer and calls to act, by its wording alone."""
    text = normalise_line(line)
    if not text or len(_compact(text)) > PROMO_MAX_CHARS or not _may_offer(text, rules):
        return False
    return _reads_as_promo(categories(text, rules))


def _reads_as_promo(found: set[str]) -> bool:
    calls = bool(found & {"action", "label"})
    return len(found) >= LINE_CATEGORIES and calls and _offers(found)


def _offers(found: set[str]) -> bool:
    """A price, a discount, something free, or an ad label: what a public notice that asks
    readers to sign up or call ("报名方式：…可通过APP预约，名额有限") does not have."""
    return bool(found & {"price", "label"})


def drop_promo_lines(lines: list[str], rules: ChromeRules, has_lead: bool = True) -> list[str]:
    """The lines without promo lines.  The first line, the article's lead, always stays;
    ``has_lead=False`` for page 2+ of a split article, whose first line is no lead but
    where a farm puts an ad as readily as anywhere else between the article's paragraphs
    (genweb 947873922597: "▶ 推荐阅读：…前10名报名送精美礼品。" opened page 2 of a copy)."""
    keep_first = 1 if has_lead else 0
    return [
        line for i, line in enumerate(lines) if i < keep_first or not is_promo_line(line, rules)
    ]


def _look(el: HtmlElement) -> tuple:
    """How a block is drawn: tag, class, style, an inline wrapper holding all its text, and
    whether it shows an image."""
    wrapper = ""
    kids = [c for c in el if isinstance(c.tag, str)]
    if len(kids) == 1 and kids[0].tag in _INLINE_WRAPPERS and not (el.text or "").strip():
        if not (kids[0].tail or "").strip():
            wrapper = kids[0].tag
    has_img = el.tag == "img" or el.find(".//img") is not None
    return el.tag, el.get("class") or "", el.get("style") or "", wrapper, has_img


def _items(parent: HtmlElement, tree: MeasuredTree) -> list[tuple[HtmlElement | None, bool]]:
    """The parent's content in order: (element or None for a text run, is it prose)."""
    items: list[tuple[HtmlElement | None, bool]] = []
    if len(_compact(parent.text or "")) >= _RUN_MIN:
        items.append((None, True))
    for child in parent:
        if isinstance(child.tag, str):
            items.append((child, tree.own_value(child) > 0 or tree.value(child) > 0))
        if len(_compact(child.tail or "")) >= _RUN_MIN:
            items.append((None, True))
    return items


def _candidates(items: list[tuple[HtmlElement | None, bool]]):
    """Elements with prose both before and after them among their parent's content."""
    prose_at = [i for i, (_, prose) in enumerate(items) if prose]
    if len(prose_at) < 2:
        return
    first, last = prose_at[0], prose_at[-1]
    for i in range(first + 1, last):
        el = items[i][0]
        if el is not None and (el.tag in BLOCK_TAGS or _stands_alone(el)):
            yield el


def _breaks(el: HtmlElement | None) -> bool:
    return el is None or el.tag == "br" or el.tag in BLOCK_TAGS


def _stands_alone(el: HtmlElement) -> bool:
    """An inline element on a line of its own (between <br>s or blocks), not a link or a
    bold word inside a sentence."""
    if el.tag not in _INLINE_WRAPPERS or (el.tail or "").strip():
        return False
    prev, parent = el.getprevious(), el.getparent()
    before = prev.tail if prev is not None else (parent.text if parent is not None else "")
    return not (before or "").strip() and _breaks(prev) and _breaks(el.getnext())


def _is_promo_block(el: HtmlElement, usual: tuple | None, rules: ChromeRules) -> bool:
    text = short_text(el, 2 * PROMO_MAX_CHARS)
    if text is None:
        return False
    chars = len(_compact(text))
    if not chars or chars > PROMO_MAX_CHARS:
        return False
    text = normalise_line(text)
    # links inside a block: a bare <a> on a line of its own may be a headline the article
    # lists (magichtml-article 0eebc3efd179 keeps two such lines between <br>s)
    linked = _linked_chars(el) if el.find(".//a") is not None else 0
    if linked and (
        _related_links(el, chars, linked, text, rules) or _linked_sentences(el, chars, linked)
    ):
        return True
    if not _may_offer(text, rules):
        return False
    found = categories(text, rules)
    drawn_apart = usual is not None and _look(el) != usual
    if drawn_apart and len(found) >= DRAWN_CATEGORIES and _offers(found):
        return True
    return _reads_as_promo(found)


def _related_links(el: HtmlElement, chars: int, linked: int, text: str, rules: ChromeRules) -> bool:
    """Mostly links, and the links are headlines (six Han characters or more) under a
    reading label or two of them: "推荐阅读：<a>…</a>".  A line of reference URLs, a
    document link after its name, is the article's."""
    links = [a for a in el.iter("a")]
    if not links or linked < LINK_SHARE * chars or chars > LINKS_MAX_CHARS:
        return False
    if chars - linked > _LABEL_MAX:  # a sentence with links in it ("机场有<a>…</a>、<a>…</a>")
        return False
    headlines = sum(reads_as_headline(a.text_content()) for a in links)
    if headlines != 1:
        return headlines >= 2
    label = _patterns(rules).get("label")
    return label is not None and bool(label.search(text))


def _linked_chars(el: HtmlElement) -> int:
    return sum(len(_compact(a.text_content())) for a in el.iter("a"))


def _linked_sentences(el: HtmlElement, chars: int, linked: int) -> bool:
    """Sentences linked from end to end, with no linked block beside them (one, not a
    list): an advert dropped among the article's paragraphs, whatever its words."""
    if chars < LINKED_MIN_CHARS or linked < LINKED_SHARE * chars:
        return False
    if not any(_HAN_SENTENCE.search(a.text_content()) for a in el.iter("a")):
        return False
    for sibling in (el.getprevious(), el.getnext()):
        sibling_chars = len(_compact(sibling.text_content())) if sibling is not None else 0
        if sibling_chars and _linked_chars(sibling) >= LINK_SHARE * sibling_chars:
            return False
    return True


def remove_promo_blocks(root: HtmlElement, tree: MeasuredTree, rules: ChromeRules) -> int:
    """Remove promo blocks that sit between prose paragraphs (see the module doc).

    Only around the article as the page stands (the best node so far and its parent): a
    promo sits among the article's paragraphs, and a portal's menus need not be read.
    """
    doomed: list[HtmlElement] = []
    scope = best_node(root, tree.stats)
    scope = scope.getparent() if scope.getparent() is not None else scope
    for parent in scope.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2 or tree.value(parent) <= 0:
            continue  # no prose under it: nothing to sit between
        items = _items(parent, tree)
        # how the prose around is drawn; text runs between <br>s count as a look of their own
        looks = Counter(_look(el) if el is not None else ("#text",) for el, prose in items if prose)
        usual = looks.most_common(1)[0][0] if looks else None
        doomed += [el for el in _candidates(items) if _is_promo_block(el, usual, rules)]
    tree.remove_all(doomed)
    return len(doomed)
