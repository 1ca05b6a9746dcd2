"""Figures and miss details for the mini-web crawl, as one JSON-able dict.

``tests.e2e_helpers.score`` gives the headline numbers; this module adds what a developer
needs to fix a miss: for a missing article, whether the server ever saw the request and
what the ``pages`` table says about it; for a weak extraction, which lines were lost or
added; for leaked chrome, the exact furniture string from the template; for robots, the
offending requests.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from tests.bench.bench_extract import MARKERS, bigram_f1
from tests.e2e_helpers import CrawlScore, query
from tests.miniweb.robots import allowed, rules_for
from tests.miniweb.web import ARTICLE_KINDS, MiniWeb

PRODUCT = "reprints"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _context(text: str, needle: str, width: int = 30) -> str:
    i = text.find(needle)
    return text[max(0, i - width) : i + len(needle) + width].replace("\n", "⏎")


def score_dict(s: CrawlScore) -> dict:
    return {
        "found": round(s.found, 4),
        "mean_f1": round(s.mean_f1, 4),
        "with_chrome": round(s.with_chrome, 4),
        "titles_exact": round(s.titles_exact, 4),
        "offtopic_in_canonical": s.offtopic_in_canonical,
        "pairwise_f1": round(s.pairwise_f1, 4),
        "pairwise_precision": round(s.pairwise_precision, 4),
        "canonical_is_original": round(s.canonical_is_original, 4),
        "non_article_rows": s.non_article_rows,
    }


def unstored(db: str, truth, on_topic: bool) -> list[str]:
    stored = {u for (u,) in query(db, "SELECT url FROM articles")}
    return [a.url for a in truth.articles if a.on_topic == on_topic and a.url not in stored]


def missing_details(db: str, web: MiniWeb, truth, missing: list[str], requests) -> list[dict]:
    rows = query(db, "SELECT url, source, text FROM articles")
    pages = {r[0]: r[1:] for r in query(db, "SELECT url, status, outcome, error FROM pages")}
    asked = {(r.site, r.path.split("#")[0]) for r in requests}
    by_url = truth.by_url()
    out = []
    for url in missing:
        a = by_url[url]
        paths = {_path(u) for u in (url, *a.page_urls)}
        seen = sorted(
            p for s, p in asked if s == a.site and (p in paths or p.split("?")[0] in paths)
        )
        similar = [
            u for u, src, text in rows if src == a.site and bigram_f1(text or "", a.body) > 0.8
        ]
        out.append(
            {
                "url": url,
                "site": a.site,
                "kind": a.kind,
                "story": a.story_id,
                "title": a.title,
                "requested_paths": seen,
                "pages_row": pages.get(url),
                "stored_as": similar,
            }
        )
    return out


def extraction_details(db: str, truth, threshold: float = 0.97) -> list[dict]:
    rows = {r[0]: r[1:] for r in query(db, "SELECT url, title, text FROM articles")}
    out = []
    for a in truth.articles:
        if a.url not in rows:
            continue
        text = rows[a.url][1] or ""
        f1 = bigram_f1(text, a.body)
        if f1 >= threshold:
            continue
        lost = [p[:40] for p in a.body.split("\n") if p[:20] and p[:20] not in text]
        added = [x[:60] for x in text.split("\n") if x.strip() and x[:15] not in a.body]
        out.append(
            {"url": a.url, "site": a.site, "f1": round(f1, 4), "stored_chars": len(text),
             "true_chars": len(a.body), "lost_paragraphs": lost[:4], "added_lines": added[:6]}
        )  # fmt: skip
    return sorted(out, key=lambda d: d["f1"])


def chrome_details(db: str, web: MiniWeb, truth) -> dict:
    """Chrome leaks by the score's marker list and by the templates' own furniture."""
    rows = {r[0]: r[1] or "" for r in query(db, "SELECT url, text FROM articles")}
    snippets = web.chrome_snippets()
    matched = [a for a in truth.articles if a.url in rows]
    markers, known = [], []
    for a in matched:
        text = rows[a.url]
        for m in MARKERS:
            if m in text and m not in a.body:
                markers.append({"url": a.url, "marker": m, "context": _context(text, m)})
        for s in sorted(snippets.get(a.url, ())):
            if s in text and s not in a.body:
                known.append({"url": a.url, "site": a.site, "snippet": s})
    leaking = {d["url"] for d in known} | {d["url"] for d in markers}
    return {
        "share_known_furniture": round(len({d["url"] for d in known}) / max(1, len(matched)), 4),
        "share_any": round(len(leaking) / max(1, len(matched)), 4),
        "marker_leaks": markers,
        "furniture_leaks": known,
    }


def title_details(s: CrawlScore, truth) -> list[dict]:
    by_url = truth.by_url()
    return [
        {"url": u, "site": by_url[u].site, "stored": got, "truth": want}
        for u, got, want in s.wrong_titles
    ]


def cluster_details(db: str, truth) -> dict:
    rows = query(
        db,
        "SELECT url, cluster_id, is_canonical, source, role, published_at, on_topic, "
        "topic_reason FROM articles",
    )
    stored = {r[0]: r for r in rows}
    by_url = truth.by_url()
    stories: dict[str, set] = defaultdict(set)
    members: dict[int, set] = defaultdict(set)
    for a in truth.articles:
        if a.on_topic and a.url in stored:
            stories[a.story_id].add(stored[a.url][1])
            members[stored[a.url][1]].add(a.story_id)
    split = {k: sorted(v) for k, v in stories.items() if len(v) > 1}
    merged = {str(k): sorted(v) for k, v in members.items() if len(v) > 1}
    wrong_topic = [
        {"url": u, "truth_on_topic": by_url[u].on_topic, "stored_on_topic": r[6], "reason": r[7]}
        for u, r in stored.items()
        if u in by_url and bool(r[6]) != by_url[u].on_topic
    ]
    canon = []
    for a in truth.articles:
        if a.kind != "original" or a.url not in stored:
            continue
        cid = stored[a.url][1]
        chosen = [r for r in rows if r[1] == cid and r[2]]
        if [r[0] for r in chosen] != [a.url]:
            canon.append(
                {
                    "story": a.story_id,
                    "original": a.url,
                    "original_published": str(stored[a.url][5]),
                    "chosen": [(r[0], r[3], str(r[5])) for r in chosen],
                }
            )
    return {"stories_split": split, "clusters_merged": merged, "wrong_topic": wrong_topic,
            "wrong_canonical": canon}  # fmt: skip


def robots_details(web: MiniWeb, requests) -> dict:
    violations, delays = [], {}
    by_site: dict[str, list] = defaultdict(list)
    for r in requests:
        by_site[r.site].append(r)
    for site, reqs in by_site.items():
        rules = rules_for(web.site(site).robots(), PRODUCT)
        violations += [
            {"site": site, "path": r.path} for r in reqs if not allowed(rules, r.path.split("#")[0])
        ]
        if rules.crawl_delay:
            # Crawl-delay spaces requests as they are sent, so gaps are between arrivals; the
            # time a response finished also holds how long the server took over it
            times = sorted(r.started or r.time for r in reqs)
            gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
            fast = [g for g in gaps if g < rules.crawl_delay * 0.8]
            delays[site] = {
                "crawl_delay": rules.crawl_delay,
                "requests": len(reqs),
                "gaps_below_delay": len(fast),
                "min_gap": round(min(gaps), 3) if gaps else None,
            }
    return {"violations": violations, "crawl_delay": delays}


def trap_details(web: MiniWeb, requests) -> dict:
    out = {}
    for name in web.sites_names():
        site = web.site(name)
        prefixes = dict(site.trap_prefixes())
        if site.calendar_prefix():
            prefixes["calendar"] = site.calendar_prefix()
        for label, prefix in prefixes.items():
            out[f"{name} {label}"] = sum(
                1 for r in requests if r.site == name and r.path.startswith(prefix)
            )
    return out


def redownloads(web: MiniWeb, truth1, requests2, requests1=None) -> list[dict]:
    """Phase-2 requests answered 200 for article pages whose bytes did not change, and which
    the first crawl downloaded (``requests1``, when given): a page the first crawl never
    fetched is a first download, not a re-download."""
    first = web.builds(1)
    before = (
        None
        if requests1 is None
        else {(r.site, r.path.split("#")[0]) for r in requests1 if r.status == 200}
    )
    out = []
    for r in requests2:
        if r.status != 200:
            continue
        if before is not None and (r.site, r.path.split("#")[0]) not in before:
            continue
        path, _, q = r.path.split("#")[0].partition("?")
        found = web.lookup(r.site, path, q, phase=2).page
        if found is None or found.kind not in ARTICLE_KINDS:
            continue
        key = web.site(r.site, 2).route_key(path, q)
        old = first[r.site].pages.get(key)
        if old is not None and old.body == found.body:
            out.append({"site": r.site, "path": r.path, "conditional": r.conditional})
    return out


def request_summary(requests) -> dict:
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in requests:
        out[r.site][str(r.status)] += 1
    return {s: dict(v) for s, v in out.items()}


def non_article_details(db: str, truth) -> list[dict]:
    by_url = truth.by_url()
    rows = query(db, "SELECT url, source, title, text, on_topic FROM articles")
    return [
        {"url": u, "source": s, "title": t, "text": (x or "")[:80], "on_topic": o}
        for u, s, t, x, o in rows
        if u not in by_url
    ]


def _outside_gbk(text: str) -> set[str]:
    out = set()
    for ch in set(text):
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            out.add(ch)
    return out


def metadata_figures(db: str, truth) -> dict:
    """Informational (no target): dates, credited outlets, characters outside GBK."""
    rows = {
        r[0]: r[1:]
        for r in query(db, "SELECT url, published_at, credited_outlet, text FROM articles")
    }
    matched = [(a, rows[a.url]) for a in truth.articles if a.url in rows]
    day_ok = [a.url for a, r in matched if r[0] is not None and r[0].date() == a.published.date()]
    copies = [(a, r) for a, r in matched if a.kind == "copy"]
    credit_ok = [a.url for a, r in copies if (r[1] or None) == a.credited_outlet]
    rare = []
    for a, r in matched:
        for ch in sorted(_outside_gbk(a.body)):
            rare.append({"url": a.url, "char": ch, "kept": ch in (r[2] or "")})
    return {
        "published_day_exact": round(len(day_ok) / max(1, len(matched)), 4),
        "copies_credited_outlet_exact": round(len(credit_ok) / max(1, len(copies)), 4),
        "credit_misses": [
            {"url": a.url, "stored": r[1], "truth": a.credited_outlet}
            for a, r in copies
            if (r[1] or None) != a.credited_outlet
        ],
        "chars_outside_gbk": rare,
    }
