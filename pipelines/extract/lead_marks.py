"""The marks a furniture line may open with before its label.

Why: the line patterns and tail markers of chrome_lines.py are anchored at a label
("上一页", "特别声明"), and pages put all sorts of marks before it: "« 上一页", "‹ 上一篇",
"▶ 下一篇", ifeng's "“特别声明：…" in an unclosed quote mark.  No list of marks can be
complete, so any run of non-word characters is skipped, except a quotation that is someone's
words: it closes, and words follow it ("“上一篇报道出来后，…”他说。").
"""

from __future__ import annotations

import re

from pipelines.extract.han import HAN

# Marks a furniture line may open with before its label: "« 上一页", "‹ 上一篇", "▶ 下一篇",
# "“特别声明：…" (ifeng), "【相关阅读】".  Any run of non-word characters; the label is what
# is read (tests/test_extract_lead_marks.py builds the class from many marks and labels).
_LEAD_MARKS = re.compile(r"^[^\w]+")
_OPEN_QUOTES = "“‘「『\"'"
_CLOSE_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'"}


def _closes_before_end(text: str, opener: str) -> bool:
    """The quote the text opens with closes with words after it: "“上一篇报道出来后，…”他说。"
    is a speaker's words, a notice in quote marks ("“特别声明：…“大风号”用户上传…") never
    closes its opening mark (ifeng) or closes it at the end."""
    closer, depth = _CLOSE_QUOTES[opener], 1
    for i, ch in enumerate(text[1:], 1):
        if ch == closer and (closer != opener or depth == 1):
            depth -= 1
        elif ch == opener:
            depth += 1
        if depth == 0:
            return bool(re.search(r"\w", text[i + 1 :]))
    return False


def without_lead_marks(norm: str) -> str:
    """The line with the marks before its label gone ("« 上一页" -> "上一页"); unchanged when
    the marks open a quotation that is someone's words (``_closes_before_end``)."""
    lead = _LEAD_MARKS.match(norm)
    if not lead:
        return norm
    quote = next((ch for ch in lead.group() if ch in _OPEN_QUOTES), None)
    if quote and _closes_before_end(norm[norm.index(quote) :], quote):
        return norm
    bare = norm[lead.end() :].lstrip()
    # the labels read past marks are Chinese ("上一页", "特别声明"); "--add-host=…" in a code
    # listing is no "AD" label (magichtml-article lost six such lines)
    return bare if HAN.match(bare) else norm
