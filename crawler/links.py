"""Outlinks of a page: which hrefs are worth a request.

The spider calls this on every HTML response; it must stay cheap (one XPath pass) and must
contain hostile pages: a page with 20,000 links yields at most ``max_links``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.urls import canonicalize

# Things that are not HTML pages: skipped before a request is ever made.
SKIP_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx zip rar 7z gz tgz bz2 xz tar exe apk dmg iso msi bin "
    "jpg jpeg png gif bmp webp svg ico tif tiff psd mp3 mp4 m4a m4v avi mov wmv flv mkv wav "
    "ogg webm css js json xml rss atom txt csv woff woff2 ttf eot swf".split()
)
_EXT = re.compile(r"\.([a-z0-9]{1,5})$", re.I)


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    rel: str = ""


@lru_cache(maxsize=200_000)
def looks_like_page(url: str) -> bool:
    m = _EXT.search(urlsplit(url).path)
    return not (m and m.group(1).lower() in SKIP_EXTENSIONS)


def _anchor_text(el) -> str:
    try:
        return " ".join(el.text_content().split())[:80]
    except ValueError:
        return ""


def extract_links(response, max_links: int = 1000) -> list[Link]:
    """Canonical, de-duplicated http(s) links of an HTML response, in page order.

    Walks lxml elements directly (parsel builds a Selector per anchor, ~30x slower on
    portal pages with 500-link menus) and caches canonical forms across pages: the same
    menu links recur on every page of a site.
    """
    try:
        root = response.selector.root
    except (AttributeError, ValueError):  # not text, or unparsable
        return []
    if root is None or not hasattr(root, "iter"):
        return []
    base = response.url
    for el in root.iter("base"):
        href = el.get("href")
        if href:
            base = canonicalize(href, response.url) or base
        break
    seen: set[str] = set()
    links: list[Link] = []
    for a in root.iter("a"):
        href = a.get("href")
        if not href or len(href) > 2000:
            continue
        head = href.lstrip()[:11].lower()
        if head.startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
            continue
        url = _canonical_joined(base, href)
        if url is None or url in seen or not looks_like_page(url):
            continue
        seen.add(url)
        links.append(Link(url, _anchor_text(a), (a.get("rel") or "").lower()))
        if len(links) >= max_links:
            break
    return links


def _canonical_joined(base: str, href: str) -> str | None:
    """canonicalize(href, base), cached by what the result actually depends on: nothing for
    absolute hrefs, the origin for root-relative ones, the base for the rest."""
    h = href.strip()
    if h[:7].lower() == "http://" or h[:8].lower() == "https://":
        return _canonical_cached("", h)
    if h.startswith("/") and not h.startswith("//"):
        cut = base.find("/", base.find("//") + 2)
        return _canonical_cached(base if cut < 0 else base[:cut], h)
    return _canonical_cached(base, h)


@lru_cache(maxsize=200_000)
def _canonical_cached(base: str, href: str) -> str | None:
    return canonicalize(href, base or None)
