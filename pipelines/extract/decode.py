"""Bytes -> str for HTML pages, done by us rather than by trafilatura.

Why ourselves: Chinese pages lie about their encoding.  A "gb2312" page routinely holds
GBK-only characters (strict gb2312 fails, and trafilatura then falls back to UTF-8 with
replacement characters), servers send ``charset=utf-8`` on GBK bytes, and saved copies of
UTF-8 pages keep their old ``<meta charset=gb2312>``.  So the declared charsets are only
candidates: we decode with each and keep the one that needs no (or the fewest) replacement
characters, with UTF-8 first because valid UTF-8 is practically never an accident.
"""

from __future__ import annotations

import codecs
import re

# Legacy Chinese/Japanese/Korean labels map to the superset codec browsers use in practice.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312_80": "gb18030",
    "gb_2312": "gb18030",
    "euc_cn": "gb18030",
    "cp936": "gb18030",
    "x_gbk": "gb18030",
    "hz": "gb18030",
    "big5": "cp950",
    "big5hkscs": "big5hkscs",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_SNIFF_BYTES = 16384
# Codecs tried when nothing declared works, in order of prior likelihood for our sites.
_FALLBACKS = ("gb18030", "cp950", "cp1252")
# Detector guesses trusted ahead of GB18030 (which decodes their bytes too, as mojibake).
_TRUSTED_GUESSES = {"cp950", "big5hkscs", "cp932", "cp949", "euc_jp"}
_NOT_UTF8_LEAD = bytes(b for b in range(256) if not 0xC2 <= b <= 0xF4)
_SCORE_BYTES = 1 << 20
_ASCII = bytes(range(128))


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, widened to its superset; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"").lower()).name
    except (LookupError, ValueError):
        return None
    key = name.replace("-", "_")
    return _SUPERSETS.get(key, name)


def declared_charsets(body: bytes, content_type: str | None = None) -> list[str]:
    """Charsets the HTTP header, <meta> tags and XML declaration claim, in that order."""
    labels: list[str] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            labels.append(m.group(1))
    head = body[:_SNIFF_BYTES]
    for rx in (_META_CHARSET, _XML_ENCODING):
        labels += [m.group(1).decode("ascii", "ignore") for m in rx.finditer(head)]
    out: list[str] = []
    for label in labels:
        name = normalise_charset(label)
        if name and name not in out and not name.startswith("utf_16"):
            out.append(name)
    return out


def _bad_chars(body: bytes, codec: str) -> int:
    """Replacement characters a decode needs; a codec that cannot run counts as hopeless."""
    try:
        text = body.decode(codec, errors="replace")
    except (LookupError, ValueError):
        return len(body) + 1
    return text.count("\ufffd") - _preexisting_fffd(body)


def _preexisting_fffd(body: bytes) -> int:
    # U+FFFD already saved in the page as UTF-8 is not the decoder's fault.
    return body.count(b"\xef\xbf\xbd")


def _mostly_utf8(body: bytes) -> bool:
    """True when the bytes are UTF-8 apart from a few broken sequences (a truncated page)."""
    bad = _bad_chars(body, "utf-8")
    if bad == 0:
        return True
    multibyte = len(body.translate(None, _NOT_UTF8_LEAD))
    return multibyte >= 20 * bad


def _detected(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:65536]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "no guess"
        return None
    return normalise_charset(best.encoding) if best else None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML page: BOM, then UTF-8 if valid, then declared charsets, then detection.

    Never raises: the worst case is a decode with replacement characters.
    """
    if not body:
        return ""
    try:
        for bom, codec in _BOMS:
            if body.startswith(bom):
                return body[len(bom) :].decode(codec, errors="replace")
        if _mostly_utf8(body):
            return body.decode("utf-8", errors="replace")
        sample = body if len(body) <= 2 * _SCORE_BYTES else body[:_SCORE_BYTES]
        # A few broken bytes in a long GBK page must not hand the page to a single-byte
        # codec, which "decodes" anything without a replacement character.
        tolerated = len(sample.translate(None, _ASCII)) // 500
        scores: list[tuple[int, int, str]] = []
        tried: set[str] = {"utf-8"}

        def first_clean(codecs_: list[str | None]) -> str | None:
            for codec in codecs_:
                if not codec or codec in tried:
                    continue
                tried.add(codec)
                bad = _bad_chars(sample, codec)
                if bad <= tolerated:
                    return codec
                scores.append((bad, len(scores), codec))
            return None

        declared: list[str | None] = list(declared_charsets(body, content_type))
        chosen = first_clean(declared)
        if chosen is None:
            guess = _detected(body)
            trusted = guess if guess in _TRUSTED_GUESSES else None
            chosen = first_clean([trusted, *_FALLBACKS, guess])
        if chosen is None:
            scores.append((_bad_chars(sample, "utf-8"), len(scores), "utf-8"))
            chosen = min(scores)[2]
        return body.decode(chosen, errors="replace")
    except Exception:  # noqa: BLE001 - decoding must never take the pipeline down
        return body.decode("utf-8", errors="replace")
