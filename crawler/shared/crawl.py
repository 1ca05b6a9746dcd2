"""One crawl's state in Redis: key names, the connection, this worker's identity.

Every key of a crawl lives under ``reprints:<crawl id>:`` so several crawls can share one
Redis database and a finished crawl is removed with one prefix scan.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
import uuid
from dataclasses import dataclass, field

import redis

log = logging.getLogger(__name__)


class _OneLineRedisErrors(logging.Filter):
    """While Redis is away every callback that touches it fails the same way: one line each,
    not a traceback each (the worker stops by itself after ``REPRINTS_REDIS_GRACE``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if _from_redis(exc):
            record.msg = f"{record.getMessage()}: Redis: {exc}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


# scrapy.utils.signal: a signal handler that touches Redis (a dropped item's lease marked
# done) is logged by Scrapy with its traceback; a fresh-clone make test saw one when Redis
# went away mid-crawl.
for _name in (
    "scrapy.core.scraper",
    "scrapy.core.engine",
    "scrapy.utils.signal",
    "asyncio",
    "twisted",
):
    logging.getLogger(_name).addFilter(_OneLineRedisErrors())

_default_unraisable = sys.unraisablehook


def _from_redis(exc: BaseException | None) -> bool:
    """A Redis error, or a socket error raised inside the redis client (a connection's
    health check run while it is finalised meets the refused socket before the client can
    wrap it: a fresh-clone test run printed that traceback when Redis went away)."""
    if exc is None:
        return False
    if isinstance(exc, redis.RedisError):
        return True
    if not isinstance(exc, OSError):
        return False
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals.get("__name__", "").startswith("redis."):
            return True
        tb = tb.tb_next
    return False


def _one_line_unraisable(unraisable) -> None:
    """An error Python can only report, not raise (a generator or a connection finalised
    while Redis is away): one line, like the logged ones, not a traceback on stderr."""
    if _from_redis(unraisable.exc_value):
        log.warning("Redis: %s", unraisable.exc_value)
        return
    _default_unraisable(unraisable)


sys.unraisablehook = _one_line_unraisable

PREFIX = "reprints"


class SharedStateError(RuntimeError):
    """Redis cannot be reached or answers with an error."""


def connect(url: str) -> redis.Redis:
    """A client for ``url`` (redis://HOST:PORT/N); raises SharedStateError in one line."""
    try:
        client = redis.Redis.from_url(
            url, socket_timeout=30, socket_connect_timeout=5, health_check_interval=30
        )
        client.ping()
    except ValueError as exc:
        raise SharedStateError(f"{url}: not a Redis URL ({exc})") from None
    except redis.RedisError as exc:
        raise SharedStateError(f"cannot reach Redis at {url}: {exc}") from None
    return client


@dataclass
class CrawlKeys:
    crawl: str
    prefix: str = field(init=False)

    def __post_init__(self) -> None:
        self.prefix = f"{PREFIX}:{self.crawl}"

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    @property
    def requests(self) -> str:  # the scrapy-redis priority queue
        return self.key("requests")

    def leases(self, worker: str) -> str:
        return self.key("leases", worker)

    def alive(self, worker: str) -> str:
        return self.key("alive", worker)

    def host(self, host: str, what: str) -> str:
        return self.key("host", host, what)

    def clear(self, client: redis.Redis) -> int:
        """Delete every key of this crawl; returns how many."""
        n = 0
        for batch in _chunks(client.scan_iter(match=f"{self.prefix}:*", count=1000), 500):
            n += client.delete(*batch)
        return n


def _chunks(it, size: int):
    batch = []
    for item in it:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def new_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class SharedCrawl:
    """What the components of one worker share: client, keys, worker id, leases.

    Built once per Scrapy crawler (``of``) from the settings ``REPRINTS_REDIS_URL``,
    ``REPRINTS_CRAWL_ID`` and ``REPRINTS_WORKER_ID``.
    """

    def __init__(self, url: str, crawl: str, worker: str | None = None, ttl: float = 30.0):
        self.url = url
        self.client = connect(url)
        self.keys = CrawlKeys(crawl)
        self.worker = worker or new_worker_id()
        self.ttl = ttl  # a worker silent this long is taken for dead
        self.grace = 30.0  # Redis away this long: the worker stops (what it wrote is kept)
        self.down_since: float | None = None
        self.error: str | None = None
        self.encode = None  # set by the scheduler: Request -> bytes (scrapy-redis' encoding)
        from crawler.shared.leases import LeaseTracker

        self.leases = LeaseTracker(self)

    def up(self) -> None:
        if self.down_since is not None:
            log.warning("Redis is back")
        self.down_since = None

    def down(self, exc: Exception) -> bool:
        """Redis failed; True once it has been away for longer than ``grace``."""
        now = time.monotonic()
        if self.down_since is None:
            self.down_since = now
            log.warning("Redis unreachable (%s); retrying for up to %.0fs", exc, self.grace)
        if now - self.down_since > self.grace:
            self.error = f"Redis at {self.url} unreachable for over {self.grace:.0f}s: {exc}"
            return True
        return False

    @classmethod
    def of(cls, crawler) -> SharedCrawl | None:
        """The crawler's SharedCrawl, or None when it crawls alone (no REPRINTS_REDIS_URL)."""
        existing = getattr(crawler, "_reprints_shared", None)
        if existing is not None:
            return existing
        settings = crawler.settings
        url = settings.get("REPRINTS_REDIS_URL")
        if not url:
            return None
        shared = cls(
            url,
            settings.get("REPRINTS_CRAWL_ID") or "default",
            settings.get("REPRINTS_WORKER_ID") or None,
            settings.getfloat("REPRINTS_WORKER_TTL", 30.0),
        )
        shared.grace = settings.getfloat("REPRINTS_REDIS_GRACE", 30.0)
        crawler._reprints_shared = shared
        return shared
