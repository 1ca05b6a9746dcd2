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
(block_prints.py: path, content, ends of short lines that are not sentences).  A line is
*frequent* when its path and content (or, for a short line, its first or last characters)
are on at least ``TEMPLATE_SHARE`` of the site's distinct pages.  It is *template* when,
besides, on nearly every page that carries it (``EDGE_SHARE``) only frequent lines stand
between it and the top, or only frequent lines between it and the bottom, of its group
(the article's paragraphs and the boxes beside them): template surrounds the article, it is
not interleaved with it.  Counting only frequent lines as "between" lets a template line that
is missing on a few pages (an optional promo) not shift the others; a short line that is no
sentence (a label with a value: "上篇：<title>", "标签：…", "本文编辑：…") does not count
either, since such lines change from page to page (another neighbour, other tags, the
label itself drawn per page) and are no story text a template line could be interleaved
with; nor does a line too short to have ends ("评论", "顶").  (On genweb seeds 1-40,
offline, the site's prev/next, meta, editor and disclaimer lines were left in 111 of 2447
articles before, 75 with labels let through, 67 with short lines too; no article's body F1
fell.)  A site
seen once or twice has no template: the per-page rules are its cold start.

A line is frequent too when it sits at a *fixed place*: its path shows these words and
nothing else wherever the main node reaches it, in three articles or more, and not in a
group that holds an article's paragraphs (template_lines.py, ``fixed_lines``).  A main node
is as wide as the page's prose needs, so a box beside the article (a disclaimer) is inside it
on short pages only (pages 2+ of split articles), a third of a site's pages or less; counted
against all pages it was never frequent.  Articles are counted, not pages, for that.

Place alone cannot tell a newsroom's closing line ("目前，该案判决已发生法律效力。", the last
paragraph of most of its reports) from a slogan under every article.  What can is the other
sites of the crawl: a site's template is its own, while the story's text travels with the
story.  So a line a site's template would cut stays when a page of another site carries it
without cutting it, and that page shares other lines with this site's page (a copy of the
same story, or another report of the same newsroom): ``learn_sites``.

When: after the crawl, over the stored fingerprints of every article of the crawl's sites
(storage/finalise.py), from ``raw_text`` each time, so every page of a site (the first
fetched as well as the last) is cut by the same model and nothing compounds across runs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import count

from pipelines.extract.block_prints import Print, unpack
from pipelines.extract.sibling_titles import names_another_article
from pipelines.extract.template_cut import is_template_line
from pipelines.extract.template_lines import (
    EDGE_SHARE,
    Key,
    Line,
    at_edges,
    fixed_lines,
    line_keys,
)

# Template is on "most pages" of a site: a real template line is on (nearly) every article
# page of its layout; 0.6 leaves room for a second layout (galleries, videos) beside it.
TEMPLATE_SHARE = 0.6
# Below this many pages, nothing is template: the per-page rules are the cold start.
TEMPLATE_MIN_PAGES = 3
# A line another site carries uncut is the story's text when that site's page and this
# site's page share at least this many other lines that site carries as body (one of them
# body here too).  Copies of one story share most of their paragraphs, and two reports of one
# newsroom its statute, warning and closing paragraphs; two lines, not one, so that a stray
# line of chrome both sites let through (a share bar in the same words) does not make two
# unrelated pages kin.  On tests/sitegen_web.py seeds 0-29, shared paragraphs kept: 2187 of
# 2255 when both lines had to be body on both sites, 2219 with this rule, 2226 with any one
# line (the one-line risk left unmeasured: no generator repeats chrome across sites).
TRAVEL_SHARED_LINES = 2


def document(blob: bytes | None) -> list[Print]:
    """The lines of a stored article, its pages one after another: the whole story, as
    another site's copy of it is compared with it.  (The template itself is learned page by
    page: counting a split article once made a newsroom's closing line, on its last page,
    frequent on more sites; on tests/sitegen_web.py seeds 0-29, 2035 of 2255 shared
    paragraphs kept page by page, 1651 document by document.)"""
    return [line for page in unpack(blob) for line in page]


@dataclass(frozen=True)
class SiteTemplate:
    """The template of one site: the (path, content) keys of the lines around its articles."""

    keys: frozenset[Key]
    pages: int  # distinct pages it was learned from
    cut: frozenset[int] = frozenset()  # content hashes of the lines it cuts on those
    kept: frozenset[int] = frozenset()  # content hashes that travel with stories: never cut

    @classmethod
    def learn(
        cls,
        pages: Iterable[list[Print]],
        share: float = TEMPLATE_SHARE,
        min_pages: int = TEMPLATE_MIN_PAGES,
        documents: Iterable[int] | None = None,
    ) -> SiteTemplate:
        """The template of a site from the fingerprints of its pages (one list per page);
        ``documents``: the article each page belongs to (default: each page its own)."""
        if not 0.0 < share <= 1.0 or min_pages < 1:
            raise ValueError("share must be in (0, 1] and min_pages >= 1")
        distinct: dict[tuple[int, ...], tuple[int, list[Line]]] = {}
        docs = count() if documents is None else documents
        for prints, doc in zip(pages, docs, strict=False):
            if prints:  # one article under two URLs counts once
                distinct.setdefault(tuple(line[2] for line in prints), (doc, line_keys(prints)))
        carried: Counter[Key] = Counter()
        for _, lines in distinct.values():
            carried.update({k for _, keys, _ in lines for k in keys})
        needed = max(min_pages, math.ceil(share * len(distinct) - 1e-9))
        frequent = {k for k, n in carried.items() if n >= needed}
        frequent |= fixed_lines(list(distinct.values()), carried, min_pages)
        if not frequent:
            return cls(frozenset(), len(distinct))
        top: Counter[Key] = Counter()
        bottom: Counter[Key] = Counter()
        for _, lines in distinct.values():
            at_top, at_bottom = at_edges(lines, frequent)
            top.update(at_top & frequent)
            bottom.update(at_bottom & frequent)
        found = {k for k in frequent if max(top[k], bottom[k]) >= EDGE_SHARE * carried[k]}
        cut = {
            keys[0][2]
            for _, lines in distinct.values()
            for _, keys, _ in lines
            if any(k in found for k in keys)
        }
        return cls(frozenset(found), len(distinct), frozenset(cut))

    def keep(self, contents: Iterable[int]) -> SiteTemplate:
        """The same template, never cutting the lines whose content hashes are ``contents``."""
        kept = self.kept | frozenset(contents)
        return replace(self, kept=kept, cut=self.cut - kept)

    def template_lines(self, prints: list[Print]) -> set[int]:
        """Content hashes of the page's lines that are template."""
        if not self.keys:
            return set()
        return {
            keys[0][2]
            for _, keys, _ in line_keys(prints)
            if keys[0][2] not in self.kept and any(k in self.keys for k in keys)
        }


def strip_template(
    text: str, blob: bytes | None, model: SiteTemplate, others: frozenset[str] = frozenset()
) -> str:
    """``text`` (as extracted) without the lines the site's template holds on its pages, and
    without the lines that name another article of the site (``others``: ``title_key`` of
    their titles; see ``names_another_article``)."""
    cut: set[int] = set()
    for prints in unpack(blob):
        cut |= model.template_lines(prints)
    if not cut and not others:
        return text
    kept = [
        ln
        for ln in text.split("\n")
        if not is_template_line(ln, cut) and not names_another_article(ln, others)
    ]
    return "\n".join(kept)


def learn_site(blobs: Iterable[bytes | None]) -> SiteTemplate:
    """The template of a site from the stored fingerprint blobs of its articles."""
    pages = [(p, doc) for doc, blob in enumerate(blobs) for p in unpack(blob)]
    return SiteTemplate.learn((p for p, _ in pages), documents=[d for _, d in pages])


# --- across sites: the story's own lines travel with it -----------------------------------------

Carriers = dict[int, list[tuple[str, set[int]]]]  # content -> (site, contents of a page) uncut


def learn_sites(
    blobs_of: Callable[[str], Iterable[bytes | None]], sites: Iterable[str]
) -> dict[str, SiteTemplate]:
    """The template of each of ``sites`` (``blobs_of(site)``: its articles' fingerprint blobs,
    read up to three times), less the lines that travel with stories to other sites."""
    models = {site: learn_site(blobs_of(site)) for site in sites}
    cutting: dict[int, set[str]] = {}
    for site, model in models.items():
        for content in model.cut:
            cutting.setdefault(content, set()).add(site)
    if not cutting:
        return models
    carriers = _uncut_carriers(models, blobs_of, cutting)
    for site, model in models.items():
        if model.cut & carriers.keys():
            travelling = _travelling(site, models, blobs_of(site), carriers)
            if travelling:
                models[site] = model.keep(travelling)
    return models


def _uncut_carriers(
    models: dict[str, SiteTemplate],
    blobs_of: Callable[[str], Iterable[bytes | None]],
    cutting: dict[int, set[str]],
) -> Carriers:
    """The documents that carry, uncut, a line some other site's template cuts."""
    carriers: Carriers = {}
    for site in models:
        for blob in blobs_of(site):
            contents = {line[2] for line in document(blob)}
            for content in contents & cutting.keys():
                if site not in cutting[content]:
                    carriers.setdefault(content, []).append((site, contents))
    return carriers


def _travelling(
    site: str,
    models: dict[str, SiteTemplate],
    blobs: Iterable[bytes | None],
    carriers: Carriers,
) -> set[int]:
    """The lines ``site``'s template would cut that a kindred page of another site carries
    uncut (``_kindred``)."""
    own = models[site].cut
    found: set[int] = set()
    for blob in blobs:
        contents = {line[2] for line in document(blob)}
        for content in (contents & own & carriers.keys()) - found:
            for other, theirs in carriers[content]:
                if other != site and _kindred(contents - {content}, theirs, own, models[other]):
                    found.add(content)
                    break
    return found


def _kindred(
    ours: set[int], theirs: set[int], our_cut: frozenset[int], model: SiteTemplate
) -> bool:
    """Two pages of two sites are kin (a copy of one story, two reports of one newsroom) when
    ``TRAVEL_SHARED_LINES`` other lines of ours are body on theirs, one of them body on ours
    too.  Lines our template cuts count: a newsroom's warning and closing line travel
    together, and the other site carrying both as body is the evidence for both."""
    their_body = (ours & theirs) - model.cut
    return len(their_body) >= TRAVEL_SHARED_LINES and bool(their_body - our_cut)
