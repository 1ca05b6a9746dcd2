"""A second, independently designed mini-web for the generalisation check.

Ten sites on 127.0.0.61-70 whose templates deliberately differ from ``crawler.demoweb``
(163-style portal, Drupal, an ASP table site in GB18030, phpBB, a Toutiao-style feed, farms
that inject blocks mid-article, split articles, retitle and back-date, paginate lists to page
10+, or grow tag clouds and search pages).  Nobody tunes the crawler on it: it exists to tell
whether what works on the demo web works on sites never seen.
"""

from __future__ import annotations

from tests.miniweb.web import MiniWeb

__all__ = ["MiniWeb"]
