"""Scrapy items: what the spider hands to the item pipelines."""

from __future__ import annotations

import scrapy


class Page(scrapy.Item):
    """One fetched URL (an article split over several pages arrives as one Page).

    The spider only discovers and fetches; it never parses article content.  ``bodies``
    holds the raw bytes of every page of the document, page 1 first, so decoding and
    extraction happen in the pipeline (off the reactor thread).
    """

    url = scrapy.Field()  # the URL as requested (canonicalised)
    final_url = scrapy.Field()  # after redirects
    source = scrapy.Field()
    role = scrapy.Field()
    status = scrapy.Field()  # HTTP status, 304 for not-modified, 0 for a network failure
    fetched_at = scrapy.Field()
    etag = scrapy.Field()
    last_modified = scrapy.Field()
    content_type = scrapy.Field()
    bodies = scrapy.Field()  # list[bytes]
    page_urls = scrapy.Field()  # list[str], one per body
    later_pages = scrapy.Field()  # pages 2..N of a joined article: url, etag, last_modified
    links = scrapy.Field()  # outlinks found on the page (replayed on a 304)
    error = scrapy.Field()  # failure reason, e.g. "http:404", "timeout", "dns"
    depth = scrapy.Field()
    continuation = scrapy.Field()  # page 2+ of a list or thread reached on its own
    lease = scrapy.Field()  # scale-out: the queue lease released once this Page is written
    # set by the pipelines
    article = scrapy.Field()  # pipelines.article.Article, when the page is an article
    outcome = scrapy.Field()  # "article" or why not: "not_article:list", "too_short", ...
