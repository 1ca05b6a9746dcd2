"""sources.toml: which sites to crawl, in which role, and what the topic is.

Validated up front so that a typo fails in one clear line (``ConfigError``) before a crawl
starts, rather than as a traceback half an hour into it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.topic_lexicon import Concept, default_lexicon

ROLES = ("publisher", "farm")
SOURCE_KEYS = {
    "name",
    "role",
    "outlet",
    "start_urls",
    "sitemap_urls",
    "feed_urls",
    "allowed_domains",
    "max_depth",
}
TOPIC_KEYS = {"include", "support", "context", "min_include", "min_context", "min_score"}

# The default topic (AI face-swap litigation): its words live in a data file with how they
# were measured (pipelines/topic_lexicon.toml).
_LEXICON = default_lexicon()
DEFAULT_INCLUDE = _LEXICON.subject
DEFAULT_SUPPORT = _LEXICON.support
DEFAULT_CONTEXT = _LEXICON.angle_words


class ConfigError(ValueError):
    """A problem with sources.toml, worded for the user (one line, names the file)."""


@dataclass(frozen=True)
class Source:
    name: str
    role: str
    start_urls: tuple[str, ...]
    sitemap_urls: tuple[str, ...] = ()
    feed_urls: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    max_depth: int = 4
    outlet: str | None = None

    def allows(self, url: str) -> bool:
        """True if ``url`` lies on one of this source's hosts (or a subdomain of them)."""
        return _host_allowed(_host(url), self.allowed_domains)


@lru_cache(maxsize=100_000)
def _host(url: str) -> str:
    # Cached: the spider asks about the same menu links on every page of a site.
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=10_000)
def _host_allowed(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass(frozen=True)
class Topic:
    include: tuple[str, ...] = DEFAULT_INCLUDE
    context: tuple[str, ...] = DEFAULT_CONTEXT
    support: tuple[str, ...] = DEFAULT_SUPPORT
    min_include: int = 2
    min_context: int = 2
    min_score: int = 4
    # How the context words group into concepts and what each weighs; a user's own
    # ``context`` list has none (each word its own concept, weight 1).
    concepts: tuple[Concept, ...] = _LEXICON.concepts


@dataclass(frozen=True)
class SourcesConfig:
    path: str
    sources: tuple[Source, ...]
    topic: Topic = field(default_factory=Topic)

    def by_name(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)


def _str_list(value: object, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _urls(value: object, where: str, key: str) -> tuple[str, ...]:
    urls = _str_list(value, where, key)
    for u in urls:
        parts = urlsplit(u)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{where}: '{key}' has {u!r}, which is not an http(s) URL")
    return urls


def _parse_source(raw: object, index: int, path: str) -> Source:
    where = f"{path}: [[source]] #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(raw) - SOURCE_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(SOURCE_KEYS))})"
        )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' is missing")
    where = f"{path}: source {name!r}"
    role = raw.get("role")
    if role not in ROLES:
        raise ConfigError(f"{where}: role must be 'publisher' or 'farm', not {role!r}")
    if "start_urls" not in raw:
        raise ConfigError(f"{where}: 'start_urls' is missing")
    start_urls = _urls(raw["start_urls"], where, "start_urls")
    if not start_urls:
        raise ConfigError(f"{where}: 'start_urls' is empty")
    sitemap_urls = _urls(raw.get("sitemap_urls", []), where, "sitemap_urls")
    feed_urls = _urls(raw.get("feed_urls", []), where, "feed_urls")
    domains = _str_list(raw.get("allowed_domains", []), where, "allowed_domains")
    if not domains:
        hosts = {urlsplit(u).hostname for u in start_urls + sitemap_urls + feed_urls}
        domains = tuple(sorted(h.lower() for h in hosts if h))
    max_depth = raw.get("max_depth", 4)
    if not isinstance(max_depth, int) or isinstance(max_depth, bool) or not 0 <= max_depth <= 50:
        raise ConfigError(f"{where}: max_depth must be a whole number from 0 to 50")
    outlet = raw.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise ConfigError(f"{where}: 'outlet' must be a non-empty string")
    return Source(
        name=name.strip(),
        role=role,
        start_urls=start_urls,
        sitemap_urls=sitemap_urls,
        feed_urls=feed_urls,
        allowed_domains=tuple(d.lower() for d in domains),
        max_depth=max_depth,
        outlet=outlet.strip() if outlet else None,
    )


def _parse_topic(raw: object, path: str) -> Topic:
    where = f"{path}: [topic]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(raw) - TOPIC_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(TOPIC_KEYS))})"
        )
    include = _str_list(raw.get("include", list(DEFAULT_INCLUDE)), where, "include")
    context = _str_list(raw.get("context", list(DEFAULT_CONTEXT)), where, "context")
    support = _str_list(raw.get("support", list(DEFAULT_SUPPORT)), where, "support")
    if not include:
        raise ConfigError(f"{where}: 'include' is empty")
    counts = {}
    for key, default in (("min_include", 2), ("min_context", 2), ("min_score", 4)):
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{where}: {key} must be a whole number ≥ 0")
        counts[key] = value
    concepts = _LEXICON.concepts if "context" not in raw else ()
    return Topic(include=include, context=context, support=support, concepts=concepts, **counts)


def load_sources(path: str | Path) -> SourcesConfig:
    """Read and validate a sources.toml; raise ConfigError with a one-line message."""
    p = Path(path)
    shown = str(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{shown}: file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{shown}: is a directory, not a sources file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: TOML syntax error: {exc}") from None
    unknown = sorted(set(data) - {"source", "topic"})
    if unknown:
        raise ConfigError(f"{shown}: unknown top-level key {unknown[0]!r} (allowed: source, topic)")
    raw_sources = data.get("source")
    if not raw_sources:
        raise ConfigError(f"{shown}: no [[source]] entries")
    if not isinstance(raw_sources, list):
        raise ConfigError(f"{shown}: 'source' must be an array of tables ([[source]])")
    sources = tuple(_parse_source(raw, i, shown) for i, raw in enumerate(raw_sources))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{shown}: source name {dupes[0]!r} is used twice")
    topic = _parse_topic(data["topic"], shown) if "topic" in data else Topic()
    return SourcesConfig(path=shown, sources=sources, topic=topic)
