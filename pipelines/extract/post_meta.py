"""A column's publish-time / IP-location line at the edge of the article.

Why: column platforms (知乎专栏, 简书, WeChat-style posts) print "发布于 2023-08-01 12:00 ·
IP 属地广东", "编辑于 …" or "发布于 北京" inside the article container, under the last
paragraph (or under the title), where trafilatura keeps it.  No phrase list can hold every
date and place; what gives the line away is its shape: short, no sentence, at the first or
last lines of the text, and made of nothing but posting labels, places, time stamps,
counts and separators.  One posting label is needed (or a place beside a clock time), so a
statement's closing date or a dateline with an outlet's name stays.
"""

from __future__ import annotations

import re

from pipelines.extract.rules import ChromeRules, normalise_line

# At most this many lines at each edge are looked at, and a line this long at most.
EDGE_LINES = 3
LINE_MAX = 60
_TIME = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?"
    r"|\d{1,2}:\d{2}(:\d{2})?|\d+\s*(秒|分钟|小时|天|周|个月|年)前|刚刚|今天|昨天|前天"
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_SENTENCE = re.compile(r"[。！？!?；;，,]")
_LEFTOVER = re.compile(r"[\s\d·・|｜:：/\\\-—_()（）\[\]【】<>,，.]+")


def is_post_meta(line: str, rules: ChromeRules) -> bool:
    """The line is only a posting label, a place, a time, counts and separators."""
    text = normalise_line(line)
    if not text or len(text) > LINE_MAX or _SENTENCE.search(text):
        return False
    clock = bool(_CLOCK.search(text))
    rest = _TIME.sub(" ", text)
    labelled = placed = False
    for label in sorted(rules.meta_labels, key=len, reverse=True):
        if label in rest:
            labelled, rest = True, rest.replace(label, " ")
    for place in sorted(rules.meta_places, key=len, reverse=True):
        if place in rest:
            placed, rest = True, rest.replace(place, " ")
    for extra in rules.meta_extras:
        rest = rest.replace(extra, " ")
    if _LEFTOVER.sub("", rest):
        return False
    return labelled and (placed or clock or bool(_TIME.search(text))) or (placed and clock)


def drop_post_meta(lines: list[str], rules: ChromeRules) -> list[str]:
    """The lines without posting-meta lines among the first and last EDGE_LINES."""
    n = len(lines)
    if n < 2:
        return lines
    edge = set(range(min(EDGE_LINES, n))) | set(range(max(n - EDGE_LINES, 0), n))
    return [line for i, line in enumerate(lines) if i not in edge or not is_post_meta(line, rules)]
