"""Seeded generator of small webs: one newsroom, the farms that copy it, for the site template.

Why: some of a story's text looks like template on one site and can only be told apart by
looking at other sites.  A newsroom ends most of its reports with the same closing line
("目前，该案判决已发生法律效力。"), repeats a statute paragraph and a warning, and may open
every report with a date ("2025年4月3日，…"): on the newsroom's own pages the closing line sits
at the foot of most articles exactly as a slogan does.  Farms copy its stories into their own
templates, and copy them as farms do: the lead or the tail trimmed, re-punctuated to
half-width, split over two or three pages.  One farm copies mostly this newsroom (so the
closing line is at the foot of most of *its* pages too), the others copy a few of its
stories among stories from elsewhere.  Small sites (three to five articles) are common.

Every page says what it holds (tests/sitegen.py's ``SitePage``): the article's paragraphs,
the shared ones among them (statute, warning, closing line: content, to be kept), and the
template lines it carries (to be cut).  Page 2 and 3 of a split article are in ``more``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.sitegen import (
    Shape,
    draw_shape,
    lacking_lines,
    paragraph,
    render_page,
    sentence,
    title_line,
    with_template,
)

_FULL_TO_HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?"})


@dataclass(frozen=True)
class Habits:
    """What one newsroom repeats across its different stories, verbatim."""

    statutes: tuple[str, ...]  # in the middle of the body
    warning: str  # near the end
    closing: str  # the last paragraph
    dated_leads: bool  # every lead opens with a date

    @property
    def shared(self) -> frozenset[str]:
        return frozenset((*self.statutes, self.warning, self.closing))


@dataclass(frozen=True)
class Story:
    paragraphs: tuple[str, ...]


@dataclass
class WebPage:
    html: str
    more: list[str]  # pages 2, 3 ... of a split article
    paragraphs: list[str]
    shared: list[str]
    template: dict[str, str]  # kind -> the template line it carries (on page 1)


@dataclass
class Web:
    seed: int
    sites: dict[str, list[WebPage]] = field(default_factory=dict)


def draw_habits(rng: random.Random) -> Habits:
    return Habits(
        statutes=tuple(paragraph(rng) for _ in range(rng.randint(1, 2))),
        warning=paragraph(rng, (1, 2)),
        closing=sentence(rng, (4, 8)),
        dated_leads=rng.random() < 0.6,
    )


def _lead(habits: Habits, rng: random.Random) -> str:
    if not habits.dated_leads:
        return paragraph(rng, (1, 2))
    day = f"{rng.randint(2022, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    return f"{day}，{sentence(rng, (6, 12))}"


def report(habits: Habits, rng: random.Random) -> Story:
    """One report in the newsroom's habits (the shares follow tests/storygen/stories.py)."""
    paras = [_lead(habits, rng), *(paragraph(rng) for _ in range(rng.randint(3, 7)))]
    for statute in habits.statutes:
        if rng.random() < 0.85:
            paras.insert(rng.randint(2, len(paras) - 1), statute)
    if rng.random() < 0.7:
        paras.append(habits.warning)
    if rng.random() < 0.8:
        paras.append(habits.closing)
    return Story(tuple(paras))


def copy_of(story: Story, rng: random.Random) -> list[str]:
    """A farm's copy: lead or tail trimmed, re-punctuated, each now and then."""
    paras = list(story.paragraphs)
    if rng.random() < 0.3 and len(paras) > 4:
        del paras[: rng.randint(1, 2)]
    if rng.random() < 0.3 and len(paras) > 4:
        del paras[-rng.randint(1, 2) :]
    if rng.random() < 0.2:
        paras = [p.translate(_FULL_TO_HALF) for p in paras]
    return paras


def _pages(paras: list[str], split: float, rng: random.Random) -> list[list[str]]:
    """The article's paragraphs over one to three pages."""
    if len(paras) < 5 or rng.random() >= split:
        return [paras]
    count = rng.randint(2, 3)
    cuts = sorted(rng.sample(range(2, len(paras) - 1), count - 1))
    return [paras[a:b] for a, b in zip((0, *cuts), (*cuts, len(paras)), strict=True)]


def render_site(
    shape: Shape, articles: list[list[str]], shared: frozenset[str], rng: random.Random
) -> list[WebPage]:
    """The pages of one site holding ``articles`` (paragraph lists), split as the site does."""
    split = rng.choice((0.0, 0.0, 0.5, 0.8))
    lacking = lacking_lines(shape, len(articles), rng)
    out = []
    for number, paras in enumerate(articles):
        lacks = {kind for kind, numbers in lacking.items() if number in numbers}
        title = title_line(rng)
        htmls, kept = [], {}
        for page in _pages(paras, split, rng):
            lines, carried = with_template(shape, page, lacks, rng)
            kept = kept or carried
            htmls.append(render_page(shape, lines, title, rng))
        carried_shared = [p for p in paras if p in shared]
        out.append(WebPage(htmls[0], htmls[1:], paras, carried_shared, kept))
    return out


def make_web(seed: int) -> Web:
    """A newsroom of 3-12 reports, a farm that copies most of them, and 1-3 farms that copy a
    few of them among 3-8 stories from newsrooms not crawled."""
    rng = random.Random(seed)
    habits = draw_habits(rng)
    stories = [report(habits, rng) for _ in range(rng.randint(3, 12))]
    elsewhere = draw_habits(rng)
    texts = habits.shared | elsewhere.shared
    shared = texts | {p.translate(_FULL_TO_HALF) for p in texts}
    web = Web(seed)
    web.sites["news"] = render_site(
        draw_shape(rng), [list(s.paragraphs) for s in stories], shared, rng
    )
    devoted = [copy_of(s, rng) for s in stories if rng.random() < 0.9]
    devoted += [list(report(elsewhere, rng).paragraphs) for _ in range(rng.randint(0, 1))]
    web.sites["farm0"] = render_site(draw_shape(rng), devoted, shared, rng)
    for k in range(1, rng.randint(2, 4)):
        taken = rng.sample(stories, max(1, len(stories) // rng.randint(3, 5)))
        articles = [copy_of(s, rng) for s in taken]
        articles += [list(report(elsewhere, rng).paragraphs) for _ in range(rng.randint(3, 8))]
        rng.shuffle(articles)
        web.sites[f"farm{k}"] = render_site(draw_shape(rng), articles, shared, rng)
    return web
