"""One reader comment in a box no class names, after the article (issue 12, last chrome
class 1).

Why a step of its own: the comment-run step (comment_runs.py) needs two or more alike
entries, because one block of furniture alone can be a byline (an author link, a date, a
read count).  But a comment is not only furniture: a reader *says* something.  What tells
the two apart is the shape, not the words:

- a comment entry carries a comment's whole furniture (a user link or avatar opening it, a
  time stamp and a count, each an element of its own: comment_entry.py) *and* an utterance,
  a segment of its own that reads as a sentence ("赶紧告诉爸妈！！", "支持！看标题还以为是电影。");
  a byline's segments are labels, names, dates and counts, and a credit line ("文/记者 王某，
  通讯员 李某") is no utterance (credits.py);
- it is alone: no sibling of its kind is an entry (two or more are the run step's);
- it stands after the article's best paragraph, outside it, and says little (a paragraph of
  an article printed with an author card says more than ``UTTERANCE_MAX``).

Only on pages that are not discussions (on a forum the reply is content).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from pipelines.extract.comment_entry import (
    COUNT,
    TIME,
    USER,
    entry_shape,
    furniture_kind,
    is_entry,
    signature,
)
from pipelines.extract.credits import is_credit_line
from pipelines.extract.density import MeasuredTree

_ENTRY_TAGS = frozenset({"div", "li", "dl", "article", "section", "table", "tbody", "tr"})
FULL_ENTRY = frozenset({USER, TIME, COUNT})
# A comment entry is a few segments: user, utterance, time, place, likes, reply button.
LONE_MAX_SEGMENTS = 12
# What a lone comment says at most (characters outside links and furniture).  Reader
# comments in the genweb pools and on real portals are mostly 5-40 characters (chatter.py);
# twice the longest leaves room for a long one, and an article's paragraph says more.
UTTERANCE_MAX = 80


def _utterances(el: HtmlElement) -> list[str]:
    """Texts of the leaf elements that are no furniture (a sentence, or longer than a label)."""
    found = []
    for node in el.iter():
        if not isinstance(node.tag, str) or len(node) or node.tag == "a":
            continue
        text = (node.text or "").strip()
        if text and furniture_kind(text) is None:
            found.append(text)
    return found


def _is_lone_comment(el: HtmlElement) -> bool:
    shape = entry_shape(el, LONE_MAX_SEGMENTS)
    if shape.segments > LONE_MAX_SEGMENTS or not FULL_ENTRY <= shape.kinds:
        return False
    if not shape.prose or shape.said > UTTERANCE_MAX or shape.linked > shape.said:
        return False
    said = _utterances(el)
    return bool(said) and not any(is_credit_line(s) for s in said)


def _has_alike_entry(el: HtmlElement) -> bool:
    """A sibling of its kind is a comment entry too: a run, the run step's to judge."""
    parent = el.getparent()
    kind = signature(el)
    for sib in parent if parent is not None else ():
        if sib is not el and isinstance(sib.tag, str) and signature(sib) == kind:
            if is_entry(entry_shape(sib, LONE_MAX_SEGMENTS)):
                return True
    return False


def find_lone_comments(root: HtmlElement, tree: MeasuredTree) -> list[HtmlElement]:
    """The innermost lone comment entries after the article's best paragraph."""
    best = tree.best_block()
    if best is None:
        return []
    order = {el: i for i, el in enumerate(root.iter())}
    after = max(order.get(e, -1) for e in best.iter())
    found: list[HtmlElement] = []
    for el in root.iter(*_ENTRY_TAGS):
        if order.get(el, -1) <= after or len(el) < 2:
            continue
        if any(f in el.iterancestors() for f in found[-1:]):
            continue
        if _is_lone_comment(el) and not _has_alike_entry(el):
            inner = [c for c in el.iter(*_ENTRY_TAGS) if c is not el and _is_lone_comment(c)]
            found.append(inner[-1] if inner else el)
    return found


def remove_lone_comments(root: HtmlElement, tree: MeasuredTree) -> int:
    """Remove the lone comments (see the module doc); how many went."""
    found = find_lone_comments(root, tree)
    if found:
        tree.remove_all(found)
    return len(found)
