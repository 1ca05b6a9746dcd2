"""The one record the dedupe stages work on.

``dedupe`` never sees Scrapy items or database rows: the storage layer turns whatever it
holds (an ``Article`` row, a test fixture, a JSONL line) into ``DocRecord``s, calls
:func:`dedupe.cluster.cluster` and :func:`dedupe.canonical.choose_canonical`, and writes the
answer back.  Keeping the record this small is what lets every stage run in a unit test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class DocRecord:
    """One article as the dedupe stages need it.

    ``role`` is the crawl role of the site the copy came from ("publisher" or "farm");
    ``credited_outlet`` is the outlet the page's own text credits (来源/转自, from extraction);
    ``source_outlet`` is the outlet the *site itself* is, when it is a publisher (None for farms).
    """

    id: int
    text: str
    url: str = ""
    source: str = ""
    role: str = "farm"
    published_at: datetime | None = None
    credited_outlet: str | None = None
    source_outlet: str | None = None
