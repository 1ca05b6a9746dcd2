"""Who shows what on the mini-web, written out as tables rather than hashed.

Every story appears on its publisher and on 2-5 farms; each farm has one house style
(retitle, trim, re-punctuate, reflow, prepend an editor's intro, back-date, credit the
outlet or not).  ``Post`` records from the demo web carry the result, so the page a
template renders and the truth the test scores against come from the same record.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from crawler.demoweb.records import Post
from crawler.demoweb.textops import stable_int
from tests.miniweb.content import MiniContent

PUBLISHERS = ("hongxing", "jiangcheng")
FARMS = (
    "aspgb", "phpbb", "feed", "chromefarm", "pagedfarm", "retitlefarm", "listfarm", "tagfarm",
)  # fmt: skip
SITES = PUBLISHERS + FARMS

COPIES: dict[str, tuple[str, ...]] = {
    "m01": ("aspgb", "feed", "listfarm", "tagfarm"),
    "m02": ("chromefarm", "pagedfarm", "retitlefarm", "phpbb", "listfarm"),
    "m03": ("aspgb", "chromefarm", "tagfarm"),
    "m04": ("feed", "retitlefarm", "listfarm"),
    "m05": ("pagedfarm", "phpbb"),
    "m06": ("aspgb", "chromefarm", "retitlefarm", "listfarm"),
    "m07": ("feed", "pagedfarm", "tagfarm", "phpbb"),
    "m08": ("chromefarm", "listfarm", "tagfarm"),
    "m09": ("aspgb", "feed", "retitlefarm"),
    "m10": ("pagedfarm", "phpbb", "listfarm"),
}
# New copies that only exist in phase 2 (one per entry).
PHASE2: tuple[tuple[str, str], ...] = (
    ("m01", "chromefarm"),
    ("m06", "pagedfarm"),
    ("m03", "feed"),
    ("m05", "tagfarm"),
)
OFFTOPIC: dict[str, tuple[str, ...]] = {
    "n01": ("jiangcheng",),
    "n02": ("jiangcheng", "feed"),
    "n03": ("feed", "phpbb", "tagfarm"),
    "n04": ("hongxing", "retitlefarm"),
    "n05": ("phpbb",),
    "n06": ("phpbb",),
    "n07": ("chromefarm", "listfarm"),
    "n08": ("aspgb", "listfarm"),
    "f01": ("pagedfarm", "listfarm"),
    "f02": ("pagedfarm", "listfarm"),
    "f03": ("retitlefarm", "listfarm"),
    "f04": ("tagfarm", "listfarm"),
    "f05": ("tagfarm", "listfarm"),
    "f06": ("chromefarm", "listfarm"),
    "f07": ("aspgb", "listfarm"),
    "f08": ("listfarm",),
    "f09": ("listfarm",),
    "f10": ("listfarm",),
    "f11": ("listfarm",),
    "f12": ("listfarm",),
}
PHASE2_START = datetime(2025, 6, 3, 9, 12)
_CORNERS = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def corner_quotes(text: str) -> str:
    """Taiwan/HK-style re-punctuation: “…” becomes 「…」."""
    return text.translate(_CORNERS)


def reflow(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """A farm that lost the paragraph breaks and re-wrapped the text two paragraphs a block."""
    return tuple("".join(paragraphs[i : i + 2]) for i in range(0, len(paragraphs), 2))


class Planner:
    def __init__(self, content: MiniContent) -> None:
        self.content = content
        self.outlets = content.core.outlets

    def _outlet(self, story) -> str:
        return self.outlets[story.publisher].name

    def original(self, story) -> Post:
        return Post(
            site=story.publisher,
            key=story.id,
            num=0,
            story_id=story.id,
            on_topic=True,
            title=story.title,
            paragraphs=story.paragraphs,
            published=story.published,
            posted=story.published,
            byline=story.byline,
            credited_outlet=self._outlet(story),
            kind="original",
            original_title=story.title,
            summary=story.summary,
        )

    def copy(self, story, farm: str, phase: int, posted: datetime | None = None) -> Post:
        h = stable_int("mini-copy", story.id, farm)
        posted = posted or story.published + timedelta(hours=5 + h % 60, minutes=h % 47)
        posted = posted.replace(second=h % 60)
        outlet = self._outlet(story)
        title, paragraphs = story.title, tuple(story.paragraphs)
        published, credit, credited = posted, None, None
        trimmed = back_dated = False
        if farm == "aspgb":
            credit, credited = f"来源：{outlet}", outlet
        elif farm == "phpbb":
            credit, credited = f"转载自：{outlet}", outlet
        elif farm == "feed":
            title = story.alt_titles[0]
            if h % 2:
                credit, credited = f"（来源：{outlet}）", outlet
            else:
                paragraphs, trimmed = paragraphs[:-1], True
        elif farm == "chromefarm":
            credit, credited = (
                f"本文转自{outlet}，仅供学习交流，不代表本站观点，如有侵权请联系删除。",
                outlet,
            )
        elif farm == "pagedfarm":
            paragraphs = tuple(corner_quotes(p) for p in paragraphs)
            credit, credited = f"稿源：{outlet}", outlet
        elif farm == "retitlefarm":
            title = story.alt_titles[-1]
            paragraphs = (self.content.extras.intros[story.id], *paragraphs)
            published = story.published - timedelta(days=1 + h % 3, hours=h % 7)
            back_dated = True
            credit = "来源：本站原创"
        elif farm == "listfarm":
            paragraphs, trimmed = paragraphs[:-1], True
            credit, credited = f"来源：{outlet}", outlet
        elif farm == "tagfarm":
            paragraphs = reflow(paragraphs)
            credit, credited = f"本文来自{outlet}", outlet
        else:
            raise ValueError(f"unknown farm {farm!r}")
        return Post(
            site=farm,
            key=story.id,
            num=0,
            story_id=story.id,
            on_topic=True,
            title=title,
            paragraphs=paragraphs,
            published=published,
            posted=posted,
            byline=story.byline,
            credit_line=credit,
            credited_outlet=credited,
            back_dated=back_dated,
            trimmed=trimmed,
            phase=phase,
            kind="copy",
            original_title=story.title,
            summary=story.summary,
        )

    def offtopic(self, post, site: str) -> Post:
        paragraphs = tuple(post.paragraphs)
        if site == "pagedfarm":
            paragraphs = tuple(corner_quotes(p) for p in paragraphs)
        elif site == "tagfarm":
            paragraphs = reflow(paragraphs)
        delay = timedelta(hours=stable_int("mini-off", post.id, site) % 30)
        return Post(
            site=site,
            key=post.id,
            num=0,
            story_id=None,
            on_topic=False,
            title=post.title,
            paragraphs=paragraphs,
            published=post.published + delay,
            posted=post.published + delay,
            kind="offtopic",
            summary=post.paragraphs[0][:60],
        )

    def posts(self) -> dict[str, list[Post]]:
        """Site -> every post it ever shows (both phases), numbered, oldest first."""
        by_site: dict[str, list[Post]] = {site: [] for site in SITES}
        for story in self.content.core.stories:
            by_site[story.publisher].append(self.original(story))
            for farm in COPIES[story.id]:
                by_site[farm].append(self.copy(story, farm, phase=1))
        for post_id, sites in OFFTOPIC.items():
            post = self.content.offtopic(post_id)
            for site in sites:
                by_site[site].append(self.offtopic(post, site))
        for i, (story_id, farm) in enumerate(PHASE2):
            posted = PHASE2_START + timedelta(hours=7 * i, minutes=13 * i)
            by_site[farm].append(self.copy(self.content.story(story_id), farm, 2, posted))
        return {site: number(site, posts) for site, posts in by_site.items()}


def number(site: str, posts: list[Post]) -> list[Post]:
    """Increasing, gappy site-local ids; phase-2 posts come last so old ids never move."""
    ordered = sorted(posts, key=lambda p: (p.phase, p.posted, p.key))
    base = 300 + stable_int("mini-base", site) % 5000
    out = []
    for post in ordered:
        base += 2 + stable_int("mini-gap", site, post.key) % 29
        out.append(replace(post, num=base))
    return out
