"""The facts of one case: the values that differ between two cases written from one template.

A ``Case`` is drawn once; every report of it (its stages) reads the same facts, so two
stages of one case agree on names, places and amounts while two cases of one scheme do not.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tests.storygen import lexicon as lx

CRIMINAL_STAGES = ("police", "arrest", "prosecution", "first_trial", "appeal")
PUBLIC_INTEREST_STAGES = ("pil_filed", "pil_judgment")
CIVIL_STAGES = ("civil_filed", "civil_hearing", "civil_judgment")
KIND_STAGES = {
    "criminal": CRIMINAL_STAGES,
    "public_interest": PUBLIC_INTEREST_STAGES,
    "civil": CIVIL_STAGES,
}


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (三, 十二, 二十五): prison terms are written that way."""
    d = lx.CHINESE_DIGITS
    if n <= 10:
        return d[n]
    tens, ones = divmod(n, 10)
    return (d[tens] if tens > 1 else "") + "十" + (d[ones] if ones else "")


def prison_term(rng: random.Random) -> str:
    years, months = rng.randint(0, 6), rng.choice((0, 0, 3, 6, 8, 10))
    if years == 0:
        return f"有期徒刑{cn_number(max(months, 6))}个月"
    return f"有期徒刑{cn_number(years)}年" + (f"{cn_number(months)}个月" if months else "")


def _date(d: datetime) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _amount(rng: random.Random, low: float, high: float) -> str:
    value = rng.uniform(low, high)
    return f"{value:.1f}万元" if value < 100 else f"{int(value)}万元"


@dataclass
class Case:
    """One case's facts as template slots, plus the dates of its stages."""

    case_id: str
    kind: str  # criminal | public_interest | civil
    slots: dict[str, str]
    stage_dates: dict[str, datetime] = field(default_factory=dict)

    @property
    def stages(self) -> tuple[str, ...]:
        return KIND_STAGES[self.kind]


def _person(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(lx.SURNAMES) + rng.choice(("某", "某某", "某"))
        if name not in taken:
            taken.add(name)
            return name


def draw_case(case_id: str, kind: str, rng: random.Random, start: datetime) -> Case:
    """Facts of a new case; ``start`` is when its first report appears."""
    province, city, districts = rng.choice(lx.PLACES)
    district = rng.choice(districts)
    names: set[str] = set()
    began = start - timedelta(days=rng.randint(200, 700))
    slots = {
        "province": province,
        "city": city,
        "district": district,
        "short_city": city.removesuffix("市"),
        "court": f"{city}{district}人民法院",
        "mid_court": f"{city}中级人民法院",
        "inet_court": rng.choice(lx.INTERNET_COURTS),
        "procuratorate": f"{city}{district}人民检察院",
        "police": f"{city}公安局{district}分局",
        "name": _person(rng, names),
        "name2": _person(rng, names),
        "accomplices": str(rng.randint(2, 9)),
        "victims": rng.choice(lx.VICTIMS),
        "platform": rng.choice(lx.PLATFORMS),
        "app": rng.choice(lx.APPS),
        "tech": rng.choice(lx.TECH),
        "charge": rng.choice(lx.CHARGES),
        "term": prison_term(rng),
        "fine": _amount(rng, 0.5, 30),
        "gain": _amount(rng, 1, 80),
        "fraud": _amount(rng, 5, 600),
        "damages": _amount(rng, 0.5, 20),
        "solace": f"{rng.choice((3000, 5000, 8000, 10000, 20000))}元",
        "photos": str(rng.randint(3, 90) * 100),
        "videos": str(rng.randint(2, 60) * 10),
        "buyers": str(rng.randint(12, 900)),
        "group": str(rng.randint(3, 30) * 100),
        "plaintiff": rng.choice(lx.PLAINTIFFS),
        "company": rng.choice(lx.COMPANIES),
        "right": rng.choice(lx.CIVIL_RIGHTS),
        "began": f"{began.year}年{began.month}月",
        "victim_count": str(rng.randint(3, 60)),
    }
    case = Case(case_id, kind, slots)
    day = start
    for stage in case.stages:
        case.stage_dates[stage] = day.replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59))
        slots[f"{stage}_date"] = _date(day - timedelta(days=rng.randint(1, 6)))
        day += timedelta(days=rng.randint(25, 160))
    return case
