"""Page widgets that are never article text: hidden dialogs and cookie-consent notices.

Why a step of its own, before any scoring: a consent plugin's settings panel or a hidden
"saved!" toast can outscore a short article, and neither is named as furniture in a way the
class-word rules could know.  What gives them away is being hidden, or what they say.
Also holds the small tree helpers the DOM chrome steps share.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement


def drop_elements(els: list[HtmlElement]) -> None:
    """Remove elements from their trees, keeping any text that follows them."""
    for el in els:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        parent.remove(el) if not tail or not tail.strip() else el.drop_tree()


def short_text(el: HtmlElement, limit: int) -> str | None:
    """The element's text if it is at most ``limit`` characters (None, cheaply, if longer)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > limit:
            return None
        parts.append(piece)
    return "".join(parts)


def outermost(
    root: HtmlElement,
    pick: Callable[[HtmlElement], bool],
    skip: set[HtmlElement] | frozenset = frozenset(),
) -> list[HtmlElement]:
    """The outermost elements for which ``pick`` holds, outside ``skip`` and <pre>/<code>."""
    found: list[HtmlElement] = []
    covered: set[HtmlElement] = set()  # inside an element already found: never asked
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root or el.tag in ("html", "body"):
            continue
        if el in covered or el in skip or not pick(el):
            continue
        if any(a.tag in ("pre", "code") for a in el.iterancestors()):
            continue
        found.append(el)
        covered.update(el.iter())
    return found


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"\s+")
# A hidden element with at most this much text, and a small share of the page's text, is a
# widget waiting for a click (a "saved!" toast, a share dialog, an empty comment box).
# Anything else hidden may be the article itself, revealed by script (WeChat hides its whole
# body until its fonts load).
_HIDDEN_WIDGET_MAX = 200
_HIDDEN_WIDGET_SHARE = 0.3


def is_hidden(el: HtmlElement) -> bool:
    """The element hides itself: a hidden attribute, or display:none / visibility:hidden."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def drop_hidden_widgets(root: HtmlElement) -> None:
    """Remove small elements the page hides until a click: dialogs, toasts, comment panels."""
    hidden = root.xpath(
        ".//*[@hidden or @aria-hidden='true' or contains(translate(@style,"
        " 'DISPLAYNOEVSBT', 'displaynoevsbt'), 'none') or contains(@style, 'hidden')]"
    )
    if not hidden:
        return
    page_chars = len(_WS.sub("", root.text_content()))
    chosen: set[HtmlElement] = set()
    for el in hidden:
        if not is_hidden(el):
            continue
        if any(a in chosen for a in el.iterancestors()):
            continue
        text = short_text(el, _HIDDEN_WIDGET_MAX)
        chars = len(_WS.sub("", text or ""))
        if text is None or not chars or chars > _HIDDEN_WIDGET_SHARE * page_chars:
            continue
        chosen.add(el)
    drop_elements(list(chosen))


# A block that says "cookie" at least this often, and once per this many characters, in
# under _COOKIE_NOTICE_MAX characters, is a consent notice (an article about cookie law
# says it far less densely).
_COOKIE_MENTIONS = 3
_COOKIE_CHARS_PER_MENTION = 150
_COOKIE_NOTICE_MAX = 4000
_NOTICE_TAGS = ("div", "section", "aside", "form", "dialog", "ul")


def drop_cookie_notices(root: HtmlElement) -> None:
    """Remove cookie-consent banners and settings panels, recognised by what they say.

    A consent plugin's settings panel holds more prose than a short article, and its class
    names ("cli-modal") say nothing; its text says "cookie" again and again.
    """
    if root.text_content().lower().count("cookie") < _COOKIE_MENTIONS:
        return
    drop_elements(outermost(root, lambda el: el.tag in _NOTICE_TAGS and _is_cookie_notice(el)))


def _is_cookie_notice(el: HtmlElement) -> bool:
    text = short_text(el, _COOKIE_NOTICE_MAX)
    if text is None:
        return False
    mentions = text.lower().count("cookie")
    return mentions >= _COOKIE_MENTIONS and mentions * _COOKIE_CHARS_PER_MENTION >= len(text)
