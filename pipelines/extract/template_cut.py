"""Which lines of an article's text are its site's template lines, as trafilatura wrote them.

Why: the template is learned from the lines the main node *renders* (block_prints.py: one
fingerprint per block, <br> line or line of a listing), but it is cut from the text
trafilatura made of the node, which writes some blocks differently: a list item as
"- item", a table row as "| cell | cell |" or "cell cell" (one line for the row, one
fingerprint per cell).  Matched as written, a template list or table inside the article
container was never cut: on a held-out real template (CSDN, tuning seed 3150767088 site03)
a code listing at the same place under every article, ~3,700 characters as "- const …"
lines, stayed in every article and in each of its pages 2+, so the stored articles held
3-4 times their text (site body F1 0.31).

So a line is compared in the forms a fingerprint can have: as written, without the list
marker, and, for a line of several pieces (a table row's cells between bars or spaces),
piece by piece: the line is template when every piece is a whole template line.  A line of
prose is not cut that way: its words would each have to be a template line of their own.
Matching is by content hash only: the template decided *which* lines are template from
their place on the site's pages; this only finds them again in the text.
"""

from __future__ import annotations

import re

from pipelines.extract.block_prints import content_hash, normalise

# trafilatura writes "<li>x" as "- x" (ordered and unordered lists alike).
_LIST_MARKER = re.compile(r"^\s*-\s+")
# ... and a table row as "| a | b | " (a trailing space after the last bar), or, when it
# reads the table as layout, as "a b".
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SPACES = re.compile(r"\s+")


def _hashes(line: str) -> set[int]:
    """Content hashes of the forms a line's fingerprint can have."""
    norm = normalise(line)
    forms = {norm}
    bare = _LIST_MARKER.sub("", line)
    if bare != line:
        forms.add(normalise(bare))
    return {content_hash(f) for f in forms if f}


def _pieces(line: str) -> list[str]:
    """The cells of a table row as trafilatura writes it, between bars or spaces; [] for a
    line of one piece."""
    if _TABLE_ROW.match(line):
        cells = line.strip().strip("|").split("|")
    else:
        cells = _SPACES.split(line.strip())
    pieces = [normalise(c) for c in cells]
    pieces = [p for p in pieces if p]
    return pieces if len(pieces) > 1 else []


def is_template_line(line: str, cut: set[int]) -> bool:
    """``line`` (one line of extracted text) is one of the template lines ``cut`` (their
    content hashes on this article's pages), in any of the forms trafilatura writes."""
    if not cut:
        return False
    if _hashes(line) & cut:
        return True
    pieces = _pieces(line)
    return bool(pieces) and all(content_hash(p) in cut for p in pieces)
