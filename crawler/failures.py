"""Why a request failed, as a short stable reason stored in ``pages.error``.

Scrapy 2.19 wraps Twisted's errors in its own classes (DownloadTimeoutError, …); both
spellings are mapped, so the reasons stay the same across versions.
"""

from __future__ import annotations

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


def failure_reason(failure) -> str:
    name = type(failure.value).__name__
    text = str(failure.value).lower()
    if "robots.txt" in text:
        return "robots"
    if "maxsize" in text or "max size" in text or "exceeds" in text:
        return "too_large"
    if "max redirections" in text or "redirect" in text and name == "IgnoreRequest":
        return "too_many_redirects"
    return _BY_CLASS.get(name, name.lower())
