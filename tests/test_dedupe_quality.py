"""Quality gates for dedupe on copies derived from real Chinese news text.

Base stories come from the reference texts of /work/shared/corpora (magic-html, the
hand-copied CleanEval-era set, newspaper4k) and the real farm reprint in
/work/shared/seeds; copies and hard negatives are derived from them by
``dedupe.synthetic`` with a fixed seed.  Run with ``-s`` to see the measured figures.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from dedupe.cluster import cluster, find_duplicates
from dedupe.config import DedupeConfig
from dedupe.jsonl import run_jsonl
from dedupe.metrics import pairwise_scores
from dedupe.minhash import signature_from_bytes, signature_to_bytes, signatures, signatures_batch
from dedupe.records import DocRecord
from dedupe.shingle import doc_shingles, shingle_all, shingle_texts
from dedupe.synthetic import (
    SyntheticDoc,
    chrome,
    follow_up,
    make_corpus,
    paragraphs,
    sentences,
    with_boilerplate,
)
from dedupe.verify import joins, overlap

CORPORA = Path("/work/shared/corpora")
SEED_PAGE = Path("/work/shared/seeds/content-farm-reprint.txt")
# Three sentences of real statute text (民法典 第1019条, 个人信息保护法 第10条), the kind of
# legal boilerplate unrelated AI face-swap stories all quote.
BOILERPLATE = (
    "根据《中华人民共和国民法典》第一千零一十九条规定，任何组织或者个人不得以丑化、污损，"
    "或者利用信息技术手段伪造等方式侵害他人的肖像权。",
    "未经肖像权人同意，不得制作、使用、公开肖像权人的肖像，但是法律另有规定的除外。",
    "《中华人民共和国个人信息保护法》第十条规定，任何组织、个人不得非法收集、使用、加工、传输他人"
    "个人信息，不得非法买卖、提供或者公开他人个人信息。",
)
_HAN = re.compile(r"[\u4e00-\u9fff]")

pytestmark = pytest.mark.skipif(not CORPORA.exists(), reason="shared corpora not available")


def _clip(text: str, limit: int = 3000) -> str:
    """Whole paragraphs up to about ``limit`` characters (news-article length)."""
    out, total = [], 0
    for para in paragraphs(text):
        if total >= limit:
            break
        out.append(para)
        total += len(para)
    return "\n".join(out)


def _raw_texts() -> list[str]:
    texts = []
    for line in (CORPORA / "magichtml-zh/ground_truth.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        if row.get("subset") == "article":
            texts.append(row["content"])
    for folder in ("zh-webcontent-handcrafted/cleaned", "newspaper4k-zh"):
        texts += [p.read_text("utf-8") for p in sorted((CORPORA / folder).glob("*.txt"))]
    if SEED_PAGE.exists():
        texts.append(SEED_PAGE.read_text("utf-8").split("版权声明")[0])
    return texts


@pytest.fixture(scope="module")
def bases() -> list[str]:
    """Distinct real articles (>= 300 Han characters, clipped, no two overlapping)."""
    kept: list[str] = []
    kept_sh: list[np.ndarray] = []
    for text in _raw_texts():
        if len(_HAN.findall(text)) < 300:
            continue
        text = _clip(text)
        sh = doc_shingles(text, 5)
        if all(overlap(sh, other)[1] < 0.1 for other in kept_sh):
            kept.append(text)
            kept_sh.append(sh)
    assert len(kept) >= 90
    return kept


@pytest.fixture(scope="module")
def stories(bases: list[str]) -> list[str]:
    return [t for i, t in enumerate(bases) if i % 3 != 2]


@pytest.fixture(scope="module")
def donors(bases: list[str]) -> list[str]:
    return [t for i, t in enumerate(bases) if i % 3 == 2]


@pytest.fixture(scope="module")
def corpus(stories: list[str], donors: list[str]) -> list[SyntheticDoc]:
    return make_corpus(stories, donors, BOILERPLATE, seed=7)


def _records(docs: list[SyntheticDoc]) -> list[DocRecord]:
    return [DocRecord(id=i, text=d.text) for i, d in enumerate(docs)]


# -- MinHash estimates -------------------------------------------------------------------


def test_minhash_estimate_is_unbiased(stories: list[str]) -> None:
    """Estimated vs exact Jaccard over >1,000 pairs spanning J = 0.05..0.95."""
    rng = random.Random(11)
    cfg = DedupeConfig()
    left, right = [], []
    for story in stories:
        sents = sentences(story)
        for _ in range(16):
            keep = rng.uniform(0.05, 0.95)
            variant = "".join(s for s in sents if rng.random() < keep) or sents[0]
            left.append(story)
            right.append(variant)
    sh_l, sh_r = shingle_all(left, cfg.shingle_size), shingle_all(right, cfg.shingle_size)
    sig_l, sig_r = signatures(sh_l, cfg), signatures(sh_r, cfg)
    exact = np.array([overlap(a, b)[0] for a, b in zip(sh_l, sh_r, strict=True)])
    estimate = np.mean(sig_l == sig_r, axis=1)
    err = estimate - exact
    bias, mean_abs = float(err.mean()), float(np.abs(err).mean())
    expected_sd = float(np.sqrt(exact * (1 - exact) / cfg.num_perm).mean())
    print(
        f"\nminhash: {len(err)} pairs, bias {bias:+.4f}, mean |err| {mean_abs:.4f} "
        f"(binomial expectation ~{expected_sd * 0.8:.4f})"
    )
    assert len(err) > 1000
    assert abs(bias) < 0.005
    # Per-pair error must look binomial: a broken hash family inflates or skews it.
    assert mean_abs < 1.2 * 0.8 * expected_sd


# -- thresholds: copies vs hard negatives ------------------------------------------------


def _pair_classes(docs: list[SyntheticDoc]) -> dict[str, list[tuple[int, int]]]:
    """Gold pairs by class: a copy vs the text it copies; a follow-up (or a copy of one) vs
    the story it follows; documents of two different boilerplate-tagged stories."""
    classes: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_story: dict[int, list[int]] = defaultdict(list)
    parent: dict[int, int] = {}
    current = -1
    for i, d in enumerate(docs):
        by_story[d.story].append(i)
        if d.kind.startswith("original"):
            current = d.story
        elif d.kind == "follow-up":
            parent[d.story] = current
    for members in by_story.values():
        head = members[0]
        classes["copy"] += [(head, m) for m in members[1:]]
    for later, earlier in parent.items():
        classes["follow-up"] += list(itertools.product(by_story[later], by_story[earlier]))
    tagged = sorted({d.story for d in docs if "boilerplate" in d.kind})
    for s1, s2 in itertools.combinations(tagged, 2):
        classes["boilerplate"] += list(itertools.product(by_story[s1], by_story[s2]))
    return classes


def test_join_rule_separates_copies_from_hard_negatives(corpus: list[SyntheticDoc]) -> None:
    cfg = DedupeConfig()
    sh = shingle_all((d.text for d in corpus), cfg.shingle_size)
    report = []
    for name, pairs in _pair_classes(corpus).items():
        measures = np.array([overlap(sh[a], sh[b]) for a, b in pairs])
        smaller = [min(sh[a].size, sh[b].size) for a, b in pairs]
        joined = [joins(j, c, n, cfg) for (j, c), n in zip(measures, smaller, strict=True)]
        q = np.quantile(measures, [0.0, 0.5, 1.0], axis=0)
        report.append(
            f"{name}: n={len(pairs)} J min/med/max {q[0, 0]:.2f}/{q[1, 0]:.2f}/"
            f"{q[2, 0]:.2f} C {q[0, 1]:.2f}/{q[1, 1]:.2f}/{q[2, 1]:.2f}"
        )
        expected = name == "copy"
        wrong = [pairs[k] for k, ok in enumerate(joined) if ok != expected]
        assert not wrong, f"{name}: {len(wrong)} pairs on the wrong side, e.g. {wrong[:3]}"
    print("\n" + "\n".join(report))


def test_real_farm_reprint_and_hard_negatives(stories: list[str], donors: list[str]) -> None:
    """The real farm page (article + 版权声明 + 相关推荐) joins the publisher's text; a
    follow-up reusing 40 % of it and two stories sharing statute text stay apart."""
    if not SEED_PAGE.exists():
        pytest.skip("seed page not available")
    farm_page = SEED_PAGE.read_text("utf-8")
    article = farm_page.split("版权声明")[0].split("\n", 1)[1].strip()
    rng = random.Random(5)
    later = follow_up(article, rng, donors[:6], 0.4)
    docs = [
        DocRecord(1, article, role="publisher"),
        DocRecord(2, farm_page),
        DocRecord(3, later),
        DocRecord(4, with_boilerplate(stories[0], BOILERPLATE)),
        DocRecord(5, with_boilerplate(stories[1], BOILERPLATE)),
        DocRecord(6, "\n".join(paragraphs(farm_page)[1:]) + "\n" + chrome(rng, donors)),
    ]
    assert cluster(docs, DedupeConfig()) == [[1, 2, 6], [3], [4], [5]]


# -- end to end --------------------------------------------------------------------------


def test_pairwise_quality_on_synthetic_corpus(corpus: list[SyntheticDoc]) -> None:
    gold = {i: d.story for i, d in enumerate(corpus)}
    result = find_duplicates(_records(corpus), DedupeConfig())
    scores = pairwise_scores(result.components, gold)
    print(
        f"\ncorpus: {len(corpus)} docs, {len(set(gold.values()))} stories; "
        f"P {scores.precision:.4f} R {scores.recall:.4f} F1 {scores.f1:.4f}; {result.stats}"
    )
    assert len(corpus) >= 250
    assert scores.precision >= 0.98 and scores.recall >= 0.98 and scores.f1 >= 0.98


def test_same_input_same_signatures_and_clusters(corpus: list[SyntheticDoc]) -> None:
    cfg = DedupeConfig()
    records = _records(corpus)
    sh = shingle_all((r.text for r in records), cfg.shingle_size)
    raw = shingle_texts([r.text for r in records], cfg.shingle_size)
    assert np.array_equal(signatures(sh, cfg), signatures_batch(raw, cfg))  # sets or raw
    first = cluster(records, cfg)
    shuffled = records[:]
    random.Random(1).shuffle(shuffled)
    assert cluster(shuffled, cfg) == first == cluster(records, cfg)
    # The storage flow: signatures persisted as bytes, read back, clustered without re-signing.
    stored = [signature_to_bytes(row) for row in signatures(sh, cfg)]
    restored = np.stack([signature_from_bytes(b, cfg) for b in stored])
    assert cluster(records, cfg, signatures=restored) == first


def test_jsonl_run_matches_in_memory_clusters(corpus: list[SyntheticDoc], tmp_path: Path) -> None:
    """The streamed two-process path and the in-memory path give the same components."""
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": i, "text": d.text}, ensure_ascii=False) + "\n"
            for i, d in enumerate(corpus)
        ),
        "utf-8",
    )
    out = tmp_path / "out.jsonl"
    run_jsonl(str(src), str(out), None, workers=2, block_bytes=64 << 10)
    groups: dict[int, list[int]] = defaultdict(list)
    for line in out.read_text("utf-8").splitlines():
        row = json.loads(line)
        groups[row["cluster_id"]].append(row["id"])
    assert sorted(sorted(g) for g in groups.values()) == cluster(_records(corpus), DedupeConfig())


def test_throughput_floor(corpus: list[SyntheticDoc], bases: list[str]) -> None:
    """1,000 docs of ~1,500 chars (copies plus sentence-mixed fillers) cluster in seconds."""
    rng = random.Random(2)
    pool = [s for text in bases for s in sentences(text)]
    texts = [d.text for d in corpus]
    while len(texts) < 1000:
        filler: list[str] = []
        while sum(map(len, filler)) < 1500:
            filler.append(rng.choice(pool))
        texts.append("".join(filler))
    records = [DocRecord(i, t) for i, t in enumerate(texts)]
    start = time.perf_counter()
    cluster(records, DedupeConfig())
    rate = len(records) / (time.perf_counter() - start)
    print(f"\nthroughput: {rate:.0f} docs/s on {len(records)} docs")
    # ~12,000/s measured on 1 core before the second stage; with it (a third of these
    # documents are copies, each aligned with its story) 2,050-2,100/s at load average 13 on
    # the shared 2-core machine.  The floor leaves room for a busier one.
    assert rate > 800
