"""From a fetched page and what was extracted from it to the ``Article`` we store."""

from __future__ import annotations

from crawler.sources import Source
from crawler.urls import canonicalize
from pipelines.article import Article, Extracted
from pipelines.pagenumbers import is_later_page


def article_url(final_url: str, extracted: Extracted, source: Source) -> str:
    """The URL an article is stored under: after redirects, without tracking parameters,
    ``rel=canonical`` honoured when it points inside the same source (a farm that names the
    publisher's page as canonical must not take over the publisher's row)."""
    own = canonicalize(final_url) or final_url
    if extracted.canonical_url:
        canon = canonicalize(extracted.canonical_url, final_url)
        if canon and source.allows(canon) and not is_later_page(canon, own):
            return canon
    return own


def build_article(page: dict, extracted: Extracted, source: Source) -> Article:
    return Article(
        url=article_url(page["final_url"] or page["url"], extracted, source),
        source=source.name,
        role=source.role,
        title=extracted.title,
        text=extracted.text,
        published_at=extracted.published_at,
        byline=extracted.byline,
        credited_outlet=extracted.credited_outlet,
        fetched_at=page.get("fetched_at"),
        page_urls=list(page.get("page_urls") or [page["url"]]),
        block_prints=extracted.block_prints,
    )
