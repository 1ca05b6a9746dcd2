"""A generated web's articles rendered without serving them: the bytes of every page of each
article (page 1 first), for extraction tests that need no crawl."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from tests.genweb.web import GenWeb

OFFLINE_PORT = 8000  # pages carry a port in their URLs; nothing listens on it


def rendered_articles(seed: int, phase: int = 1) -> Iterator[tuple[object, list[bytes]]]:
    """(truth article, its pages' bytes) for every article of web ``seed`` in ``phase``."""
    web = GenWeb(seed)
    web.port = OFFLINE_PORT
    for article in web.truth(phase).articles:
        bodies = []
        for url in article.page_urls:
            parts = urlsplit(url)
            bodies.append(web.lookup(article.site, parts.path, parts.query, phase=phase).page.body)
        yield article, bodies
