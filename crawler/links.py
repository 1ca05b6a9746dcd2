"""Outlinks of a page: which hrefs are worth a request.

The spider calls this on every HTML response; it must stay cheap (one XPath pass) and must
contain hostile pages: a page with 20,000 links yields at most ``max_links``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


def looks_like_page(url: str) -> bool:
    m = _EXT.search(urlsplit(url).path)
    return not (m and m.group(1).lower() in SKIP_EXTENSIONS)


def extract_links(response, max_links: int = 1000) -> list[Link]:
    """Canonical, de-duplicated http(s) links of an HTML response, in page order."""
    try:
        anchors = response.xpath("//a[@href]")
    except (AttributeError, ValueError):  # not text, or unparsable
        return []
    base = response.url
    try:
        base_href = response.xpath("//base/@href").get()
        if base_href:
            base = canonicalize(base_href, response.url) or base
    except ValueError:
        pass
    seen: set[str] = set()
    links: list[Link] = []
    for a in anchors:
        href = a.attrib.get("href", "")
        if len(href) > 2000 or href.lstrip().lower().startswith(
            ("javascript:", "mailto:", "tel:", "#")
        ):
            continue
        url = canonicalize(href, base)
        if url is None or url in seen or not looks_like_page(url):
            continue
        seen.add(url)
        text = " ".join("".join(a.xpath(".//text()").getall()).split())[:80]
        links.append(Link(url, text, (a.attrib.get("rel") or "").lower()))
        if len(links) >= max_links:
            break
    return links
