"""The web of one seed: which sites exist, what each carries, what appears in phase 2.

Publishers are the story world's outlets (each site *is* one outlet and carries its
originals); farms, one aggregator (comment-heavy) and one forum carry the copies, never two
copies of one story on one site.  Four copies appear only in phase 2, each reachable a
different way a re-crawl must handle: a changed list page, a list behind a page that answers
304, a site that sends no validators, and page 2+ of a paginated list (a back-dated copy).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from tests.genweb.records import Entry
from tests.genweb.rng import chance, sub
from tests.genweb.style import SiteStyle, draw_style
from tests.genweb.urls import Ident
from tests.storygen import Copy, Story, StoryWorld, generate
from tests.storygen.offtopic import offtopic_story

MIN_SITES, MAX_SITES = 8, 15
MIN_PUBLISHER_ENTRIES = 3
PAD_KINDS = ("far", "fraud", "tech")  # distinct kinds: two pads of one kind are near twins
ROUTES = ("changed_list", "behind_304", "no_validators", "paginated_list")
QUOTE_OWN = (
    "转自网络，大家怎么看？",
    "刚看到这个新闻，分享一下。",
    "楼主觉得判得好！",
    "这事儿大家有什么看法",
    "转一篇，提醒家里人注意。",
    "顶上去让更多人看到",
)


@dataclass
class SitePlan:
    name: str
    style: SiteStyle
    outlet: str | None
    entries: list[Entry] = field(default_factory=list)
    home: str = "latest"  # latest: newest items on the home page | portal: a fixed page


@dataclass
class WebPlan:
    seed: int
    world: StoryWorld
    sites: list[SitePlan]

    def site(self, name: str) -> SitePlan:
        return next(s for s in self.sites if s.name == name)


def _ident(site: str, n: int, day: datetime, style: SiteStyle, seed: int) -> Ident:
    chan = style.channels[n % len(style.channels)]
    return Ident.draw(100 + n * 7, day, chan, sub(seed, "ident", site, n))


def _original(plan: SitePlan, story: Story, n: int, seed: int) -> Entry:
    kind = "original" if story.on_topic else "offtopic"
    return Entry(
        site=plan.name,
        key=f"orig:{story.story_id}",
        story_id=story.story_id,
        family_id=story.family_id,
        on_topic=story.on_topic,
        kind=kind,
        title=story.title,
        body=story.paragraphs,
        shown=story.paragraphs,
        additions=(),
        published=story.published,
        back_dated=False,
        credited_outlet=None,
        byline=story.byline,
        ident=_ident(plan.name, n, story.published, plan.style, seed),
    )


def _copy(plan: SitePlan, story: Story, copy: Copy, n: int, seed: int) -> Entry:
    rng = sub(seed, "copy-entry", copy.copy_id)
    own: tuple[str, ...] = ()
    quoted = plan.style.kind == "forum" and chance(rng, 0.6)
    if plan.style.kind == "forum":
        own = tuple(rng.sample(QUOTE_OWN, rng.randint(1, 2)))
    return Entry(
        site=plan.name,
        key=f"copy:{copy.copy_id}",
        story_id=story.story_id,
        family_id=story.family_id,
        on_topic=story.on_topic,
        kind="copy" if story.on_topic else "offtopic",
        title=copy.title,
        body=copy.paragraphs,
        shown=copy.shown,
        additions=tuple(t for _, _, t in copy.additions) + own,
        published=copy.published,
        back_dated=copy.back_dated,
        credited_outlet=copy.credited_outlet,
        byline=None,
        ident=_ident(plan.name, n, copy.published, plan.style, seed),
        quoted=quoted,
        own_lines=own,
    )


def _roster(world: StoryWorld, seed: int) -> list[SitePlan]:
    rng = sub(seed, "roster")
    # every copy carrier (farm, aggregator, forum) should hold three copies or more, and a
    # web has 8-15 sites
    least = MIN_SITES - len(world.outlets)
    carriers = max(least, min(MAX_SITES - len(world.outlets), len(world.copies) // 3))
    total = len(world.outlets) + rng.randint(max(least, min(5, carriers)), carriers)
    kinds = ["publisher"] * len(world.outlets) + ["aggregator", "forum"]
    kinds += ["farm"] * (total - len(kinds))
    names = [f"site{k + 1:02d}" for k in range(len(kinds))]
    rng.shuffle(names)
    plans = []
    outlets = iter(world.outlets)
    for name, kind in zip(names, kinds, strict=True):
        style = draw_style(name, kind, sub(seed, "style", name))
        outlet = next(outlets) if kind == "publisher" else None
        if outlet:
            style = replace(style, label=outlet)
        plans.append(SitePlan(name, style, outlet))
    return sorted(plans, key=lambda p: p.name)


def _assign(plans: list[SitePlan], world: StoryWorld, seed: int) -> None:
    rng = sub(seed, "assign")
    pubs = {p.outlet: p for p in plans if p.outlet}
    carriers = [p for p in plans if not p.outlet]
    counters = {p.name: 0 for p in plans}

    def add(plan: SitePlan, entry_of) -> None:
        counters[plan.name] += 1
        plan.entries.append(entry_of(counters[plan.name]))

    for story in world.stories:
        plan = pubs.get(story.outlet)
        if plan is None:  # an off-topic story from elsewhere: the emptiest newsroom runs it
            least = min(counters[p.name] for p in pubs.values())
            plan = rng.choice([p for p in pubs.values() if counters[p.name] == least])
        add(plan, lambda n, p=plan, s=story: _original(p, s, n, seed))
    for plan in pubs.values():  # a newsroom site carries more than one or two reports
        for k, kind in enumerate(PAD_KINDS[: max(0, MIN_PUBLISHER_ENTRIES - counters[plan.name])]):
            when = min(s.published for s in world.stories) + timedelta(days=rng.randint(0, 200))
            pad = offtopic_story(f"pad-{plan.name}-{k}", kind, sub(seed, "pad", plan.name, k), when)
            add(plan, lambda n, p=plan, s=pad: _original(p, s, n, seed))
    for story in world.stories:
        used: set[str] = set()
        for copy in world.copies_of(story.story_id):
            free = [p for p in carriers if p.name not in used]
            if not free:
                break
            least = min(counters[p.name] for p in free)  # keep the sites balanced
            plan = rng.choice([p for p in free if counters[p.name] == least])
            used.add(plan.name)
            add(plan, lambda n, p=plan, s=story, c=copy: _copy(p, s, c, n, seed))


def _phase_two(plans: list[SitePlan], seed: int) -> None:
    """Move four on-topic copies to phase 2, one per route, and shape their sites for it."""
    rng = sub(seed, "phase2")
    carriers = [p for p in plans if not p.outlet and p.style.kind != "forum"]
    rng.shuffle(carriers)
    carriers.sort(key=lambda p: -len(p.entries))  # the paginated route needs the longest list
    order = ["paginated_list", *[r for r in ROUTES if r != "paginated_list"]]
    chosen: set[str] = set()
    for route, plan in zip(order, carriers, strict=False):
        cands = [e for e in plan.entries if e.kind == "copy" and e.key not in chosen]
        if not cands:
            continue
        entry = rng.choice(cands)
        chosen.add(entry.key)
        new = replace(entry, phase=2, route=route)
        if route == "no_validators":
            plan.style = replace(plan.style, validators=())
        elif route == "behind_304":
            plan.home = "portal"
            plan.style = replace(plan.style, validators=("etag", "last-modified"))
        elif route == "paginated_list":
            plan.style = replace(plan.style, list_size=3)
            older = sorted(e.published for e in plan.entries if e.phase == 1)
            if len(older) > 3:  # older than the first page of the list: a back-dated copy
                day = older[-4] - timedelta(hours=rng.randint(1, 20))
                new = replace(new, published=day, back_dated=True)
        plan.entries[plan.entries.index(entry)] = new


def _finish(plans: list[SitePlan], seed: int) -> None:
    """Pagination splits, robots-closed sections, one site with a Crawl-delay."""
    for plan in plans:
        rng = sub(seed, "finish", plan.name)
        if plan.style.kind != "forum" and plan.style.pager:
            plan.entries = [_split(e, rng) for e in plan.entries]
        if "/vip/" in plan.style.disallow:
            cands = [e for e in plan.entries if e.phase == 1]
            if len(cands) > 2:
                pick = rng.choice(cands)
                plan.entries[plan.entries.index(pick)] = replace(pick, section="vip")
        plan.entries.sort(key=lambda e: e.published)
    small = min(plans, key=lambda p: len(p.entries))
    # a Crawl-delay site without a session-id space: every request into one would wait the
    # delay, and the bench would measure the delay rather than the crawler
    traps = tuple(t for t in small.style.traps if t != "session")
    delay = round(sub(seed, "delay").uniform(0.2, 0.5), 1)
    small.style = replace(small.style, crawl_delay=delay, traps=traps)


def _split(entry: Entry, rng: random.Random) -> Entry:
    if len(entry.shown) < 5 or not chance(rng, 0.45):
        return entry
    pages = rng.randint(2, min(3, len(entry.shown) // 2))
    cuts = sorted(rng.sample(range(2, len(entry.shown) - 1), pages - 1))
    return replace(entry, splits=tuple(cuts))


def make_plan(seed: int) -> WebPlan:
    world = generate(seed)
    plans = _roster(world, seed)
    _assign(plans, world, seed)
    _phase_two(plans, seed)
    _finish(plans, seed)
    return WebPlan(seed, world, plans)
