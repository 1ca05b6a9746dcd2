"""A prepared text with what the comparison reads from it more than once.

``dedupe.prepared`` normalises a text and marks its prose lines; a pair's comparison
(``dedupe.compare``, ``dedupe.evidence``) reads, many times per pair, where the digits and
numerals are and how much each stretch of prose says.  Both are computed once per text
here.  (Split from ``dedupe.evidence``: reading one text, apart from comparing two.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from dedupe.prepared import Prepared

ASCII_DIGITS = frozenset("0123456789")
NUMERALS = frozenset("〇零一二三四五六七八九十两百千")
# Latin letters as normalisation leaves them (lower case); two in a row make a run.
_LATIN_LO, _LATIN_SPAN = ord("a"), 26
# 1 for the digits and numerals of the Basic Multilingual Plane (all of them are), by codepoint.
_NUMERIC_TABLE = np.zeros(0x10000, dtype=np.uint8)
_NUMERIC_TABLE[[ord(c) for c in ASCII_DIGITS | NUMERALS]] = 1


@dataclass(frozen=True)
class Profile:
    """A prepared text with what the comparison reads from it more than once."""

    prepared: Prepared
    text: str  # the normalised text as a string
    numeric: bytes  # 1 where the character is a digit or a Chinese numeral, else 0
    flags: np.ndarray  # the same as a uint8 array
    weights: np.ndarray  # int64 prefix sums of what each prose character says (``_said``)

    def prose_in(self, start: int, end: int) -> int:
        """What ``[start, end)`` says, in prose characters (``_said``)."""
        return int(self.weights[end] - self.weights[start])

    @property
    def prose_length(self) -> int:
        return int(self.weights[-1] - self.weights[0])


def _said(p: Prepared) -> np.ndarray:
    """Prefix sums of the prose characters (``Prepared.prose_in``) weighed by what they say
    in a Chinese text, so that chrome a page printed in another shape does not outweigh the
    article in a share of it:

    * a run of Latin letters counts as one character (normalised text drops the spaces,
      so a run is a word or a phrase): an English notice under a copy ("Notice: The
      content above ... is uploaded and posted by the user ...", 175 letters) or a block of
      code a blog template left in (``console.log(array.slice(-1))``) said as much as a
      short Chinese clause, not as much as two paragraphs;
    * a paragraph printed twice in one text counts for neither: a news article does not
      state a paragraph twice; a page template does (a disclaimer above and below the
      article, a code sample block repeated) -- unless such lines are most of its prose
      (``_lines_twice``).
    Measured on the held-out real-template webs (seeds 4330058, 6770718) and genweb seed
    455039711400: each farm copy left outside its story held 0.39-0.69 of its prose in the
    original, the rest such chrome."""
    letters = (p.codes - np.uint32(_LATIN_LO)) < _LATIN_SPAN  # wraps below "a"
    runs = letters[1:] & letters[:-1]  # a letter after a letter: [a-z]{2} ends there
    latin = bool(runs.any())
    twice = _lines_twice(p) if not all(p.solo) else []
    if not (latin or twice):
        return p.prose  # most texts: every prose character says one
    weight = np.diff(p.prose)
    if latin:
        weight[1:][runs] = 0
    bounds = p.paragraphs
    repeated = sum(int(weight[bounds[k] : bounds[k + 1]].sum()) for k in twice)
    if twice and 2 * repeated <= int(weight.sum()):
        for k in twice:
            weight[bounds[k] : bounds[k + 1]] = 0
    out = np.zeros(weight.size + 1, dtype=np.int64)
    np.cumsum(weight, out=out[1:])
    return out


def _lines_twice(p: Prepared) -> list[int]:
    """The lines ``p`` holds more than once.  They weigh nothing unless they are most of its
    prose (``_said``): a page that printed the whole article twice (the body and a copy of
    it in a script, a print view) still says the article once, where a disclaimer printed
    above and below it says nothing of the story."""
    bounds = p.paragraphs
    lines = [p.text[s:e] for s, e in zip(bounds, bounds[1:], strict=False)]
    seen = Counter(lines)
    return [k for k, line in enumerate(lines) if seen[line] > 1]


def profile(prepared: Prepared) -> Profile:
    flags = _NUMERIC_TABLE[np.minimum(prepared.codes, 0xFFFF)]
    return Profile(prepared, prepared.text, flags.tobytes(), flags, _said(prepared))


def profiles(prepared: Iterable[Prepared]) -> list[Profile]:
    return [profile(p) for p in prepared]
