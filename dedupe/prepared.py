"""Texts prepared once for alignment: normalised, paragraph starts, k-gram hashes.

A text is usually aligned with several others (its story's core, other members, the
additions check), so what alignment needs is computed once per text, for a whole batch of
texts at a time (``dedupe.normalise`` and ``dedupe.shingle`` work on blocks): the
normalised text and its codepoints, where each paragraph starts, the paragraphs that can be
matched whole, and the hash of the k-gram starting at every position.  The sorted anchor
keys of a k-gram search are built only for the spans a pair leaves unexplained
(``dedupe.anchors``), never for a whole text up front.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dedupe.normalise import codepoints_of, normalise_batch
from dedupe.ragged import Ragged
from dedupe.shingle import shingle_batch

# Anchors are 5-grams, the shingle size: long enough that a k-gram occurring once in a news
# text is rarely a coincidence, short enough that a two-character name swap still leaves
# anchors on both sides of it.
ANCHOR_SIZE = 5
# Characters at each end of a paragraph that key the search for its reworded counterpart
# (``dedupe.align``): a farm's light rewording (1-3 % of characters) leaves both ends of a
# 60-200 character paragraph unchanged with probability ~0.9 each.
END_KEY = 4
# How a line ends when it is a sentence of prose (full- or half-width, a closing quote
# after the stop).  Titles, list items, dates, counts, a comment's "12赞", an excerpt cut
# with "……" end otherwise: the furniture a farm leaves around an article.
SENTENCE_ENDS = frozenset("。！？!?.；;”\"’'」』")


@dataclass(frozen=True)
class Prepared:
    """One text ready for alignment.

    ``unique_paragraphs`` maps the text of each paragraph to its index when that text occurs
    exactly once in the whole normalised text (not only once as a paragraph): a paragraph
    repeated inside a longer one is no anchor, its copy may be split or joined differently.
    """

    text: str  # normalised text
    paragraphs: list[int]  # offset of each paragraph start in ``text``, plus len(text)
    codes: np.ndarray  # uint32 normalised codepoints (``text`` as an array)
    grams: np.ndarray  # uint32 hash of the k-gram starting at each position (len - k + 1)
    unique_paragraphs: dict[str, int]
    solo: list[bool]  # per paragraph: its text occurs once in the whole normalised text
    prose: np.ndarray  # int64 prefix sums of prose characters, one per offset (and the end)

    def __len__(self) -> int:
        return len(self.text)

    def string(self, start: int, end: int) -> str:
        return self.text[start:end]

    def paragraph(self, k: int) -> str:
        return self.text[self.paragraphs[k] : self.paragraphs[k + 1]]

    def prose_in(self, start: int, end: int) -> int:
        """Characters of ``[start, end)`` in prose lines (sentences, not furniture)."""
        return int(self.prose[end] - self.prose[start])

    @property
    def prose_length(self) -> int:
        return int(self.prose[-1] - self.prose[0])


def _prose_sums(paras: list[list[str]], lengths: np.ndarray) -> np.ndarray:
    """Prefix sums, over all texts at once, of the characters in lines that end as a
    sentence; in a text where no line does (no punctuation) every line counts.

    ``lengths`` are the normalised lengths of the flat paragraphs; the sums run on across
    texts, so a text's slice starts at the characters before it (differences are what
    ``Prepared.prose_in`` reads)."""
    flags: list[bool] = []
    for ps in paras:  # a Python loop: most batches are one or two texts (``Judge``)
        mine = [line[-1] in SENTENCE_ENDS for line in ps]
        flags += mine if any(mine) else [True] * len(mine)
    out = np.zeros(int(lengths.sum()) + 1, dtype=np.int64)
    np.cumsum(np.repeat(np.array(flags, dtype=np.int64), lengths), out=out[1:])
    return out


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped: the paragraphs every stage of ``dedupe`` talks about."""
    return [stripped for line in text.splitlines() if (stripped := line.strip())]


def prepare(
    texts: Sequence[str], k: int = ANCHOR_SIZE, grams: Sequence[np.ndarray] | None = None
) -> list[Prepared]:
    """``Prepared`` texts, normalised and hashed as one block (``dedupe.normalise``).

    ``grams`` may hand in each text's k-gram hashes when the caller has them already
    (``kgram_hashes``, or the shingles signing spilled): a quarter of the cost per text."""
    paras = [split_paragraphs(t) for t in texts]
    flat = [p for ps in paras for p in ps]
    norm = normalise_batch(codepoints_of(flat))
    counts = np.array([len(ps) for ps in paras], dtype=np.int64)
    doc_bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=doc_bounds[1:])
    docs = Ragged(norm.values, norm.offsets[doc_bounds])
    hashed = shingle_batch(docs, k) if grams is None else grams
    joined = norm.values.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    starts_all = norm.offsets.tolist()
    prose = _prose_sums(paras, np.diff(norm.offsets))
    out = []
    for i in range(len(texts)):
        lo, hi = int(docs.offsets[i]), int(docs.offsets[i + 1])
        bounds = [s - lo for s in starts_all[doc_bounds[i] : doc_bounds[i + 1] + 1]]
        text = joined[lo:hi]
        own = hashed[i] if hi - lo >= k else np.empty(0, np.uint32)
        ps = [text[s:e] for s, e in zip(bounds, bounds[1:], strict=False)]
        if len(set(ps)) == len(ps):  # no paragraph repeated (most texts): count in the text
            solo = [text.count(p) == 1 for p in ps]
        else:
            seen = Counter(ps)
            solo = [seen[p] == 1 and text.count(p) == 1 for p in ps]
        unique = {p: j for j, p in enumerate(ps) if solo[j] and len(p) >= k}
        codes = norm.values[lo:hi]
        out.append(Prepared(text, bounds, codes, own, unique, solo, prose[lo : hi + 1]))
    return out


def kgram_hashes(texts: Sequence[str], k: int = ANCHOR_SIZE) -> list[np.ndarray]:
    """``Prepared.grams`` of each text, without the rest of a preparation (~1/6 of its cost).

    Normalising a whole text equals joining its normalised paragraphs: the line breaks
    ``split_paragraphs`` cuts at are starters that NFKC never composes across and the
    letter/number filter drops, and so is the whitespace it strips.  So the k-grams of the
    whole normalised text are the prepared ones (tests/test_dedupe_paths.py checks it).
    """
    norm = normalise_batch(codepoints_of(list(texts)))
    grams = shingle_batch(norm, k)
    empty = np.empty(0, np.uint32)
    return [grams[i] if n >= k else empty for i, n in enumerate(norm.lengths.tolist())]


def paragraph_of(prepared: Prepared, offset: int) -> int:
    """Index of the paragraph holding normalised offset ``offset``."""
    return max(bisect.bisect_right(prepared.paragraphs, offset) - 1, 0)
