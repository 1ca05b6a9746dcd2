"""Report: what happened to each story, as HTML (one self-contained file, or served live).

``data`` queries the database, ``textdiff`` compares each copy with its original, ``model``
builds the view model, ``overview``/``story``/``charts`` render it, ``assets`` wraps pages
with their inline CSS and JS, ``build`` writes the file and ``server`` serves the pages.
"""

from __future__ import annotations

from storage.report.build import write_report
from storage.report.server import serve

__all__ = ["serve", "write_report"]
