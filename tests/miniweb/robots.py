"""An independent RFC 9309 reading of robots.txt, to audit the crawler's requests.

Deliberately not protego (which the crawler uses): a bug shared by crawler and auditor
would hide itself.  Group choice: the group naming our product token, else ``*``; rule
choice: the longest matching pattern, Allow winning ties; ``*`` and a final ``$`` supported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    allow: tuple[str, ...]
    disallow: tuple[str, ...]
    crawl_delay: float | None


def _groups(text: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    agents: list[str] = []
    rules: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        field, value = (x.strip() for x in line.split(":", 1))
        field = field.lower()
        if field == "user-agent":
            if rules:
                groups.append((agents, rules))
                agents, rules = [], []
            agents.append(value.lower())
        elif field in ("allow", "disallow", "crawl-delay") and agents:
            rules.append((field, value))
    if agents:
        groups.append((agents, rules))
    return groups


def rules_for(text: str, product: str) -> Rules:
    groups = _groups(text)
    product = product.lower()
    chosen = [r for agents, r in groups if product in agents]
    if not chosen:
        chosen = [r for agents, r in groups if "*" in agents]
    lines = [x for r in chosen for x in r]
    delay = next((float(v) for f, v in lines if f == "crawl-delay" and _number(v)), None)
    return Rules(
        tuple(v for f, v in lines if f == "allow" and v),
        tuple(v for f, v in lines if f == "disallow" and v),
        delay,
    )


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _match_len(pattern: str, path: str) -> int:
    """Length of ``pattern`` if it matches ``path`` (RFC 9309 §2.2.3), else -1."""
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = "".join(".*" if c == "*" else re.escape(c) for c in body)
    ok = re.fullmatch(regex + ("" if anchored else ".*"), path, re.S)
    return len(pattern) if ok else -1


def allowed(rules: Rules, path: str) -> bool:
    if path == "/robots.txt":
        return True
    best_allow = max((_match_len(p, path) for p in rules.allow), default=-1)
    best_disallow = max((_match_len(p, path) for p in rules.disallow), default=-1)
    return best_disallow < 0 or best_allow >= best_disallow
