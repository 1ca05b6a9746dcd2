"""Why a request failed, as a short stable reason stored in ``pages.error``.

Scrapy 2.19 wraps Twisted's errors in its own classes (DownloadTimeoutError, …); both
spellings are mapped, so the reasons stay the same across versions.
"""

from __future__ import annotations

import re

_BY_CLASS = {
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "DNSLookupError": "dns",
    "CannotResolveHostError": "dns",
    "ConnectionRefusedError": "refused",
    "DownloadConnectionRefusedError": "refused",
    "ConnectionLost": "connection_lost",
    "ResponseNeverReceived": "connection_lost",
    "ResponseFailed": "connection_lost",
    "ResponseDataLossError": "connection_lost",
    "ConnectError": "connect",
    "DownloadCancelledError": "too_large",  # cancelled by DOWNLOAD_MAXSIZE
    "IgnoreRequest": "ignored",
}


_ROBOTS_WHY = re.compile(r"\[(robots:[\w:.-]+)\]")


def exception_reason(exc: BaseException) -> str:
    """The reason for an exception; one that only names another in its text (robots.txt
    unreachable for another worker: DNSLookupError ...) gets that one's reason."""
    name = type(exc).__name__
    if name not in _BY_CLASS:
        name = next((known for known in _BY_CLASS if known in str(exc)), name)
    return _BY_CLASS.get(name, name.lower())


def failure_reason(failure) -> str:
    """``robots:...`` when robots.txt kept us out (crawler/robots.py says why), else the
    failure's reason."""
    name = type(failure.value).__name__
    text = str(failure.value).lower()
    if "robots.txt" in text:
        why = _ROBOTS_WHY.search(str(failure.value))
        return why.group(1) if why else "robots:disallowed"
    if "maxsize" in text or "max size" in text or "exceeds" in text:
        return "too_large"
    if "max redirections" in text or "redirect" in text and name == "IgnoreRequest":
        return "too_many_redirects"
    return exception_reason(failure.value)
