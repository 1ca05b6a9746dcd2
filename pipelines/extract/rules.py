"""The chrome rules file (chrome_rules.toml), read once per process.

Why one loader for every stage: the DOM steps (chrome_dom.py: class words, furniture
headings) and the line steps (chrome_lines.py: tail markers, whole-line patterns) read the
same file, and the Scrapy pipeline hands the compiled rules to worker processes by
re-loading them there, so they must come from one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - 3.10 has tomli as a backport
    import tomli as tomllib  # type: ignore[no-redef]

RULES_PATH = Path(__file__).with_name("chrome_rules.toml")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002-\u200b\ufeff]+")


@dataclass(frozen=True, eq=False)  # hashed by identity: a cache key, compared never
class ChromeRules:
    """Compiled chrome rules (see chrome_rules.toml for what each list means)."""

    drop_tags: tuple[str, ...]
    class_substrings: tuple[str, ...]
    class_tokens: frozenset[str]
    section_headings: frozenset[str]
    thread_words: frozenset[str]
    never_content: frozenset[str]
    weak_words: frozenset[str]
    quote_words: tuple[str, ...]
    tail_markers: tuple[str, ...]
    tail_headings: tuple[str, ...]
    drop_lines: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> ChromeRules:
    """Read and compile the rules file once per process."""
    data = tomllib.loads(Path(path or RULES_PATH).read_text(encoding="utf-8"))
    dom, text = data["dom"], data["text"]
    return ChromeRules(
        drop_tags=tuple(dom["drop_tags"]),
        class_substrings=tuple(s.lower() for s in dom["class_substrings"]),
        class_tokens=frozenset(s.lower() for s in dom["class_tokens"]),
        section_headings=frozenset(normalise_line(s) for s in dom["section_headings"]),
        thread_words=frozenset(s.lower() for s in dom.get("thread_words", [])),
        never_content=frozenset(s.lower() for s in dom.get("never_content", [])),
        weak_words=frozenset(s.lower() for s in dom.get("weak_words", [])),
        quote_words=tuple(s.lower() for s in dom.get("quote_words", [])),
        tail_markers=tuple(normalise_line(s) for s in text["tail_markers"]),
        tail_headings=tuple(normalise_line(s).replace(" ", "") for s in text["tail_headings"]),
        drop_lines=tuple(re.compile(p, re.I) for p in text["drop_lines"]),
    )


def normalise_line(line: str) -> str:
    """NFKC, whitespace collapsed to single spaces, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", line)).strip()
