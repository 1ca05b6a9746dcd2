"""The bundled demo web: local publisher and content-farm sites with known ground truth.

``make demo`` and the end-to-end tests crawl it; ``DemoWeb.truth()`` says what a perfect
crawl + extraction would store.  See ``web.py`` for the server and ``sites/`` for the
templates.
"""

from __future__ import annotations

from crawler.demoweb.records import RequestRecord, SiteInfo, TrueArticle, Truth
from crawler.demoweb.web import DemoWeb

__all__ = ["DemoWeb", "RequestRecord", "SiteInfo", "TrueArticle", "Truth"]
