"""The frontier's memory, shared by every worker: seen URLs, continuation pages, who found a
URL, and the trap guard's per-shape budgets and held-back requests.

Each class offers the interface the single-process ``Frontier`` already uses (a set, a dict,
``TrapGuard``), so the crawl policy is one piece of code whether one process or many run it.
A local copy answers repeated questions about the same URL without a round trip.  Held-back
requests wait in Redis, not in a worker's memory, so a killed worker cannot lose them, and a
shape confirmed by any worker releases them into the shared queue for everyone.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from crawler.traps import url_shape

ADMIT = """
local shape = ARGV[1]
if redis.call('SISMEMBER', KEYS[1], shape) == 1 then return 1 end
local issued = tonumber(redis.call('HGET', KEYS[2], shape) or '0')
local extra = tonumber(redis.call('HGET', KEYS[3], shape) or '0')
if issued < tonumber(ARGV[2]) + extra then
  redis.call('HINCRBY', KEYS[2], shape, 1)
  return 1
end
if ARGV[3] == '' then return 0 end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
redis.call('SADD', KEYS[5], shape)
return 0
"""

CONFIRM = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
local items = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do redis.call('ZADD', KEYS[3], items[i + 1], items[i]) end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return #items / 2
"""

CREDIT = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
local extra = redis.call('HINCRBY', KEYS[3], ARGV[1], tonumber(ARGV[3]))
local issued = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local room = tonumber(ARGV[2]) + extra - issued
if room <= 0 then return 0 end
local items = redis.call('ZRANGE', KEYS[4], 0, room - 1, 'WITHSCORES')
for i = 1, #items, 2 do
  redis.call('ZADD', KEYS[5], items[i + 1], items[i])
  redis.call('ZREM', KEYS[4], items[i])
end
redis.call('HINCRBY', KEYS[2], ARGV[1], #items / 2)
if redis.call('ZCARD', KEYS[4]) == 0 then redis.call('SREM', KEYS[6], ARGV[1]) end
return #items / 2
"""


class SharedSeen:
    """URLs some worker has claimed.  ``claim`` is atomic: of all workers that discover a URL
    at the same moment, exactly one gets True and fetches it."""

    def __init__(self, shared) -> None:
        self.client = shared.client
        self.key = shared.keys.key("seen")
        self.local: set[str] = set()

    def __contains__(self, url: str) -> bool:
        return url in self.local

    def claim(self, url: str) -> bool:
        if url in self.local:
            return False
        self.local.add(url)
        return bool(self.client.sadd(self.key, url))

    def add(self, url: str) -> None:
        self.update([url])

    def update(self, urls: Iterable[str]) -> None:
        new = [u for u in urls if u not in self.local]
        if new:
            self.local.update(new)
            self.client.sadd(self.key, *new)

    def __len__(self) -> int:
        return int(self.client.scard(self.key))


class SharedSet:
    """A set of URLs (continuation pages): added by one worker, asked about by all."""

    def __init__(self, shared, name: str) -> None:
        self.client = shared.client
        self.key = shared.keys.key(name)
        self.local: set[str] = set()

    def update(self, urls: Iterable[str]) -> None:
        new = [u for u in urls if u not in self.local]
        if new:
            self.local.update(new)
            self.client.sadd(self.key, *new)

    def __contains__(self, url: str) -> bool:
        return url in self.local or bool(self.client.sismember(self.key, url))


class SharedMap:
    """url -> shape of the page that found it first (``Frontier.discovered_by``)."""

    def __init__(self, shared, name: str) -> None:
        self.client = shared.client
        self.key = shared.keys.key(name)

    def __setitem__(self, url: str, shape: str) -> None:
        self.client.hsetnx(self.key, url, shape)

    def __contains__(self, url: str) -> bool:
        return bool(self.client.hexists(self.key, url))

    def pop(self, url: str, default=None):
        pipe = self.client.pipeline()
        pipe.hget(self.key, url).hdel(self.key, url)
        value, removed = pipe.execute()
        if not removed:
            return default
        return value.decode() if isinstance(value, bytes) else value


class SharedParams:
    """host -> query parameters that select nothing (``Frontier.ignorable``), learned by any
    worker.  Read through a one-second cache: it is asked about every link."""

    TTL = 1.0

    def __init__(self, shared) -> None:
        self.client = shared.client
        self.shared = shared
        self.cache: dict[str, tuple[float, set[str]]] = {}

    def __bool__(self) -> bool:
        return True

    def get(self, host: str) -> set[str]:
        now = time.monotonic()
        hit = self.cache.get(host)
        if hit is None or now - hit[0] > self.TTL:
            names = {n.decode() for n in self.client.smembers(self.shared.keys.key("params", host))}
            hit = self.cache[host] = (now, names)
        return hit[1]

    def learn(self, host: str, names: set[str]) -> None:
        if names - self.get(host):
            self.client.sadd(self.shared.keys.key("params", host), *names)
            self.cache.pop(host, None)


class SharedTrapGuard:
    """``TrapGuard`` with its budgets and held-back requests in Redis.

    Released requests go straight into the shared queue, so ``confirm`` and ``credit``
    return nothing for the caller to schedule.
    """

    def __init__(self, shared, probation: int = 8) -> None:
        self.shared = shared
        self.probation = probation
        client = shared.client
        self._admit = client.register_script(ADMIT)
        self._confirm = client.register_script(CONFIRM)
        self._credit = client.register_script(CREDIT)
        self.trusted_local: set[str] = set()

    def _k(self, name: str, shape: str | None = None) -> str:
        keys = self.shared.keys
        return keys.key("trap", name, shape) if shape is not None else keys.key("trap", name)

    def admit(self, url: str, request, found_on: str | None = None, hold: bool = True) -> bool:
        """``found_on`` is accepted for the local guard's interface; shapes are budgeted
        one by one here."""
        shape = url_shape(url)
        if shape in self.trusted_local:
            return True
        # Pages 2..N of an article stay with the worker that holds page 1 (their meta holds
        # the pages so far, which no other worker could use): over budget, such a page is
        # not held in Redis (nor any request asked for with hold=False), the chain ends
        # where it is.
        held = hold and not request.meta.get("chain")
        data = self.shared.encode(request) if held else ""
        ok = self._admit(
            keys=[
                self._k("trusted"),
                self._k("issued"),
                self._k("extra"),
                self._k("wait", shape),
                self._k("waiting"),
            ],
            args=[shape, self.probation, data, -request.priority],
        )
        return bool(ok)

    def confirm(self, *urls: str) -> list:
        for url in urls:
            if not url:
                continue
            shape = url_shape(url)
            if shape in self.trusted_local:
                continue
            self.trusted_local.add(shape)
            self._confirm(
                keys=[
                    self._k("trusted"),
                    self._k("wait", shape),
                    self.shared.keys.requests,
                    self._k("waiting"),
                ],
                args=[shape],
            )
        return []

    def credit(self, shape: str, n: int = 1) -> list:
        if shape in self.trusted_local:
            return []
        self._credit(
            keys=[
                self._k("trusted"),
                self._k("issued"),
                self._k("extra"),
                self._k("wait", shape),
                self.shared.keys.requests,
                self._k("waiting"),
            ],
            args=[shape, self.probation, n],
        )
        return []

    def contained(self) -> int:
        client = self.shared.client
        shapes = client.smembers(self._k("waiting"))
        return sum(int(client.zcard(self._k("wait", s.decode()))) for s in shapes)


def shared_frontier_state(shared, probation: int) -> dict:
    """Keyword arguments for ``Frontier``: every piece of its memory, in Redis."""
    return {
        "guard": SharedTrapGuard(shared, probation),
        "seen": SharedSeen(shared),
        "continuations": SharedSet(shared, "continuations"),
        "discovered_by": SharedMap(shared, "discovered_by"),
        "ignorable": SharedParams(shared),
    }
