"""Precision and recall of the topic filter on generated stories (``tests.storygen``).

Every original and every farm copy (as its page shows it: the farm's commentary and ads
included) of seeds ``--seeds A-B``, judged by ``TopicFilter`` with the default topic,
against the story's truth.  Prints JSON: counts, precision, recall, and the misses by kind.

    python -m tests.bench.topic_eval --seeds 1-200
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from crawler.sources import Topic
from pipelines.topic import TopicFilter
from tests.storygen import generate


def judged(seeds: range, classify) -> dict:
    tp = fp = fn = tn = 0
    misses: Counter = Counter()
    for seed in seeds:
        world = generate(seed)
        kinds = {s.story_id: s.kind if s.on_topic else s.stage or s.kind for s in world.stories}
        texts = [(s.story_id, s.title, s.body, s.on_topic) for s in world.stories]
        texts += [
            (c.story_id, c.title, "\n".join(c.shown), world.story(c.story_id).on_topic)
            for c in world.copies
        ]
        for story_id, title, body, truth in texts:
            said = classify(title, body)
            tp, fp = tp + (said and truth), fp + (said and not truth)
            fn, tn = fn + (truth and not said), tn + (not truth and not said)
            if said != truth:
                misses[f"{'missed' if truth else 'false'}:{kinds[story_id]}"] += 1
    return {
        "on_topic": tp + fn,
        "off_topic": fp + tn,
        "precision": round(tp / max(tp + fp, 1), 4),
        "recall": round(tp / max(tp + fn, 1), 4),
        "misses": dict(misses),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="1-200", help="A-B, inclusive")
    first, last = (int(x) for x in parser.parse_args().seeds.split("-"))
    topic = TopicFilter(Topic())
    out = judged(range(first, last + 1), lambda t, b: topic.classify(t, b).on_topic)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
