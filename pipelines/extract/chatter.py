"""Reader chatter beside a short article: which of the two a page's text is.

Why: a thread-shaped page (a first text, then a stream of entries) is read as a question
and its answers when the first text is short (forum.py: under FIRST_POST_MIN_CHARS), and
then every entry stays.  A short news item (a 230-character report in five paragraphs)
under a reader comment section has that shape too, and its comments ("前排，这种人就该重判",
"楼上说得对…[666]", "emmm，…👍") were stored after it (genweb tuning seeds 1-40: 6 of
2,467 articles, one of them lost the article to its comments altogether).  The two differ
in shape, not in words: an article says several lines of prose, one sentence after
another; a question is one line.  Chatter is a stream of short utterances; answers to a
question, or a discussion, say more per entry.
"""

from __future__ import annotations

import re
from statistics import median

from lxml.html import HtmlElement

from pipelines.extract.render import rendered_lines

_SENTENCE_END = re.compile(r"[。！？!?；;]|[，,].{8,}")
# An article, however short: this many lines of prose (a sentence each) and this much text.
# A question or a one-line topic is one line (two with a note under it).
ARTICLE_LINES = 3
ARTICLE_MIN_CHARS = 120
# Chatter: the median entry says at most this much (reader comments in the genweb pools and
# on real portals are mostly 5-40 characters; the substantive replies of a discussion in
# tests/test_extract_forum.py are 40-45, answers to a question longer still).
CHATTER_MEDIAN_CHARS = 36


def is_article_shaped(el: HtmlElement) -> bool:
    """Several lines of prose, each a sentence: a report, not a question."""
    lines = [line for line in rendered_lines(el) if _SENTENCE_END.search(line)]
    return len(lines) >= ARTICLE_LINES and sum(map(len, lines)) >= ARTICLE_MIN_CHARS


def is_chatter(said: list[int]) -> bool:
    """Entries that say this much each (characters outside links and furniture) are short
    utterances, not answers."""
    return bool(said) and median(said) <= CHATTER_MEDIAN_CHARS
