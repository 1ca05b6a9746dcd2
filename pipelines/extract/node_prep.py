"""Make trafilatura read the chosen main node as a browser shows it.

Why: trafilatura walks a tree of paragraphs.  Old portals, Word-exported HTML and WeChat-style
editors write articles that render as paragraphs but are not built of them: layout tables,
subheadings between paragraphs, <section> per paragraph, and text in <font>/<span> runs
sitting between <p> siblings.  Handed over as they are, trafilatura flattens some into one
line and drops others.  The first three shapes are rewritten on a copy of the node before
trafilatura runs (``prepare_for_trafilatura``); the loose runs are put back into its text
afterwards (``loose_runs``, ``restore_dropped_prose``), because rewriting them into <p>s
changed which other blocks trafilatura kept.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from pipelines.extract.density import BLOCK_TAGS
from pipelines.extract.trafilatura_repairs import insert_after

_WS = re.compile(r"\s+")
_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")
# Containers whose direct children are structure, never a loose run of text.
_STRUCTURAL = frozenset(
    ("table", "tbody", "thead", "tfoot", "tr", "ul", "ol", "dl", "pre", "select")
)
# A loose run with more link text than this share is a row of links, not prose.
_RUN_LINK_SHARE = 0.3
# A dropped line is restored only when it reads as prose: this long, with sentence
# punctuation; and only when the restored lines add up to this much.
_PROSE_MIN = 10
_PROSE = re.compile(r"[，。！？；：]")
# ... and is Chinese prose: on Latin-script pages the loose runs seen are bylines, dates and
# photo credits, which commas and full stops do not tell from sentences, so there
# trafilatura's choice stands.
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_SHARE = 0.5
_RESTORE_MIN = 20
# A paragraph of ours counts as kept by trafilatura when it holds this share of its
# character 4-grams (trafilatura drops an inline image caption or a link from a paragraph
# it keeps), and as dropped when at most this share; anchors are at least this long.
_GRAM = 4
_KEPT_SHARE = 0.8
_DROPPED_SHARE = 0.3
_ANCHOR_MIN = 20


def unwrap_layout_tables(node: HtmlElement) -> None:
    """Turn layout tables (a cell holding prose) into divs, in place.

    trafilatura renders table cells as one "| a | b |" line, which flattens an old portal's
    article (or a Discuz post) into a single paragraph; data tables (short cells) stay.
    """
    tables = [t for t in node.iter("table")]
    if node.tag in _TABLE_PARTS and node.tag != "table":
        tables.append(node)
    for table in tables:
        cells = [c for c in table.iter("td", "th")]
        if (
            any(len(c.text_content().strip()) > 150 for c in cells)
            or table.find(".//p") is not None
        ):
            for el in table.iter(*_TABLE_PARTS):
                el.tag = "div"
                for attr in ("colspan", "rowspan"):
                    el.attrib.pop(attr, None)


def _has_prose(el: HtmlElement | None) -> bool:
    return el is not None and isinstance(el.tag, str) and len(_compact(el.text_content())) >= 20


def keep_subheadings(node: HtmlElement) -> None:
    """Turn subheadings between two paragraphs into paragraphs, in place.

    trafilatura drops h2-h6 when the node it gets matches none of its article containers;
    a subheading inside the prose ("郑重道歉" between two paragraphs) is article text.
    Headings at the edges (a title, "目录", a "Trackback" box) are left to trafilatura.
    """
    for el in list(node.iter("h2", "h3", "h4", "h5", "h6")):
        if _has_prose(el.getprevious()) and _has_prose(el.getnext()):
            el.tag = "p"


def sections_as_paragraphs(node: HtmlElement) -> None:
    """Turn <section>s that hold only inline content into paragraphs, in place.

    WeChat-style editors write every paragraph as a <section>; handed such a body directly,
    trafilatura joins them all into one line, and the line structure the chrome rules read
    (a credit line, a tail marker) is lost.
    """
    for el in list(node.iter("section")):
        if el is node or not (el.text_content() or "").strip():
            continue
        if not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants()):
            el.tag = "p"


def _compact(text: str) -> str:
    return _WS.sub("", text)


def loose_runs(node: HtmlElement) -> set[str]:
    """The text (whitespace removed) of Chinese prose runs loose between block siblings.

    A browser shows ``<p>…</p><font><span>1956</span><span>年生人，…</span></font><p>…``
    as three paragraphs: the run in the middle gets a block box of its own.  Word-exported
    markup, whose broken ``</span>`` tags the parser re-nests, is full of such runs.
    """
    blocks = _blockish(node)
    runs: set[str] = set()
    for el in node.iter():
        if el not in blocks or el.tag in _STRUCTURAL:
            continue
        children = list(el)
        if not any(c in blocks for c in children):
            continue
        parts, links = [el.text or ""], 0
        for child in children:
            if child in blocks:
                _add_run(runs, parts, links)
                parts, links = [child.tail or ""], 0
            elif isinstance(child.tag, str):
                parts += [child.text_content(), child.tail or ""]
                links += sum(len(_compact(a.text_content())) for a in child.iter("a"))
        _add_run(runs, parts, links)
    return runs


def _add_run(runs: set[str], parts: list[str], links: int) -> None:
    """Keep a run that is Chinese prose, not a row of links (a teaser list between <br>s)."""
    text = _compact("".join(parts))
    if _is_prose(text) and links <= _RUN_LINK_SHARE * len(text):
        runs.add(text)


def _is_prose(piece: str) -> bool:
    return (
        len(piece) >= _PROSE_MIN
        and bool(_PROSE.search(piece))
        and len(_CJK.findall(piece)) >= _CJK_SHARE * len(piece)
    )


def _blockish(node: HtmlElement) -> set[HtmlElement]:
    """Block elements under ``node``, plus every element that holds one (a <font> or <span>
    wrapped around paragraphs renders as a block too)."""
    found: set[HtmlElement] = set()
    for el in node.iter():
        if isinstance(el.tag, str) and el.tag in BLOCK_TAGS and el not in found:
            found.add(el)
            for anc in el.iterancestors():
                if anc in found:
                    break
                found.add(anc)
    return found


def restore_dropped_prose(text: str, own: str, loose: set[str]) -> str:
    """trafilatura's text, plus loose runs of prose it dropped *between* paragraphs it kept.

    ``own`` is our block-per-line serialisation of the same node, ``loose`` the runs of
    ``loose_runs``.  trafilatura keeps the <p>s around such a run but sometimes loses the
    run itself.  Only those runs come back: a block trafilatura dropped (a caption, a
    teaser list) was dropped on purpose, and so was text before its first or after its
    last paragraph (a header, replies under a post).  A restored line goes in right after
    the line of ``text`` that holds the paragraph it follows; ``text`` is otherwise
    unchanged, and comes back as it is when nothing qualifies.
    """
    if not loose:
        return text
    out = text.split("\n")
    kept = [_compact(line) for line in out]
    grams = _grams("".join(kept))
    lines = [line.strip() for line in own.splitlines() if line.strip()]
    pieces = [_compact(line) for line in lines]
    share = [_share(piece, grams) for piece in pieces]
    # anchors: paragraphs trafilatura kept; a short or repeated line ("关注", "------")
    # proves nothing about where the article runs
    counts = Counter(pieces)
    anchors = [
        i
        for i, piece in enumerate(pieces)
        if len(piece) >= _ANCHOR_MIN and share[i] >= _KEPT_SHARE and counts[piece] == 1
    ]
    if len(anchors) < 2:
        return text
    anchor_set = set(anchors)
    inserts: dict[int, list[str]] = {}
    at = 0  # the line of ``out`` that holds the latest anchor
    for i in range(anchors[0], anchors[-1]):
        if i in anchor_set:
            head = pieces[i][:_ANCHOR_MIN]
            at = next((k for k in range(at, len(out)) if head in kept[k]), at)
        elif (
            share[i] <= _DROPPED_SHARE
            and _is_prose(pieces[i])
            and any(pieces[i] in run for run in loose)
        ):
            inserts.setdefault(at, []).append(lines[i])
    if sum(len(_compact(x)) for xs in inserts.values() for x in xs) < _RESTORE_MIN:
        return text
    return insert_after(out, inserts)


def _grams(text: str) -> set[str]:
    return {text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)}


def _share(piece: str, grams: set[str]) -> float:
    """How much of ``piece`` (its character n-grams) trafilatura's text holds."""
    mine = _grams(piece)
    return len(mine & grams) / len(mine) if mine else 1.0


def prepare_for_trafilatura(node: HtmlElement) -> None:
    """The rewriting steps, in place, in order (a layout table's cells become divs first)."""
    unwrap_layout_tables(node)
    keep_subheadings(node)
    sections_as_paragraphs(node)
