"""The extractor, as named stages run in this order (orchestrator.py says why):
decode -> parse -> site template -> main content -> chrome lines -> metadata.

``extract_page`` is the one entry point: raw bytes of an article's pages -> ``Extracted``.
"""

from __future__ import annotations

from pipelines.extract.orchestrator import extract_page

__all__ = ["extract_page"]
