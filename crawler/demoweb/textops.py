"""Small deterministic text helpers: stable hashing, date styles, re-punctuation, encodings.

Everything here is a pure function of its arguments (no ``random`` module state, no clock),
so the demo web serves the same bytes on every run and every machine.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote

_HALF = str.maketrans(
    {
        "，": ",",
        "：": ":",
        "；": ";",
        "！": "!",
        "？": "?",
        "（": "(",
        "）": ")",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
    }
)
BEIJING = timezone(timedelta(hours=8))
_CJK = r"\u4e00-\u9fff"
_CJK_THEN_ASCII = re.compile(rf"([{_CJK}])([A-Za-z0-9])")
_ASCII_THEN_CJK = re.compile(rf"([A-Za-z0-9%])([{_CJK}])")


def stable_int(*parts: object) -> int:
    """A hash that, unlike ``hash()``, does not change between interpreter runs."""
    digest = hashlib.md5("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def pick(seq, *parts: object):
    """Deterministically choose one element of ``seq`` keyed by ``parts``."""
    return seq[stable_int(*parts) % len(seq)]


def esc(text: str) -> str:
    """Escape text for an HTML text node (quotes stay literal, as most CMSs leave them)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def halfwidth(text: str) -> str:
    """Mirror-site style: full-width punctuation replaced by ASCII ('。' becomes '. ')."""
    text = text.translate(_HALF)
    text = re.sub(r"。(?=.)", ". ", text)
    return text.replace("。", ".")


def pangu_spaces(text: str) -> str:
    """Insert a space between Han characters and Latin letters or digits."""
    text = _CJK_THEN_ASCII.sub(r"\1 \2", text)
    return _ASCII_THEN_CJK.sub(r"\1 \2", text)


def first_sentence(text: str) -> str:
    """The text up to and including the first sentence end (full- or half-width)."""
    m = re.search(r"[。！？]|[.!?](?=\s|$)", text)
    return text[: m.end()] if m else text


def slugify_cn(title: str, limit: int = 16) -> str:
    """A WordPress-style percent-encoded slug built from a Chinese title."""
    kept = re.sub(r"[^\w\u4e00-\u9fff]+", "-", title).strip("-").lower()
    return quote(kept[:limit], safe="-")


def http_date(dt: datetime) -> str:
    """Format a naive Beijing-time datetime as an HTTP date (GMT)."""
    aware = dt.replace(tzinfo=BEIJING).astimezone(UTC)
    return format_datetime(aware, usegmt=True)


def parse_http_date(value: str) -> datetime | None:
    """Parse an If-Modified-Since value into naive Beijing time; None if unreadable."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(BEIJING).replace(tzinfo=None)


def iso8601(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def cn_ampm(dt: datetime) -> str:
    """WordPress zh_CN style: '2024年5月2日 下午2:37'."""
    half = "上午" if dt.hour < 12 else "下午"
    hour = dt.hour % 12 or 12
    return f"{dt.year}年{dt.month}月{dt.day}日 {half}{hour}:{dt.minute:02d}"


def cn_date(dt: datetime, with_time: bool = True) -> str:
    """Portal style: '2024年08月23日 10:15'."""
    day = f"{dt.year}年{dt.month:02d}月{dt.day:02d}日"
    return f"{day} {dt:%H:%M}" if with_time else day


def encode_gbk(text: str) -> bytes:
    """Encode like an old GBK CMS: characters outside GBK become numeric entities."""
    return text.encode("gbk", errors="xmlcharrefreplace")


def paragraphs_text(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "\n".join(paragraphs)


def is_subheading(paragraph: str) -> bool:
    """Short lines without sentence punctuation are section headings in Chinese news."""
    return len(paragraph) <= 16 and not re.search(r"[。，,.！？；]", paragraph)
