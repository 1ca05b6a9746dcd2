"""Why a request failed, as a short stable reason stored in ``pages.error``."""

from __future__ import annotations


def failure_reason(failure) -> str:
    name = type(failure.value).__name__
    text = str(failure.value)
    if "robots.txt" in text:
        return "robots"
    if "maxsize" in text.lower() or "exceeds" in text.lower():
        return "too_large"
    table = {
        "TimeoutError": "timeout",
        "TCPTimedOutError": "timeout",
        "DNSLookupError": "dns",
        "ConnectionRefusedError": "refused",
        "ConnectionLost": "connection_lost",
        "ResponseNeverReceived": "connection_lost",
        "ResponseFailed": "connection_lost",
        "ConnectError": "connect",
        "IgnoreRequest": "ignored",
    }
    return table.get(name, name.lower())
