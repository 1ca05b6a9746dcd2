"""The mini-web's own editorial content: stories, off-topic posts, farm chrome.

The core schema is the demo web's (so ``crawler.demoweb.content.load_content`` validates it);
the ``miniweb`` section adds what only these templates use: editors' intros for the
retitling farm, QR-code blurbs, image captions, portal editors, the tag vocabulary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from crawler.demoweb.content import Content, load_content

DEFAULT_CONTENT = Path(__file__).with_name("content.json")


@dataclass(frozen=True)
class Extras:
    intros: dict[str, str]
    qr_blocks: tuple[str, ...]
    captions: tuple[str, ...]
    editors: tuple[str, ...]
    tag_subjects: tuple[str, ...]
    tag_suffixes: tuple[str, ...]


@dataclass(frozen=True)
class MiniContent:
    core: Content
    extras: Extras

    def story(self, story_id: str):
        for s in self.core.stories:
            if s.id == story_id:
                return s
        raise KeyError(story_id)

    def offtopic(self, post_id: str):
        for o in self.core.offtopic:
            if o.id == post_id:
                return o
        raise KeyError(post_id)


def load(path: str | Path | None = None) -> MiniContent:
    """Read ``content.json``; every story needs an intro (the retitling farm may copy any)."""
    path = Path(path) if path is not None else DEFAULT_CONTENT
    core = load_content(path)
    raw = json.loads(path.read_text(encoding="utf-8")).get("miniweb")
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: missing the 'miniweb' section")
    intros = dict(raw.get("intros") or {})
    missing = sorted(s.id for s in core.stories if not intros.get(s.id))
    if missing:
        raise ValueError(f"{path}: miniweb.intros lacks stories {missing}")
    extras = Extras(
        intros=intros,
        qr_blocks=tuple(raw["qr_blocks"]),
        captions=tuple(raw["captions"]),
        editors=tuple(raw["editors"]),
        tag_subjects=tuple(raw["tag_subjects"]),
        tag_suffixes=tuple(raw["tag_suffixes"]),
    )
    if not all((extras.qr_blocks, extras.captions, extras.editors, extras.tag_subjects)):
        raise ValueError(f"{path}: miniweb lists must not be empty")
    return MiniContent(core, extras)
