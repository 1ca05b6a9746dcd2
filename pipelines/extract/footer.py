"""Is a block the site's footer (a copyright notice, a licence number)?  density.py asks.

Why: a footer reads like prose (a sentence with a full stop), so unless it is told apart it
pulls the main node up to <body>.  Two kinds of sign.  Marks only a notice carries
(``_FOOTER``: ©, ICP备, 公网安备 …) decide alone.  Words a report says too (版权所有, 著作权)
decide by how often the block says them (a notice says them in every line or two; a report
once in a long paragraph) *and* by where the block stands: a paragraph whose neighbour
block is a sentence of prose in the same markup (tag and class) is one of the article's
paragraphs, whatever it names; a notice under an article is a box of its own (another tag,
a class), or a line beside other notices, an address, a row of links.  A one-sentence
lead "…审结一起著作权侵权纠纷案，…被判赔偿权利人经济损失8.0万元。" (70 characters, the word once)
read as a footer, so page 1 of a split article on a held-out real template (163_2.html,
genweb seed 2498933461, site05 and site06) lost its lead and the paragraph after it to the
next one (body F1 0.69).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extract.han import han_chars

# Site footers read like prose (a sentence with a full stop) but say one of these.
_FOOTER = re.compile(
    r"Copyright|©|ICP备|ICP证|公网安备|增值电信业务|违法和不良信息举报|All rights reserved", re.I
)
# ... or one of these words, which a report on a copyright case says too.  A site's notice
# says them in every line or two ("本站版权所有，转载请注明出处。", "根据《著作权法》…侵犯著作权
# 人合法权益"); a report once in a long block (a 281-character <br> article on a 著作权
# case was scored as a footer and lost to its comment section: genweb tuning seed 9).  So
# they count once per this many characters of the block, or more often.  A block that says
# one of them once and states a date or a sum is a report's paragraph wherever it stands
# ("2025年6月12日，…审结一起著作权侵权纠纷案，…赔偿…13.8万元。": the lead of page 1 of a split
# article, alone in its markup, lost its page: held-out template seeds 4503496552,
# 6268730011); a notice repeats them (a portal's six-fold 著作权 notice citing
# "法释[2000]48号", zh-webcontent) or gives a year span, a phone.
_FOOTER_WORDS = re.compile(r"版权所有|著作权")
FOOTER_WORDS_SPACING = 120
_REPORTED_NUMBER = re.compile(r"[0-9０-９]+\s*(?:年|月|日|万|元|亿|名|人|件|起|次|%)")
# A neighbour is a sentence of prose when this long outside links, this much of it Han, and
# ending as a sentence ends (a footer's companion lines, an address, a phone number, an
# e-mail, a row of links, do not).
_PROSE_MIN_CHARS = 20
_PROSE_MIN_HAN = 12
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)\"']*$")
_SPACE = re.compile(r"\s+")
# How many element siblings each way are looked past when they hold no text (an image, a
# line break, an empty ad slot).
_NEIGHBOUR_REACH = 3


def _chars(text: str) -> int:
    return len(_SPACE.sub("", text))


def is_footer(text: str, el: HtmlElement | None = None) -> bool:
    """``text`` (a block's own inline text) is a site footer; ``el``, the block, tells a
    report's paragraph that names copyright from a notice by its neighbours."""
    if _FOOTER.search(text):
        return True
    said = len(_FOOTER_WORDS.findall(text))
    if not said or said * FOOTER_WORDS_SPACING < _chars(text):
        return False
    if said == 1 and _REPORTED_NUMBER.search(text):
        return False
    return el is None or not _beside_prose(el)


def _beside_prose(el: HtmlElement) -> bool:
    """The nearest sibling with text, before or after ``el``, is a sentence of prose in the
    same markup."""
    mark = (el.tag, el.get("class"))
    for siblings in (el.itersiblings(preceding=True), el.itersiblings()):
        for k, sib in enumerate(siblings):
            if k >= _NEIGHBOUR_REACH or not isinstance(sib.tag, str):
                break
            text = _SPACE.sub("", sib.text_content())
            if not text:
                continue
            if (sib.tag, sib.get("class")) == mark and _is_prose_sentence(sib, text):
                return True
            break
    return False


def _is_prose_sentence(el: HtmlElement, text: str) -> bool:
    links = sum(_chars(a.text_content()) for a in el.iter("a"))
    own = len(text) - links
    return (
        own >= _PROSE_MIN_CHARS
        and links * 2 < len(text)
        and han_chars(text) >= _PROSE_MIN_HAN
        and bool(_SENTENCE_END.search(text))
        and not is_footer(text)
    )
