"""Seeded pages for the main-content classes of issue 12, each with its truth.

    page = make("comments", seed)   # kinds: comments, quote, ads, iploc
    page.html, page.url             # what the extractor is given
    page.article                    # the article text it should return
    page.chrome                     # texts that must not be in it (comments, ads, replies ...)
    passed(page, extracted_text)    # bigram F1 >= 0.97 and no chrome left

Every page is composed from random parts (layouts, class names or none, furniture wording,
lengths, positions) around a story of ``tests.storygen``, so no two seeds share a template
and no rule can be fitted to one page.  Pages only: nothing here knows how the extractor
works.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from tests.storygen import StoryWorld, generate

PASS_F1 = 0.97
# A chrome text counts as left in the output when this many of its leading characters
# (normalised) are found there; shorter texts ("顶") are checked whole.
_LEAK_CHARS = 10


@dataclass
class GenPage:
    kind: str
    seed: int
    html: str
    url: str
    title: str
    article: str
    chrome: list[str] = field(default_factory=list)
    shape: str = ""  # what was drawn (layout, markup), for reading failures


@lru_cache(maxsize=64)
def world(seed: int) -> StoryWorld:
    return generate(seed)


def _repeats_itself(paragraphs: tuple[str, ...]) -> bool:
    return any(a in b for i, a in enumerate(paragraphs) for j, b in enumerate(paragraphs) if i != j)


def story_for(seed: int, rng: random.Random):
    """An on-topic original of the seed's world (the world is shared by 8 seeds).

    Stories that repeat a paragraph inside a longer one (storygen merges two paragraphs
    and may add one of them again) are left out: trafilatura drops the repeat, which is
    not one of the classes these pages test.
    """
    stories = [
        s for s in world(seed // 8).stories if s.on_topic and not _repeats_itself(s.paragraphs)
    ]
    return stories[(seed + rng.randrange(len(stories))) % len(stories)]


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        ch for ch in text if unicodedata.category(ch)[0] not in "PZCS" and not ch.isspace()
    )


def leaked(page: GenPage, text: str) -> list[str]:
    """The chrome texts of ``page`` found in ``text``."""
    norm = normalise(text)
    article = normalise(page.article)
    out = []
    for chrome in page.chrome:
        key = normalise(chrome)[:_LEAK_CHARS]
        if len(key) >= 4 and key in norm and key not in article:
            out.append(chrome)
    return out


def passed(page: GenPage, text: str) -> tuple[bool, float, list[str]]:
    from tests.bench.bench_extract import bigram_f1

    f1 = bigram_f1(text, page.article)
    left = leaked(page, text)
    return f1 >= PASS_F1 and not left, f1, left


def make(kind: str, seed: int) -> GenPage:
    import importlib

    module = {
        "comments": "comments_page",
        "quote": "threads",
        "ads": "promo_page",
        "iploc": "columns",
    }
    return importlib.import_module(f"tests.mainpages.{module[kind]}").build(seed)


KINDS = ("comments", "quote", "ads", "iploc")
