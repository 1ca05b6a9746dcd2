"""Crawl a generated web as a user does (the CLI in a subprocess), twice, and score it.

Figures follow issue 12's table: reachable articles found, body bigram F1 with precision
and recall, articles with chrome left (the page's own chrome strings, which the truth
holds, and the usual markers), titles exact, off-topic rows in ``canonical_articles``, rows
that are not articles, re-crawl (unchanged article bodies downloaded again, duplicate rows,
new copies joined), robots.txt violations, requests into each endless space, pair
precision / recall / F1 of the clustering and the canonical choice.  ``explain`` adds the
per-miss details of ``tests.miniweb.report`` plus what kind of page each miss was.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.e2e_helpers import FAST, CrawlScore, query, reprints, score
from tests.genweb.records import GenTruth
from tests.genweb.web import GenWeb
from tests.miniweb import report as rep


def headline(s: CrawlScore, chrome_share: float) -> dict:
    return {
        "found": round(s.found, 4),
        "body_f1": round(s.mean_f1, 4),
        "body_precision": round(s.mean_precision, 4),
        "body_recall": round(s.mean_recall, 4),
        "with_chrome": round(max(chrome_share, s.with_chrome), 4),
        "titles_exact": round(s.titles_exact, 4),
        "offtopic_in_canonical": s.offtopic_in_canonical,
        "non_article_rows": s.non_article_rows,
        "pair_precision": round(s.pairwise_precision, 4),
        "pair_recall": round(s.pairwise_recall, 4),
        "pair_f1": round(s.pairwise_f1, 4),
        "canonical_is_original": round(s.canonical_is_original, 4),
    }


def found_all(db: str, truth: GenTruth) -> float:
    """Share of reachable articles stored, off-topic ones included (stored, marked off)."""
    stored = {u for (u,) in query(db, "SELECT url FROM articles")}
    return sum(a.url in stored for a in truth.articles) / max(1, len(truth.articles))


def trap_requests(truth: GenTruth, requests) -> dict[str, int]:
    out = {f"{t.site} {t.label}": 0 for t in truth.traps}
    for r in requests:
        for t in truth.traps:
            if t.matches(r.site, r.path.split("#")[0]):
                out[f"{t.site} {t.label}"] += 1
    return out


def new_copies(db: str, truth: GenTruth) -> list[dict]:
    stored = dict(query(db, "SELECT url, cluster_id FROM articles"))
    by_url = truth.by_url()
    out = []
    for url in truth.new_in_phase2:
        a = by_url.get(url)
        if a is None:
            continue
        siblings = {stored[x.url] for x in truth.copies_of(a.story_id) if x.url in stored}
        joined = url in stored and siblings == {stored[url]}
        out.append({"url": url, "route": a.route, "stored": url in stored, "joined": joined})
    return out


def describe(web: GenWeb, url: str) -> dict:
    """What kind of page an article is: the site's template choices and the entry's shape."""
    site = next(n for n in web.sites_names() if url.startswith(web.site(n).base_url + "/"))
    s = web.site(site)
    st = s.style
    entry = next((p.entry for p in s.placed.values() if s.canonical_url(p) == url), None)
    out = {
        "site_kind": st.kind,
        "scheme": st.scheme,
        "markup": st.body_markup,
        "charset": f"{st.charset}/{st.declare}",
        "naming": st.naming.habit,
        "comments": list(st.comments),
        "after_body": list(st.after_body),
    }
    if entry is not None:
        out |= {
            "pages": len(entry.splits) + 1,
            "pager": st.pager if entry.splits else "",
            "pager_bar": st.pager_bar,
            "quoted": entry.quoted,
            "route": entry.route,
            "additions": len(entry.additions),
        }
    return out


def _crawl(sources: Path, db: str, extra: list[str]) -> tuple[float, list[str]]:
    t0 = time.monotonic()
    proc = reprints("crawl", "--sources", str(sources), "--db", db, *FAST, *extra, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return time.monotonic() - t0, proc.stdout.splitlines()


def crawl_and_score(web: GenWeb, tmp: Path, extra: list[str], explain: bool) -> dict:
    """Both crawls of ``web`` (already started) into a fresh DB under ``tmp``; figures."""
    db = str(tmp / "crawl.duckdb")
    sources = tmp / "sources.toml"
    sources.write_text(web.sources_toml(), encoding="utf-8")
    web.set_phase(1)
    secs1, out1 = _crawl(sources, db, extra)
    truth1 = web.truth(1).reachable()
    requests1 = list(web.requests)
    s1 = score(db, truth1)
    chrome1 = rep.chrome_details(db, web, truth1)
    details1 = _details(db, web, truth1, s1, requests1, chrome1) if explain else {}
    web.set_phase(2)
    secs2, out2 = _crawl(sources, db, extra)
    truth2 = web.truth(2).reachable()
    requests2 = list(web.requests)[len(requests1) :]
    s2 = score(db, truth2)
    chrome2 = rep.chrome_details(db, web, truth2)
    robots = rep.robots_details(web, requests1 + requests2)
    traps = trap_requests(truth2, requests1 + requests2)
    copies = new_copies(db, truth2)
    result = {
        "web": {
            "sites": len(web.sites_names()),
            "articles": len(web.truth(1).articles),
            "reachable": len(truth1.articles),
            "new_in_phase2": len(truth2.new_in_phase2),
        },
        "phase1": headline(s1, chrome1["share_any"])
        | {"found_all": round(found_all(db, truth1), 4)},
        "final": headline(s2, chrome2["share_any"])
        | {"found_all": round(found_all(db, truth2), 4)},
        "recrawl": {
            "redownloaded_unchanged": len(rep.redownloads(web, truth1, requests2, requests1)),
            "duplicate_rows": query(db, "SELECT count(*) - count(DISTINCT url) FROM articles")[0][
                0
            ],
            "new_copies_joined": f"{sum(c['joined'] for c in copies)}/{len(copies)}",
        },
        "robots_violations": len(robots["violations"]),
        "crawl_delay_gaps_below": sum(
            d["gaps_below_delay"] for d in robots["crawl_delay"].values()
        ),
        "trap_requests_max": max(traps.values(), default=0),
        "trap_requests": traps,
        "seconds": {"crawl1": round(secs1, 1), "crawl2": round(secs2, 1)},
        "summary": {"crawl1": out1, "crawl2": out2},
    }
    if explain:
        result["explain"] = {
            "phase1": details1,
            "final": _details(db, web, truth2, s2, requests1 + requests2, chrome2),
            "new_copies": copies,
            "redownloaded": rep.redownloads(web, truth1, requests2, requests1)[:20],
            "robots": robots["violations"][:20],
            "crawl_delay": robots["crawl_delay"],
            "clusters": rep.cluster_details(db, truth2),
        }
    return result


def _details(db: str, web: GenWeb, truth: GenTruth, s: CrawlScore, requests, chrome) -> dict:
    missing = [
        a.url
        for a in truth.articles
        if a.url not in {u for (u,) in query(db, "SELECT url FROM articles")}
    ]
    miss = rep.missing_details(db, web, truth, missing, requests)
    for m in miss:
        m["page"] = describe(web, m["url"])
    weak = rep.extraction_details(db, truth)
    for w in weak:
        w["page"] = describe(web, w["url"])
    return {
        "missing": miss,
        "weak_extraction": weak,
        "chrome_left": chrome["furniture_leaks"][:40],
        "chrome_markers": chrome["marker_leaks"][:20],
        "wrong_titles": rep.title_details(s, truth),
        "non_article_rows": rep.non_article_details(db, truth),
    }
