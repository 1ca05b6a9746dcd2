"""Is this article about the configured topic?  Default: AI face-swap litigation.

An article is on topic when it names the subject (a face-swap term) AND the angle (a legal
term), each more than in passing:

* subject evidence ≥ ``min_include``: mentions of include terms (a title mention counts
  double), plus one if ``support`` terms (人脸, 肖像 …) recur — so a single 深度合成 in a
  report about faces counts, a single 深度合成 in an AI-artwork copyright case does not;
* ``min_context`` *distinct* legal terms (a title mention counts double);
* ``min_score`` of both together.  A tech
piece that mentions 换脸 and says once that misuse may 侵权 is not litigation news; a fraud
verdict that never mentions face swapping is not either.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from crawler.sources import Topic


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in ordered)) if ordered else re.compile(r"(?!)")


@dataclass(frozen=True)
class TopicVerdict:
    on_topic: bool
    reason: str


class TopicFilter:
    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self._include = _pattern(topic.include)
        self._context = _pattern(topic.context)
        self._support = _pattern(topic.support)

    def classify(self, title: str, text: str) -> TopicVerdict:
        title_n = unicodedata.normalize("NFKC", title or "").lower()
        text_n = unicodedata.normalize("NFKC", text or "").lower()
        include = len(self._include.findall(text_n)) + 2 * len(self._include.findall(title_n))
        supported = include > 0 and len(self._support.findall(title_n + text_n)) >= 2
        include += supported
        context_terms = set(self._context.findall(text_n))
        title_context = set(self._context.findall(title_n))
        context = len(context_terms | title_context) + len(title_context)
        t = self.topic
        detail = f"include={include} context={context}"
        if include < t.min_include:
            return TopicVerdict(False, f"topic:off:subject ({detail})")
        if context < t.min_context:
            return TopicVerdict(False, f"topic:off:angle ({detail})")
        if include + context < t.min_score:
            return TopicVerdict(False, f"topic:off:weak ({detail})")
        return TopicVerdict(True, f"topic:on ({detail})")
