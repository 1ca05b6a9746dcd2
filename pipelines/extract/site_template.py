"""Stage 3, site template: what surrounds the article at the same place on most of a site's pages.

Why by place and not by repetition: a newsroom that reports many similar cases repeats whole
paragraphs across different articles (a legal explanation, a standard warning), in the middle
of the body; on unseen webs a rule "a line that recurs across a site's articles is template"
took 30 % of most articles' text in one web.  Template is a block whose DOM position *and*
content recur on most pages of a site (Yi, Liu & Li, KDD 2003, site style trees; Bar-Yossef &
Rajagopalan, WWW 2002, pagelets): the slogan always last in the article container, the
"发布于 … IP 属地…" line always first.  A paragraph several articles share sits among their own
paragraphs, at a different place in each, and stays.

How: every extracted page carries the fingerprints of the lines its main node renders
(block_prints.py: path, content, ends of short lines).  A line is *frequent* when its path and
content (or, for a short line, its first or last characters) are on at least
``TEMPLATE_SHARE`` of the site's distinct pages.  It is *template* when, besides, on nearly
every page that carries it (``EDGE_SHARE``) only frequent lines stand between it and the top,
or only frequent lines between it and the bottom, of its group (the article's paragraphs and
the boxes beside them): template surrounds the article, it is not interleaved with it.
Counting only frequent lines as "between" lets a template line that is missing on a few
pages (an optional promo) not shift the others.  The template's lines are cut from every
page's text.  A site seen once or twice has no template:
the per-page rules are its cold start.

When: after the crawl, over the stored fingerprints of every article of the site
(storage/finalise.py), from ``raw_text`` each time, so every page of a site (the first
fetched as well as the last) is cut by the same model and nothing compounds across runs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.extract.block_prints import Print, content_hash, normalise, unpack

# Template is on "most pages" of a site: a real template line is on (nearly) every article
# page of its layout; 0.6 leaves room for a second layout (galleries, videos) beside it.
TEMPLATE_SHARE = 0.6
# Below this many pages, nothing is template: the per-page rules are the cold start.
TEMPLATE_MIN_PAGES = 3
# A template line is at the edge of its path's lines on nearly every page that carries it; a
# paragraph several articles share lands there only by chance.  On generated 5-page sites
# (tests/sitegen.py, seeds 100-300) a shared paragraph sat at the same edge on 3 of the 4
# pages carrying it in 1 site of 200; 0.8 needs 4 of 4 there.
EDGE_SHARE = 0.8

Key = tuple[int, int, int]  # (path, kind, hash)
_EXACT, _PREFIX, _SUFFIX = 0, 1, 2


def _line_keys(prints: list[Print]) -> list[tuple[int, tuple[Key, ...]]]:
    """(group, content keys) of each line: the whole line, and the ends of a short one."""
    out = []
    for path, group, content, prefix, suffix in prints:
        keys = [(path, _EXACT, content)]
        if prefix:
            keys.append((path, _PREFIX, prefix))
        if suffix:
            keys.append((path, _SUFFIX, suffix))
        out.append((group, tuple(keys)))
    return out


def _at_edges(lines: list[tuple[int, tuple[Key, ...]]], frequent: set[Key]) -> tuple[set, set]:
    """The keys of the lines with only frequent lines above them in their group (first set)
    and of those with only frequent lines below them (second set)."""
    top: set[Key] = set()
    bottom: set[Key] = set()
    for edge, order in ((top, lines), (bottom, reversed(lines))):
        broken: set[int] = set()  # groups where a line that is not frequent has been passed
        for group, keys in order:
            if group in broken:
                continue
            edge.update(keys)
            if not any(k in frequent for k in keys):
                broken.add(group)
    return top, bottom


@dataclass(frozen=True)
class SiteTemplate:
    """The template of one site: the (path, content) keys of the lines around its articles."""

    keys: frozenset[Key]
    pages: int  # distinct pages it was learned from

    @classmethod
    def learn(
        cls,
        pages: Iterable[list[Print]],
        share: float = TEMPLATE_SHARE,
        min_pages: int = TEMPLATE_MIN_PAGES,
    ) -> SiteTemplate:
        """The template of a site from the fingerprints of its pages (one list per page)."""
        if not 0.0 < share <= 1.0 or min_pages < 1:
            raise ValueError("share must be in (0, 1] and min_pages >= 1")
        distinct: dict[tuple[int, ...], list[tuple[int, tuple[Key, ...]]]] = {}
        for prints in pages:
            if prints:  # one article under two URLs counts once
                distinct.setdefault(tuple(line[2] for line in prints), _line_keys(prints))
        carried: Counter[Key] = Counter()
        for lines in distinct.values():
            carried.update({k for _, keys in lines for k in keys})
        needed = max(min_pages, math.ceil(share * len(distinct) - 1e-9))
        frequent = {k for k, n in carried.items() if n >= needed}
        if not frequent:
            return cls(frozenset(), len(distinct))
        top: Counter[Key] = Counter()
        bottom: Counter[Key] = Counter()
        for lines in distinct.values():
            at_top, at_bottom = _at_edges(lines, frequent)
            top.update(at_top & frequent)
            bottom.update(at_bottom & frequent)
        found = {k for k in frequent if max(top[k], bottom[k]) >= EDGE_SHARE * carried[k]}
        return cls(frozenset(found), len(distinct))

    def template_lines(self, prints: list[Print]) -> set[int]:
        """Content hashes of the page's lines that are template."""
        if not self.keys:
            return set()
        return {keys[0][2] for _, keys in _line_keys(prints) if any(k in self.keys for k in keys)}


def strip_template(text: str, blob: bytes | None, model: SiteTemplate) -> str:
    """``text`` (as extracted) without the lines the site's template holds on its pages."""
    cut: set[int] = set()
    for prints in unpack(blob):
        cut |= model.template_lines(prints)
    if not cut:
        return text
    kept = [ln for ln in text.split("\n") if content_hash(normalise(ln)) not in cut]
    return "\n".join(kept)


def learn_site(blobs: Iterable[bytes | None]) -> SiteTemplate:
    """The template of a site from the stored fingerprint blobs of its articles."""
    return SiteTemplate.learn(p for blob in blobs for p in unpack(blob))
