"""Sitemaps (incl. sitemap indexes) and RSS/Atom feeds: lists of URLs to seed a crawl with."""

from __future__ import annotations

from lxml import etree

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index."""
    try:
        root = etree.fromstring(body.strip(), parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return [], []
    if root is None:
        return [], []
    pages: list[str] = []
    nested: list[str] = []
    is_index = _local(root.tag) == "sitemapindex"
    for loc in root.iter():
        if _local(loc.tag) == "loc" and loc.text and loc.text.strip():
            (nested if is_index else pages).append(loc.text.strip())
    return pages, nested


def parse_feed(body: bytes) -> list[str]:
    """Item links of an RSS 2.0, RSS 1.0 or Atom feed."""
    try:
        root = etree.fromstring(body.strip(), parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    urls: list[str] = []
    for el in root.iter():
        name = _local(el.tag)
        if name in ("item", "entry"):
            for child in el:
                cname = _local(child.tag)
                if cname == "link":
                    href = child.get("href") or (child.text or "").strip()
                    rel = child.get("rel", "alternate")
                    if href and rel == "alternate":
                        urls.append(href)
                        break
                if cname == "guid" and child.get("isPermaLink", "true") == "true" and child.text:
                    urls.append(child.text.strip())
                    break
    return list(dict.fromkeys(urls))
