"""A labelled corpus of any size for benchmarks: endless distinct stories, noisy reprints,
follow-up negatives.  Deterministic for a seed.

The real articles in /work/shared/corpora give ~11,000 Chinese sentences, far too few for a
million distinct stories.  A story here is a run of those sentences with 15 % of its Han
characters swapped for others drawn by corpus frequency: the character and length
statistics of news text, but two stories share a 5-gram only where real text would (common
phrases survive the swaps with probability 0.85**5 = 0.44).  Then, per story:

* 0-5 farm reprints (about 30 % of all documents), each a random mix of the edits of
  ``dedupe.synthetic``: re-titled, lead/closing paragraph trimmed, re-punctuated, spaces and
  zero-width characters inserted, farm chrome appended (版权声明, 上一篇/下一篇, 相关推荐 with
  excerpts of other stories), plus light rewording (1-3 % of Han characters swapped);
* with probability ``follow_up_share`` a follow-up story reusing 30-50 % of its sentences
  (its own gold label), sometimes reprinted too -- the false merges to avoid.

Documents are shuffled within windows of ``window`` documents (copies of a story appear
near it, as in a crawl) and streamed, so a million documents never sit in memory at once.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from dedupe.synthetic import chrome, follow_up, repunctuate, retitle, sentences, trim

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPACERS = (" ", " ", "\u3000", "\u200b", "  ")


@dataclass(frozen=True)
class Doc:
    id: int
    text: str
    story: int  # gold label
    kind: str


class StoryMaker:
    """Mutated sentence mosaics from real text, ``batch`` stories per numpy call."""

    def __init__(self, texts: Sequence[str], seed: int) -> None:
        pool = sorted({s.strip() for t in texts for s in sentences(t) if len(_HAN.findall(s)) >= 8})
        if len(pool) < 100:
            raise ValueError(f"need at least 100 source sentences, got {len(pool)}")
        self.rng = np.random.default_rng(seed)
        joined = "".join(pool)
        self.cps = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4").astype(np.int64)
        self.lengths = np.array([len(s) for s in pool], dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)[:-1]))
        han = np.array([ord(c) for c in _HAN.findall(joined)], dtype=np.int64)
        self.han_values, counts = np.unique(han, return_counts=True)
        self.han_p = counts / counts.sum()

    def stories(self, count: int, mean_chars: int = 1550) -> list[str]:
        rng = self.rng
        target = rng.integers(mean_chars * 6 // 10, mean_chars * 14 // 10, size=count)
        per = int(3 * mean_chars / self.lengths.mean()) + 8
        picks = rng.integers(0, self.lengths.size, size=(count, per))
        cum = np.cumsum(self.lengths[picks], axis=1)
        used = np.minimum((cum < target[:, None]).sum(axis=1) + 1, per)
        out = []
        for row, n in zip(picks, used.tolist(), strict=True):
            idx = row[:n]
            chars = np.concatenate(
                [
                    self.cps[s : s + n_]
                    for s, n_ in zip(self.starts[idx], self.lengths[idx], strict=True)
                ]
            )
            is_han = (chars >= 0x4E00) & (chars <= 0x9FFF)
            swap = is_han & (rng.random(chars.size) < 0.15)
            chars[swap] = rng.choice(self.han_values, size=int(swap.sum()), p=self.han_p)
            text = chars.astype("<u4").tobytes().decode("utf-32-le")
            # Paragraphs of about four sentences, and a short headline line first.
            lens = self.lengths[idx]
            cuts = np.cumsum(lens)[3::4].tolist()
            paras = [
                text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a
            ]
            out.append("\n".join([paras[0][:24].rstrip("。！？，"), *paras]))
        return out

    def reword(self, text: str, rng: random.Random, rate: float) -> str:
        """Swap ``rate`` of the Han characters (a farm's light rewording)."""
        chars = list(text)
        for i, ch in enumerate(chars):
            if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate:
                chars[i] = chr(int(self.han_values[rng.randrange(self.han_values.size)]))
        return "".join(chars)


def insert_spaces(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """Spaces, ideographic or zero-width spaces at ~``rate`` of positions (O(insertions))."""
    count = int(len(text) * rate)
    cuts = sorted(rng.sample(range(1, max(len(text), 2)), min(count, max(len(text) - 1, 0))))
    pieces, last = [], 0
    for c in cuts:
        pieces += [text[last:c], rng.choice(_SPACERS)]
        last = c
    pieces.append(text[last:])
    return "".join(pieces)


def farm_copy(
    text: str, rng: random.Random, maker: StoryMaker, donors: Sequence[str]
) -> tuple[str, str]:
    edits = []
    if rng.random() < 0.5:
        text, edits = retitle(text, rng), [*edits, "retitle"]
    if rng.random() < 0.5:
        text, edits = trim(text, rng), [*edits, "trim"]
    if rng.random() < 0.3:
        text, edits = maker.reword(text, rng, rng.uniform(0.01, 0.03)), [*edits, "reword"]
    if rng.random() < 0.5:
        text, edits = repunctuate(text), [*edits, "repunct"]
    if rng.random() < 0.4:
        text, edits = insert_spaces(text, rng), [*edits, "spaces"]
    if rng.random() < 0.6:
        text, edits = text + "\n" + chrome(rng, donors, rng.randint(3, 8)), [*edits, "chrome"]
    return text, "copy:" + ("+".join(edits) or "verbatim")


def generate(
    texts: Sequence[str],
    n_docs: int,
    seed: int = 1,
    follow_up_share: float = 0.1,
    window: int = 20000,
) -> Iterator[Doc]:
    """``n_docs`` documents with gold story labels, ids 0..n_docs-1 in output order."""
    rng = random.Random(seed)
    maker = StoryMaker(texts, seed)
    # Mean 0.48 copies a story: with the follow-ups, ~30 % of all documents are reprints.
    copies = [0] * 17 + [1] * 2 + [3, 5]
    label, next_id = 0, 0
    buffer: list[tuple[str, int, str]] = []
    while next_id < n_docs:
        # New material of follow-ups is fresh text, never shared with another story.
        fresh = maker.stories(400)
        donors = maker.stories(64)  # the farms' 相关推荐 pool changes as the crawl goes on
        for story in maker.stories(2000):
            buffer.append((story, label, "original"))
            for _ in range(rng.choice(copies)):
                text, kind = farm_copy(story, rng, maker, donors)
                buffer.append((text, label, kind))
            if rng.random() < follow_up_share:
                label += 1
                material = [fresh.pop(), fresh.pop()] if len(fresh) >= 2 else maker.stories(2)
                later = follow_up(story, rng, material, rng.uniform(0.3, 0.5))
                buffer.append((later, label, "follow-up"))
                for _ in range(rng.choice([0, 0, 1])):
                    text, kind = farm_copy(later, rng, maker, donors)
                    buffer.append((text, label, "follow-up " + kind))
            label += 1
            if len(buffer) >= window:
                break
        rng.shuffle(buffer)
        for text, story_label, kind in buffer:
            if next_id >= n_docs:
                return
            yield Doc(next_id, text, story_label, kind)
            next_id += 1
        buffer = []


def write_jsonl(path: str, docs: Iterator[Doc]) -> list[int]:
    """Write ``{"id", "text"}`` lines; return the gold labels by id."""
    gold = []
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")
            gold.append(d.story)
    return gold
