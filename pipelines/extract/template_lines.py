"""The lines of a site's pages as the template learner (site_template.py) reads them.

Each line of a page's fingerprints (block_prints.py) becomes its keys (the whole line; the
ends of a short label), and two questions are answered here: which lines stand at the top or
bottom edge of their group, with only template around them (``at_edges``), and which lines
sit at a place of the site that shows nothing else (``fixed_lines``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipelines.extract.block_prints import SHORT_LABEL, Print

# A template line is at the edge of its path's lines on nearly every page that carries it; a
# paragraph several articles share lands there only by chance.  On generated 5-page sites
# (tests/sitegen.py, seeds 100-300) a shared paragraph sat at the same edge on 3 of the 4
# pages carrying it in 1 site of 200; 0.8 needs 4 of 4 there.
EDGE_SHARE = 0.8
# A line that is the only thing its path renders on the site (``fixed_lines``) is template
# when its path renders it on this share of the pages that reach the path at all (so one
# page in ten may show something else there: another notice, a label).
FIXED_SHARE = 0.9
# A group with this many lines of prose on one page holds an article's paragraphs; pages 2+
# of split genweb articles hold one or two (genweb seed 728211331912, site09).
BODY_GROUP_LINES = 3


Key = tuple[int, int, int]  # (path, kind, hash)
_EXACT, _PREFIX, _SUFFIX = 0, 1, 2


Line = tuple[int, tuple[Key, ...], bool]  # group, content keys, is a label (short, no sentence)


def line_keys(prints: list[Print]) -> list[Line]:
    """(group, content keys, label) of each line: the whole line, and the ends of a short
    one; ``label`` for a line that is short and no sentence (block_prints marks those too
    short for ends with ``SHORT_LABEL``)."""
    out = []
    for path, group, content, prefix, suffix in prints:
        keys = [(path, _EXACT, content)]
        short = prefix == suffix == SHORT_LABEL
        if prefix and not short:
            keys.append((path, _PREFIX, prefix))
        if suffix and not short:
            keys.append((path, _SUFFIX, suffix))
        out.append((group, tuple(keys), short or len(keys) > 1))
    return out


def at_edges(lines: list[Line], frequent: set[Key]) -> tuple[set, set]:
    """The keys of the lines with only frequent lines above them in their group (first set)
    and of those with only frequent lines below them (second set).  A label (short, no
    sentence) never stands between: see site_template.py's docstring."""
    top: set[Key] = set()
    bottom: set[Key] = set()
    for edge, order in ((top, lines), (bottom, reversed(lines))):
        broken: set[int] = set()  # groups where a line that is not frequent has been passed
        for group, keys, label in order:
            if group in broken:
                continue
            edge.update(keys)
            if not label and not any(k in frequent for k in keys):
                broken.add(group)
    return top, bottom


def fixed_lines(
    pages: Iterable[tuple[int, list[Line]]], carried: Counter[Key], min_docs: int
) -> set[Key]:
    """Lines that are the only thing their path ever renders on the site (``FIXED_SHARE`` of
    the pages that render the path at all), in ``min_docs`` articles or more, in a group of
    boxes beside the article: on nearly every page (``EDGE_SHARE``) their group is not one
    where the site shows an article's paragraphs (``BODY_GROUP_LINES`` of them on a page).

    Why not by share of all pages: a main node is as wide as the page's prose needs, so a
    box beside the article (a disclaimer in a <p class="notice">) is inside it on short pages
    (pages 2+ of split articles, short items) and outside it elsewhere; on genweb webs it was
    in a third of a site's pages or less, never frequent.  The path is the evidence instead:
    a story's paragraph shares its path with the other paragraphs of every article, while a
    box whose path shows the same words wherever the main node reaches it is the site's.  The
    group keeps a newsroom's note in a box of its own class among its paragraphs (a legal
    explainer in some of its reports) out: there the box shares its group with the story's
    paragraphs.  (Counted on pages with paragraphs enough: the lone paragraph of a short page
    2, its wrappers skipped, may share the group of the boxes under it.)"""
    on_path: Counter[int] = Counter()
    docs: dict[Key, set[int]] = {}
    for doc, lines in pages:
        on_path.update({keys[0][0] for _, keys, _ in lines})
        for _, keys, _ in lines:
            docs.setdefault(keys[0], set()).add(doc)
    fixed = {
        k
        for k, seen in docs.items()
        if len(seen) >= min_docs and carried[k] >= FIXED_SHARE * on_path[k[0]]
    }
    body: set[int] = set()  # groups that hold an article's paragraphs on some page
    for _, lines in pages:
        prose = Counter(group for group, keys, label in lines if not label and keys[0] not in fixed)
        body.update(group for group, n in prose.items() if n >= BODY_GROUP_LINES)
    beside = Counter(keys[0] for _, lines in pages for group, keys, _ in lines if group not in body)
    return {k for k in fixed if beside[k] >= EDGE_SHARE * carried[k]}
