"""Block fingerprints of a page's article region: where each rendered line sits, what it says.

Why: a site's template is what surrounds the article at the same place on most of its pages
(Yi, Liu & Li, KDD 2003; Bar-Yossef & Rajagopalan, WWW 2002), and that can only be seen
across pages.  So each page, while it is being extracted (in a pool worker, on the tree
already parsed), leaves a fingerprint of every line its main node renders, in page order:
its *path* (tags and classes from <body> to the line's block, digits out) and its *content*
(a hash of the line, whitespace out, digits as 0; for short lines that are not sentences also
of its first and last characters, so a "发布于 … IP 属地：广东" line whose date and province
change still matches).
site_template.py learns from these which lines surround the article on most of a site's pages.

Lines, not elements: a site may wrap each paragraph in a <section> or write its article as
<br>-separated runs in one <td>; either way each line the browser shows is one fingerprint.
Each line also names its *group*: the path of the first element above it that holds more
than it (wrappers around one paragraph skipped), so the paragraphs of an article and the
boxes beside them form one sequence, whose top and bottom are where template sits.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
import zlib
from functools import lru_cache

from lxml.html import HtmlElement

from pipelines.extract.density import BLOCK_TAGS

# One line of the article region: hashes of its path, of its group's path, of its content,
# and of its first and last characters when it is short (0: not hashed).
Print = tuple[int, int, int, int, int]
_PRINT = struct.Struct("<IIQII")
_COUNT = struct.Struct("<I")
_VERSION = b"\x03"
# Lines this short or shorter (normalised) may vary in a few characters and still be the
# same template line (a date, a province, an editor's name); their ends are hashed too.  The
# ends are this long, or half the line: the label that makes such a line ("发布于0-0-0",
# "责任编辑:").
NEAR_MAX_CHARS = 80
NEAR_MIN_CHARS = 6
END_CHARS = 6
# ...but a line that ends as a sentence ends is prose, and two sentences that open or close
# alike are two sentences: the leads "2025年4月3日，深圳市…提起公诉。" and "2025年2月18日，深圳市…
# 批准逮捕。" share their first six characters once digits are 0, and on an unseen web (seed
# 615405) four of a newsroom's five leads were cut as one near-same line.  A near-same
# template line is a label with a value ("发布于 … IP 属地：广东", "责任编辑：张三", "« 上一篇
# 标题"), and labels do not end in a full stop.
SENTENCE_ENDS = "。！？!?"
# Both ends of a line shorter than NEAR_MIN_CHARS that is no sentence ("评论", "标签", "1 2 3"):
# too short for its ends to say anything, but a label, not story text (site_template.py lets
# labels stand between a template line and the edge).  crc32 is 1 for one string in 2**32.
SHORT_LABEL = 1
_QUOTE_CLOSERS = "”’」』）)\"'"
_DIGITS = re.compile(r"\d+")
_ID_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """NFC (as trafilatura leaves its text), casefolded, whitespace out, digit runs as 0
    (dates and counts change)."""
    if not unicodedata.is_normalized("NFC", text):  # a quick check; most text already is
        text = unicodedata.normalize("NFC", text)
    return _DIGITS.sub("0", "".join(text.split())).casefold()


def content_hash(norm: str) -> int:
    """64-bit hash of a normalised line (stable across processes, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little")


def is_sentence(norm: str) -> bool:
    """``norm`` (a normalised line) ends as a sentence ends, closing quotes aside; a "." counts
    after a non-ASCII character (a copy re-punctuated to half-width), not in "a.html"."""
    core = norm.rstrip(_QUOTE_CLOSERS)
    if not core:
        return False
    last = core[-1]
    return last in SENTENCE_ENDS or (last == "." and len(core) > 1 and not core[-2].isascii())


def _short_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8")) or 1  # 0 means "no hash"


def _token(el: HtmlElement) -> str:
    """A path step: tag and classes (or id), digits out ("post-56662" is "post-#")."""
    names = el.get("class") or ""
    if not names.strip():
        names = "#" + (el.get("id") or "")
    return _step(el.tag, names)


@lru_cache(maxsize=4096)
def _step(tag: str, names: str) -> str:
    # cached: a page repeats a few dozen (tag, class) pairs over hundreds of blocks
    return tag + "." + " ".join(sorted(_ID_DIGITS.sub("#", c) for c in names.split()))


def _base_path(node: HtmlElement) -> str:
    steps = []
    for anc in node.iterancestors():
        if anc.tag in ("body", "html"):
            break
        steps.append(_token(anc))
    return "/".join(reversed(steps))


def _inline_lines(el: HtmlElement, lines: list[list[str]], pre: bool = False) -> None:
    """Add ``el``'s inline text to ``lines``; a <br> starts a new line, and so does a newline
    in preformatted text (``pre``: a listing shows each of its lines); nested blocks are their
    own (the caller visits them)."""
    if el.text:
        _add_text(el.text, lines, pre)
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            if tag == "br":
                lines.append([])
            elif tag in BLOCK_TAGS:
                lines.append([])  # the block renders between the text before and after it
            else:
                _inline_lines(child, lines, pre)
        if child.tail:
            _add_text(child.tail, lines, pre)


def _add_text(text: str, lines: list[list[str]], pre: bool) -> None:
    if not pre or "\n" not in text:
        lines[-1].append(text)
        return
    first, *rest = text.split("\n")
    lines[-1].append(first)
    lines.extend([part] for part in rest)


def _only_child(parent: HtmlElement) -> bool:
    """``parent`` holds one element and no text of its own: a wrapper."""
    kids = [c for c in parent if isinstance(c.tag, str)]
    if len(kids) != 1 or (parent.text and parent.text.strip()):
        return False
    return not (kids[0].tail and kids[0].tail.strip())


def _under_pre(node: HtmlElement) -> bool:
    return any(anc.tag == "pre" for anc in node.iterancestors())


def region_lines(node: HtmlElement) -> list[tuple[str, str, str]]:
    """(path, group, normalised line) of every rendered line in ``node``'s subtree, in page
    order.  The group of an element is the path of the first element above it that holds
    more than it (or the node's own): worked out top-down, one look at each parent."""
    paths: dict[HtmlElement, str] = {node: f"{_base_path(node)}/{_token(node)}"}
    groups: dict[HtmlElement, str] = {node: paths[node]}
    wrapper: dict[HtmlElement, bool] = {}
    in_pre: dict[HtmlElement, bool] = {node: node.tag == "pre" or _under_pre(node)}
    out: list[tuple[str, str, str]] = []
    for el in node.iter():
        if not isinstance(el.tag, str):
            continue
        if el is not node:
            parent = el.getparent()
            paths[el] = f"{paths[parent]}/{_token(el)}"
            if parent not in wrapper:
                wrapper[parent] = parent is not node and _only_child(parent)
            groups[el] = groups[parent] if wrapper[parent] else paths[parent]
            in_pre[el] = in_pre[parent] or el.tag == "pre"
            if el.tag not in BLOCK_TAGS:
                continue  # an inline element's text belongs to the block around it
        lines: list[list[str]] = [[]]
        _inline_lines(el, lines, in_pre[el])
        for parts in lines:
            norm = normalise("".join(parts))
            if norm:
                out.append((paths[el], groups[el], norm))
    return out


def page_prints(node: HtmlElement) -> list[Print]:
    """The fingerprints of the lines ``node`` renders, in page order."""
    prints: list[Print] = []
    path_hash: dict[str, int] = {}
    for path, group, norm in region_lines(node):
        for p in (path, group):
            if p not in path_hash:
                path_hash[p] = _short_hash(p)
        prints.append((path_hash[path], path_hash[group], content_hash(norm), *line_ends(norm)))
    return prints


def line_ends(norm: str) -> tuple[int, int]:
    """Hashes of the first and last characters of a short line that is no sentence (a label
    with a value); ``SHORT_LABEL`` twice for one too short to have ends; 0 for prose."""
    if len(norm) > NEAR_MAX_CHARS or is_sentence(norm):
        return 0, 0
    if len(norm) < NEAR_MIN_CHARS:
        return SHORT_LABEL, SHORT_LABEL
    ends = min(END_CHARS, len(norm) // 2)
    return _short_hash(norm[:ends]), _short_hash(norm[-ends:])


def pack(pages: list[list[Print]]) -> bytes:
    """The fingerprints of an article's pages (page 1 first) as one blob for storage."""
    parts = [_VERSION]
    for prints in pages:
        parts.append(_COUNT.pack(len(prints)))
        parts += [_PRINT.pack(*line) for line in prints]
    return b"".join(parts)


def unpack(blob: bytes | None) -> list[list[Print]]:
    """``pack``'s pages back; no pages for an empty, older or damaged blob."""
    if not blob or blob[:1] != _VERSION:
        return []
    pages: list[list[Print]] = []
    at = 1
    while at + _COUNT.size <= len(blob):
        (n,) = _COUNT.unpack_from(blob, at)
        at += _COUNT.size
        end = at + n * _PRINT.size
        if end > len(blob):
            return []
        pages.append(list(_PRINT.iter_unpack(blob[at:end])))
        at = end
    return pages
