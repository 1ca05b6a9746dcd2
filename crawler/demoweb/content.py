"""Load the demo web's editorial content (stories, off-topic posts, page chrome).

The content lives in a JSON file written by hand (``stories.json`` next to this module);
everything the sites show is derived from it, so the ground truth and the served pages can
never disagree.  The loader validates early and names the field to fix, because a typo in
a hand-written file would otherwise surface as a confusing template error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DEFAULT_STORIES = Path(__file__).with_name("stories.json")
OFFTOPIC_KINDS = ("farm-post", "forum-thread", "near-miss-tech", "near-miss-legal")


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    short: str
    aliases: tuple[str, ...]

    def mentioned_in(self, text: str) -> bool:
        """Whether ``text`` (a byline, a credit line) names this outlet in any of its forms."""
        return any(form and form in text for form in (self.name, self.short, *self.aliases))


@dataclass(frozen=True)
class Story:
    id: str
    case: str
    publisher: str
    title: str
    published: datetime
    byline: str
    paragraphs: tuple[str, ...]
    alt_titles: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class OffTopic:
    id: str
    kind: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Comment:
    user: str
    text: str


@dataclass(frozen=True)
class Related:
    title: str
    excerpt: str


@dataclass(frozen=True)
class Chrome:
    """Boilerplate text the farms wrap around copies (never part of an article's body)."""

    disclaimers: tuple[str, ...]
    ads: tuple[str, ...]
    comments: tuple[Comment, ...]
    forum_replies: tuple[str, ...]
    signatures: tuple[str, ...]
    related_titles: tuple[Related, ...]
    credit_lines: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    outlets: dict[str, Outlet]
    stories: tuple[Story, ...]
    offtopic: tuple[OffTopic, ...]
    chrome: Chrome

    def stories_of(self, publisher: str) -> list[Story]:
        return [s for s in self.stories if s.publisher == publisher]


def _need(obj: dict, key: str, where: str) -> object:
    if key not in obj:
        raise ValueError(f"{where}: missing field {key!r}")
    return obj[key]


def _text(obj: dict, key: str, where: str) -> str:
    value = _need(obj, key, where)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}.{key}: expected a non-empty string, got {value!r}")
    return value.strip()


def _texts(obj: dict, key: str, where: str, minimum: int = 1) -> tuple[str, ...]:
    value = _need(obj, key, where)
    if not isinstance(value, list) or len(value) < minimum:
        raise ValueError(f"{where}.{key}: expected a list of at least {minimum} strings")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, dict):  # tolerate {"text": ...} objects in chrome lists
            item = item.get("text", "")
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{where}.{key}[{i}]: expected a non-empty string")
        out.append(item.strip())
    return tuple(out)


def parse_time(value: str, where: str) -> datetime:
    """Parse 'YYYY-MM-DD HH:MM' (seconds and a 'T' separator also accepted)."""
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except (ValueError, AttributeError):
            continue
    raise ValueError(f"{where}: cannot read date {value!r}, expected 'YYYY-MM-DD HH:MM'")


def _outlets(raw: dict) -> dict[str, Outlet]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError("outlets: expected a non-empty object keyed by outlet id")
    out = {}
    for key, obj in raw.items():
        where = f"outlets.{key}"
        aliases = obj.get("aliases", [])
        if not isinstance(aliases, list):
            raise ValueError(f"{where}.aliases: expected a list")
        name = _text(obj, "name", where)
        short = obj.get("short") or name
        out[key] = Outlet(key, name, short, tuple(str(a) for a in aliases if str(a).strip()))
    return out


def _story(obj: dict, i: int, outlets: dict[str, Outlet]) -> Story:
    where = f"stories[{i}]"
    publisher = _text(obj, "publisher", where)
    if publisher not in outlets:
        raise ValueError(f"{where}.publisher: {publisher!r} is not one of {sorted(outlets)}")
    return Story(
        id=_text(obj, "id", where),
        case=_text(obj, "case", where),
        publisher=publisher,
        title=_text(obj, "title", where),
        published=parse_time(_text(obj, "published", where), f"{where}.published"),
        byline=_text(obj, "byline", where),
        paragraphs=_texts(obj, "paragraphs", where, minimum=2),
        alt_titles=_texts(obj, "alt_titles", where),
        summary=str(obj.get("summary") or "").strip(),
    )


def _offtopic(obj: dict, i: int) -> OffTopic:
    where = f"offtopic[{i}]"
    kind = _text(obj, "kind", where)
    if kind not in OFFTOPIC_KINDS:
        raise ValueError(f"{where}.kind: {kind!r} is not one of {OFFTOPIC_KINDS}")
    return OffTopic(
        id=_text(obj, "id", where),
        kind=kind,
        title=_text(obj, "title", where),
        published=parse_time(_text(obj, "published", where), f"{where}.published"),
        paragraphs=_texts(obj, "paragraphs", where),
    )


def _chrome(raw: dict) -> Chrome:
    where = "chrome"
    comments = []
    for i, c in enumerate(_need(raw, "comments", where)):
        if not isinstance(c, dict):
            raise ValueError(f"chrome.comments[{i}]: expected an object with user and text")
        comments.append(Comment(_text(c, "user", f"chrome.comments[{i}]"), _text(c, "text", "")))
    related = []
    for i, r in enumerate(_need(raw, "related_titles", where)):
        if isinstance(r, str):
            r = {"title": r, "excerpt": r}
        title = _text(r, "title", f"chrome.related_titles[{i}]")
        related.append(Related(title, str(r.get("excerpt") or title)))
    if not comments or not related:
        raise ValueError("chrome.comments and chrome.related_titles must not be empty")
    return Chrome(
        disclaimers=_texts(raw, "disclaimers", where),
        ads=_texts(raw, "ads", where),
        comments=tuple(comments),
        forum_replies=_texts(raw, "forum_replies", where, minimum=2),
        signatures=_texts(raw, "signatures", where),
        related_titles=tuple(related),
        credit_lines=_texts(raw, "credit_lines", where),
    )


def load_content(path: str | Path | None = None) -> Content:
    """Read and validate a stories file; ``None`` means the bundled ``stories.json``."""
    path = Path(path) if path is not None else DEFAULT_STORIES
    if not path.exists():
        raise FileNotFoundError(f"demo web content file not found: {path}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    outlets = _outlets(_need(raw, "outlets", str(path)))
    stories = tuple(_story(o, i, outlets) for i, o in enumerate(_need(raw, "stories", "root")))
    offtopic = tuple(_offtopic(o, i) for i, o in enumerate(raw.get("offtopic", [])))
    ids = [s.id for s in stories] + [o.id for o in offtopic]
    dupes = sorted({x for x in ids if ids.count(x) > 1})
    if dupes:
        raise ValueError(f"duplicate story/offtopic ids: {dupes}")
    for key in outlets:
        if len([s for s in stories if s.publisher == key]) < 2:
            raise ValueError(f"outlet {key!r} needs at least 2 stories for its publisher site")
    return Content(outlets, stories, offtopic, _chrome(_need(raw, "chrome", "root")))
