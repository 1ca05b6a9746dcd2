"""Text-level chrome removal: what trafilatura keeps from a content farm's page furniture.

Why on the text as well as the DOM: farms paste their furniture as plain paragraphs inside
the article container (版权声明, "(0)", 上一篇/下一篇, 相关推荐 with excerpts), where no class
name or link density gives it away.  What does: the phrases are formulaic and they come at
the tail.  So a line that opens with a tail marker ends the article once we are past its
first third; whole-line patterns (counts, share bars, 责任编辑) go wherever they are.  The
phrases live in chrome_rules.toml as data.
"""

from __future__ import annotations

import re

from pipelines.extract.credits import is_credit_line, split_credits
from pipelines.extract.lead_marks import without_lead_marks
from pipelines.extract.post_meta import drop_post_meta
from pipelines.extract.promos import drop_promo_lines
from pipelines.extract.rules import ChromeRules, load_rules, normalise_line

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002-\u200b\ufeff]+")
# A tail heading may open with the site's name ("振兴东北网版权与免责声明"); this long at most.
_NAMED_HEADING_MAX = 20
# Markers this short are also everyday words ("相关视频", "未经授权", "网友评论"): a line of at
# least _PROSE_LINE_MIN characters that runs straight on from one into a sentence is prose
# (found by generated sites: "相关视频…" opening a paragraph cut half the article).
_PROSE_MARKER_MAX = 5
_PROSE_LINE_MIN = 40
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


_TABLE_RULE = re.compile(r"^\|?[\s|:-]*\|?$")


def _untable(line: str) -> str:
    """ "| cell | cell |" (trafilatura's table rows) -> "cell cell"; rule rows -> ""."""
    if not line.startswith("|"):
        return line
    if _TABLE_RULE.match(line):
        return ""
    return " ".join(c.strip() for c in line.strip("|").split("|") if c.strip())


def tidy_text(text: str) -> str:
    """Paragraphs one per line, whitespace collapsed, no blank lines, table pipes gone."""
    lines = (_untable(_SPACES.sub(" ", line).strip()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def is_drop_line(line: str, rules: ChromeRules) -> bool:
    """True for a whole line of chrome (a count, a share bar, an editor credit...), also
    when marks stand before its label ("« 上一篇：…")."""
    norm = normalise_line(line)
    if any(rx.search(norm) for rx in rules.drop_lines):
        return True
    bare = without_lead_marks(norm)
    return bare != norm and bool(bare) and any(rx.search(bare) for rx in rules.drop_lines)


def _opens_prose(compact: str, marker: str) -> bool:
    """The line is a sentence that merely opens with a short marker's words: "相关视频显示，…",
    "未经授权使用他人肖像…" read on into the sentence; a heading or notice stops after its
    words ("相关视频：", "未经授权，不得转载") or is short."""
    if len(marker) > _PROSE_MARKER_MAX or len(compact) < _PROSE_LINE_MIN:
        return False
    after = compact[len(marker) : len(marker) + 1]
    return bool(_CJK_CHAR.match(after)) and bool(_SENTENCE_END.search(compact))


def tail_marker(line: str, rules: ChromeRules) -> str | None:
    """The tail marker a line opens with, if it is short enough to be a heading or notice."""
    norm = without_lead_marks(normalise_line(line))
    compact = norm.replace(" ", "")
    for marker in rules.tail_markers:
        bare = marker.replace(" ", "")
        if compact.startswith(bare) and not _opens_prose(compact, bare):
            return marker
    # a heading that names its site first: "振兴东北网版权与免责声明：", "本站相关文章"
    heading = compact.rstrip(":：】]》>")
    if len(heading) <= _NAMED_HEADING_MAX and not _SENTENCE_END.search(heading):
        for marker in rules.tail_headings:
            if heading.endswith(marker):
                return marker
    return None


def tidy_lines(text: str) -> list[str]:
    """Non-empty lines, whitespace collapsed."""
    return [line for line in tidy_text(text).split("\n") if line]


def cut_tail(lines: list[str], rules: ChromeRules) -> list[str]:
    """Cut at the first tail marker past the article's opening.

    "Past its opening" is 30 % of the text or 300 characters, whichever comes first: a farm
    can append more related excerpts than the article itself is long.  A short marker line
    before that point (a stray "相关阅读" heading) is dropped on its own.
    """
    total = sum(len(line) for line in lines) or 1
    kept: list[str] = []
    seen = 0
    for line in lines:
        marker = tail_marker(line, rules)
        if marker and seen >= min(total * 0.3, 300):
            break
        seen += len(line)
        if marker and len(line) <= len(marker) + 4:
            continue
        kept.append(line)
    return kept


_DATEISH = re.compile(
    r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}|\d+\s*(分钟|小时|天)前"
)
_SENTENCE_END = re.compile(r"[。！？!?；;]")
# "发布时间：2019-09-26 10:09", "来源：…": the line under a headline
_DATELINE = re.compile(r"(发布|发表|更新|时间|日期|来源|作者|\d{4}\s*[-/.年])")
# "澎湃号 > 中国广州发布", "首页 » 新闻 » 正文": where the page sits, not what it says
_BREADCRUMB = re.compile(r"\S\s*(>|›|»|>>|→)\s*\S")


def _compact(s: str) -> str:
    return re.sub(r"[\W_]+", "", s).casefold()


_SITE_SEPARATORS = ("_", "-", "|", "–", "—", "｜", "·")


# Page 2+ of a split article repeats the headline with its page number: "标题(2)", "标题（第3页）",
# "标题 2/3".  What may follow the headline, once punctuation is out (``_compact``).
_PAGE_NUMBER_TAIL = re.compile(r"^第?\d{1,3}页?(共?\d{1,3}页?)?$")


def _is_headline(line: str, title: str) -> bool:
    """The line is the page title, the title without the site name the <title> appends, or
    the title with a page number (page 2+ of a split article heads its part so)."""
    if not title:
        return False
    compact_line, compact_title = _compact(line), _compact(title)
    if compact_line == compact_title:
        return True
    if (
        compact_title
        and compact_line.startswith(compact_title)
        and _PAGE_NUMBER_TAIL.match(compact_line[len(compact_title) :])
    ):
        return True
    line, title = normalise_line(line), normalise_line(title)
    rest = title[len(line) :].lstrip()
    return len(line) >= 8 and title.startswith(line) and rest.startswith(_SITE_SEPARATORS)


# A sentence ends in its punctuation or holds a full stop or semicolon; a headline may
# exclaim or ask mid-line ("…突破3000亿美元！魏少军：…", a stray headline a template shows
# above the article on pages 2+ of a held-out real template, guancha_2.html, genweb seed
# 3679004673: read as a sentence, it hid the headline below it and the header block stayed).
_SENTENCE = re.compile(r"[。；;]|[！？!?][”’」』）)\"']*\s*$")


def _is_short(line: str) -> bool:
    """Short and not a sentence: a headline, label or date, not prose."""
    return len(line) <= 60 and not _SENTENCE.search(line)


def _is_meta(line: str) -> bool:
    """A short line that is a date, a button, or a breadcrumb."""
    return _is_short(line) and bool(
        _DATEISH.search(line) or len(line) <= 8 or _BREADCRUMB.search(line)
    )


# The headline may sit this far down (lines) under page furniture the main node took in.
_HEADLINE_REACH = 30


def _headline_below_furniture(lines: list[str], title: str) -> int:
    """Where the headline is, when only furniture stands above it (else 0).

    A main node can take in the strip above the headline: a market ticker, an app promo, a
    video player's error text.  The article starts at its headline; what stands above it
    goes when none of it is a sentence.  A line that is (a sentence of) prose above the
    headline means the text runs otherwise, and nothing goes.
    """
    if not title:
        return 0
    for i, line in enumerate(lines[:_HEADLINE_REACH]):
        if _is_headline(line, title):
            return i
        if not _is_short(line):
            return 0
    return 0


def drop_leading_meta(lines: list[str], title: str = "") -> list[str]:
    """Drop the headline, date/author lines and buttons that open the extracted text.

    Stops at the first line that reads like prose, so only the block above the article goes.
    The headline is recognised by the page title, or, where the <title> is the site's
    generic one, as the short line right above a "发布时间：…" dateline.
    """
    start = _headline_below_furniture(lines, title)
    for i, line in enumerate(lines[start:], start):
        if _is_headline(line, title) or _is_meta(line):
            start += 1
        elif (
            i == 0
            and _is_short(line)
            and len(lines) > 1
            and _DATELINE.match(lines[1])
            and _is_meta(lines[1])
        ):
            start += 1
        else:
            break
    return lines[start:]


# "转自：天府观察", "阅读：97610", "来源 | 新华社": a header's label and value, no sentence.
_LABEL_VALUE = re.compile(r"^[\u4e00-\u9fff]{1,4}\s*[:：|｜]\s*\S")


def _is_header_line(line: str) -> bool:
    """A line of the block under a headline: a date line or a label+value, not a sentence.
    (A bare short line is not enough: an infobox's "别 名", a poem's "译文及注释" follow a
    title-like line on real pages, magichtml-article.)"""
    return _is_short(line) and bool(_DATEISH.search(line) or _LABEL_VALUE.match(line))


def drop_inner_header(lines: list[str], title: str) -> list[str]:
    """Drop a header block that stands inside the text: the headline and its date/source/
    reads lines.

    Page 2+ of a split article repeats its header (headline with "(2)", "2026-04-04 14:57
    转自：… 阅读：…"), and on some pages the main node renders it after the page's first
    paragraph, where drop_leading_meta (which stops at the first prose line) never looks.
    A headline line with a date or label+value line under it is that header (issue 12,
    last chrome class 2); a headline line alone stays (a Q&A page repeats its question,
    a poem page its title, as content: magichtml-article).
    """
    if not title:
        return lines
    gone: set[int] = set()
    for i, line in enumerate(lines):
        if i in gone or not _is_headline(line, title):
            continue
        j = i + 1
        while j < len(lines) and (_is_header_line(lines[j]) or is_credit_line(lines[j])):
            j += 1
        if j > i + 1:  # its credit lines stay, for split_credits to take to metadata
            gone.update(k for k in range(i, j) if k == i or not is_credit_line(lines[k]))
    return [line for i, line in enumerate(lines) if i not in gone]


def drop_chrome_lines(lines: list[str], rules: ChromeRules) -> list[str]:
    """Drop whole chrome lines and immediate repeats."""
    kept: list[str] = []
    for line in lines:
        if is_drop_line(line, rules) or (kept and kept[-1] == line):
            continue
        kept.append(line)
    return kept


def strip_text_chrome(text: str, rules: ChromeRules | None = None) -> str:
    """Tail cut plus line drops on a plain text (credit lines are not parsed here)."""
    rules = rules or load_rules()
    return "\n".join(drop_chrome_lines(cut_tail(tidy_lines(text), rules), rules))


def clean_lines(text: str, title: str, rules: ChromeRules) -> tuple[list[str], list[str]]:
    """Stage 5, chrome lines: the main text's lines without chrome, and its credit lines.

    The tail is cut first, past the headline and date lines above the article (they are not
    part of its opening, which decides how early a tail marker may end it); credit lines
    then go to metadata, and whole chrome lines and the lines above the article go.
    """
    lines = drop_promo_lines(tidy_lines(text), rules)  # a "推荐阅读：…" promo is no tail
    head = len(lines) - len(drop_leading_meta(lines, title))
    lines = drop_inner_header(lines[:head] + cut_tail(lines[head:], rules), title)
    lines, credits = split_credits(lines)
    lines = drop_post_meta(drop_chrome_lines(lines, rules), rules)
    return drop_leading_meta(lines, title), credits
