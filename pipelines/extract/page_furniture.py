"""Page 1's furniture repeated on the later pages of a split article.

Why: every page of a split article is printed from one template, so what stands around the
article on page 1 -- the headline, the date, a "字号：A- A A+" widget, a headline the template
itself carries -- stands on page 2 and 3 too.  On page 1 the headline block and the credits are
read and cut (metadata, chrome lines); on a later page the same block sat inside the main node
and stayed, seven lines at the head of each later page (fresh held-out template seed
3077704351, a real portal template: body F1 0.92 on two 3-page articles).  A later page's line
that page 1 also shows, outside the article text kept from page 1, is that furniture: an
article does not print one of its own lines on two pages.  The site template learns the same
from many pages of a site; this needs only the article's own pages, so it also holds on a
site seen once.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.render import rendered_lines

_SPACE = re.compile(r"\s+")


# Elements whose text a browser does not show (an article's text may be embedded in a JSON
# <script>: genweb's "text also in a script" pages, whose later pages then lost every line).
_UNSHOWN = ("script", "style", "noscript", "template", "textarea")


def page_lines(doc: HtmlElement) -> frozenset[str]:
    """Every line page 1 shows (white space out), read before the stages cut its tree."""
    body = doc.find("body")
    return frozenset(rendered_lines(body if body is not None else doc, _UNSHOWN))


# A run of a later page's lines is page 1's furniture when, joined, it is this long (white
# space out) and page 1 shows it inside one line outside its article text: trafilatura breaks
# "2023-11-09 15:20 字号：A- A A+ 来源：…" into five lines where the browser shows one.
FURNITURE_MIN_CHARS = 4


def drop_page_one_furniture(text: str, first_page: frozenset[str], first_text: str) -> str:
    """``text`` (a later page's) without the runs of lines page 1 shows outside its article
    text, and without the whole lines page 1 also kept."""
    kept_on_one = {_SPACE.sub("", line) for line in first_text.split("\n")}
    furniture = "\x00".join(sorted(first_page - kept_on_one))
    lines = text.split("\n")
    compact = [_SPACE.sub("", line) for line in lines]
    # a line page 1 kept as its text, printed again whole: page 1 could not tell it from
    # the article, the repeat can
    dropped = [len(c) >= FURNITURE_MIN_CHARS and c in kept_on_one for c in compact]
    i = 0
    while i < len(lines):
        end, joined = i, ""
        for j in range(i, len(lines)):
            if dropped[j]:
                break
            if not compact[j]:
                continue
            if joined + compact[j] not in furniture:
                break
            joined, end = joined + compact[j], j + 1
        if len(joined) >= FURNITURE_MIN_CHARS:
            dropped[i:end] = [True] * (end - i)
            i = end
        else:
            i += 1
    return "\n".join(line for line, out in zip(lines, dropped, strict=True) if not out)
