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
