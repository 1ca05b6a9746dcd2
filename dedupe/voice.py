"""Whose voice a sentence is in: the report's (facts) or the farm's own (talk to the reader).

Why: a story without a publisher original leaves an ambiguity at a copy's edge.  Text a copy
has beyond where its story's other copies stop is either the story's tail they trimmed or
the farm's own closing (or opening) commentary; when too few copies agree where the story
ends, the members cannot tell.  The sentence's shape can: a report states facts (names,
numbers, places, dates, law titles, words in quotation marks, what someone said), while a
farm's commentary talks to the reader — a question, an exclamation, "you" / "everyone", the
writer's own "I" / "we" — and names nothing.  Measured on storygen's 5,084 story sentences
(seeds 1-30): none carries a reader-voice mark outside quotation marks; real reports do in
quoted speech, which counts as a fact here.

Used only at the copy's edge, on text no other member holds, and only when no sentence of
the piece is fact-bearing: a fact the farm reworded is never taken for its own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

# Pieces (paragraphs, or the part of one in the unsure zone) read for the farm's voice at
# each edge of a copy: a farm's closing is one paragraph, a poster's own lines one or two.
# A story of one copy is unsure throughout, and a blog or essay talks to its reader in
# its own first lines too (real articles, magic-html + handcrafted corpora: 21 of 254 first
# or last paragraphs read as reader talk), so the walk goes no further inward.
EDGE_PIECES = 2

# Facts a report states.  Digits (full- or half-width); Chinese numbers with a measure word
# ("两个多月", "五千条", "四百多米"; not a lone "一": "一张自拍" is an article, not a count;
# not "十分", which is "very"); a quotation or a title in brackets (what someone said, a
# law); an anonymised name ("王某", "唐某某"); a province, city or county, or an organ of the state
# (a district, "和平区", comes with its court or police; "区" alone is also "评论区").
_FACT = re.compile(
    r"[0-9０-９]"
    r"|(?:[两三四五六七八九十百千万亿]|一[十百千万亿])[一二两三四五六七八九十百千万亿]*[余多]?"
    r"(?:个|名|人|起|件|条|元|次|年|月|日|天|周|家|张|部|台|岁|小时|分钟|秒|省份|米|公里|斤"
    r"|公斤|克|吨|倍|层|套|所|位|只|辆|架|户|份|项|批|篇|本|种|座|间|处|场|届|期|成)"
    r"|[“”\"「」『』《》]"
    r"|[\u4e00-\u9fff]某"
    r"|[\u4e00-\u9fff](?:省|市|县)(?![民场])"
    r"|法院|检察院|公安|派出所|机关|法庭|警方|民警|法官|检察官"
)
# Someone else's words reported: an attribution verb after a person or body ("民警提醒，",
# "被害人说：", "检察官告诉记者，"), not an adverb ("往深里说，", "老实说，"), and not the
# writer's own "I" / "we" ("笔者认为，") nor the crowd ("网友纷纷表示，").
_REPORTED = re.compile(
    r"(?<=[员官警人者方局院长师家属生手士])(?:表示|介绍|指出|提醒|告诉|透露|称|说|认为)(?:记者)?[，,：:]"
)
_OWN_SPEAKER = re.compile(r"[我咱]|小编|笔者|网友")
# The writer talking to the reader: a question or an exclamation, "you" / "everyone", the
# writer's own "I" / "we" (a report's "we" is its newsroom's, "本报", not listed).
_READER = re.compile(r"[？?！!]|[你您咱]|大家|各位|朋友们|网友们|我|小编|笔者")


def fact_bearing(sentence: str) -> bool:
    """The sentence states something the report could have: a name, number, place, a
    quotation, or someone's words reported."""
    if _FACT.search(sentence):
        return True
    said = _REPORTED.search(sentence)
    return said is not None and not _OWN_SPEAKER.search(
        sentence[max(0, said.start() - 6) : said.start()]
    )


def reader_voice(sentence: str) -> bool:
    """The sentence talks to the reader or in the writer's own person."""
    return bool(_READER.search(sentence))


# A clause of a farm's stock sentence: the text between punctuation, at least this long
# (shorter ones, "说到底", "目前", recur in any text by chance).  Storygen's stock middles
# are 10-20 characters a clause.
STOCK_CLAUSE_MIN = 6
# A piece is stock when clauses other stories' farms were shown to add cover at least this
# share of its characters (an opener such as "说到底，" or "小编认为，" varies around them).
STOCK_SHARE = 0.5
_CLAUSE = re.compile(r"[^，,。！？!?；;：:、…]+")


@dataclass(frozen=True)
class Stock:
    """The clauses of what copies of *other* stories were shown to add (their original
    lacks it): a farm writes its commentary from the same stock sentences on every copy,
    so a piece made of them is the farm's, even where its own story cannot tell."""

    clauses: frozenset[str] = frozenset()

    @classmethod
    def from_removed(cls, pieces: Iterable[str]) -> Stock:
        return cls(
            frozenset(
                c.strip()
                for p in pieces
                for c in _CLAUSE.findall(p)
                if len(c.strip()) >= STOCK_CLAUSE_MIN
            )
        )

    def share(self, sentences: list[str]) -> float:
        """Share of the characters of ``sentences`` in stock clauses."""
        clauses = [c.strip() for s in sentences for c in _CLAUSE.findall(s)]
        total = sum(len(c) for c in clauses)
        held = sum(len(c) for c in clauses if c in self.clauses)
        return held / total if total else 0.0


def farm_voice(sentences: list[str], stock: Stock | None = None) -> bool:
    """A piece (one paragraph's sentences, or its head or tail) in the farm's own voice:
    no sentence states a fact, and at least one talks to the reader or most of it is the
    farm's stock (``Stock``)."""
    if not sentences or any(fact_bearing(s) for s in sentences):
        return False
    if any(reader_voice(s) for s in sentences):
        return True
    return stock is not None and stock.share(sentences) >= STOCK_SHARE


def in_farm_voice(
    paragraphs: list[list[str]], unsure: np.ndarray, stock: Stock | None
) -> np.ndarray:
    """Per unit (sentence): own because it is in the farm's voice, read
    only in the ``unsure`` units at the copy's head and tail, one paragraph (or the part of
    it in that zone) at a time from the edge inward, stopping at the first piece that
    states a fact or does not talk to the reader (one short line that states nothing,
    ``_neutral``, is passed and goes with a farm-voice piece beyond it): the story's tail
    that other copies trimmed reports facts; a farm's closing talks to the reader and
    names nothing."""
    own = np.zeros(unsure.size, dtype=bool)
    bounds = np.cumsum([0] + [len(ps) for ps in paragraphs]).tolist()
    flat = [s for ps in paragraphs for s in ps]
    spans = list(pairwise(bounds))
    for from_tail in (True, False):
        passed: list[int] = []  # a neutral line between farm-voice pieces, taken with them
        taken = 0
        for p0, p1 in (spans[::-1] if from_tail else spans)[: EDGE_PIECES + 1]:
            zone = [k for k in range(p0, p1) if unsure[k]]
            at_edge = zone and (zone[-1] == p1 - 1 if from_tail else zone[0] == p0)
            if not at_edge:
                break
            sentences = [flat[k] for k in zone]
            if farm_voice(sentences, stock):
                own[passed + zone] = True
                passed, taken = [], taken + 1
            elif not passed and _neutral(sentences) and len(zone) == p1 - p0:
                passed = zone
                continue
            else:
                break
            if taken == EDGE_PIECES or len(zone) < p1 - p0:  # or ends inside this paragraph
                break
    return own


# A poster's one-line aside ("刚看到这个新闻，分享一下。") states no fact and does not address the
# reader either; between a farm-voice piece and the edge it does not stop the walk (fresh
# genweb seed 125795827095: the aside stood between "转一篇，提醒家里人注意。" and the farm's
# "在我们看来，…关注我们，…", which stayed).  It goes only with a farm-voice piece beyond it.
NEUTRAL_MAX_CHARS = 20


def _neutral(sentences: list[str]) -> bool:
    """One short line that states no fact."""
    text = "".join(sentences)
    return len(text) <= NEUTRAL_MAX_CHARS and not any(fact_bearing(s) for s in sentences)
