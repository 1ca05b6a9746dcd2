"""A forum post that quotes a whole article: the article is the post, the replies chatter.

Why: a board reposts a story as a quotation (a ``<blockquote>`` or the board's quote box)
with a line of the poster's own under it, and readers reply.  Counting the replies against
the post's length (forum.py's chatter rule) keeps a long reply stream as if the thread were
a discussion, and the copy of the article is stored with readers' lines in it (issue 12,
class 4).  A post whose prose is mostly one quotation of article length is a repost.

A quotation is known by its shape: a box of paragraphs that holds most of the post's prose
with a little of the poster's own text beside it (wrappers around the whole message do not
count: there is nothing beside them).  A <blockquote> or a box named like one (rules file:
``quote_words``) is the hint for boards whose quote box is the whole message.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.chrome_widgets import outermost
from pipelines.extract.density import BLOCK_TAGS
from pipelines.extract.rules import load_rules

# The quotation holds at least this share of the post's prose (the rest is the poster's
# line or two) and at least this many characters (an article, not a quoted reply).
QUOTED_SHARE = 0.8
QUOTED_MIN_CHARS = 300
_SPACE = re.compile(r"\s+")


def _is_quote(el: HtmlElement, words: tuple[str, ...]) -> bool:
    if el.tag in ("blockquote", "q"):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(w in names for w in words)


def _prose(el: HtmlElement) -> int:
    total = len(_SPACE.sub("", el.text_content()))
    return total - sum(len(_SPACE.sub("", a.text_content())) for a in el.iter("a"))


def _boxed_with_a_line(post: HtmlElement, post_chars: int) -> int:
    """Prose of the box of paragraphs that holds most of ``post``'s, when the rest of the
    post is the poster's own line beside it (0 otherwise)."""
    el = post
    while True:
        kids = [(c, _prose(c)) for c in el if isinstance(c.tag, str)]
        if not kids:
            return 0
        box, chars = max(kids, key=lambda pair: pair[1])
        if chars == post_chars:
            el = box  # a wrapper around the whole message: look inside
            continue
        blocks = sum(1 for c in box if isinstance(c.tag, str) and c.tag in BLOCK_TAGS)
        beside = [c for c, n in kids if n and c is not box]
        # the poster's line is a plain paragraph next to the box, not a panel of widgets
        plain = all(not any(d.tag in BLOCK_TAGS for d in c.iterdescendants()) for c in beside)
        return chars if blocks >= 2 and plain else 0


def quotes_an_article(post: HtmlElement, post_chars: int) -> bool:
    """Most of ``post``'s prose (``post_chars``) is a quotation of article length."""
    words = load_rules().quote_words
    named = sum(_prose(q) for q in outermost(post, lambda el: _is_quote(el, words)))
    quoted = max(named, _boxed_with_a_line(post, post_chars))
    return quoted >= QUOTED_MIN_CHARS and quoted >= QUOTED_SHARE * post_chars
