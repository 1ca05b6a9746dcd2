"""The records that flow through the pipeline.

Data flows one way: Scrapy response -> ``Page`` item (crawler/items.py) -> extraction ->
``Extracted`` -> ``Article`` -> topic filter -> storage.  Every step takes one record and
returns one record (or a reason to drop it), so each can be tested without a crawl.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass
class Extracted:
    """What the extractor could read from one article page (all pages of it, joined).

    ``is_article`` is False for list pages, forum indexes, search pages and anything else
    that is not one article; ``reason`` then says why ("not_article:list", "too_short", ...).
    """

    title: str = ""
    text: str = ""
    published_at: datetime | None = None
    byline: str | None = None
    credited_outlet: str | None = None
    canonical_url: str | None = None
    is_article: bool = True
    reason: str | None = None
    # where each line of the main node sits and what it says (pipelines/extract/block_prints.py):
    # the site template is learned from these after the crawl
    block_prints: bytes = b""


@dataclass
class Article:
    """One article as stored: one row per canonical URL."""

    url: str
    source: str
    role: str
    title: str
    text: str
    published_at: datetime | None = None
    byline: str | None = None
    credited_outlet: str | None = None
    on_topic: bool = False
    topic_reason: str | None = None
    fetched_at: datetime | None = None
    page_urls: list[str] = field(default_factory=list)
    block_prints: bytes = b""  # Extracted.block_prints, stored for the site template

    def to_dict(self) -> dict:
        return asdict(self)
