"""Is this page a discussion (forum thread, Q&A, topic with replies)?

Why it matters: a discussion's replies are content, a news article's comments are chrome, and
on the DOM the two look the same (a main text followed by a list of user card + message).
What differs is the kind of site, which forum software announces in ways shared by many
boards: URL shapes (``bbs.`` hosts, ``/thread-7-1-1.html``, ``/topics/123``, ``/d/123``,
``?mod=viewthread``), the generator tag (Discuz!, phpBB, Discourse, Flarum ...), and post
furniture labels that stand alone in an element (楼主, 只看该作者, 最佳答案, 被采纳).  A label
inside running text ("还珠楼主全集") does not count, nor a thread label that is the whole
message of a paragraph or box: readers under a news article write "沙发" as their comment
(seed 7 of the generalisation bench: one such comment made a portal's 83 comments content),
while a board draws its floor labels as furniture in an inline element (<em>楼主</em>).
A saved page read without its URL (``reprints extract``) falls back on its canonical link;
a page that announces nothing is judged on its DOM in extract.py (a short text under a
longer reply stream is a discussion).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_THREAD_LABEL = re.compile(
    r">\s*(?:[（(\[【]\s*)?(?:楼主|只看该作者|只看楼主|回复了此帖|沙发|板凳)(?:\s*[)）\]】])?\s*<"
)
# A thread label opened by one of these is a message, not post furniture.
_MESSAGE_TAG = re.compile(r"<(?:p|li|dd|blockquote|div)[\s>]", re.I)
# Q&A furniture: the opening post is a question, its answers are what the page is for.
_QA_LABEL = re.compile(
    r">\s*(?:[（(\[【]\s*)?(?:最佳答案|被采纳|已采纳|采纳答案|最佳回复)(?:\s*[)）\]】])?\s*<"
)
_GENERATOR = re.compile(
    r"""<meta[^>]{0,80}name\s*=\s*["']?generator["']?[^>]{0,40}content\s*=\s*["']?([^"'>]{1,80})""",
    re.I,
)
_FORUM_SOFTWARE = re.compile(
    r"discuz|phpbb|discourse|flarum|vbulletin|xenforo|mybb|nodebb|homeland|phpwind|dvbbs|bbs",
    re.I,
)
_HOST_LABEL = re.compile(r"^(?:bbs|forums?|discuss|discussion|tieba|community)$|bbs", re.I)
_QA_HOST_LABEL = re.compile(r"^(?:zhidao|wenda|ask|answers?)$", re.I)
_PATH = re.compile(
    r"/(?:threads?|topics?|t|d|discussions?)(?:/|$)"
    r"|/(?:thread|topic)[-_]\d|/(?:viewthread|viewtopic|showthread|showtopic)\b"
    r"|[?&](?:mod=viewthread|tid=\d|topicid=\d|threadid=\d)",
    re.I,
)
_QA_PATH = re.compile(r"/(?:questions?|answers?|faq)(?:/|$)", re.I)
_HEAD_CHARS = 20_000


THREAD = "thread"  # a forum thread: replies are content unless they are chatter round a copy
QA = "qa"  # a question and its answers: answers are always content


def url_kind(url: str) -> str | None:
    """``QA`` or ``THREAD`` when the URL has the shape of a Q&A page or forum thread."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    labels = (parts.hostname or "").split(".")[:-1]  # the TLD (".club") says nothing
    if any(_QA_HOST_LABEL.search(label) for label in labels) or _QA_PATH.search(parts.path):
        return QA
    if any(_HOST_LABEL.search(label) for label in labels):
        return THREAD
    return THREAD if _PATH.search(f"{parts.path}?{parts.query}") else None


def html_kind(html: str) -> str | None:
    """``QA`` or ``THREAD`` from forum software named in the page or stand-alone post labels."""
    if _QA_LABEL.search(html):
        return QA
    gen = _GENERATOR.search(html[:_HEAD_CHARS])
    if gen and _FORUM_SOFTWARE.search(gen.group(1)):
        return THREAD
    return (
        THREAD
        if any(_is_furniture(html, m.start()) for m in _THREAD_LABEL.finditer(html))
        else None
    )


def _is_furniture(html: str, at: int) -> bool:
    """The label ending the tag at ``at`` is not a paragraph's or a box's whole message."""
    opened = html.rfind("<", 0, at + 1)
    return not _MESSAGE_TAG.match(html, opened)


def discussion_kind(html: str, url: str) -> str | None:
    """``QA``, ``THREAD``, or None for a page whose replies (if any) are chrome."""
    by_url, by_html = url_kind(url), html_kind(html)
    return QA if QA in (by_url, by_html) else by_url or by_html
