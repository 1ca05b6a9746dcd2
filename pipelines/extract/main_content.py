"""Stage 4, main content: the page's tree -> the text of the article node.

Why this order inside the stage: a related-stories stream or a comment section can hold more
prose than the article, so DOM chrome goes first (chrome_dom.py, chrome_widgets.py, one or
two teasers of other stories in related_teasers.py, reader comments by shape in
comment_runs.py and comment_entry.py, promotions between paragraphs in promos.py), then
the main node is chosen by prose density (density.py) and narrowed past teaser lists
beside the article (narrow.py), one copy is kept of an article the page carries twice
(copies.py), a thread is settled to its posts (forum.py; quotes.py: a first post quoting an
article is the article, a reply's quotes are not its prose; chatter.py: a short report
above a stream of short utterances is a report, not a question), the node is reshaped the
way a browser shows it (node_prep.py), and trafilatura turns it into text.  The lines of
the chosen node are fingerprinted for the site template before a thread is settled
(block_prints.py).  Where trafilatura drops most of a node that scored as prose,
our own block-per-line text stands in; loose prose runs it drops between paragraphs are put
back, and so are paragraphs its fallback ran together or skipped as repeats
(trafilatura_repairs.py).
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import NamedTuple

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from pipelines.classify import teasers_near
from pipelines.extract.block_prints import Print, page_prints
from pipelines.extract.chrome_dom import strip_dom_chrome
from pipelines.extract.copies import one_copy
from pipelines.extract.density import best_node, widen_single_paragraph
from pipelines.extract.forum import settle_thread
from pipelines.extract.narrow import narrow_to_article
from pipelines.extract.node_prep import (
    loose_runs,
    prepare_for_trafilatura,
    restore_dropped_prose,
)
from pipelines.extract.render import block_text
from pipelines.extract.rules import ChromeRules
from pipelines.extract.trafilatura_repairs import restore_repeats, unflatten

_WS = re.compile(r"\s+")


def _compact_len(text: str) -> int:
    return len(_WS.sub("", text))


def _trafilatura_text(node: HtmlElement, url: str) -> str:
    wrapper = lxml.html.fromstring("<html><body></body></html>")
    node = deepcopy(node)
    prepare_for_trafilatura(node)
    wrapper.find("body").append(node)
    text = trafilatura.extract(
        wrapper,
        url=url or None,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    return text or ""


class MainContent(NamedTuple):
    """The article node's text (chrome lines still in), the signals the page-type decisions
    read (link and prose totals, teaser runs, replies kept), and the fingerprints of the
    lines the node renders (for the site template, block_prints.py)."""

    text: str
    signals: dict
    prints: list[Print]


def main_text(
    doc: HtmlElement,
    url: str,
    rules: ChromeRules,
    kind: str | None = None,
    continued: bool = False,
) -> MainContent:
    """Stage 4 on one page's tree (which it changes: chrome is cut out of it).

    ``kind``: the page is a forum thread or Q&A page (forum_hint.py), whose replies count.
    ``continued``: the page is one of several pages of one article.
    """
    body = doc.find("body")
    body = body if body is not None else doc
    signals, tree = strip_dom_chrome(body, rules, discussion=kind is not None, continued=continued)
    stats = tree.stats
    best = best_node(body, stats)
    if kind is None:  # in a thread, posts beside a post are no teasers, nor copies if quoted
        best = narrow_to_article(best, tree, [run[0] for run in signals.get("teaser_runs", [])])
        best = one_copy(best, tree)
    signals["best_value"] = stats[best].value if best in stats else 0.0
    node = best if kind is not None else widen_single_paragraph(best, tree)
    signals["body_text"] = stats[body].text if body in stats else 0
    signals["body_link"] = stats[body].link if body in stats else 0
    signals["teasers_in_main"] = teasers_near(node, signals.pop("teaser_runs", []))
    signals["main_chars"] = stats[node].text - stats[node].link if node in stats else 0
    prints = page_prints(node)
    node, signals["reply_chars"] = settle_thread(node, kind)
    text = _trafilatura_text(node, url)
    own = block_text(node)
    if _compact_len(text) < 0.5 * _compact_len(own) and signals["best_value"] > 0:
        text = own
    elif kind is None:  # in a thread, what trafilatura drops between posts is chatter
        rendered = block_text(node, rendered=True)
        text = restore_repeats(unflatten(text, rendered), rendered)
        kept = _WS.sub("", text)
        lost = {run for run in loose_runs(node) if run not in kept}
        if lost:
            text = restore_dropped_prose(text, rendered, lost)
    return MainContent(text, signals, prints)
