"""Unit tests of the dedupe stages: normalise, shingle, MinHash, LSH, verify, union-find."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from datasketch.lsh import _optimal_param

from dedupe.cluster import cluster, connected_labels, find_duplicates
from dedupe.config import DedupeConfig
from dedupe.lsh import band_keys, candidate_pairs, candidate_probability, optimal_bands
from dedupe.minhash import (
    EMPTY_VALUE,
    config_fingerprint,
    permuted,
    signature_from_bytes,
    signature_to_bytes,
    signatures,
)
from dedupe.normalise import codepoints_of, normalise, normalise_batch
from dedupe.ragged import Ragged
from dedupe.records import DocRecord
from dedupe.shingle import doc_shingles, shingle_texts
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


def test_normalise_batch_equals_definition_on_tricky_text() -> None:
    """The one-table path must equal NFKC + casefold + filter, including characters whose
    result depends on their neighbours (combining marks, Hangul jamo) or that expand."""
    import re

    ref = re.compile(r"[\W_]+")
    alphabet = [
        *map(chr, range(0x20, 0x250)),
        *map(chr, range(0x300, 0x370)),  # combining marks
        *map(chr, range(0x1100, 0x1200)),  # Hangul jamo
        *map(chr, range(0x3000, 0x3100)),  # CJK punctuation, kana with dakuten
        *map(chr, range(0x4E00, 0x4E40)),
        *map(chr, range(0xFF00, 0xFFF0)),  # full-width forms
        *map(chr, range(0x2150, 0x2500)),  # Roman numerals, circled numbers, arrows
        *map(chr, range(0x3300, 0x3400)),  # squared units (㎡)
        "\u200b",
        "\ufeff",
        "\U0001f600",
        "\U00020000",
        "\ud800",
    ]
    rng = np.random.default_rng(3)
    texts = ["".join(rng.choice(alphabet, size=rng.integers(0, 14))) for _ in range(5000)]
    out = normalise_batch(codepoints_of(texts))
    for i, text in enumerate(texts):
        expected = ref.sub("", unicodedata.normalize("NFKC", text).casefold())
        assert out[i].astype("<u4").tobytes().decode("utf-32-le") == expected, repr(text)


def test_normalise_batch_with_expansions_and_no_contextual_character() -> None:
    """Blocks whose only non-trivial characters expand (the path that inserts spellings
    into the plain characters): at a document's first and last position, in empty and
    one-character documents, in runs, beside dropped punctuation."""
    pieces = ["", "㎡", "Ⅻ", "新", "，", "a", "①", "㍱", "½", " "]
    rng = np.random.default_rng(11)
    for _ in range(300):
        texts = ["".join(rng.choice(pieces, size=rng.integers(0, 6))) for _ in range(7)]
        out = normalise_batch(codepoints_of(texts))
        got = [out[i].astype("<u4").tobytes().decode("utf-32-le") for i in range(len(texts))]
        assert got == [normalise(t) for t in texts], texts


def test_ragged_take_gathers_items() -> None:
    r = Ragged.from_arrays([np.arange(3), np.arange(0), np.arange(5, 7)], np.int64)
    picked = r.take(np.array([2, 0, 1, 2]))
    assert [picked[i].tolist() for i in range(4)] == [[5, 6], [0, 1, 2], [], [5, 6]]


# -- shingles ----------------------------------------------------------------------------


def test_shingles_sorted_unique_uint32() -> None:
    sh = doc_shingles(LEAD * 3, 5)  # repeated text: shingles must be unique
    assert sh.dtype == np.uint32
    assert np.all(np.diff(sh.astype(np.float64)) > 0) or sh.size == 1
    assert sh.size == len(set(_python_shingles(normalise(LEAD * 3), 5)))


def _python_shingles(text: str, k: int) -> list[str]:
    return [text[i : i + k] for i in range(len(text) - k + 1)]


def test_shingles_invariant_to_repunctuation() -> None:
    copy = " ".join(LEAD.replace("，", ",").replace("。", "."))
    assert np.array_equal(doc_shingles(LEAD, 5), doc_shingles(copy, 5))


def test_short_and_empty_texts() -> None:
    assert doc_shingles("", 5).size == 0
    assert doc_shingles("换脸", 5).size == 1
    assert doc_shingles("换脸", 5)[0] != doc_shingles("换脸案", 5)[0]
    assert doc_shingles("。，！  ", 5).size == 0
    # In a block, short and empty documents keep their own places.
    raw = shingle_texts(["换脸", "", LEAD, "案"], 5)
    assert raw.lengths.tolist() == [1, 0, len(normalise(LEAD)) - 4, 1]
    assert sorted(set(raw[2].tolist())) == doc_shingles(LEAD, 5).tolist()
    assert raw[0][0] == doc_shingles("换脸", 5)[0]


# -- config ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("num_perm", 8, r"num_perm must be a power of two in \[16, 1024\]"),
        ("num_perm", 100, r"num_perm must be a power of two"),
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


def test_oph_signature_is_the_minimum_per_bin() -> None:
    """Each bin holds the minimum permuted hash falling into it (Python reference); empty
    bins of a non-empty document are filled from its own non-empty bins."""
    cfg = DedupeConfig(num_perm=16, seed=11)
    rng = np.random.default_rng(5)
    docs = [
        rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32) for n in (7, 300, 5000)
    ]
    sigs = signatures(docs, cfg)
    for doc, sig in zip(docs, sigs, strict=True):
        p = permuted(doc, cfg).tolist()
        bins: dict[int, int] = {}
        for v in p:
            b = v >> (32 - cfg.bin_bits)
            bins[b] = min(bins.get(b, 2**32), v)
        for b in range(cfg.num_perm):
            if b in bins:
                assert int(sig[b]) == bins[b]
            else:  # densified: a copy of some non-empty bin of the same document
                assert int(sig[b]) in bins.values()


def test_minhash_deterministic_and_seeded() -> None:
    docs = [doc_shingles(LEAD, 5), doc_shingles(LEAD[:30], 5), np.empty(0, np.uint32)]
    s1 = signatures(docs, DedupeConfig(seed=1))
    s2 = signatures([d.copy() for d in docs], DedupeConfig(seed=1))
    s3 = signatures(docs, DedupeConfig(seed=2))
    assert np.array_equal(s1, s2)
    assert not np.array_equal(s1[0], s3[0])
    assert np.all(s1[:2] != EMPTY_VALUE)  # short text: every bin densified
    assert np.all(s1[2] == EMPTY_VALUE)  # empty doc: sentinel row
    # Repeated shingles change nothing (raw hashes can be signed without building sets).
    assert np.array_equal(signatures([np.tile(docs[0], 3)], DedupeConfig())[0], s1[0])


def test_signature_bytes_roundtrip() -> None:
    cfg = DedupeConfig()
    sig = signatures([doc_shingles(LEAD, 5)], cfg)[0]
    raw = signature_to_bytes(sig)
    assert len(raw) == 4 * cfg.num_perm
    assert np.array_equal(signature_from_bytes(raw, cfg), sig)
    with pytest.raises(ValueError, match="must be 512 long"):
        signature_from_bytes(raw[:-4], cfg)
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
    sig = np.arange(32, dtype=np.uint32).reshape(2, 16)
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
    assert connected_labels(10, pairs).tolist() == [0] * 10


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


def test_connected_labels_independent_of_edge_order() -> None:
    edges = [(4, 2), (7, 9), (2, 0), (9, 4), (5, 6), (8, 8)]
    rng = np.random.default_rng(0)
    results = {
        tuple(connected_labels(10, np.array([edges[k] for k in rng.permutation(6)])).tolist())
        for _ in range(10)
    }
    assert results == {(0, 1, 0, 3, 0, 5, 5, 0, 8, 0)}
    # A long chain given in the worst order still ends with every node on the smallest.
    chain = np.stack([np.arange(1, 500), np.arange(499)], axis=1)[::-1]
    assert set(connected_labels(500, chain).tolist()) == {0}


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


def test_normalisation_table_cache_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dedupe import normalise as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    module.normalisation_table.cache_clear()
    try:
        built, built_exp = module.normalisation_table()
        assert module._cache_file().exists()
        module.normalisation_table.cache_clear()
        loaded, loaded_exp = module.normalisation_table()
        assert np.array_equal(built, loaded) and not loaded.flags.writeable
        assert np.array_equal(built_exp.values, loaded_exp.values)
        assert np.array_equal(built_exp.offsets, loaded_exp.offsets)
    finally:
        module.normalisation_table.cache_clear()
