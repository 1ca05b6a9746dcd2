"""HTML bytes of one article (one or more pages) -> ``Extracted``: the stages, in order.

Each stage is a module of this package, named by what it does, run in this order:

1. **decode** (decode.py): bytes -> str.  Chinese pages lie about their charset, so the
   declared ones are only candidates.
2. **parse** (parse.py): str -> one lxml tree, which every later stage reads.
   *Metadata is read here* (metadata.py: title, date, canonical URL, the credits under the
   headline), while the page is whole: the next stages cut the header and the chrome out
   of the tree.  Is the page a discussion (forum_hint.py: a thread's replies are content,
   a news page's comments are not)?  That decides how the next stages treat replies.
3. **site template** (site_template.py): what surrounds the article at the same place on
   most pages of one site.  Each page leaves the fingerprints of the lines its main node
   renders (block_prints.py, taken in stage 4 on the tree already parsed); the template is
   learned from all of a site's pages and cut from their texts after the crawl
   (storage/finalise.py), so the first pages of a site get the same cut as the last.
4. **main content** (main_content.py): DOM chrome out (furniture containers, teaser runs,
   reader comments by shape in comment_runs.py, promos between paragraphs in promos.py),
   the main node by prose density, one copy of a doubled article, a thread settled to its
   posts (forum.py, quotes.py), trafilatura's text of the node.
5. **chrome lines** (chrome_lines.py): text chrome trafilatura kept (promo lines, tail
   markers, whole chrome lines, posting-meta lines at the edges in post_meta.py, the
   headline block) out; credit lines out, to metadata.
6. **metadata** (metadata.py): byline and credited outlet from the credit lines and the
   header read in stage 2; then the page-type decision (pipelines/classify.py: list page,
   too short).

Pages 2+ of a split article only add text (stages 1, 2, 4, 5); a thread whose page 1 kept
its first post alone takes nothing from them (they hold more of the replies it cut).
Phrases and thresholds of the chrome stages live in chrome_rules.toml.

Everything here is module-level and picklable: the Scrapy pipeline runs it in a process pool.
Expected failures (garbage bytes, a list page, a stub) are returned as ``Extracted`` with
``is_article=False`` and a reason, never raised.
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple

from lxml.html import HtmlElement

from pipelines.article import Extracted
from pipelines.classify import is_binary, is_continuation, list_page_reason
from pipelines.extract.block_prints import Print, pack
from pipelines.extract.chrome_lines import clean_lines
from pipelines.extract.decode import decode_html
from pipelines.extract.forum import FIRST_POST_MIN_CHARS
from pipelines.extract.forum_hint import THREAD, discussion_kind
from pipelines.extract.main_content import main_text
from pipelines.extract.metadata import PageMeta, read_metadata, resolve_credits
from pipelines.extract.page_furniture import drop_page_one_furniture, page_lines
from pipelines.extract.parse import parse_html
from pipelines.extract.promos import drop_promo_lines
from pipelines.extract.rules import ChromeRules, load_rules

LOGGER = logging.getLogger(__name__)
_WS = re.compile(r"\s+")


class PageText(NamedTuple):
    """One page after stages 4 and 5."""

    text: str  # chrome and credit lines out
    credits: list[str]  # the credit lines, for metadata
    signals: dict  # what the page-type decision reads
    prints: list[Print]  # fingerprints of the main node's lines, for the site template


def page_text(
    doc: HtmlElement,
    url: str,
    rules: ChromeRules,
    title: str = "",
    kind: str | None = None,
    continued: bool = False,
) -> PageText:
    """Stages 4 and 5 on one page (``continued``: one of several pages of the article)."""
    main = main_text(doc, url, rules, kind, continued)
    lines, credits = clean_lines(main.text, title, rules)
    return PageText("\n".join(lines), credits, main.signals, main.prints)


def extract_page(
    bodies: list[bytes], url: str, content_type: str | None = None, min_chars: int = 150
) -> Extracted:
    """Extract one article from the raw bytes of its pages (page 1 first). Never raises."""
    try:
        return _extract(bodies, url, content_type, min_chars)
    except Exception:  # noqa: BLE001 - step boundary: one bad page must not stop a crawl
        LOGGER.exception("extraction failed: %s", url)
    try:  # a bug in one of our stages must not lose the article: trafilatura's reading
        return _fallback(bodies, url, content_type, min_chars)
    except Exception:  # noqa: BLE001
        LOGGER.exception("fallback extraction failed: %s", url)
        return Extracted(is_article=False, reason="not_article:error")


def _fallback(bodies: list[bytes], url: str, content_type: str | None, min_chars: int) -> Extracted:
    """The pages read by trafilatura alone (with our line clean-up), for a page one of our
    stages failed on; no list-page decision, so only a long text counts as an article."""
    import trafilatura

    rules = load_rules()
    htmls = [decode_html(bytes(b), content_type) for b in bodies if not is_binary(b)]
    doc = parse_html(htmls[0]) if htmls else None
    if doc is None:
        return Extracted(is_article=False, reason="not_article:error")
    meta: PageMeta = read_metadata(doc, url)
    texts = []
    for html in htmls:
        raw = trafilatura.extract(html, url=url, include_comments=False, favor_precision=True)
        texts.append("\n".join(clean_lines(raw or "", meta.title, rules)[0]))
    text = "\n".join(t for t in texts if t)
    out = Extracted(title=meta.title, text=text, canonical_url=meta.canonical_url)
    out.published_at = meta.published_at
    if len(_WS.sub("", text)) < 2 * min_chars:
        out.is_article, out.reason = False, "not_article:error"
    return out


def _extract(bodies: list[bytes], url: str, content_type: str | None, min_chars: int) -> Extracted:
    bodies = [b for b in (bodies or []) if isinstance(b, (bytes, bytearray))]
    if not bodies or not any(b.strip() for b in bodies):
        return Extracted(is_article=False, reason="not_article:empty")
    if is_binary(bodies[0]):
        return Extracted(is_article=False, reason="not_article:binary")
    html = decode_html(bytes(bodies[0]), content_type)
    doc = parse_html(html)
    if doc is None:
        return Extracted(is_article=False, reason="not_article:empty")
    rules = load_rules()
    meta: PageMeta = read_metadata(doc, url)
    out = Extracted(title=meta.title, canonical_url=meta.canonical_url)
    if is_continuation(doc, url):
        out.is_article, out.reason = False, "not_article:continuation"
        return out
    kind = discussion_kind(html, url or meta.canonical_url or "")
    continued = len(bodies) > 1  # the crawl joined later pages to it as its continuation
    first_page = page_lines(doc) if continued and kind is None else frozenset()
    first = page_text(doc, url, rules, meta.title, kind, continued)
    if (
        kind is None
        and first.signals["main_chars"] < FIRST_POST_MIN_CHARS
        and not continued
        and not first.signals.get("comment_runs")
    ):
        # a short text followed by a longer reply stream: the replies are the page (a
        # question, a one-line topic), whatever the site looks like.  Not when the text has
        # later pages (the crawl joined them as its continuation: page 1 of a split article
        # is short) or when the comment step saw reader comments in their furniture with an
        # article's prose left beside them (a short news item under 60 comments).
        again = parse_html(html)
        if again is not None:
            reread = page_text(again, url, rules, meta.title, THREAD)
            if reread.signals["reply_chars"] > first.signals["main_chars"]:
                kind, first = THREAD, reread
    text, credits, signals = first.text, first.credits, first.signals
    texts, prints = [text], [first.prints]
    # a thread whose first page kept no replies (chatter under an article, or replies to a
    # quoted one) has later pages of more such replies: the first post is on page 1 only
    later = bodies[1:] if kind != THREAD or signals["reply_chars"] > 0 else []
    for extra in later:
        if is_binary(extra):
            continue
        more = parse_html(decode_html(bytes(extra), content_type))
        if more is not None:
            page = page_text(more, url, rules, meta.title, kind, continued=True)
            later_lines = drop_promo_lines(page.text.split("\n"), rules, False)
            texts.append(drop_page_one_furniture("\n".join(later_lines), first_page, text))
            prints.append(page.prints)
    out.text = "\n".join(t for t in texts if t)
    out.block_prints = pack(prints)
    out.published_at = meta.published_at
    first, last = text.split("\n", 1)[0], texts[-1].rsplit("\n", 1)[-1]
    out.byline, out.credited_outlet = resolve_credits(meta, credits, first, last)
    reason = list_page_reason(signals, out.text, url)
    if reason:
        out.is_article, out.reason = False, reason
    elif len(_WS.sub("", out.text)) < min_chars:
        out.is_article, out.reason = False, "too_short"
    return out
