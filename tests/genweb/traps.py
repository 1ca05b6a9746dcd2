"""Endless URL spaces a site may have: calendars, search pages, filter combinations and
session ids.  Pages are made on request (no space is ever exhausted); each space is also a
``Trap`` the bench counts requests into.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from tests.genweb import pools
from tests.genweb.records import Entry, Trap
from tests.genweb.rng import sub
from tests.genweb.style import SiteStyle

Render = Callable[[str, list[tuple[str, str]], list[Entry]], str]  # heading, links, entries


class TrapSpace:
    """The endless spaces of one site: their entry links, patterns and pages."""

    def __init__(self, site: str, style: SiteStyle, seed: int) -> None:
        r = sub(seed, "traps", site)
        self.site, self.style = site, style
        self.wp_dates = style.scheme == "date_slug"
        self.cal = r.choice(("/calendar/", "/archive/", "/riqi/", "/history/"))
        self.search = r.choice(("/search", "/search.php", "/so/", "/query"))
        self.search_key = r.choice(("q", "keyword", "kw", "wd"))
        self.filter = r.choice(("/filter", "/list.php", "/screen"))
        self.session = style.session_param

    def traps(self) -> list[Trap]:
        out = []
        if "calendar" in self.style.traps:
            pat = r"/\d{4}/\d{2}/(\d{2}/)?(\?|$)" if self.wp_dates else re.escape(self.cal)
            out.append(Trap(self.site, "calendar", pat))
        if "search" in self.style.traps:
            out.append(Trap(self.site, "search", re.escape(self.search)))
        if "filter" in self.style.traps:
            out.append(Trap(self.site, "filter", re.escape(self.filter)))
        if "session" in self.style.traps:
            out.append(Trap(self.site, "session", rf".*[?&;]{re.escape(self.session)}="))
        return out

    def entries(self, when: datetime) -> list[tuple[str, str]]:
        """Links into each space, for the home page."""
        out = []
        if "calendar" in self.style.traps:
            out.append(("往期回顾", self._month(when)))
        if "search" in self.style.traps:
            for w in ("AI换脸", "判决", "诈骗"):
                out.append((w, f"{self.search}?{urlencode({self.search_key: w})}"))
        if "filter" in self.style.traps:
            out.append(("分类筛选", f"{self.filter}?cat=1&sort=time"))
        if "session" in self.style.traps:
            out.append(("会员登录", f"/?{self.session}={sub(self.site, 'sid').getrandbits(64):x}"))
        return out

    def _month(self, d: datetime) -> str:
        return f"/{d:%Y/%m}/" if self.wp_dates else f"{self.cal}{d:%Y-%m}/"

    def _day(self, d: datetime) -> str:
        return f"/{d:%Y/%m/%d}/" if self.wp_dates else f"{self.cal}{d:%Y-%m-%d}/"

    def page(self, path: str, query: str, entries: list[Entry], render: Render) -> str | None:
        """The HTML of a trap page, or None when ``path`` is not in a space."""
        if "calendar" in self.style.traps:
            html = self._calendar(path, entries, render)
            if html:
                return html
        params = dict(parse_qsl(query, keep_blank_values=True))
        if "search" in self.style.traps and path == self.search:
            return self._search(params, entries, render)
        if "filter" in self.style.traps and path == self.filter:
            return self._filter(params, render)
        return None

    def _calendar(self, path: str, entries: list[Entry], render: Render) -> str | None:
        body = path.removeprefix(self.cal) if not self.wp_dates else path.strip("/")
        m = re.fullmatch(r"(\d{4})[-/](\d{2})(?:[-/](\d{2}))?/?", body)
        if not m or (not self.wp_dates and not path.startswith(self.cal)):
            return None
        year, month, day = int(m[1]), int(m[2]), int(m[3] or 0)
        if not (1 <= month <= 12) or day > 31:
            return None
        first = datetime(year, month, 1)
        prev_m, next_m = first - timedelta(days=1), first + timedelta(days=32)
        links = [("上个月", self._month(prev_m)), ("下个月", self._month(next_m))]
        if day:
            d = datetime(year, month, min(day, 28))
            links += [
                ("前一天", self._day(d - timedelta(days=1))),
                ("后一天", self._day(d + timedelta(days=1))),
            ]
            shown = [e for e in entries if e.published.date() == datetime(year, month, day).date()]
            return render(f"{year}年{month}月{day}日", links, shown)
        links += [(str(k), self._day(first + timedelta(days=k - 1))) for k in range(1, 29)]
        return render(f"{year}年{month}月", links, [])

    def _search(self, params: dict[str, str], entries: list[Entry], render: Render) -> str:
        q = params.get(self.search_key, "")
        page = int(params.get("page", "1") or 1) if params.get("page", "1").isdigit() else 1
        r = random.Random(f"{self.site}{q}{page}")
        hits = [e for e in entries if q and q in e.title] or r.sample(entries, min(3, len(entries)))
        more = [f"{q}{w}" for w in r.sample(pools.TAG_WORDS, 4)]
        links = [(w, f"{self.search}?{urlencode({self.search_key: w})}") for w in more]
        for sort in ("time", "hot", "rel"):
            links.append(
                (
                    sort,
                    f"{self.search}?{urlencode({self.search_key: q, 'sort': sort, 'page': page})}",
                )
            )
        links.append(
            ("下一页", f"{self.search}?{urlencode({self.search_key: q, 'page': page + 1})}")
        )
        return render(f"“{q}”的搜索结果", links, hits)

    def _filter(self, params: dict[str, str], render: Render) -> str:
        links = []
        for name, values in (
            ("cat", range(1, 7)),
            ("area", range(1, 9)),
            ("sort", ("time", "hot", "top")),
        ):
            for v in values:
                links.append((f"{name}{v}", f"{self.filter}?{urlencode({**params, name: v})}"))
        page = params.get("page", "1")
        nxt = int(page) + 1 if page.isdigit() else 2
        links.append(("下一页", f"{self.filter}?{urlencode({**params, 'page': nxt})}"))
        return render("分类筛选", links, [])


def h(url: str) -> str:
    """A URL as an href attribute value."""
    return url.replace("&", "&amp;")


def with_session(html: str, base: str, param: str, token: str) -> str:
    """Every link of a page carrying the visitor's session id (a fresh one per page)."""

    def repl(m: re.Match) -> str:
        href = m[2]
        if href.startswith(("javascript", "#", "mailto")) or (
            href.startswith("http") and not href.startswith(base)
        ):
            return m[0]
        sep = "&amp;" if "?" in href else "?"
        return f'{m[1]}{href}{sep}{param}={token}"'

    return re.sub(r'(href=")([^"]*)"', repl, html)
