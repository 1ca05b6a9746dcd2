"""Seeded, randomised webs nobody tuned on (issue 12): the measuring instrument for how the
crawler does on sites it has never seen.

``GenWeb(seed)`` composes 8-15 sites from random parts (layouts, chrome, URL schemes,
encodings, pagination, forums, crawl hazards) around the stories of ``tests.storygen``,
serves them on 127.0.0.100-199 in two phases (first crawl, re-crawl with four new copies)
and answers for the truth.  Modules, in the order a page is made: ``plan`` (which sites
carry what) → ``style`` / ``naming`` / ``urls`` (a site's template) → ``layout`` (where
pages live) → ``bodies`` / ``chrome_nav`` / ``chrome_talk`` / ``forum`` (the HTML) →
``pages`` / ``lists`` / ``traps`` (whole pages) → ``site`` (both phases, answering) →
``web`` (serving, truth) with ``reach`` (what a polite crawler can find).
"""

from __future__ import annotations

from tests.genweb.web import GenWeb

__all__ = ["GenWeb"]
