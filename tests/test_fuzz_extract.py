"""Fuzzing (hypothesis) of the steps every fetched byte goes through: decode, extract,
normalise, shingle.  A hostile page must never take a step down, and what comes out must
have the types and invariants the next step relies on.

``extract_page`` swallows exceptions at its boundary (returns ``not_article:error``), so
"never raises" alone would prove nothing: the tests also require that this safety net
was never needed.  Examples are derandomised so a failure reproduces on every run.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedupe.normalise import normalise
from dedupe.shingle import doc_shingles
from pipelines.article import Extracted
from pipelines.extract import extract_page
from pipelines.extract.decode import decode_html
from tests.hostile.content import GOOD_STORIES


def fuzz(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


_WS = re.compile(r"\s+")
PROSE = "".join(p for s in GOOD_STORIES for p in s.paragraphs)

# -- random HTML ------------------------------------------------------------------------------
TAGS = (
    "html head body title meta div p a span h1 h2 article section table tr td li ul br "
    "script style iframe svg noscript template textarea pre form img font center"
).split()
ATTRS = "href class id charset content http-equiv rel style src name property datetime".split()
NASTY_TEXT = st.sampled_from(
    [
        "\x00",
        "&#xD800;",
        "&#0;",
        "&#x110000;",
        "&nbsp;",
        "&amp;",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE html>",
        "<?xml version='1.0' encoding='gbk'?>",
        "\ufeff",
        "\u200b",
        "\r\n",
        "</",
        "<",
        ">",
        '"',
    ]
)
PROSE_SLICE = st.integers(0, len(PROSE) - 1).flatmap(
    lambda i: st.integers(1, 400).map(lambda n: PROSE[i : i + n])
)
TEXT = st.one_of(PROSE_SLICE, st.text(max_size=60), NASTY_TEXT)
ATTR_VALUE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["javascript:void(0)", "mailto:a@b", "http://[::1", "gbk", "utf-8", "x"]),
    st.integers(1, 20_000).map(lambda n: "x" * n),  # huge attributes
)


@st.composite
def elements(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), ATTR_VALUE), max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    head = "".join(f" {k}={quote}{v}{quote}" for k, v in attrs)
    children = []
    if depth < 4:
        children = draw(
            st.lists(st.one_of(TEXT, elements(depth=depth + 1)), max_size=6 if depth else 10)
        )
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>"]))  # often broken
    return f"<{tag}{head}>{''.join(children)}{close}"


ENCODINGS = st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "latin-1", "utf-8-sig"])
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "text/html",
        "text/html; charset=utf-8",
        "text/html; charset=gbk",
        "text/html; charset=x-no-such",
        "text/html; charset=",
        "application/octet-stream",
        "text/html; charset=utf-16",
        "text/html; charset=\x00\xff",
    ]
)


def encode(html: str, encoding: str) -> bytes:
    return html.encode(encoding, errors="replace")


def check_extracted(out: Extracted, min_chars: int) -> None:
    assert isinstance(out, Extracted)
    assert out.reason != "not_article:error", "extraction raised inside (see the log)"
    assert isinstance(out.is_article, bool)
    assert isinstance(out.text, str) and isinstance(out.title, str)
    assert out.reason is None or isinstance(out.reason, str)
    assert out.canonical_url is None or isinstance(out.canonical_url, str)
    for value in (out.text, out.title, out.byline or "", out.credited_outlet or ""):
        assert "\x00" not in value  # DuckDB strings and the dedupe steps never see NUL
    if out.is_article:
        assert out.reason is None
        assert len(_WS.sub("", out.text)) >= min_chars
    else:
        assert out.reason


PREFIXES = st.sampled_from(
    [b"", b"<html><body><p>", b"<meta charset=gbk><p>", b"\xef\xbb\xbf<html>", b"%PDF-1.4\n"]
)


@fuzz(60)
@given(
    st.lists(st.tuples(PREFIXES, st.binary(max_size=20_000)), min_size=1, max_size=3), CONTENT_TYPES
)
def test_extract_random_bytes(parts: list[tuple[bytes, bytes]], content_type: str | None):
    bodies = [prefix + tail for prefix, tail in parts]
    check_extracted(extract_page(bodies, "http://fuzz.example/a.html", content_type), 150)


@fuzz(150)
@given(
    st.lists(elements(), min_size=1, max_size=4),
    ENCODINGS,
    CONTENT_TYPES,
    st.sampled_from([0, 150]),
    st.integers(1, 2),
)
def test_extract_random_html(parts, encoding, content_type, min_chars, pages):
    body = encode("".join(parts), encoding)
    out = extract_page([body] * pages, "http://fuzz.example/news/1.html", content_type, min_chars)
    check_extracted(out, min_chars)


# -- decoding ---------------------------------------------------------------------------------
@fuzz(300)
@given(st.binary(max_size=5000), CONTENT_TYPES)
def test_decode_random_bytes(body: bytes, content_type: str | None):
    text = decode_html(body, content_type)
    assert isinstance(text, str)
    text.encode("utf-8")  # no lone surrogates: every later step can encode it


@fuzz(200)
@given(st.text(max_size=300).filter(lambda s: not s.startswith("\ufeff")), CONTENT_TYPES)
def test_decode_valid_utf8_is_exact(text: str, content_type: str | None):
    assert decode_html(text.encode("utf-8"), content_type) == text


@fuzz(200)
@given(PROSE_SLICE.filter(lambda s: len(s) >= 30), st.sampled_from(["gbk", "gb18030"]))
def test_decode_chinese_under_a_lying_header(text: str, codec: str):
    """Real Chinese prose in GBK bytes under a charset=utf-8 header reads back exactly."""
    assert decode_html(text.encode(codec), "text/html; charset=utf-8") == text


# -- normalisation and shingles -----------------------------------------------------------------
@fuzz(300)
@given(st.one_of(st.text(max_size=500), PROSE_SLICE))
def test_normalise_keeps_letters_and_numbers_only(text: str):
    out = normalise(text)
    assert isinstance(out, str)
    assert all(ch.isalnum() for ch in out)
    assert normalise(out) == out  # idempotent: a stored normalised text is a fixed point


@fuzz(300)
@given(st.text(max_size=500))
def test_normalise_matches_its_definition(text: str):
    """NFKC, then case folding, then letters and numbers only (the documented definition)."""
    reference = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())
    assert normalise(text) == reference


@fuzz(300)
@given(st.one_of(st.text(max_size=800), PROSE_SLICE), st.integers(1, 9))
def test_doc_shingles_shape(text: str, k: int):
    hashes = doc_shingles(text, k)
    assert isinstance(hashes, np.ndarray) and hashes.ndim == 1
    assert np.issubdtype(hashes.dtype, np.unsignedinteger)
    norm = normalise(text)
    if not norm:
        assert hashes.size == 0
    else:
        assert 1 <= hashes.size <= max(1, len(norm) - k + 1)
        assert np.all(hashes[1:] > hashes[:-1])  # sorted, unique
    assert np.array_equal(hashes, doc_shingles(text, k))  # deterministic
    # the fingerprint sees only the normalised text (whatever fast path computes it)
    assert np.array_equal(hashes, doc_shingles(norm, k))
