"""The frozen configuration shared by every dedupe stage.

One object, validated once, passed to each stage (datatrove's ``MinhashConfig`` habit), so a
signature computed today can be checked against the config that reads it tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dedupe.lsh import optimal_bands


def _check_range(name: str, value: float, low: float, high: float, *, open_low: bool) -> None:
    ok = (low < value if open_low else low <= value) and value <= high
    if not ok:
        bracket = "(" if open_low else "["
        raise ValueError(f"{name} must be in {bracket}{low}, {high}], got {value!r}")


@dataclass(frozen=True)
class DedupeConfig:
    """Parameters of the MinHash-LSH dedupe; ``bands``/``rows`` are derived, not set.

    The verification thresholds come from measurements on copies derived from real Chinese
    news text (tests/test_dedupe_quality.py prints them; figures below are over 10 corpus
    seeds, ~2,000 pairs per class, 5-character shingles):

    * a copy vs the text it copies (re-titled, re-punctuated, spaces inserted, up to 20 % of
      the text trimmed as lead/closing paragraphs, farm chrome appended): containment
      min 0.76, 1st percentile 0.85; Jaccard down to 0.21 when the chrome is heavy;
    * a follow-up story reusing 30-50 % of an earlier story's text (or a trimmed copy of
      such a follow-up) vs that story: containment 99th percentile 0.55, max 0.69; Jaccard
      max 0.38;
    * unrelated stories ending in the same three sentences of statute text: containment
      max 0.46, Jaccard max 0.23.

    So ``containment_min = 0.72`` sits in the gap between the worst copy (0.76) and the worst
    follow-up (0.69), ``jaccard_min = 0.5`` joins near-verbatim copies with a 0.12 margin
    over any follow-up, and containment is only trusted when the smaller document has at
    least ``min_containment_shingles`` shingles (a 40-character snippet is "contained" in
    every story that quotes it).  The LSH threshold sits far below ``jaccard_min`` on purpose:
    chrome-heavy copies join through containment at Jaccard 0.2-0.45, so banding must still
    propose them.  0.25 gives 42 bands x 3 rows (P(candidate) 0.68 at J=0.30, 0.84 at
    J=0.35, 0.005 at J=0.05); 0.35 lost 7 % pairwise recall on the synthetic corpus, 0.2
    gained 0.4 % for 13x the candidates on 5,000 documents.  On the 10,000-document bench
    corpus (``dedupe.corpus``) the same holds with OPH signatures: 42x3 recall 0.9997,
    32x4 (0.35) 0.9952, 25x5 (0.45) 0.973, for 1.7x fewer candidates at 0.35.

    ``num_perm`` is the number of one-permutation-hashing bins (``dedupe.minhash``), a
    power of two so a bin is the top ``bin_bits`` bits of a permuted hash.
    """

    num_perm: int = 128
    shingle_size: int = 5
    lsh_threshold: float = 0.25
    fp_weight: float = 0.5
    fn_weight: float = 0.5
    jaccard_min: float = 0.5
    containment_min: float = 0.72
    min_containment_shingles: int = 60
    seed: int = 1
    # Equal-key runs longer than this in one band emit a star plus a chain instead of all
    # pairs, so one template repeated 10,000 times cannot produce 50 million candidates.
    max_bucket_size: int = 64
    bands: int = field(init=False)
    rows: int = field(init=False)

    def __post_init__(self) -> None:
        if not 16 <= self.num_perm <= 1024 or self.num_perm & (self.num_perm - 1):
            raise ValueError(
                f"num_perm must be a power of two in [16, 1024], got {self.num_perm!r}"
            )
        if not 1 <= self.shingle_size <= 32:
            raise ValueError(f"shingle_size must be in [1, 32], got {self.shingle_size!r}")
        _check_range("lsh_threshold", self.lsh_threshold, 0.0, 1.0, open_low=True)
        _check_range("fp_weight", self.fp_weight, 0.0, 1.0, open_low=False)
        _check_range("fn_weight", self.fn_weight, 0.0, 1.0, open_low=False)
        if abs(self.fp_weight + self.fn_weight - 1.0) > 1e-9:
            raise ValueError(
                f"fp_weight + fn_weight must be 1.0, got {self.fp_weight + self.fn_weight!r}"
            )
        _check_range("jaccard_min", self.jaccard_min, 0.0, 1.0, open_low=True)
        _check_range("containment_min", self.containment_min, 0.0, 1.0, open_low=True)
        if self.min_containment_shingles < 1:
            raise ValueError(
                f"min_containment_shingles must be >= 1, got {self.min_containment_shingles!r}"
            )
        if not 0 <= self.seed < 2**63:
            raise ValueError(f"seed must be in [0, 2**63), got {self.seed!r}")
        if self.max_bucket_size < 2:
            raise ValueError(f"max_bucket_size must be >= 2, got {self.max_bucket_size!r}")
        bands, rows = optimal_bands(
            self.lsh_threshold, self.num_perm, self.fp_weight, self.fn_weight
        )
        object.__setattr__(self, "bands", bands)
        object.__setattr__(self, "rows", rows)

    @property
    def bin_bits(self) -> int:
        """log2(num_perm): the top bits of a permuted hash that choose its OPH bin."""
        return self.num_perm.bit_length() - 1


def config_for_threshold(threshold: float | None, base: DedupeConfig | None = None) -> DedupeConfig:
    """The config a user's ``--threshold`` asks for.

    ``threshold`` is the Jaccard similarity that joins two texts (``jaccard_min``).  A
    stricter threshold also raises the containment rule to at least the same value (a user
    asking for 0.9 does not want trimmed copies at containment 0.72 joined), and banding is
    never set above it, so pairs that similar are always proposed.  ``None`` keeps ``base``.
    """
    base = base or DedupeConfig()
    if threshold is None:
        return base
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    return replace(
        base,
        jaccard_min=threshold,
        containment_min=max(base.containment_min, threshold),
        lsh_threshold=min(base.lsh_threshold, threshold),
    )
