"""Is this article about the configured topic?  Default: AI face-swap litigation.

An article is on topic when it names the subject (a face-swap term) AND the angle (a legal
term), each more than in passing:

* subject evidence ≥ ``min_include``: mentions of include terms (a title mention counts
  double), plus one if ``support`` terms (人脸, 肖像 …) recur — so a single 深度合成 in a
  report about faces counts, a single 深度合成 in an AI-artwork copyright case does not;
* a legal angle of weight ≥ ``min_context``: each *concept* the text names (an act or an
  actor of a case: 立案侦查, 提起公诉, 开庭, 判处, 诉至 …, weight 1; legal vocabulary such as
  侵权 or 肖像权, weight 0.5) counts once, a concept in the title double.  The default
  concepts are in ``topic_lexicon.toml``; a user's own ``context`` words count 1 each;
* ``min_score`` of both together.  A tech
piece that mentions 换脸 and says once that misuse may 侵权 is not litigation news; a fraud
verdict that never mentions face swapping is not either.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from crawler.sources import Topic
from pipelines.topic_lexicon import default_lexicon


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in ordered)) if ordered else re.compile(r"(?!)")


@dataclass(frozen=True)
class TopicVerdict:
    on_topic: bool
    reason: str


class AngleScorer:
    """Weight of the legal concepts a text names: each concept once, whichever words it
    uses (检察院 and 检察机关 are one actor)."""

    def __init__(self, topic: Topic) -> None:
        self.weight: dict[str, tuple[int, float]] = {}  # word -> (concept, weight)
        self.regexes: list[tuple[int, float, re.Pattern[str]]] = []
        for i, concept in enumerate(topic.concepts):
            if concept.regex:
                self.regexes.append((i, concept.weight, re.compile(concept.regex)))
            for word in concept.words:
                self.weight.setdefault(word.lower(), (i, concept.weight))
        start = len(topic.concepts)
        for j, word in enumerate(topic.context):  # words outside any concept: their own
            self.weight.setdefault(word.lower(), (start + j, 1.0))
        self.words = _pattern(tuple(self.weight))

    def concepts(self, text: str) -> dict[int, float]:
        hit = {self.weight[w][0]: self.weight[w][1] for w in self.words.findall(text)}
        for i, weight, regex in self.regexes:
            if regex.search(text):
                hit[i] = weight
        return hit


def _normalise(text: str | None) -> str:
    simplified = default_lexicon().simplified
    return unicodedata.normalize("NFKC", text or "").lower().translate(simplified)


class TopicFilter:
    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self._include = _pattern(topic.include)
        self._support = _pattern(topic.support)
        self._angle = AngleScorer(topic)

    def classify(self, title: str, text: str) -> TopicVerdict:
        title_n = _normalise(title)
        text_n = _normalise(text)
        include = len(self._include.findall(text_n)) + 2 * len(self._include.findall(title_n))
        supported = include > 0 and len(self._support.findall(title_n + text_n)) >= 2
        include += supported
        in_text, in_title = self._angle.concepts(text_n), self._angle.concepts(title_n)
        context = sum({**in_text, **in_title}.values()) + sum(in_title.values())
        t = self.topic
        detail = f"include={include} context={context:g}"
        if include < t.min_include:
            return TopicVerdict(False, f"topic:off:subject ({detail})")
        if context < t.min_context or not in_text:  # a retitle alone ("附判决要点") is no case
            return TopicVerdict(False, f"topic:off:angle ({detail})")
        if include + context < t.min_score:
            return TopicVerdict(False, f"topic:off:weak ({detail})")
        return TopicVerdict(True, f"topic:on ({detail})")
