"""Lines that name another article of the same site: its prev/next and "related" links.

Why apart from the site template: the pages of a site link their neighbours by title under a
label drawn per page and per site ("« 上一篇 …", "前一篇：…", "上篇：…", or the bare link), so
neither the line's content nor (on generated webs, where the tag around it changes too) its
place repeats across pages, and no phrase list holds every label.  What gives the line away
is that it ends in the title of a page the crawl stored from the same site.  Used after the
crawl (storage/finalise.py), where every title of the site is known.
"""

from __future__ import annotations

import re

from pipelines.extract.block_prints import is_sentence, normalise

# A title this short may be a phrase a story says on its own ("新闻发布会"); longer ones are not.
TITLE_MIN_CHARS = 8
# "上一篇：", "« 上一篇", "下篇：", "相关：": a label before a linked title is this short at most.
TITLE_LABEL_MAX = 8
# ...and no clause: "据悉，<title>" is the story reporting what the other article reports.
_CLAUSE = re.compile(r"[，,、；;]")


def title_key(title: str) -> str:
    """A title as lines are compared with it: whitespace out, casefolded (digits kept: two
    titles of one newsroom differ in a number, "涉案295万元" / "涉案340万元")."""
    return "".join(title.split()).casefold()


def names_another_article(line: str, others: frozenset[str]) -> bool:
    """The line is the title of another article of the site, alone or after a short label
    (prev/next links, a "related" line): the site's navigation, not this story.  The pages of
    a site link their neighbours by title under a label drawn per page and per site ("« 上一篇
    …", "前一篇：…", "上篇：…", the bare link), so no template or phrase sees them; that the
    line ends in the title of a page the crawl stored from the same site does."""
    if not others:
        return False
    key = title_key(line)
    if len(key) < TITLE_MIN_CHARS or is_sentence(normalise(line)):
        return False
    for cut in range(min(TITLE_LABEL_MAX, len(key) - TITLE_MIN_CHARS) + 1):
        label = key[:cut]
        if key[cut:] in others and not is_sentence(label) and not _CLAUSE.search(label):
            return True
    return False
