"""``reprints extract PATH... [--url URL] [--out FILE.jsonl]``: extract saved pages offline.

Why a batch command: checking the extractor against pages someone saved (a corpus, a farm
page a user sends in) must not need a crawl.  One JSON line per input, in input order, with
``path`` exactly as given.  A file that cannot be read, is not HTML (random bytes, a PNG) or
is a broken gzip gives a line with an ``error`` field, and so does a file with no HTML
markup (plain text is not a saved page) or a page with no article text; the batch goes on.
Gzip is detected by its magic bytes, not by the file name: saved ``.html.gz`` files are
sometimes plain HTML and the other way round.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import re
import sys
import zlib
from typing import TextIO

from pipelines.article import Extracted
from pipelines.extract import extract_page
from pipelines.extract.decode import decode_html
from storage.timefmt import iso_published

LOGGER = logging.getLogger(__name__)
_GZIP_MAGIC = b"\x1f\x8b"
MAX_PAGE_BYTES = 64 * 1024 * 1024  # a saved page bigger than this (after gunzip) is not a page
# Extraction outcomes that mean "there was no HTML to read", reported as errors.
_UNREADABLE = {
    "not_article:binary": "not an HTML page (binary content)",
    "not_article:empty": "no HTML content",
    "not_article:error": "extraction failed",
}
# An element of an HTML document: what a saved page has and a text file does not.  The
# names are HTML's document and block elements, so "a < b > c" in prose is no tag.
_HTML_TAG = (
    r"<(?:!doctype|html|head|body|meta|title|div|p|article|main|section|table|h[1-6]|br|a|"
    r"span|script|style|ul|li)\b"
)
_TAG_TEXT = re.compile(_HTML_TAG, re.IGNORECASE)
_TAG_BYTES = re.compile(_HTML_TAG.encode(), re.IGNORECASE)  # ASCII-compatible charsets


def has_markup(body: bytes) -> bool:
    """True when the page has an HTML element (UTF-16 pages are decoded to be searched)."""
    return bool(_TAG_BYTES.search(body) or _TAG_TEXT.search(decode_html(body, None)))


def read_page(path: str) -> bytes | str:
    """The page's bytes (gunzipped when they are gzip), or an error message."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PAGE_BYTES + 1)
    except IsADirectoryError:
        return "is a directory"
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if raw.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
                raw = gz.read(MAX_PAGE_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            return f"broken gzip: {exc}"
    if len(raw) > MAX_PAGE_BYTES:
        return f"larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB"
    return raw


def record(path: str, extracted: Extracted) -> dict:
    """The JSON line for one extracted page (``error`` when there was nothing to read)."""
    row: dict = {
        "path": path,
        "title": extracted.title,
        "text": extracted.text,
        "published_at": iso_published(extracted.published_at),
        "byline": extracted.byline,
        "credited_outlet": extracted.credited_outlet,
    }
    if extracted.reason in _UNREADABLE:
        row["error"] = _UNREADABLE[extracted.reason]
    elif not (extracted.text or "").strip():
        row["error"] = "no article text found"
    elif not extracted.is_article:
        row["not_article"] = extracted.reason
    return row


def error_record(path: str, message: str) -> dict:
    return {
        "path": path,
        "title": "",
        "text": "",
        "published_at": None,
        "byline": None,
        "credited_outlet": None,
        "error": message,
    }


def extract_file(path: str, url: str | None = None) -> dict:
    """One input path -> its JSON line as a dict.  Never raises."""
    try:
        body = read_page(path)
        if isinstance(body, str):
            return error_record(path, body)
        if body.strip() and not has_markup(body):
            return error_record(path, "not an HTML page (no markup: plain text?)")
        # min_chars=0: a short page is still reported with its text, not dropped
        return record(path, extract_page([body], url or "", None, min_chars=0))
    except Exception as exc:  # noqa: BLE001 - step boundary: one bad file must not stop a batch
        LOGGER.exception("extract failed: %s", path)
        return error_record(path, f"extraction failed: {type(exc).__name__}")


def run_extract(
    paths: list[str], url: str | None, out: str | None, stdout: TextIO | None = None
) -> int:
    """Extract every path, one JSON line each, to ``out`` (a file) or ``stdout`` (default:
    ``sys.stdout`` at call time, so a redirected stdout is honoured).

    Returns the exit code, as ``cp`` does: 0 when every input gave an article, 1 when any
    input failed (its line carries the ``error``; the batch still goes on), 2 when there is
    nothing to do or the output file cannot be written.  With ``out``, one line on stdout
    says what was written, since the terminal would otherwise show nothing.
    """
    if not paths:
        print("reprints: extract: no input files", file=sys.stderr)
        return 2
    errors = 0
    with contextlib.ExitStack() as stack:
        try:
            sink = stack.enter_context(open(out, "w", encoding="utf-8")) if out else None
        except OSError as exc:
            print(f"reprints: {out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 2
        sink = sink or stdout or sys.stdout
        for path in paths:
            row = extract_file(path, url)
            errors += "error" in row
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
        sink.flush()
    if out:
        print(
            f"extracted {len(paths) - errors}, errors {errors} → {out}", file=stdout or sys.stdout
        )
    return 1 if errors else 0
