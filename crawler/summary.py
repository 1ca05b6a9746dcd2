"""What a crawl tells its user: pages, sources, articles, held-back links, in words a user
can act on.

Two things were silent before (issue 14).  A source that is down (robots.txt unreachable,
DNS, refused connections) left no row anywhere and the summary read "0 failed": every
source now gets a line saying whether it answered and, if not, why (from the ``pages``
rows of this crawl, where the spider records a start URL that robots.txt kept it from).
And "trap links held back: 375" said nothing a user could act on: it now says what those
links are, shows the URL patterns with the most, and names the setting that lets more in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scrapy import signals

from crawler.settings import REPRINTS_TRAP_PROBATION
from storage.clustering import ClusterSummary

EXAMPLE_PATTERNS = 3  # URL patterns shown under "trap links held back"
_WORDS = {
    "dns": "DNS failure: the host name does not resolve",
    "refused": "connection refused",
    "timeout": "timed out",
    "connection_lost": "connection lost",
    "connect": "could not connect",
    "too_large": "larger than DOWNLOAD_MAXSIZE",
}


def describe(reason: str) -> str:
    """A ``pages.error`` reason in words."""
    kind, _, detail = reason.partition(":")
    if kind == "robots":
        what, _, more = detail.partition(":")
        if what == "unreachable":
            return (
                f"robots.txt unreachable ({_WORDS.get(more, more)}), which RFC 9309 reads as "
                "'disallow all'"
            )
        if what == "server_error":
            return f"robots.txt answered HTTP {more}: the site asks crawlers to stay away for now"
        return "robots.txt disallows its start URLs for our user agent"
    if kind == "http":
        return f"HTTP {detail}"
    return _WORDS.get(reason, reason)


@dataclass
class SourceState:
    """One source in one crawl: pages that answered (2xx, 3xx, 304) and failures by reason."""

    name: str
    answered: int = 0
    failed: dict[str, int] = field(default_factory=dict)

    @property
    def worked(self) -> bool:
        return self.answered > 0

    def why(self) -> str:
        if not self.failed:
            return "nothing was requested (no start URL inside the source)"
        if len(self.failed) == 1:
            reason = next(iter(self.failed))
            if reason.startswith("robots"):
                return f"{describe(reason)}; nothing was fetched"
            return f"every request failed: {describe(reason)}"
        parts = ", ".join(f"{describe(r)} {n}" for r, n in _by_count(self.failed))
        return f"every request failed ({parts})"


def source_lines(states: list[SourceState], label: str = "sources") -> list[str]:
    down = [s for s in states if not s.worked]
    if not down:
        return [f"{label}: {len(states)} answered"]
    head = f"{label}: {len(states) - len(down)} of {len(states)} answered; nothing from:"
    return [head, *(f"  {s.name}: {s.why()}" for s in down)]


def _by_count(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def fmt_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in _by_count(counts))


@dataclass
class CrawlSummary:
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_failed: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)
    sources: list[SourceState] = field(default_factory=list)
    articles_new: int = 0
    articles_updated: int = 0
    articles_on_topic_new: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    traps_held_back: int = 0
    trap_probation: int = REPRINTS_TRAP_PROBATION
    held_back_examples: list[tuple[int, str]] = field(default_factory=list)  # (links, a URL)
    clusters: ClusterSummary | None = None
    phases: dict[str, float] = field(default_factory=dict)
    storage_error: str | None = None
    spider_errors: int = 0
    seconds: float = 0.0
    log_file: str | None = None

    @property
    def any_source_worked(self) -> bool:
        return not self.sources or any(s.worked for s in self.sources)

    def lines(self) -> list[str]:
        failed = f" ({fmt_counts(self.failed_by_reason)})" if self.failed_by_reason else ""
        out = [
            f"pages: {self.pages_fetched} fetched, {self.pages_not_modified} not modified, "
            f"{self.pages_failed} failed{failed}",
            *source_lines(self.sources),
            f"articles: {self.articles_new} new ({self.articles_on_topic_new} on topic), "
            f"{self.articles_updated} updated (stored by an earlier crawl, fetched again)",
            f"dropped: {fmt_counts(self.dropped) or 'none'}",
            *self.trap_lines(),
        ]
        if self.spider_errors:
            out.append(f"errors while parsing pages: {self.spider_errors} (see the log)")
        if self.clusters:
            out.append(self.clusters.line())
        detail = ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items())
        out.append(f"time: {self.seconds:.1f}s" + (f" ({detail})" if detail else ""))
        if self.log_file:
            out.append(f"log: {self.log_file}")
        return out

    def trap_lines(self) -> list[str]:
        if not self.traps_held_back:
            return ["trap links held back: 0"]
        return [
            f"trap links held back: {self.traps_held_back}, not fetched: each URL pattern "
            f"had {self.trap_probation} tries and led to no article, as calendars, search "
            "and filter pages do",
            *(f"  {n} like {url}" for n, url in self.held_back_examples[:EXAMPLE_PATTERNS]),
            "  if articles hide behind them: --set REPRINTS_TRAP_PROBATION=N "
            f"(now {self.trap_probation}), or list them in the source's sitemap_urls",
        ]


def tally_pages(rows, summary: CrawlSummary, names: list[str]) -> None:
    """Count this crawl's ``(source, status, error, outcome, n)`` page rows into ``summary``,
    overall and per source (every source of ``names`` gets a state, pages or not)."""
    states = {name: SourceState(name) for name in names}
    for source, status, error, outcome, n in rows:
        state = states.setdefault(source, SourceState(source))
        if status == 304:
            summary.pages_not_modified += n
            state.answered += n
        elif error or not status or status >= 400:
            reason = error or f"http:{status}"
            summary.pages_failed += n
            summary.failed_by_reason[reason] = summary.failed_by_reason.get(reason, 0) + n
            state.failed[reason] = state.failed.get(reason, 0) + n
        else:
            summary.pages_fetched += n
            state.answered += n
            if outcome and outcome not in ("article", "fetch_failed", "not_modified"):
                key = outcome.split(" ")[0]
                summary.dropped[key] = summary.dropped.get(key, 0) + n
    summary.sources = list(states.values())


class HeldBackReport:
    """Scrapy extension: when the spider closes, the URL patterns whose links the trap guard
    still holds, most first, each with one of its URLs (``traps/held_back_examples``)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def closed(self, spider, reason) -> None:
        guard = getattr(getattr(spider, "frontier", None), "guard", None)
        waiting = getattr(guard, "waiting", None)  # one process; Redis-shared guards: none
        if not isinstance(waiting, dict):
            return
        held = Counter({reqs[0].url: len(reqs) for reqs in waiting.values() if reqs})
        examples = [[n, url] for url, n in held.most_common(EXAMPLE_PATTERNS)]
        self.crawler.stats.set_value("traps/held_back_examples", examples)
