"""Derive the copies a content farm makes of a story, for quality gates and benchmarks.

Given real article texts, this produces what a crawl of farms actually meets: copies that are
re-titled, re-punctuated (。→. ，→,), sprinkled with spaces, trimmed of their lead or closing
paragraph, or wrapped in farm chrome (版权声明, 上一篇/下一篇, 相关推荐 with excerpts of other
stories); plus the hard negatives a dedupe must keep apart: follow-up stories that reuse
30-50 % of an earlier story's sentences, and unrelated stories ending in the same legal
boilerplate.  Every generated document carries its gold story label.

Everything is driven by one ``random.Random(seed)``, so a corpus is reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[。！？!?；])")
_REPUNCTUATE = str.maketrans(
    {
        "。": ".",
        "，": ",",
        "：": ":",
        "；": ";",
        "！": "!",
        "？": "?",
        "“": '"',
        "”": '"',
        "（": "(",
        "）": ")",
        "、": ",",
    }
)
_SPACERS = (" ", " ", "\u3000", "\u200b", "  ")
_HEADLINE_HOOKS = ("重磅！", "刚刚，", "突发！", "最新消息：", "热点｜", "速看！", "")
_HEADLINE_TAILS = ("（附详情）", "（最近很火）", "，网友炸锅了", "，原因曝光", "")
_DISCLAIMERS = (
    "版权声明：本文内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务，"
    "不拥有所有权，不承担相关法律责任。如发现本站有涉嫌抄袭侵权/违法违规的内容，请发送邮件至举报，"
    "一经查实，本站将立刻删除。",
    "免责声明：本文转载自网络，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。"
    "如涉及作品内容、版权和其它问题，请在30日内与本网联系，我们将在第一时间删除内容。",
)
_CATEGORIES = ("科研百科", "生活常识", "财经资讯", "社会热点", "科技前沿")


@dataclass(frozen=True)
class SyntheticDoc:
    """One generated document and the story it belongs to (the gold label)."""

    text: str
    story: int
    kind: str


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs, stripped."""
    return [p.strip() for p in text.splitlines() if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences (ending punctuation kept), paragraph breaks treated as sentence ends."""
    out: list[str] = []
    for para in paragraphs(text):
        out.extend(s for s in _SENTENCE_END.split(para) if s.strip())
    return out


def retitle(text: str, rng: random.Random) -> str:
    """Replace the first line by a farm-style headline built from the story's first sentence."""
    paras = paragraphs(text)
    first = sentences(text)[0][:28] if sentences(text) else ""
    headline = rng.choice(_HEADLINE_HOOKS) + first.rstrip("。！？") + rng.choice(_HEADLINE_TAILS)
    body = paras[1:] if len(paras) > 3 and len(paras[0]) < 40 else paras
    return "\n".join([headline, *body])


def repunctuate(text: str) -> str:
    """Swap full-width punctuation for half-width, as many farm templates do."""
    return text.translate(_REPUNCTUATE)


def insert_spaces(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """Insert spaces, ideographic spaces or zero-width spaces at random positions."""
    return "".join(ch + (rng.choice(_SPACERS) if rng.random() < rate else "") for ch in text)


def trim(text: str, rng: random.Random, max_share: float = 0.2) -> str:
    """Drop the lead and/or closing paragraph, removing at most ``max_share`` of the text.

    Farms cut the reporter's lead (南都记者8月23日从……获悉) or the closing byline / editor
    line, not half the story; a copy that lost more is closer to a follow-up than a copy.
    """
    paras = paragraphs(text)
    if len(paras) < 4:
        return text
    budget = max_share * sum(len(p) for p in paras)
    which = rng.choice(("lead", "tail", "both"))
    if which in ("lead", "both") and len(paras[0]) <= budget:
        budget -= len(paras[0])
        paras = paras[1:]
    if which in ("tail", "both") and len(paras[-1]) <= budget:
        paras = paras[:-1]
    return "\n".join(paras)


def chrome(rng: random.Random, donors: Sequence[str], items: int = 5) -> str:
    """Farm page furniture: a disclaimer, (0), 上一篇/下一篇 and a 相关推荐 list of excerpts."""
    lines = [rng.choice(_DISCLAIMERS), "(0)"]
    for label in ("上一篇", "下一篇"):
        day = f"2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        lines.append(f"{label} {day} 下午2:{rng.randint(10, 59)}")
    lines.append("相关推荐")
    for donor in rng.sample(list(donors), min(items, len(donors))):
        sents = sentences(donor)
        if not sents:
            continue
        lines.append(sents[0][:30])
        lines.append("".join(sents)[:70] + "…")
        lines.append(
            f"{rng.choice(_CATEGORIES)} 202{rng.randint(2, 5)}年{rng.randint(1, 12)}月"
            f"{rng.randint(1, 28)}日"
        )
        lines.append(str(rng.randint(1, 300)))
    return "\n".join(lines)


def farm_copy(text: str, rng: random.Random, donors: Sequence[str]) -> tuple[str, str]:
    """One copy with a random mix of farm edits; returns ``(text, kind)``."""
    edits: list[str] = []
    if rng.random() < 0.5:
        text, edits = retitle(text, rng), [*edits, "retitle"]
    if rng.random() < 0.5:
        text, edits = trim(text, rng), [*edits, "trim"]
    if rng.random() < 0.5:
        text, edits = repunctuate(text), [*edits, "repunct"]
    if rng.random() < 0.4:
        text, edits = insert_spaces(text, rng), [*edits, "spaces"]
    if rng.random() < 0.6 and donors:
        text, edits = text + "\n" + chrome(rng, donors, rng.randint(3, 8)), [*edits, "chrome"]
    return text, "copy:" + ("+".join(edits) or "verbatim")


def follow_up(text: str, rng: random.Random, new_material: Sequence[str], reuse: float) -> str:
    """A later story on the same case: whole sentences making up about ``reuse`` of the
    earlier story's text (as one run of background or as scattered quotes, kept in order),
    around at least as much new text taken sentence by sentence from ``new_material``."""
    old = sentences(text)
    budget = reuse * sum(len(s) for s in old)
    if rng.random() < 0.5:  # one run of background paragraphs
        start = rng.randrange(0, len(old))
        order = list(range(start, len(old))) + list(range(start))
    else:  # scattered quotes
        order = rng.sample(range(len(old)), len(old))
    chosen: list[int] = []
    used = 0
    for i in order:
        if used + len(old[i]) > budget and chosen:
            break
        chosen.append(i)
        used += len(old[i])
    reused = [old[i] for i in sorted(chosen)]
    wanted = sum(len(s) for s in reused) * rng.uniform(1.0, 1.6)
    fresh: list[str] = []
    got = 0
    for source in new_material:
        for s in sentences(source):
            if got >= wanted:
                break
            fresh.append(s)
            got += len(s)
    merged = fresh[: len(fresh) // 2] + reused + fresh[len(fresh) // 2 :]
    return "\n".join("".join(merged[i : i + 3]) for i in range(0, len(merged), 3))


def with_boilerplate(text: str, boilerplate: Sequence[str]) -> str:
    """The story followed by a paragraph of shared legal boilerplate sentences."""
    return text.rstrip() + "\n" + "".join(boilerplate)


def make_corpus(
    stories: Sequence[str],
    donors: Sequence[str],
    boilerplate: Sequence[str],
    seed: int = 7,
    max_copies: int = 5,
    follow_up_share: float = 0.4,
    boilerplate_pairs: int = 6,
) -> list[SyntheticDoc]:
    """A labelled corpus: each story, 0..max_copies farm copies, some follow-ups (each with
    their own copies) and pairs of unrelated stories that end in the same ``boilerplate``.

    ``donors`` supply the new sentences of follow-ups and the 相关推荐 excerpts; they should
    not overlap ``stories``.  Story labels are 0..len(stories)-1 for the stories, then one
    new label per follow-up.
    """
    rng = random.Random(seed)
    docs: list[SyntheticDoc] = []
    next_label = len(stories)
    tagged = set(rng.sample(range(len(stories)), min(2 * boilerplate_pairs, len(stories))))
    for label, story in enumerate(stories):
        base = with_boilerplate(story, boilerplate) if label in tagged else story
        docs.append(
            SyntheticDoc(base, label, "original" + ("+boilerplate" if label in tagged else ""))
        )
        for _ in range(rng.randint(0, max_copies)):
            text, kind = farm_copy(base, rng, donors)
            docs.append(SyntheticDoc(text, label, kind))
        if rng.random() < follow_up_share:
            material = rng.sample(list(donors), min(4, len(donors)))
            later = follow_up(story, rng, material, rng.uniform(0.3, 0.5))
            docs.append(SyntheticDoc(later, next_label, "follow-up"))
            for _ in range(rng.randint(0, 2)):
                text, kind = farm_copy(later, rng, donors)
                docs.append(SyntheticDoc(text, next_label, "follow-up " + kind))
            next_label += 1
    return docs
