"""Small formatting helpers shared by the pages.  Every string from the database goes through
``html.escape`` here or at its call site: titles and texts come from sites we do not trust."""

from __future__ import annotations

from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from storage.report.i18n import Labels
from storage.report.model import day_only

ROLES = ("farm", "publisher", "forum")


def iso(d: datetime | None) -> str:
    """ISO 8601 at the precision the page shows: a day, or a time to the minute with its
    UTC offset (``2023-06-29T17:55+08:00``); empty when there is no date."""
    if d is None:
        return ""
    if day_only(d):
        return d.strftime("%Y-%m-%d")
    return d.isoformat(timespec="minutes")


def when(d: datetime | None, t: Labels) -> str:
    """A date or time as a reader sees it: ISO 8601 with the offset, or 'date unknown'."""
    return iso(d) or t("doc.date_unknown")


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def safe_href(url: str) -> str | None:
    """The URL if it is a web address; ``javascript:`` and friends never become links."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def out_link(url: str, text: str, cls: str = "") -> str:
    href = safe_href(url)
    if href is None:
        return f'<span class="{cls}">{escape(text)}</span>'
    return (
        f'<a class="{cls}" href="{escape(href)}" target="_blank" '
        f'rel="noopener noreferrer nofollow">{escape(text)}</a>'
    )


def ops_html(ops: tuple[tuple[str, str], ...], t: Labels) -> str:
    """A character diff: removed text in <del>, inserted in <ins>, paragraph breaks marked."""
    out = []
    for op, text in ops:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                if op == "=":
                    out.append("<br>")
                elif op == "-":
                    out.append(f'<del class="br" title="{t("diff.merged_break")}">¶</del>')
                else:
                    out.append(f'<ins class="br" title="{t("diff.new_break")}">↵</ins>')
            if part:
                tag = {"=": "", "-": "del", "+": "ins"}[op]
                out.append(f"<{tag}>{escape(part)}</{tag}>" if tag else escape(part))
    return "".join(out)


def role_name(role: str, t: Labels) -> str:
    return t(f"role.{role}") if role in ROLES else role or t("role.other")
