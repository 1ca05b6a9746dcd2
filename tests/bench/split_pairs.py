"""Why a story was split (or two merged): dedupe's pair decision on the stored texts.

    python -m tests.bench.split_pairs --seeds 3,17 --keep /tmp/splits   # crawl, keep DBs
    python -m tests.bench.split_pairs --seeds 3 --keep /tmp/splits      # re-read a kept DB
    python -m tests.bench.split_pairs --seeds 4330058 --templates held-out  # real templates
    python -m tests.bench.split_pairs --storygen 1-40 [--harder]        # story worlds

Each genweb seed's web is crawled twice as ``bench_generalise`` does, into
``KEEP/SEED/crawl.duckdb`` (kept, so a rule change can be re-judged without a crawl); a
storygen world is clustered in process (``dedupe.cluster``).  For every story whose members
landed in more than one cluster, each member outside the cluster holding most of the story
is compared with that cluster's first members (its canonical first) by the judge
``dedupe.decide`` uses, printing the verdict, the shares each text holds of the other and
the evidence (numbers, entities, stage words) that made a pair a conflict; for every cluster
holding two stories, the cross-story pairs judged a copy.  For reading (it names the class
of a miss), not a figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from dedupe.align import align
from dedupe.compare import compare, profiles
from dedupe.decide import Judge
from dedupe.evidence import PROSE_MIN, facts_differ
from dedupe.prepared import SENTENCE_ENDS, kgram_hashes, prepare
from dedupe.records import DocRecord
from dedupe.verify import overlap

# Members of the main cluster each outsider is compared with (its canonical first).
COMPARED = 4


@dataclass
class Outcome:
    """Documents, the cluster each landed in, the canonicals and the true story of each."""

    name: str
    docs: dict[int, DocRecord]
    cluster: dict[int, object]
    canonical: set[int]
    story: dict[int, str]
    gated: dict[int, set[int]] | None = None  # each doc's neighbours past the shingle gate


def crawl_kept(seed: int, keep: Path, templates: str | None = None) -> Outcome:
    """``seed``'s web crawled (both phases) into a kept DB unless it is there already, with
    each on-topic article's story (``truth.json``: URLs carry the port of that serving).
    ``templates`` ("tuning" or "held-out") builds the web's sites from real pages
    (``tests.genweb.realpages.template_web``), kept under ``KEEP/GROUP-SEED``."""
    import duckdb

    from storage.story_store import read_rows
    from tests.genweb.score import crawl_and_score

    out = keep / (f"{templates}-{seed}" if templates else str(seed))
    db, kept = out / "crawl.duckdb", out / "truth.json"
    if not kept.exists():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        with _web(seed, templates) as web:
            result = crawl_and_score(web, out, [], False)
            truth = web.truth(2).reachable()
            stories = {a.url: a.story_id for a in truth.articles if a.on_topic}
        kept.write_text(json.dumps(stories), encoding="utf-8")
        print(f"seed {seed}: final {result['final']}", file=sys.stderr, flush=True)
    stories = json.loads(kept.read_text(encoding="utf-8"))
    con = duckdb.connect(str(db), read_only=True)
    rows = read_rows(con)
    canonical = {i for (i,) in con.execute("SELECT id FROM articles WHERE is_canonical").fetchall()}
    con.close()
    story = {r.id: stories[r.record.url] for r in rows if r.record.url in stories}
    docs = {r.id: r.record for r in rows}
    name = f"genweb {templates + ' ' if templates else ''}{seed}"
    return Outcome(name, docs, {r.id: r.cluster_id for r in rows}, canonical, story)


def _web(seed: int, templates: str | None):
    from tests.genweb.realpages import template_web
    from tests.genweb.web import GenWeb

    return template_web(seed, templates) if templates else GenWeb(seed)


def storygen_world(seed: int, harder: bool) -> Outcome:
    """``seed``'s story world clustered in process as ``reprints dedupe --input`` does."""
    from dedupe.cluster import find_duplicates
    from dedupe.config import DedupeConfig
    from tests.bench.story_bench import world_rows

    rows, truth = world_rows(seed, harder)
    docs = {
        k: DocRecord(k, r["text"], url=r["id"], role=r["role"],
                     published_at=datetime.fromisoformat(r["published_at"]),
                     credited_outlet=r["credited_outlet"])
        for k, r in enumerate(rows)
    }  # fmt: skip
    result = find_duplicates(list(docs.values()), DedupeConfig())
    cluster = {d: k for k, s in enumerate(result.components) for d in s}
    canonical = set(result.decision.canonical.values())
    story = {k: truth["gold"][r["id"]] for k, r in enumerate(rows)}
    gated: dict[int, set[int]] = defaultdict(set)
    for a, b, _, _ in result.joined:
        gated[a].add(b)
        gated[b].add(a)
    name = f"storygen {seed}{' harder' if harder else ''}"
    return Outcome(name, docs, cluster, canonical, story, gated)


def explain_pair(a: DocRecord, b: DocRecord, judge: Judge) -> str:
    """One line: the judge's verdict and the aligned comparison's evidence behind it."""
    j = judge(a.id, b.id)
    pa, pb = profiles(prepare([a.text, b.text]))
    full = compare(pa, pb)
    ev = facts_differ(align(pa.prepared, pb.prepared), pa, pb)
    return (
        f"    {a.id}({a.role[0]})~{b.id}({b.role[0]}) {j.verdict} "
        f"cover {j.covered(a.id < b.id):.2f}/{j.covered(b.id < a.id):.2f} jac {j.jaccard:.2f}"
        f" | aligned {full.verdict} {full.cover_a:.2f}/{full.cover_b:.2f} {ev}"
    )


def _prose_lines(text: str) -> str:
    """The lines of ``text`` that read as news prose: long enough and ending as a sentence
    (a comment thread's short lines and a related-stories list are left out)."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(s for s in lines if len(s) >= PROSE_MIN and s[-1] in SENTENCE_ENDS)


def gate_overlap(a: DocRecord, b: DocRecord) -> str:
    """Shingle containment of the pair as the gate measures it (whole texts) and over their
    prose lines only: a copy whose page left a comment thread or a related-stories list in
    its text fails the first and passes the second."""
    whole = [np.unique(g) for g in kgram_hashes([a.text, b.text])]
    prose = [np.unique(g) for g in kgram_hashes([_prose_lines(a.text), _prose_lines(b.text)])]
    return f"gate containment {overlap(*whole)[1]:.2f}, prose lines only {overlap(*prose)[1]:.2f}"


def report(o: Outcome) -> None:
    judge = Judge(o.docs, list(o.docs))
    by_story: dict[str, dict[object, list[int]]] = defaultdict(lambda: defaultdict(list))
    for d, sid in o.story.items():
        by_story[sid][o.cluster[d]].append(d)
    for sid, parts in sorted(by_story.items()):
        if len(parts) < 2:
            continue
        main = sorted(max(parts.values(), key=len), key=lambda d: d not in o.canonical)
        print(f"{o.name} story {sid} split into {sorted(map(len, parts.values()))}")
        for members in parts.values():
            if set(members) == set(main):
                continue
            for out in members:
                near = sorted((o.gated or {}).get(out, ()))
                print(f"  outside: {out} {o.docs[out].url} gated with {near}")
                for m in main[:COMPARED]:
                    print(explain_pair(o.docs[out], o.docs[m], judge))
                print(f"    vs {main[0]}: {gate_overlap(o.docs[out], o.docs[main[0]])}")
    by_cluster: dict[object, list[int]] = defaultdict(list)
    for d in o.story:
        by_cluster[o.cluster[d]].append(d)
    for cid, members in by_cluster.items():
        if len({o.story[d] for d in members}) < 2:
            continue
        print(f"{o.name} cluster {cid} holds stories {sorted({o.story[d] for d in members})}")
        for x in members:
            for y in members:
                if x < y and o.story[x] != o.story[y] and judge(x, y).verdict == "copy":
                    print(explain_pair(o.docs[x], o.docs[y], judge))


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", help="genweb seeds: 3,17 or 1-40")
    parser.add_argument("--keep", default="bench-out/splits", help="directory of the kept DBs")
    parser.add_argument("--storygen", help="storygen seeds instead: 3,17 or 1-40")
    parser.add_argument(
        "--templates", choices=("tuning", "held-out"), help="genweb: sites in real templates"
    )
    parser.add_argument("--harder", action="store_true", help="storygen: the harder worlds")
    args = parser.parse_args(argv)
    try:
        genweb = _seeds(args.seeds) if args.seeds else []
        worlds = _seeds(args.storygen) if args.storygen else []
    except ValueError:
        print("seeds: comma-separated integers or ranges such as 1-40", file=sys.stderr)
        return 2
    for seed in worlds:
        report(storygen_world(seed, args.harder))
    for seed in genweb:
        report(crawl_kept(seed, Path(args.keep), args.templates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
