"""Small formatting helpers shared by the pages.  Every string from the database goes through
``html.escape`` here or at its call site: titles and texts come from sites we do not trust."""

from __future__ import annotations

from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from storage.report.model import day_only

ROLES = {"farm": "内容农场", "publisher": "媒体", "forum": "论坛"}


def when(d: datetime | None) -> str:
    if d is None:
        return "日期不明"
    return d.strftime("%Y-%m-%d") if day_only(d) else d.strftime("%Y-%m-%d %H:%M")


def iso(d: datetime | None) -> str:
    return "" if d is None else d.strftime("%Y-%m-%d" if day_only(d) else "%Y-%m-%dT%H:%M")


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


def ops_html(ops: tuple[tuple[str, str], ...]) -> str:
    """A character diff: removed text in <del>, inserted in <ins>, paragraph breaks marked."""
    out = []
    for op, text in ops:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                if op == "=":
                    out.append("<br>")
                elif op == "-":
                    out.append('<del class="br" title="原文此处分段，转载合并了段落">¶</del>')
                else:
                    out.append('<ins class="br" title="转载在此处另起一段">↵</ins>')
            if part:
                tag = {"=": "", "-": "del", "+": "ins"}[op]
                out.append(f"<{tag}>{escape(part)}</{tag}>" if tag else escape(part))
    return "".join(out)


def role_name(role: str) -> str:
    return ROLES.get(role, role or "网站")
