"""On-topic stories: families of case reports that share paragraphs, facts or frames.

Three kinds of family, each a hard negative for dedupe and for template detection:

* ``stages`` — one case reported at 2–3 stages (拘留 → 起诉 → 一审 …) by one outlet: the same
  facts, the same background paragraph and quote, verbatim; different lead, details, dates.
* ``scheme`` — 2–4 different cases written from one newsroom's frame choices: every sentence
  frame the same, names, places, courts, amounts and dates different.
* ``single`` — one report of one case.

Every outlet also repeats explanatory paragraphs (a statute, a standard warning, a closing
line) across its different stories, in the middle of the body and at its end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from tests.storygen import frames as fr
from tests.storygen import lexicon as lx
from tests.storygen.facts import Case, draw_case


@dataclass(frozen=True)
class Story:
    """One original report as its newsroom published it."""

    story_id: str
    family_id: str
    kind: str  # stages | scheme | single | offtopic
    on_topic: bool
    title: str
    paragraphs: tuple[str, ...]
    published: datetime  # naive Beijing time
    outlet: str
    byline: str | None
    stage: str = ""
    shared: tuple[int, ...] = ()  # indexes of paragraphs other stories carry verbatim

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Habits:
    """What one newsroom repeats across its different stories, verbatim."""

    outlet: str
    statutes: tuple[str, ...]  # explanations it puts in the middle of its reports
    warning: str | None
    closing: str | None


def draw_habits(outlet: str, rng: random.Random) -> Habits:
    return Habits(
        outlet=outlet,
        statutes=tuple(rng.sample(lx.STATUTES, rng.randint(1, 2))),
        warning=rng.choice((*lx.WARNINGS, None)),
        closing=rng.choice((*lx.CLOSINGS, None)),
    )


@dataclass(frozen=True)
class Style:
    """One family's frame choices (which wording of each role) on its newsroom's habits."""

    habits: Habits
    picks: tuple[int, ...]  # an index into each frame tuple, cycled
    detail_count: int
    long_paragraphs: bool  # some newsrooms write two-sentence blocks of 150-200 characters

    @property
    def outlet(self) -> str:
        return self.habits.outlet


def draw_style(habits: Habits, rng: random.Random) -> Style:
    picks = tuple(rng.randrange(12) for _ in range(8))
    return Style(habits, picks, rng.randint(1, 2), rng.random() < 0.4)


def _pick(options: tuple[str, ...], style: Style, slot: int) -> str:
    return options[style.picks[slot % len(style.picks)] % len(options)]


def _fill(frame: str, case: Case, stage: str) -> str:
    slots = dict(case.slots)
    slots["role"] = fr.QUOTE_ROLE[stage]
    slots["term_short"] = slots["term"].removeprefix("有期徒刑")
    return frame.format(**slots)


def _byline(outlet: str, rng: random.Random) -> str | None:
    if rng.random() < 0.25:
        return None
    name = rng.choice(lx.SURNAMES) + rng.choice(lx.REPORTERS)
    return f"{outlet}记者 {name}" if rng.random() < 0.5 else f"记者 {name}"


def report(
    story_id: str,
    family_id: str,
    kind: str,
    case: Case,
    stage: str,
    style: Style,
    rng: random.Random,
) -> Story:
    """One report of ``case`` at ``stage`` in ``style``; shared paragraphs stay verbatim."""
    paras = [_fill(_pick(fr.LEAD[stage], style, 0), case, stage)]
    background = _fill(
        _pick(fr.BACKGROUND[case.kind], style, 1), case, stage
    )  # same for every stage
    details = fr.DETAIL[stage]
    middle = [background]
    for k in range(style.detail_count):
        middle.append(_fill(details[(style.picks[2] + k) % len(details)], case, stage))
    middle.append(_fill(_pick(fr.QUOTE, style, 3), case, stage))
    backgrounds = fr.BACKGROUND[case.kind]
    if style.picks[5] % 3 == 0:  # a newsroom that explains the scheme at more length
        second = backgrounds[(style.picks[1] + 1) % len(backgrounds)]
        middle.append(_fill(second, case, stage))
    rng.shuffle(middle)
    if style.long_paragraphs and len(middle) >= 2:
        middle[:2] = [middle[0] + middle[1]]
    paras += middle
    if len(paras) < 4:  # a short report still tells what the court or police found
        spare = [d for d in details if _fill(d, case, stage) not in paras]
        paras += [_fill(d, case, stage) for d in spare[: 4 - len(paras)]]
    habits = style.habits
    # the statute explanation sits in the middle of the body, the warning near the end
    for statute in habits.statutes:
        if rng.random() < 0.85:
            paras.insert(rng.randint(2, len(paras) - 1), statute)
    if habits.warning and rng.random() < 0.7:
        paras.append(habits.warning)
    if habits.closing and rng.random() < 0.8:
        paras.append(habits.closing)
    shared = [i for i, p in enumerate(paras) if p in _SHARED_TEXTS]
    title = _fill(_pick(fr.TITLE[stage], style, 4), case, stage)
    return Story(
        story_id=story_id,
        family_id=family_id,
        kind=kind,
        on_topic=True,
        title=title,
        paragraphs=tuple(paras),
        published=case.stage_dates[stage],
        outlet=style.outlet,
        byline=_byline(style.outlet, rng),
        stage=stage,
        shared=tuple(shared),
    )


_SHARED_TEXTS = frozenset((*lx.STATUTES, *lx.WARNINGS, *lx.CLOSINGS))


def _recapped(story: Story, earlier: Story) -> Story:
    """A later report that recaps the earlier one after its own lead, as newsrooms do
    ("此前，本报曾报道：" and the earlier lead, verbatim)."""
    recap = f"此前，{earlier.outlet}曾报道：{earlier.paragraphs[0]}"
    paras = (story.paragraphs[0], recap, *story.paragraphs[1:])
    shared = tuple(i + (i > 0) for i in story.shared)
    return replace(story, paragraphs=paras, shared=shared)


def family(
    family_id: str,
    kind: str,
    habits: Habits,
    rng: random.Random,
    start: datetime,
    recap: bool = False,
) -> list[Story]:
    """The stories of one family (see the module docstring for the kinds); with ``recap``
    each later stage of a case recaps the lead of the report before it."""
    style = draw_style(habits, rng)
    case_kind = rng.choice(("criminal", "criminal", "public_interest", "civil"))
    if kind == "stages":
        case = draw_case(f"{family_id}c1", case_kind, rng, start)
        stages = list(case.stages)
        first = rng.randrange(max(1, len(stages) - 1))
        chosen = stages[first : first + rng.randint(2, 3)]
        if len(chosen) < 2:
            chosen = stages[:2]
        reports = [
            report(f"{family_id}-{k}", family_id, kind, case, stage, style, rng)
            for k, stage in enumerate(chosen)
        ]
        if recap:
            pairs = zip(reports, reports[1:], strict=False)
            reports = [reports[0]] + [_recapped(later, before) for before, later in pairs]
        return reports
    if kind == "scheme":
        stage = rng.choice(draw_case("probe", case_kind, random.Random(0), start).stages)
        out = []
        for k in range(rng.randint(2, 4)):
            when = start + timedelta(days=rng.randint(0, 300))
            case = draw_case(f"{family_id}c{k}", case_kind, rng, when)
            out.append(report(f"{family_id}-{k}", family_id, kind, case, stage, style, rng))
        return out
    case = draw_case(f"{family_id}c1", case_kind, rng, start)
    stage = rng.choice(case.stages)
    return [report(f"{family_id}-0", family_id, "single", case, stage, style, rng)]
