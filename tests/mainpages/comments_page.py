# ruff: noqa: E501  (markup templates and word pools: a page's shape reads best on one line)
"""Class 3: a heavy portal page whose article sits above a long comment section."""

from __future__ import annotations

import random

from tests.mainpages import GenPage, story_for
from tests.mainpages.bodies import headline, paragraphs_html
from tests.mainpages.comments import comment_section
from tests.mainpages.portal import page
from tests.mainpages.words import NEUTRAL_CLASSES

_SCHEMES = ("/{y}/{m:02d}/{d:02d}/{n}.html", "/a/{n}_{k}", "/doc-i{n}.shtml", "/{n}.html", "/p/{n}", "/news/t{y}{m:02d}{d:02d}_{n}.html")  # fmt: skip


def url(rng: random.Random) -> str:
    path = rng.choice(_SCHEMES).format(
        y=rng.randint(2019, 2024), m=rng.randint(1, 12), d=rng.randint(1, 28),
        n=rng.randint(10**5, 10**9), k=rng.randint(1, 999),
    )  # fmt: skip
    return f"https://www.site{rng.randint(1, 99)}.com.cn{path}"


def build(seed: int) -> GenPage:
    rng = random.Random(f"comments:{seed}")
    story = story_for(seed, rng)
    layout = rng.choice(("p", "br-div", "br-div", "br-td", "br-td", "font-br"))
    body = paragraphs_html(rng, list(story.paragraphs), layout)
    section, texts = comment_section(rng)
    top = headline(rng, story.title, story.outlet)
    where = rng.choice(("sibling", "after", "row"))
    col = rng.choice(NEUTRAL_CLASSES)
    if where == "sibling":
        main = f'<div class="{col}">{top}{body}{section}</div>'
    elif where == "after":
        main = f'<div class="{col}">{top}{body}</div><div class="{rng.choice(NEUTRAL_CLASSES)}">{section}</div>'
    else:
        main = f'<table width="100%"><tr><td>{top}</td></tr><tr><td>{body}</td></tr><tr><td>{section}</td></tr></table>'
    html = page(rng, story.title, story.outlet, main, heavy=True)
    return GenPage(
        "comments", seed, html, url(rng), story.title, "\n".join(story.paragraphs), texts,
        shape=f"{layout}/{where}/{len(texts)}",
    )  # fmt: skip
