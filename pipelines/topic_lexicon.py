"""The default topic's words, read from ``topic_lexicon.toml`` (how they were chosen and
measured is written there, beside them).

Kept as data so that a reader can check what "a legal angle" means without reading code,
and so that the words can grow without a code change.  Each angle *concept* (an act or an
actor of a case, with its synonyms) carries a weight: proceedings 1, legal vocabulary 0.5.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON = Path(__file__).with_name("topic_lexicon.toml")


@dataclass(frozen=True)
class Concept:
    """One thing a text can say about a case (立案侦查 / 立案 / 侦查 ...), and its weight."""

    words: tuple[str, ...]
    weight: float = 1.0
    regex: str | None = None  # an open-ended wording (犯…罪) instead of words


@dataclass(frozen=True)
class Lexicon:
    subject: tuple[str, ...]
    support: tuple[str, ...]
    concepts: tuple[Concept, ...]
    simplified: dict[int, str]  # str.translate table: traditional -> simplified characters

    @property
    def angle_words(self) -> tuple[str, ...]:
        return tuple(w for c in self.concepts for w in c.words)


@cache
def default_lexicon(path: Path = LEXICON) -> Lexicon:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    concepts = [
        Concept(tuple(words), float(facet.get("weight", 1)))
        for facet in data["angle"].values()
        for words in facet["concepts"]
    ]
    concepts += [
        Concept((), float(p.get("weight", 1)), p["regex"]) for p in data["patterns"].values()
    ]
    subject = data["subject"]
    pairs = data["script"]["traditional"]
    simplified = {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}
    return Lexicon(tuple(subject["terms"]), tuple(subject["support"]), tuple(concepts), simplified)
