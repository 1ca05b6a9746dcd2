"""Unit tests of the dedupe stages: normalise, shingle, MinHash, LSH, verify, union-find."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from datasketch.lsh import _optimal_param

from dedupe.cluster import UnionFind, cluster, find_duplicates
from dedupe.config import DedupeConfig
from dedupe.lsh import band_keys, candidate_pairs, candidate_probability, optimal_bands
from dedupe.minhash import (
    MERSENNE_61,
    config_fingerprint,
    permutations,
    signature_from_bytes,
    signature_to_bytes,
    signatures,
)
from dedupe.normalise import normalise
from dedupe.records import DocRecord
from dedupe.shingle import doc_shingles, shingle_hashes
from dedupe.verify import intersection_size, joins, overlap

LEAD = (
    "南都记者8月23日从杭州市萧山区检察院获悉，近日，由杭州市萧山区人民检察院提起的"
    "“AI换脸”民事公益诉讼案获判。"
)


# -- normalise -------------------------------------------------------------------------


def test_normalise_ignores_punctuation_width_and_spacing() -> None:
    variants = [
        LEAD,
        LEAD.replace("。", ".").replace("，", ",").replace("“", '"').replace("”", '"'),
        " ".join(LEAD),
        "\u200b".join(LEAD) + "\u3000\n",
        LEAD.replace("“", "「").replace("”", "」"),
    ]
    assert len({normalise(v) for v in variants}) == 1
    assert normalise(LEAD).startswith("南都记者8月23日从杭州市")


def test_normalise_folds_full_width_and_case() -> None:
    assert normalise("ＡＩ换脸　２０２３年！") == "ai换脸2023年"
    assert normalise("Ⅻ ① ⽂") == "xii1文"  # compatibility forms that become letters survive


def test_normalise_matches_reference_definition() -> None:
    import re

    ref = re.compile(r"[\W_]+")
    rng = np.random.default_rng(3)
    cps = rng.integers(0x20, 0xD7FF, size=(300, 40))
    for row in cps:
        text = "".join(map(chr, row))
        expected = ref.sub("", unicodedata.normalize("NFKC", text).casefold())
        assert normalise(text) == expected


# -- shingles ----------------------------------------------------------------------------


def test_shingles_sorted_unique_uint64() -> None:
    sh = doc_shingles(LEAD * 3, 5)  # repeated text: shingles must be unique
    assert sh.dtype == np.uint64
    assert np.all(np.diff(sh.astype(np.float64)) > 0) or sh.size == 1
    assert sh.size == len(set(_python_shingles(normalise(LEAD * 3), 5)))


def _python_shingles(text: str, k: int) -> list[str]:
    return [text[i : i + k] for i in range(len(text) - k + 1)]


def test_shingles_invariant_to_repunctuation() -> None:
    copy = " ".join(LEAD.replace("，", ",").replace("。", "."))
    assert np.array_equal(doc_shingles(LEAD, 5), doc_shingles(copy, 5))


def test_short_and_empty_texts() -> None:
    assert shingle_hashes("", 5).size == 0
    assert shingle_hashes("换脸", 5).size == 1
    assert shingle_hashes("换脸", 5)[0] != shingle_hashes("换脸案", 5)[0]
    assert doc_shingles("。，！  ", 5).size == 0


# -- config ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("num_perm", 8, r"num_perm must be in \[16, 1024\]"),
        ("lsh_threshold", 1.5, r"lsh_threshold must be in \(0.0, 1.0\]"),
        ("jaccard_min", 0.0, r"jaccard_min must be in \(0.0, 1.0\]"),
        ("containment_min", -0.1, r"containment_min must be in"),
        ("shingle_size", 0, r"shingle_size must be in \[1, 32\]"),
        ("fp_weight", 0.9, r"fp_weight \+ fn_weight must be 1.0"),
        ("seed", -1, r"seed must be in"),
    ],
)
def test_config_rejects_out_of_range(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DedupeConfig(**{field: value})


def test_config_derives_bands() -> None:
    cfg = DedupeConfig(num_perm=128, lsh_threshold=0.5)
    assert (cfg.bands, cfg.rows) == (25, 5)
    assert cfg.bands * cfg.rows <= cfg.num_perm


# -- MinHash -----------------------------------------------------------------------------


def test_minhash_is_exact_universal_hash() -> None:
    """Each signature value equals min over x of (a*x + b) mod p computed with Python ints."""
    cfg = DedupeConfig(num_perm=16, seed=11)
    rng = np.random.default_rng(5)
    docs = [rng.integers(0, 2**64 - 1, size=n, dtype=np.uint64) for n in (1, 7, 300, 5000)]
    sigs = signatures(docs, cfg)
    a, b = permutations(cfg)
    for doc, sig in zip(docs, sigs, strict=True):
        xs = [int(x) % MERSENNE_61 for x in doc]
        for k in range(cfg.num_perm):
            ak, bk = int(a[k]), int(b[k])
            assert int(sig[k]) == min((ak * x + bk) % MERSENNE_61 for x in xs)


def test_minhash_deterministic_and_seeded() -> None:
    docs = [doc_shingles(LEAD, 5), doc_shingles(LEAD[:30], 5), np.empty(0, np.uint64)]
    s1 = signatures(docs, DedupeConfig(seed=1))
    s2 = signatures(docs, DedupeConfig(seed=1, workers=2, block_shingles=64))
    s3 = signatures(docs, DedupeConfig(seed=2))
    assert np.array_equal(s1, s2)
    assert not np.array_equal(s1[0], s3[0])
    assert np.all(s1[:2] < MERSENNE_61)
    assert np.all(s1[2] == np.iinfo(np.uint64).max)  # empty doc: sentinel row


def test_signature_bytes_roundtrip() -> None:
    cfg = DedupeConfig()
    sig = signatures([doc_shingles(LEAD, 5)], cfg)[0]
    raw = signature_to_bytes(sig)
    assert len(raw) == 8 * cfg.num_perm
    assert np.array_equal(signature_from_bytes(raw, cfg), sig)
    with pytest.raises(ValueError, match="must be 1024 long"):
        signature_from_bytes(raw[:-8], cfg)
    assert config_fingerprint(cfg) != config_fingerprint(DedupeConfig(seed=2))


# -- LSH ---------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [0.2, 0.25, 0.5, 0.8, 0.9])
@pytest.mark.parametrize("num_perm", [64, 128])
def test_optimal_bands_agrees_with_datasketch(threshold: float, num_perm: int) -> None:
    assert optimal_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_candidate_probability_is_an_s_curve() -> None:
    p = candidate_probability(np.array([0.05, 0.25, 0.6]), 42, 3)
    assert p[0] < 0.01 and 0.4 < p[1] < 0.6 and p[2] > 0.99


def test_band_keys_equal_iff_band_equal() -> None:
    cfg = DedupeConfig(num_perm=16, lsh_threshold=0.5)
    sig = np.arange(32, dtype=np.uint64).reshape(2, 16)
    sig[1, : cfg.rows] = sig[0, : cfg.rows]  # first band equal, the rest differ
    keys = band_keys(sig, cfg)
    assert keys.shape == (2, cfg.bands)
    assert keys[0, 0] == keys[1, 0]
    assert np.all(keys[0, 1:] != keys[1, 1:])


def test_candidate_pairs_small_and_big_buckets() -> None:
    keys = np.array([[5], [7], [5], [9], [5]], dtype=np.uint64)
    assert candidate_pairs(keys).tolist() == [[0, 2], [0, 4], [2, 4]]
    valid = np.array([True, True, False, True, True])
    assert candidate_pairs(keys, valid=valid).tolist() == [[0, 4]]
    # A bucket larger than max_bucket: chain + star keep it connected with O(n) pairs.
    big = np.zeros((10, 1), dtype=np.uint64)
    pairs = candidate_pairs(big, max_bucket=4)
    assert len(pairs) < 45
    uf = UnionFind(10)
    for i, j in pairs.tolist():
        uf.union(i, j)
    assert uf.groups() == [list(range(10))]


# -- verify and cluster ------------------------------------------------------------------


def test_overlap_matches_python_sets() -> None:
    rng = np.random.default_rng(9)
    for _ in range(50):
        a = np.unique(rng.integers(0, 400, size=rng.integers(0, 200)).astype(np.uint64))
        b = np.unique(rng.integers(0, 400, size=rng.integers(1, 200)).astype(np.uint64))
        inter = len(set(a.tolist()) & set(b.tolist()))
        assert intersection_size(a, b) == inter
        if a.size:
            j, c = overlap(a, b)
            assert j == pytest.approx(inter / len(set(a.tolist()) | set(b.tolist())))
            assert c == pytest.approx(inter / min(a.size, b.size))


def test_join_rule_needs_size_for_containment() -> None:
    cfg = DedupeConfig()
    assert joins(0.6, 0.6, 10, cfg)
    assert joins(0.3, 0.9, cfg.min_containment_shingles, cfg)
    assert not joins(0.3, 0.9, cfg.min_containment_shingles - 1, cfg)  # tiny snippet
    assert not joins(0.3, cfg.containment_min - 0.01, 5000, cfg)


def test_union_find_independent_of_edge_order() -> None:
    edges = [(4, 2), (7, 9), (2, 0), (9, 4), (5, 6)]
    results = []
    for order in (edges, edges[::-1]):
        uf = UnionFind(10)
        for a, b in order:
            uf.union(a, b)
        results.append(uf.groups())
    assert results[0] == results[1] == [[0, 2, 4, 7, 9], [1], [3], [5, 6], [8]]


def test_cluster_uses_ids_and_keeps_empty_docs_apart() -> None:
    docs = [
        DocRecord(id=30, text=LEAD * 4),
        DocRecord(id=10, text=" ".join(LEAD * 4)),
        DocRecord(id=20, text="！！！"),
        DocRecord(id=40, text="……"),
    ]
    assert cluster(docs, DedupeConfig()) == [[10, 30], [20], [40]]
    assert cluster([], DedupeConfig()) == []
    result = find_duplicates(docs, DedupeConfig())
    assert [(a, b) for a, b, _, _ in result.joined] == [(10, 30)]
    assert result.joined[0][2] == pytest.approx(1.0)  # same text once normalised
    assert result.stats["empty"] == 2
    with pytest.raises(ValueError, match="unique"):
        cluster([DocRecord(id=1, text="a"), DocRecord(id=1, text="b")], DedupeConfig())
    with pytest.raises(ValueError, match="signatures must have shape"):
        cluster(docs, DedupeConfig(), signatures=np.zeros((2, 128), np.uint64))
