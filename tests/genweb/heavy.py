"""The heavy web: ~1,852 distinct articles on portal-weight pages (~100 KB: a 300-link menu,
script and style blobs, a 40-entry comment section under every article) in six farm
templates, and the speed of the whole crawl beside ``trafilatura.extract`` alone over the
same bytes in one process, in the same run (``tests/bench/speed.py``: wall-clock, and what
the CPU seconds of each side imply on an idle machine, with the load average).
"""

from __future__ import annotations

import os
import sys
import tempfile
import urllib.request
from dataclasses import replace
from pathlib import Path

from tests.bench.bench_crawl import ROOT, crawl_settings
from tests.bench.speed import around_trafilatura, ratios, run_measured
from tests.e2e_helpers import bigram_prf, query
from tests.genweb.plan import SitePlan, WebPlan, _copy, _original
from tests.genweb.rng import sub
from tests.genweb.style import draw_style
from tests.genweb.web import GenWeb
from tests.storygen import generate

FARMS = 6
COMMENTS = 40
# a stored text made mostly of the page's comment lines is "a comment section"
COMMENT_SHARE = 0.5


def heavy_plan(seed: int, articles: int) -> WebPlan:
    """Six farm templates carrying ``articles`` distinct articles (stories and copies of
    as many story worlds as it takes), never two of one story on one farm."""
    plans = []
    for k in range(FARMS):
        name = f"heavy{k + 1}"
        style = draw_style(name, "farm", sub(seed, "heavy-style", k))
        markup = ("br_div", "br_td", "p", "fragments", "p_span", "br_div")[k]
        style = replace(
            style,
            body_markup=markup,
            menu_links=300,
            comments=(COMMENTS, COMMENTS),
            pager="",
            traps=(),
            disallow=(),
            crawl_delay=None,
            list_size=25,
            pager_bar=True,
            sitemap=False,
            feed=False,
            broken=0,
            after_body=tuple(b for b in style.after_body if b != "comments") + ("comments",),
        )
        plans.append(SitePlan(name, style, None))
    counters = [0] * FARMS
    world_no = 0
    world = None
    while sum(counters) < articles:
        world = generate(seed * 10_007 + world_no)
        world_no += 1
        for story in world.stories:
            texts = [(None, story), *((c, story) for c in world.copies_of(story.story_id))]
            for j, (copy, st) in enumerate(texts):
                if sum(counters) >= articles:
                    break
                k = (hash_of(st.story_id, world_no) + j) % FARMS
                plan = plans[k]
                counters[k] += 1
                n = counters[k]
                entry = (
                    _original(plan, st, n, seed) if copy is None else _copy(plan, st, copy, n, seed)
                )
                plan.entries.append(
                    replace(
                        entry, key=f"{entry.key}@{world_no}", story_id=f"{st.story_id}@{world_no}"
                    )
                )
    for plan in plans:
        plan.entries.sort(key=lambda e: e.published)
    return WebPlan(seed, world, plans)


def hash_of(story_id: str, world: int) -> int:
    return sub(story_id, world).randrange(FARMS)


def comment_sections(db: str, web: GenWeb) -> list[dict]:
    """Stored articles whose text is mostly the page's comment lines (not the article)."""
    truth = web.truth(1)
    chrome = web.chrome_snippets()
    rows = dict(query(db, "SELECT url, text FROM articles"))
    out = []
    for a in truth.articles:
        text = rows.get(a.url)
        if not text:
            continue
        lines = [x for x in text.split("\n") if x.strip()]
        comment = sum(
            1 for x in lines if any(x.strip() in s or s in x for s in chrome.get(a.url, ()))
        )
        if lines and comment / len(lines) > COMMENT_SHARE:
            out.append(
                {
                    "url": a.url,
                    "site": a.site,
                    "lines": len(lines),
                    "comment_lines": comment,
                    "f1": round(bigram_prf(text, a.body)[2], 3),
                }
            )
    return out


def missed(db: str, truth_articles: list, stored: set[str]) -> dict:
    """Per site: articles not stored, by what became of their page 1 (never fetched, or the
    outcome recorded for it: too_short, not_article:list …)."""
    outcome = {
        u: o or f"status:{st}" for u, o, st in query(db, "SELECT url, outcome, status FROM pages")
    }
    out: dict[str, dict[str, int]] = {}
    for a in truth_articles:
        if a.url in stored:
            continue
        why = outcome.get(a.page_urls[0]) or outcome.get(a.url) or "never_fetched"
        site = out.setdefault(a.site, {})
        site[why] = site.get(why, 0) + 1
    return out


def heavy_bench(seed: int, articles: int, extra: list[str]) -> dict:
    web = GenWeb(plan=heavy_plan(seed, articles), heavy=True)
    with web, tempfile.TemporaryDirectory(prefix="genweb-heavy-") as tmp:
        truth = web.truth(1)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        bodies = [opener.open(a.page_urls[0], timeout=30).read() for a in truth.articles]
        sources = Path(tmp) / "sources.toml"
        sources.write_text(web.sources_toml(), encoding="utf-8")
        db = str(Path(tmp) / "heavy.duckdb")
        cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources)]
        cmd += ["--db", db, *crawl_settings(), *extra]
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        baseline, (proc, measured) = around_trafilatura(
            bodies, lambda: run_measured(cmd, timeout=7200, cwd=ROOT, env=env)
        )
        if proc.returncode != 0:
            raise RuntimeError(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
        stored = {u for (u,) in query(db, "SELECT url FROM articles")}
        got = [a for a in truth.articles if a.url in stored]
        per_site = {n: sum(1 for a in got if a.site == n) for n in web.sites_names()}
        sizes = [len(b) for b in bodies]
        pages = query(db, "SELECT count(*) FROM pages WHERE status = 200")[0][0]
        wall = measured["seconds"]
        crawl = {
            **measured,
            "pages_fetched": pages,
            "articles_stored": len(got),
            "pages_per_s": round(pages / wall, 2),
            "articles_per_s": round(len(got) / wall, 2),
            "summary": proc.stdout.strip().splitlines(),
        }
        return {
            "mode": "heavy",
            "seed": seed,
            "machine": {"cpus": os.cpu_count()},
            "articles": len(truth.articles),
            "mean_page_kb": round(sum(sizes) / len(sizes) / 1024, 1),
            "articles_stored": len(got),
            "stored_per_site": per_site,
            "articles_per_site": {
                n: sum(1 for a in truth.articles if a.site == n) for n in web.sites_names()
            },
            "missed_per_site": missed(db, truth.articles, stored),
            "comment_sections_stored": comment_sections(db, web),
            "trafilatura_alone": baseline,
            "crawl": crawl,
            # truth articles stored per second over trafilatura's pages per second
            "crawl_vs_trafilatura_pages_per_s": ratios(baseline, crawl, len(got)),
        }
