"""Decide who copies what: the demo web's editorial plan.

Every story appears once on its publisher and is copied by 2-5 farms.  Each farm has a
house style (retitle, credit the source or not, trim a paragraph, re-punctuate, back-date)
that mirrors habits of real content farms.  All choices are keyed by stable hashes of the
story and farm ids, so the same content file always yields the same web.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta

from crawler.demoweb.content import Content, OffTopic, Story
from crawler.demoweb.records import Post
from crawler.demoweb.textops import halfwidth, pangu_spaces, pick, stable_int

PUBLISHERS = ("nandu", "fazhi")
FARMS = ("wpfarm", "gbkportal", "splitfarm", "forum", "aggregator", "mirror")
SITES = PUBLISHERS + FARMS
# What each site's date line can show; the truth records the date at that precision.
PRECISION = {
    "nandu": "minute",
    "fazhi": "minute",
    "wpfarm": "minute",
    "gbkportal": "minute",
    "splitfarm": "second",
    "forum": "minute",
    "aggregator": "second",
    "mirror": "day",
}
# Phase 2: new copies appear on these farms (one entry per new copy).
PHASE2_FARMS = ("wpfarm", "wpfarm", "splitfarm", "mirror")
MIN_COPIES_PER_FARM = 2


def shown(dt: datetime, site: str, *salt: object) -> datetime:
    """Round a time to what ``site`` displays (seconds invented where a site shows them)."""
    precision = PRECISION[site]
    if precision == "day":
        return dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if precision == "minute":
        return dt.replace(second=0, microsecond=0)
    return dt.replace(second=stable_int("sec", site, *salt) % 60, microsecond=0)


def assign_farms(stories: tuple[Story, ...]) -> dict[str, list[str]]:
    """Story id -> farms copying it in phase 1 (2-5 each, every farm used at least twice)."""
    chosen: dict[str, list[str]] = {}
    for i, story in enumerate(stories):
        order = sorted(FARMS, key=lambda f, s=story: stable_int("order", s.id, f))
        chosen[story.id] = order[: 2 + i % 4]
    for farm in FARMS:
        for story in stories:
            if sum(farm in farms for farms in chosen.values()) >= MIN_COPIES_PER_FARM:
                break
            if farm not in chosen[story.id] and len(chosen[story.id]) < 5:
                chosen[story.id].append(farm)
    return chosen


def phase2_pairs(stories: tuple[Story, ...], chosen: dict[str, list[str]]) -> list[tuple]:
    """(story, farm) pairs that only appear in phase 2, on farms not yet copying the story."""
    taken = {(sid, f) for sid, farms in chosen.items() for f in farms}
    pairs = []
    for n, farm in enumerate(PHASE2_FARMS):
        rotated = stories[n % len(stories) :] + stories[: n % len(stories)]
        for story in rotated:
            if (story.id, farm) not in taken:
                taken.add((story.id, farm))
                pairs.append((story, farm))
                break
    return pairs


class Planner:
    """Turns content into per-site ``Post`` lists."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.chosen = assign_farms(content.stories)
        self.phase2 = phase2_pairs(content.stories, self.chosen)
        self._copy_index: dict[str, int] = defaultdict(int)

    # -- credit lines -------------------------------------------------------------------
    def _credit(self, story: Story, farm: str, forms: tuple[str, ...]) -> tuple[str, str | None]:
        """Render one credit template; return (line, outlet it credits or None)."""
        outlet = self.content.outlets[story.publisher]
        templates = [t for t in self.content.chrome.credit_lines if any(f in t for f in forms)]
        template = pick(templates or ["来源：{outlet}"], "credit", story.id, farm)
        name = pick((outlet.name, outlet.name, outlet.short), "form", story.id, farm)
        line = template.format(outlet=name, title=story.title, byline=story.byline)
        credits = "{outlet}" in template or ("{byline}" in template and outlet.mentioned_in(line))
        return line, outlet.name if credits else None

    # -- one copy -----------------------------------------------------------------------
    def copy(self, story: Story, farm: str, phase: int, posted: datetime | None = None) -> Post:
        h = stable_int("copy", story.id, farm)
        index = self._copy_index[farm]
        self._copy_index[farm] += 1
        delay = timedelta(hours=1 + h % 70, minutes=h % 53)
        if farm == "mirror":
            delay += timedelta(days=1)  # date-only display must stay after the original
        posted = posted or story.published + delay
        title, paragraphs = story.title, story.paragraphs
        credit_line, credited, trimmed, back_dated = None, None, False, False
        published = posted
        alt = pick(story.alt_titles, "alt", story.id, farm)
        if farm == "wpfarm":
            title = alt if h % 3 else f"{story.title}({alt})"
            credit_line, credited = self._credit(story, farm, ("{outlet}", "{byline}"))
        elif farm == "gbkportal":
            outlet = self.content.outlets[story.publisher]
            credit_line, credited = f"来源：{outlet.name}", outlet.name
        elif farm == "splitfarm":
            title = alt if h % 2 else story.title
            if h % 3 == 0:
                credit_line, credited = self._credit(story, farm, ("{",))
            if len(paragraphs) > 3 and index % 4 in (0, 2):
                paragraphs = paragraphs[:-1] if index % 4 == 0 else paragraphs[1:]
                trimmed = True
        elif farm == "forum":
            title = f"【转】{story.title}" if h % 3 == 0 else story.title
            if h % 2:
                credit_line, credited = self._credit(story, farm, ("{",))
        elif farm == "aggregator":
            title = alt if h % 2 else story.title
            if h % 3:
                credit_line, credited = self._credit(story, farm, ("{outlet}",))
        elif farm == "mirror":
            title = alt
            if index % 2 == 0 and phase == 1:
                back_dated = True
                published = story.published - timedelta(days=1 + h % 4, hours=h % 9)
            mode = h % 3
            fix = [halfwidth, pangu_spaces, lambda t: pangu_spaces(halfwidth(t))][mode]
            title, paragraphs = fix(title), tuple(fix(p) for p in paragraphs)
        return Post(
            site=farm,
            key=story.id,
            num=0,
            story_id=story.id,
            on_topic=True,
            title=title,
            paragraphs=tuple(paragraphs),
            published=shown(published, farm, story.id),
            posted=posted,
            byline=story.byline,
            credit_line=credit_line,
            credited_outlet=credited,
            back_dated=back_dated,
            trimmed=trimmed,
            phase=phase,
            kind="copy",
            original_title=story.title,
            summary=story.summary,
        )

    def original(self, story: Story) -> Post:
        return Post(
            site=story.publisher,
            key=story.id,
            num=0,
            story_id=story.id,
            on_topic=True,
            title=story.title,
            paragraphs=story.paragraphs,
            published=shown(story.published, story.publisher, story.id),
            posted=story.published,
            byline=story.byline,
            credited_outlet=self.content.outlets[story.publisher].name,
            kind="original",
            original_title=story.title,
            summary=story.summary,
        )

    def offtopic(self, post: OffTopic, site: str) -> Post:
        title, paragraphs = post.title, post.paragraphs
        if site == "mirror":
            title, paragraphs = halfwidth(title), tuple(halfwidth(p) for p in paragraphs)
        return Post(
            site=site,
            key=post.id,
            num=0,
            story_id=None,
            on_topic=False,
            title=title,
            paragraphs=paragraphs,
            published=shown(post.published, site, post.id),
            posted=post.published,
            kind="offtopic",
            summary=post.paragraphs[0][:60],
        )

    # -- whole web ----------------------------------------------------------------------
    def offtopic_sites(self) -> dict[str, str]:
        """Off-topic id -> site: forum threads on the forum, the rest spread over farms."""
        cycles = {
            "farm-post": ("wpfarm", "splitfarm", "gbkportal", "aggregator", "mirror"),
            "near-miss-tech": ("aggregator", "mirror", "wpfarm", "forum", "gbkportal"),
            "near-miss-legal": ("gbkportal", "splitfarm", "forum", "aggregator", "wpfarm"),
            "forum-thread": ("forum",),
        }
        seen: dict[str, int] = defaultdict(int)
        out = {}
        for post in self.content.offtopic:
            cycle = cycles[post.kind]
            out[post.id] = cycle[seen[post.kind] % len(cycle)]
            seen[post.kind] += 1
        return out

    def posts(self) -> dict[str, list[Post]]:
        """Site -> every post it ever shows (phase 1 and 2), numbered, oldest first."""
        self._copy_index.clear()
        by_site: dict[str, list[Post]] = {site: [] for site in SITES}
        for story in self.content.stories:
            by_site[story.publisher].append(self.original(story))
            for farm in self.chosen[story.id]:
                by_site[farm].append(self.copy(story, farm, phase=1))
        where = self.offtopic_sites()
        for post in self.content.offtopic:
            by_site[where[post.id]].append(self.offtopic(post, where[post.id]))
        latest = max(p.posted for posts in by_site.values() for p in posts)
        for i, (story, farm) in enumerate(self.phase2):
            posted = latest + timedelta(days=9, hours=5 * i, minutes=17 * i)
            by_site[farm].append(self.copy(story, farm, phase=2, posted=posted))
        return {site: number(site, posts) for site, posts in by_site.items()}


def number(site: str, posts: list[Post]) -> list[Post]:
    """Give posts increasing, gappy ids; phase-2 posts come last so old ids never move."""
    ordered = sorted(posts, key=lambda p: (p.phase, p.posted, p.key))
    base = 1000 + stable_int("base", site) % 90000
    out = []
    for post in ordered:
        base += 3 + stable_int("gap", site, post.key) % 40
        out.append(replace(post, num=base))
    return out
