"""URL canonicalisation: one spelling per page, so a page is fetched and stored once.

Tracking parameters, fragments, default ports and parameter order do not make a new page;
``rel=canonical`` is honoured later, once the page is read (see pipelines/records.py).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that identify a click, a campaign or a share, never a page.  Short
# names such as t, f, src are left alone: forums use them for topic and forum ids.
TRACKING_PARAMS = frozenset(
    {
        "spm", "from", "ref", "refer", "referer", "referrer", "share", "share_from",
        "share_token", "sharer", "shareid", "fbclid", "gclid", "dclid", "yclid", "msclkid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "scene", "srcid", "wfr", "isappinstalled",
        "wxfrom", "tt_from", "utm", "channel_from", "ccode", "track", "trackid",
        "tracking", "ncid", "cmpid", "_ga", "_gl", "sessionid", "sid", "jsessionid",
        "phpsessid", "bd_source", "s_trace",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci", "mtm_", "share_")
MAX_URL_LENGTH = 2000
_SESSION_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)


def is_tracking_param(name: str) -> bool:
    n = name.lower()
    return n in TRACKING_PARAMS or n.startswith(TRACKING_PREFIXES)


def canonicalize(url: str, base: str | None = None) -> str | None:
    """Absolute, canonical form of ``url`` (relative to ``base``), or None if not crawlable."""
    url = (url or "").strip().replace("\n", "").replace("\r", "").replace("\t", "")
    if not url or len(url) > MAX_URL_LENGTH:
        return None
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return None
        host = parts.hostname.lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else f"{host}:{port}"
    )
    path = _SESSION_PATH.sub("", parts.path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# Never learned as ignorable: they select pages of lists and articles.
_PAGE_PARAMS = frozenset(
    {"page", "pg", "pn", "pageno", "page_no", "pagenum", "paged", "p", "start"}
)


def ignorable_params(url: str, canonical: str) -> set[str]:
    """Query parameters ``url`` carries that its own canonical URL drops (same host and path):
    on that site they do not select content (``?for=pc``, ``?log_id=…``), so links that differ
    only in them are one page.  Page-number parameters are never learned."""
    a, b = urlsplit(url), urlsplit(canonical)
    if (a.hostname, a.path.rstrip("/")) != (b.hostname, b.path.rstrip("/")) or not a.query:
        return set()
    mine = dict(parse_qsl(a.query, keep_blank_values=True))
    theirs = dict(parse_qsl(b.query, keep_blank_values=True))
    if any(mine.get(k) != v for k, v in theirs.items()):
        return set()
    return {k for k in mine if k not in theirs and k.lower() not in _PAGE_PARAMS}


def strip_params(url: str, names: set[str] | frozenset[str]) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in names]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
