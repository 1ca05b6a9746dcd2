"""Which pages of a site a polite crawler can reach: breadth-first over the links the
rendered pages really carry, from the home page, sitemap and feed, within the depth limit,
never through a path robots.txt disallows and never into an endless space.

An article's truth says ``reachable`` only when its page 1 is found this way, so the
"articles found" figure is measured against what the web makes findable.
"""

from __future__ import annotations

import html
import re
from collections import deque
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from tests.miniweb.robots import allowed, rules_for

if TYPE_CHECKING:
    from tests.genweb.site import GenSite

PRODUCT = "reprints"
_HREF = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
_LOC = re.compile(r"<(?:loc|link)>([^<]+)</(?:loc|link)>")


def links_of(page_html: str, base: str) -> list[str]:
    """Same-site paths (with query) a page links to."""
    host = urlsplit(base).netloc
    out = []
    for href in _HREF.findall(page_html):
        url = urljoin(base + "/", html.unescape(href).strip())
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == host:
            out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def reachable_keys(site: GenSite, phase: int, max_depth: int) -> set[str]:
    built = site.build(phase).build
    rules = rules_for(site.robots(), PRODUCT)
    traps = site.spaces.traps()
    starts = [("/", 0)]
    for feed in ("/sitemap.xml", "/rss.xml"):
        page = built.pages.get(feed)
        if page is not None:
            starts += [
                (urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else ""), 1)
                for u in _LOC.findall(page.body.decode())
            ]
    seen: set[str] = set()
    queue = deque(starts)
    while queue:
        path, depth = queue.popleft()
        if depth > max_depth or not allowed(rules, path):
            continue
        if any(t.matches(site.name, path) for t in traps):
            continue
        key = site.route_key(*_parts(path))
        for _ in range(5):  # follow redirects
            target = built.redirects.get(key)
            if target is None:
                break
            path = target.removeprefix(site.base_url)
            if not allowed(rules, path):
                key = ""
                break
            key = site.route_key(*_parts(path))
        if not key or key in seen:
            continue
        seen.add(key)
        page = built.pages.get(key)
        if page is None or page.status != 200 or page.kind in ("robots", "feed"):
            continue
        text = page.body.decode(site.style.charset, errors="replace")
        queue.extend((p, depth + 1) for p in links_of(text, site.base_url))
    return seen


def _parts(path: str) -> tuple[str, str]:
    from urllib.parse import unquote

    base, _, query = path.partition("?")
    return unquote(base), query
