"""Records shared by the demo web's planner, site templates, server and tests.

``Post`` is what the planner decides a site shows (already retitled, trimmed, re-punctuated,
dated); templates only render it, and the ground truth is read from the same record, so
what a page shows and what ``Truth`` claims cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SiteInfo:
    name: str
    role: str  # 'publisher' | 'farm'
    base_url: str  # 'http://127.0.0.21:PORT'
    outlet: str | None  # the outlet a publisher site IS; None for farms


@dataclass(frozen=True)
class Post:
    """One article as a given site shows it."""

    site: str
    key: str  # story id, off-topic id or bench id
    num: int  # the site-local number used in its URLs
    story_id: str | None
    on_topic: bool
    title: str  # exactly as the page's h1 shows it
    paragraphs: tuple[str, ...]  # the body as shown, chrome excluded
    published: datetime  # the date the page shows
    posted: datetime  # when it really appeared (drives ordering and Last-Modified)
    byline: str | None = None
    credit_line: str | None = None  # e.g. '来源：南方都市报', rendered as chrome
    credited_outlet: str | None = None
    back_dated: bool = False
    trimmed: bool = False
    phase: int = 1
    kind: str = "copy"  # 'original' | 'copy' | 'offtopic' | 'bench'
    original_title: str | None = None
    summary: str = ""


@dataclass(frozen=True)
class TrueArticle:
    url: str  # canonical URL of page 1 (clean, pretty permalink)
    site: str
    role: str
    story_id: str | None  # None for off-topic posts
    on_topic: bool
    title: str
    body: str  # paragraphs as shown, joined by "\n"
    published: datetime  # as shown on the page (naive, Beijing time)
    credited_outlet: str | None
    back_dated: bool
    page_urls: tuple[str, ...] = ()  # every page of the article, page 1 first
    trimmed: bool = False
    phase: int = 1
    kind: str = "copy"  # 'original' | 'copy' | 'offtopic' | 'bench'

    @classmethod
    def of(
        cls, post: Post, site: str, role: str, url: str, page_urls: tuple[str, ...]
    ) -> TrueArticle:
        """The truth of one post as a site shows it (demo web and tests/miniweb alike)."""
        return cls(
            url=url,
            site=site,
            role=role,
            story_id=post.story_id,
            on_topic=post.on_topic,
            title=post.title,
            body="\n".join(post.paragraphs),
            published=post.published,
            credited_outlet=post.credited_outlet,
            back_dated=post.back_dated,
            page_urls=page_urls,
            trimmed=post.trimmed,
            phase=post.phase,
            kind=post.kind,
        )


@dataclass
class Truth:
    articles: list[TrueArticle]
    non_articles: list[str]
    calendar_prefixes: dict[str, str]
    disallowed: dict[str, list[str]]
    new_in_phase2: list[str]
    redirects: dict[str, str] = field(default_factory=dict)  # '?p=' URL -> permalink
    broken: dict[str, int] = field(default_factory=dict)  # linked URL -> 404 / 500

    def by_url(self) -> dict[str, TrueArticle]:
        return {a.url: a for a in self.articles}

    def copies_of(self, story_id: str) -> list[TrueArticle]:
        return [a for a in self.articles if a.story_id == story_id]


@dataclass(frozen=True)
class RequestRecord:
    site: str
    method: str
    path: str  # path with query, as requested
    status: int
    conditional: bool  # If-None-Match or If-Modified-Since was sent
    user_agent: str
    time: float  # time.time() when answered
    started: float = 0.0  # time.time() when the request arrived (for concurrency per host)
    # time.time() just before the response went out: the client cannot have it, nor free its
    # slot for the next request, any earlier (``time`` is taken after the write, when the
    # next request may already have arrived)
    responding: float = 0.0


@dataclass(frozen=True)
class Page:
    """A served resource: bytes plus what the server needs for validators."""

    body: bytes
    content_type: str
    modified: datetime
    kind: str = "other"  # 'article' | 'article-page' | 'list' | 'feed' | 'robots' | 'other'
    status: int = 200


@dataclass
class SiteBuild:
    """Everything one site serves in one phase (except its endless/dynamic paths)."""

    pages: dict[str, Page] = field(default_factory=dict)  # key: unquoted path [+ '?' + query]
    redirects: dict[str, str] = field(default_factory=dict)  # key -> absolute Location
    articles: list[TrueArticle] = field(default_factory=list)
    non_articles: list[str] = field(default_factory=list)  # absolute URLs
    broken: dict[str, int] = field(default_factory=dict)  # absolute URL -> status
