"""Quote boxes inside the posts of a thread: the article a first post quotes stays, the
earlier posts a reply quotes go.

Why: boards share news by quoting it.  A first post that is a quote box holding the article,
plus a line of the poster's own ("转一篇新闻，大家看看"), is an article copy whose text is the
quote; a reply that quotes an earlier post repeats text that is already on the page (or a
sentence of the article), and measured as the reply's own prose it makes chatter look like
a discussion.  A quote box is found by tag (<blockquote>, <q>, <fieldset>) or, on boards that
draw it with a div or a table, by a class/id word from the rules' ``quote_words`` (a hint);
its header ("以下是引用某某在2023-8-1 12:00的发言：", "某某 发表于 …", a <legend>) is the
short line that opens it.  A first post whose box says nothing of the kind is known by its
shape: one box of paragraphs holding most of the post's prose, and beside it only the
poster's plain line (a wrapper around the whole message has nothing beside it).
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.html import HtmlElement

from pipelines.extract.rules import ChromeRules, load_rules

_QUOTE_TAGS = frozenset({"blockquote", "q", "fieldset"})
_TOKEN_SPLIT = re.compile(r"[^a-z]+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？!?]")
# When a quoted post was written, as a board prints it: a clock time or a whole date
# ("以下统计截止时间为：2024年4月" says a month, and is a quote's own line).
_POSTED_AT = re.compile(r"\d{1,2}:\d{2}|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
# ... or, in a line ending with a colon, a verb of quoting ("引用 某某 的帖子：", "x wrote:").
_QUOTING = re.compile(r"引用|发表|写道|wrote|said|quote", re.I)
# A first post whose quote box holds this share of its prose is a quoted article: the quote
# is the text, the poster's own line or two around it are not.
QUOTED_ARTICLE_SHARE = 0.8
# The line opening a quote box is its header when it is this short and not a sentence.
_HEADER_MAX = 60


def is_quote_box(el: HtmlElement, rules: ChromeRules | None = None) -> bool:
    if not isinstance(el.tag, str):
        return False
    if el.tag in _QUOTE_TAGS:
        return True
    attrs = " ".join(v for v in (el.get("class"), el.get("id")) if v).lower()
    if not attrs or el.tag not in ("div", "table", "td", "span", "section", "p"):
        return False
    words = (rules or load_rules()).quote_words
    return any(tok in words for tok in _TOKEN_SPLIT.split(attrs))


def opens_with_attribution(el: HtmlElement) -> bool:
    """A box whose first line says who wrote what follows, and when ("某某 发表于
    2020-1-5 07:45", "以下是引用某某在2023-8-1 12:00的发言：") or that it is quoted
    ("引用 某某 的帖子："): a quote drawn by an old board as a bare table or div, with
    nothing in its markup to say so."""
    target = _opening_block(el)
    run, stop = _opening_run(target)
    line = (target.text or "") + "".join(c.text_content() + (c.tail or "") for c in run)
    if stop is None or not _is_header(line):
        return False
    return (
        bool(_POSTED_AT.search(line))
        or bool(_QUOTING.search(line))
        and line.strip().endswith(("：", ":"))
    )


def quote_boxes(el: HtmlElement) -> list[HtmlElement]:
    """The outermost quote boxes inside ``el`` (``el`` itself excluded)."""
    rules = load_rules()
    found: list[HtmlElement] = []
    stack = list(el)
    while stack:
        node = stack.pop(0)
        if not isinstance(node.tag, str):
            continue
        if is_quote_box(node, rules) or (
            node.tag in ("table", "div") and opens_with_attribution(node)
        ):
            found.append(node)
        else:
            stack[:0] = list(node)
    return found


def outside_quotes(el: HtmlElement) -> HtmlElement:
    """The outermost ancestor-or-self of ``el`` that is not inside a quote box."""
    rules = load_rules()
    out = el
    for anc in (el, *el.iterancestors()):
        if is_quote_box(anc, rules) and anc.getparent() is not None:
            out = anc.getparent()
    return out


def _chars(text: str | None) -> int:
    return len(_SPACE.sub("", text)) if text else 0


def prose(el: HtmlElement) -> int:
    """Characters outside links (whitespace excluded)."""
    links = sum(_chars(a.text_content()) for a in el.iter("a"))
    return _chars(el.text_content()) - links


def without_quotes(el: HtmlElement) -> HtmlElement:
    """A copy of a reply without the earlier posts it quotes."""
    copy = deepcopy(el)
    for box in quote_boxes(copy):
        parent = box.getparent()
        if parent is not None:
            tail = box.tail
            box.drop_tree() if tail and tail.strip() else parent.remove(box)
    return copy


_BLOCKS = frozenset({"p", "div", "blockquote", "table", "tbody", "tr", "td", "ul", "ol", "section"})


def without_quote_headers(el: HtmlElement) -> HtmlElement:
    """A copy of a post whose quote boxes have lost their headers."""
    copy = deepcopy(el)
    for box in quote_boxes(copy):
        drop_header(box)
    return copy


def _opening_block(box: HtmlElement) -> HtmlElement:
    """The element whose own text opens ``box`` (<div class="quote"><blockquote>…: the
    blockquote; a quote table: its first cell)."""
    target = box
    while not (target.text or "").strip() and len(target) and target[0].tag in _BLOCKS:
        if len(target) > 1 and target[0].tag in ("p", "div"):
            return target
        target = target[0]
    return target


def _opening_run(target: HtmlElement) -> tuple[list[HtmlElement], HtmlElement | None]:
    """The inline children before ``target``'s first <br> or block, and that element."""
    run: list[HtmlElement] = []
    for child in target:
        if child.tag == "br" or child.tag in _BLOCKS:
            return run, child
        run.append(child)
    return run, None


def drop_header(box: HtmlElement) -> None:
    """Remove the short line that opens a quote box (who is quoted, when), in place.

    The line is a <legend>, the inline run before the box's first <br> or block, or a
    first short block followed by more; it goes only when it is short and not a sentence.
    """
    legend = box.find("legend")
    if legend is not None:
        legend.drop_tree()
        return
    target = _opening_block(box)
    if not (target.text or "").strip() and len(target) > 1 and target[0].tag in ("p", "div"):
        if _is_header(target[0].text_content()):
            target.remove(target[0])
        return
    run, stop = _opening_run(target)
    line = (target.text or "") + "".join(c.text_content() + (c.tail or "") for c in run)
    if stop is None or not _is_header(line):
        return
    target.text = None
    for child in run:
        target.remove(child)
    if stop.tag == "br":
        target.text = stop.tail
        target.remove(stop)


def _is_header(line: str) -> bool:
    """Short, not a sentence, and says who and when: a time stamp, or it ends in a colon
    ("引用 某某 的帖子：", "xxx wrote:").  A quote's own short first line has neither."""
    line = line.strip()
    if not 0 < len(line) <= _HEADER_MAX or _SENTENCE_END.search(line):
        return False
    return line.endswith(("：", ":")) or bool(_POSTED_AT.search(line))


def _box_beside_a_line(post: HtmlElement) -> HtmlElement | None:
    """The box of paragraphs that holds most of ``post``'s prose, when the rest of the post
    is the poster's own plain line beside it (None otherwise)."""
    el, total = post, prose(post)
    while True:
        kids = [(c, prose(c)) for c in el if isinstance(c.tag, str)]
        if not kids:
            return None
        box, chars = max(kids, key=lambda pair: pair[1])
        if chars == total:
            el = box  # a wrapper around the whole message: look inside
            continue
        blocks = sum(1 for c in box if isinstance(c.tag, str) and c.tag in _BLOCKS)
        beside = [c for c, n in kids if n and c is not box]
        # the poster's line is a plain paragraph next to the box, not a panel of widgets
        plain = all(not any(d.tag in _BLOCKS for d in c.iterdescendants()) for c in beside)
        return box if blocks >= 2 and plain else None


def quoted_article(message: HtmlElement, min_chars: int) -> HtmlElement | None:
    """The quote box a first post consists of (its header out), or None.

    A post that quotes a sentence and says its own article-length piece is not one: the
    box must hold QUOTED_ARTICLE_SHARE of the post's prose and be article-length.
    """
    total = prose(message)
    boxes = quote_boxes(message)
    if not boxes and total > 0:
        shaped = _box_beside_a_line(message)
        boxes = [shaped] if shaped is not None else []
    if not boxes or total <= 0:
        return None
    box = max(boxes, key=prose)
    inner = deepcopy(box)
    drop_header(inner)
    if prose(inner) < min_chars or prose(box) < QUOTED_ARTICLE_SHARE * total:
        return None
    inner.tag, inner.tail = "div", None  # the poster's own line after the box goes
    for part in inner.iter("tbody", "thead", "tr", "td", "th"):
        part.tag = "div"  # a quote drawn as a table: its cell is a block, not a table row
    for attr in ("class", "id"):
        inner.attrib.pop(attr, None)
    return inner
