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

# Facts a report states.  Digits (full- or half-width); Chinese numbers with a measure word
# ("两个多月", "五千条"); a quotation or a title in brackets (what someone said, a law); an
# anonymised name ("王某", "唐某某"); a province, city or county, or an organ of the state
# (a district, "和平区", comes with its court or police; "区" alone is also "评论区").
_FACT = re.compile(
    r"[0-9０-９]"
    r"|[一二两三四五六七八九十百千万亿]+[余多]?(?:个|名|人|起|件|条|元|次|年|月|日|天|家|张|部|台|岁|小时|分钟|省份)"
    r"|[“”\"「」『』《》]"
    r"|[\u4e00-\u9fff]某"
    r"|[\u4e00-\u9fff](?:省|市|县)(?![民场])"
    r"|法院|检察院|公安|派出所|机关|法庭|警方|民警|法官|检察官"
)
# Someone else's words reported: an attribution verb before a comma or colon (or "记者"),
# not after the writer's own "I" / "we" ("小编认为，") nor the crowd ("网友纷纷表示，").
_REPORTED = re.compile(r"(?:表示|介绍|指出|提醒|告诉|透露|称|说|认为)(?:记者)?[，,：:]")
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
