"""Leases: a request a worker takes from the shared queue stays in Redis until its output
is written, so ``kill -9`` loses nothing.

Popping a request moves it, atomically, from the queue into the worker's lease set.  The
lease is released (acknowledged) only when everything the request produced is safe: the
requests it discovered are in the shared queue and the ``Page`` it produced is in a shard
file on disk.  A worker that stops sending heartbeats is taken for dead and any live worker
moves its leases back into the queue, so what it held is fetched again by someone else.
scrapy-redis on its own pops and forgets, and loses whatever the dead process buffered.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable

import redis
from scrapy import Request

log = logging.getLogger(__name__)

# Move the best-scored request whose host is not busy in this worker (ARGV) from the queue
# into the worker's lease set; return it.  Members start with "host\0" (LeasedQueue).
POP = """
local busy = {}
for _, h in ipairs(ARGV) do busy[h] = true end
local r = redis.call('ZRANGE', KEYS[1], 0, 255, 'WITHSCORES')
for i = 1, #r, 2 do
  local host = string.match(r[i], '^([^%z]*)%z')
  if not busy[host] then
    redis.call('ZREM', KEYS[1], r[i])
    redis.call('ZADD', KEYS[2], r[i + 1], r[i])
    return r[i]
  end
end
return false
"""

# Move every lease of a worker back into the queue (same priority); return how many.
REQUEUE = """
local items = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do redis.call('ZADD', KEYS[2], items[i + 1], items[i]) end
redis.call('DEL', KEYS[1])
return #items / 2
"""


def lease_id(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:20]


class LeaseTracker:
    """This worker's open leases and what each still waits for before it is released."""

    def __init__(self, shared) -> None:
        self.shared = shared
        self.held: dict[str, bytes] = {}  # lease -> the member in the lease set
        self.pending: dict[str, int] = {}  # lease -> Pages produced but not yet on disk
        self.finished: set[str] = set()  # leases whose callback has returned
        self.unreleased: list[bytes] = []  # released while Redis was away: retried later
        self._pop = shared.client.register_script(POP)
        self._requeue = shared.client.register_script(REQUEUE)

    @property
    def key(self) -> str:
        return self.shared.keys.leases(self.shared.worker)

    def pop(self, busy_hosts: list[str] = ()) -> tuple[str, bytes] | None:
        """Lease the next request, skipping hosts this worker cannot send to soon."""
        data = self._pop(keys=[self.shared.keys.requests, self.key], args=list(busy_hosts))
        if not data:
            return None
        lease = lease_id(data)
        self.held[lease] = data
        return lease, data

    def callback_done(self, lease: str, pages: int) -> None:
        """The callback of ``lease`` returned having produced ``pages`` Page items."""
        if lease not in self.held:
            return
        self.finished.add(lease)
        self.pending[lease] = self.pending.get(lease, 0) + pages
        self._maybe_release(lease)

    def page_done(self, lease: str | None) -> None:
        """A Page of ``lease`` is on disk (or was dropped for good)."""
        if not lease or lease not in self.held:
            return
        self.pending[lease] = self.pending.get(lease, 0) - 1
        self._maybe_release(lease)

    def _maybe_release(self, lease: str) -> None:
        if lease in self.finished and self.pending.get(lease, 0) <= 0:
            self.release(lease)

    def release(self, lease: str) -> None:
        data = self.held.pop(lease, None)
        self.pending.pop(lease, None)
        self.finished.discard(lease)
        if data is not None:
            self.unreleased.append(data)
        if self.unreleased:
            try:
                self.shared.client.zrem(self.key, *self.unreleased)
                self.unreleased.clear()
            except redis.RedisError as exc:  # the work is done; tell Redis when it is back
                if len(self.unreleased) == 1:
                    log.warning("cannot release leases while Redis is away: %s", exc)

    def release_all(self) -> int:
        """Idle: nothing of this worker is in flight, so every lease is done."""
        leases = list(self.held)
        for lease in leases:
            self.release(lease)
        if self.unreleased:
            self.shared.client.zrem(self.key, *self.unreleased)  # raises while Redis is away
            self.unreleased.clear()
        return len(leases)

    def requeue(self, worker: str) -> int:
        """Put every lease of ``worker`` back into the queue."""
        keys = self.shared.keys
        return int(self._requeue(keys=[keys.leases(worker), keys.requests]) or 0)

    def give_back(self) -> int:
        """On an unclean stop: what this worker still holds goes back to the queue."""
        self.held.clear()
        self.pending.clear()
        self.finished.clear()
        return self.requeue(self.shared.worker)


def leased(method: Callable) -> Callable:
    """Decorate a spider callback or errback: tag its Page items with the request's lease,
    hand the lease on to a request that continues the same document (page 2 of an article),
    and tell the tracker when the callback is done.  Without a lease it changes nothing."""

    @functools.wraps(method)
    def wrapper(self, response_or_failure, *args, **kwargs):
        request = getattr(response_or_failure, "request", None)
        lease = request.meta.get("lease") if request is not None else None
        output = method(self, response_or_failure, *args, **kwargs)
        if lease is None or output is None:
            return output
        return _track(self, lease, output)

    return wrapper


def _track(spider, lease: str, output: Iterable):
    tracker: LeaseTracker = spider.shared.leases
    pages = 0
    carried = False
    try:
        for obj in output:
            if isinstance(obj, Request):
                if obj.meta.get("chain"):
                    obj.meta["lease"] = lease  # the chain's last page releases it
                    carried = True
            elif hasattr(obj, "fields") and "lease" in obj.fields:
                obj["lease"] = lease
                pages += 1
            yield obj
    finally:
        if not carried:
            tracker.callback_done(lease, pages)
