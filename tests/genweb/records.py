"""Records the generated web is rendered from; the truth is read from the same records.

``Entry`` is one article as one site shows it (body, what the page adds to it, where it
lives, how it is split).  Page templates only render entries, and ``GenArticle`` is built
from the entry and the URLs the renderer gave it, so what a page shows and what the truth
claims cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from crawler.demoweb.records import TrueArticle, Truth
from tests.genweb.urls import Ident


@dataclass(frozen=True)
class Block:
    """A piece of page chrome: its HTML and the strings it shows (never article text)."""

    html: str
    strings: tuple[str, ...] = ()

    def __add__(self, other: Block) -> Block:
        return Block(self.html + other.html, self.strings + other.strings)


EMPTY = Block("")


@dataclass(frozen=True)
class Entry:
    """One article on one site."""

    site: str
    key: str  # unique in the web: 'orig:<story>', 'copy:<n>', 'heavy:<n>'
    story_id: str
    family_id: str
    on_topic: bool
    kind: str  # original | copy | offtopic
    title: str
    body: tuple[str, ...]  # the truth: what the page shows of the article itself
    shown: tuple[str, ...]  # body with the page's additions (commentary, ads) in place
    additions: tuple[str, ...]
    published: datetime
    back_dated: bool
    credited_outlet: str | None
    byline: str | None
    ident: Ident
    phase: int = 1
    route: str = ""  # phase 2: how the new copy is reachable
    section: str = ""  # 'vip' when the article lives under a path robots.txt disallows
    splits: tuple[int, ...] = ()  # indexes into ``shown`` where pages 2, 3 ... start
    quoted: bool = False  # forum: the first post quotes the article
    own_lines: tuple[str, ...] = ()  # forum: the poster's own words around the quote

    @property
    def pages(self) -> list[tuple[str, ...]]:
        cuts = (0, *self.splits, len(self.shown))
        return [self.shown[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


@dataclass(frozen=True)
class GenArticle(TrueArticle):
    family_id: str = ""
    reachable: bool = True
    layout: str = ""  # body markup / template file, for the failure report
    route: str = ""


@dataclass(frozen=True)
class Trap:
    """An endless URL space: requests to ``site`` whose path (with query) matches
    ``pattern`` (a regular expression, searched from the start) are requests into it."""

    site: str
    label: str
    pattern: str

    def matches(self, site: str, path: str) -> bool:
        return site == self.site and re.match(self.pattern, path) is not None


@dataclass
class GenTruth(Truth):
    traps: list[Trap] = field(default_factory=list)
    chrome: dict[str, set[str]] = field(default_factory=dict)  # article url -> strings
    robots: dict[str, str] = field(default_factory=dict)  # site -> robots.txt text

    def reachable(self) -> GenTruth:
        """The same truth restricted to articles a polite crawler can reach."""
        kept = [a for a in self.articles if getattr(a, "reachable", True)]
        return GenTruth(
            kept,
            self.non_articles,
            self.calendar_prefixes,
            self.disallowed,
            self.new_in_phase2,
            self.redirects,
            self.broken,
            self.traps,
            self.chrome,
            self.robots,
        )
