"""A column's publish-time / IP-location line at the edge of the article.

Why: column platforms (知乎专栏, 简书, WeChat-style posts) print "发布于 2023-08-01 12:00 ·
IP 属地广东", "编辑于 …" or "发布于 北京" inside the article container, under the last
paragraph (or under the title), where trafilatura keeps it (issue 12, class 6).  No phrase
list can hold every date and place; what gives the line away is its shape: short, no
sentence, at the first or last lines of the text, and made of nothing but a posting label,
places, time stamps, counts and separators.  A posting label is a verb of one or two
characters with 于 ("发布于", "写于", "成稿于": the rules' ``meta_labels`` list the usual ones
and the IP labels); one is needed, or a place beside a clock time or a relative time
("17小时前 山东", which no article prints), so a statement's closing date, a bare date and
time, or a dateline with an outlet's name stays.  Short counters printed after such a line
("741 赞同") go with it.
"""

from __future__ import annotations

import re

from pipelines.extract.rules import ChromeRules, normalise_line

# At most this many lines at each edge are looked at, and a line this long at most.
EDGE_LINES = 3
LINE_MAX = 60
_RELATIVE = r"\d+\s*(秒|分钟|小时|天|周|个月|年)前|刚刚|今天|昨天|前天"
_TIME = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?"
    r"|\d{1,2}:\d{2}(:\d{2})?|" + _RELATIVE
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}|" + _RELATIVE)
# "写于", "成稿于": a verb of one or two Han characters and 于, opening the line or after a
# separator (not "于北京" after a date, which a statement's closing line says).
_VERB_AT = re.compile(r"(?:^|(?<=[\s·・|｜]))[\u4e00-\u9fff]{1,2}于")
_SENTENCE = re.compile(r"[。！？!?；;，,]")
_LEFTOVER = re.compile(r"[\s\d·・|｜:：/\\\-—_()（）\[\]【】<>,，.]+")
# "本文编辑：王敏晓", "（审稿：李明）", "值班主任 | 张强": a label of a few characters whose
# value is one name, at the edge of the text.  The label is drawn from many per site and page
# ("责任编辑", "本文编辑", "编辑", "审核" …), so its shape, not its words, gives it away; a story
# ends in a sentence, not in "label: name" (a credit the credits step did not take).  On genweb
# seeds 1-40 offline: articles with publisher lines left 56 -> 34 of 2447, no article's F1 fell.
_LABELLED_NAME = re.compile(
    r"^[(（\[【]?[\u4e00-\u9fff]{1,6}\s*[:：|｜]\s*[\u4e00-\u9fff·]{2,4}[)）\]】]?$"
)
# A counter beside the line: a short label with a number ("741 赞同", "阅读 1.2万").
_COUNTER_MAX = 10
_NUMBER = re.compile(r"\d")


def is_post_meta(line: str, rules: ChromeRules) -> bool:
    """The line is only a posting label, a place, a time, counts and separators; or a short
    label with a name for its value (``_LABELLED_NAME``)."""
    text = normalise_line(line)
    if not text or len(text) > LINE_MAX or _SENTENCE.search(text):
        return False
    if _LABELLED_NAME.match(text):
        return True
    clock = bool(_CLOCK.search(text))
    rest = _TIME.sub(" ", text)
    labelled = placed = False
    for label in sorted(rules.meta_labels, key=len, reverse=True):
        if label in rest:
            labelled, rest = True, rest.replace(label, " ")
    rest, verbs = _VERB_AT.subn(" ", rest)
    labelled = labelled or verbs > 0
    for place in sorted(rules.meta_places, key=len, reverse=True):
        if place in rest:
            placed, rest = True, rest.replace(place, " ")
    for extra in rules.meta_extras:
        rest = rest.replace(extra, " ")
    if _LEFTOVER.sub("", rest):
        return False
    return labelled and (placed or clock or bool(_TIME.search(text))) or (placed and clock)


def _is_counter(line: str) -> bool:
    return len(line) <= _COUNTER_MAX and bool(_NUMBER.search(line)) and not _SENTENCE.search(line)


def drop_post_meta(lines: list[str], rules: ChromeRules) -> list[str]:
    """The lines without posting-meta lines among the first and last EDGE_LINES, and
    without the counters printed after them."""
    n = len(lines)
    if n < 2:
        return lines
    edge = set(range(min(EDGE_LINES, n))) | set(range(max(n - EDGE_LINES, 0), n))
    gone = {i for i in edge if is_post_meta(lines[i], rules)}
    for i in sorted(gone):  # the counters printed after it
        j = i + 1
        while j < n and j not in gone and _is_counter(lines[j]):
            gone.add(j)
            j += 1
    return [line for i, line in enumerate(lines) if i not in gone]
