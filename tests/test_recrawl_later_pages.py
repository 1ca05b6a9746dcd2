"""Pages 2..N of a joined document that is no article are remembered with their validators.

A split off-topic report whose joined text was too short (genweb tuning seed 11): page 1
answered 304 on the re-crawl, its stored links led to page 2, which had no pages row (only
an article's later pages were stored) and was downloaded again without validators.  Now
every joined document's later pages are stored, so the re-crawl asks for them with
If-None-Match / If-Modified-Since, and a 304 costs no body.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from scrapy import Request

from crawler.history import ConditionalGetMiddleware, FetchHistory
from pipelines.store import buffer_rows
from storage.db import writer
from storage.writes import write_batch

PAGE1 = "http://farm.test/news/20240601/901353.shtml"


class _Pipeline:
    """What ``buffer_rows`` needs of the store pipeline (articles never reached here)."""

    def __init__(self) -> None:
        self.pages: dict[str, dict] = {}
        self.articles: dict[str, dict] = {}


def _document(outcome: str, later: list[dict]) -> dict:
    return {
        "url": PAGE1,
        "final_url": PAGE1,
        "source": "farm",
        "status": 200,
        "fetched_at": datetime(2025, 1, 9),
        "etag": '"p1"',
        "bodies": [b"<html>1</html>", *(b"<html>n</html>" for _ in later)],
        "outcome": outcome,
        "links": [p["url"] for p in later],
        "later_pages": later,
        "article": None,
    }


@pytest.mark.parametrize("outcome", ["too_short", "not_article:list", "topic:off"])
@pytest.mark.parametrize("pages", [2, 3])
def test_later_pages_of_a_document_that_is_no_article_get_conditional_gets(
    tmp_path, outcome, pages
):
    later = [
        {"url": PAGE1.replace(".shtml", f"_{n}.shtml"), "etag": f'"p{n}"', "last_modified": None}
        for n in range(2, pages + 1)
    ]
    pipeline = _Pipeline()
    buffer_rows(pipeline, _document(outcome, later))
    db = str(tmp_path / "r.duckdb")
    with writer(db):
        pass  # the schema
    write_batch(db, list(pipeline.pages.values()), [])
    history = FetchHistory.load(db)

    settings = SimpleNamespace(getbool=lambda key, default=None: True)
    spider = SimpleNamespace(frontier=SimpleNamespace(history=history))
    middleware = ConditionalGetMiddleware(SimpleNamespace(settings=settings, spider=spider))
    for page in later:
        request = Request(page["url"])
        middleware.process_request(request)
        assert request.headers.get(b"If-None-Match") == page["etag"].encode(), page["url"]
        assert history.get(page["url"]).outcome != "page_of_article"
