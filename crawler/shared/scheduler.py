"""The scheduler of a worker: scrapy-redis' shared priority queue, with leases, a local lane
for the later pages of an article, heartbeats, and the rule for when the whole crawl is done.

Enable with the settings ``build_settings`` writes for ``--redis`` (SCHEDULER, REDIS_URL,
SCHEDULER_QUEUE_KEY, ...).  A worker closes only when the shared queue is empty and no live
worker still holds a lease or is still sending its start requests: a worker that runs dry
early waits, because another one may yet find links for it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from urllib.parse import urlsplit

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.shared.crawl import SharedCrawl

log = logging.getLogger(__name__)
# scrapy-redis 0.9.1 passes spider= to the stats collector, which Scrapy 2.19 deprecates.
warnings.filterwarnings("ignore", message="Passing a 'spider' argument", module="scrapy_redis")

# Is the crawl finished?  Dead workers (no heartbeat) have their leases put back on the way.
STATE = """
if redis.call('ZCARD', KEYS[1]) > 0 then return 'queued' end
local state = 'done'
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local leases = ARGV[1] .. ':leases:' .. w
  if redis.call('EXISTS', ARGV[1] .. ':alive:' .. w) == 1 then
    if redis.call('ZCARD', leases) > 0 or redis.call('SISMEMBER', KEYS[3], w) == 1 then
      state = 'busy'
    end
  else
    local items = redis.call('ZRANGE', leases, 0, -1, 'WITHSCORES')
    for i = 1, #items, 2 do redis.call('ZADD', KEYS[1], items[i + 1], items[i]) end
    redis.call('DEL', leases)
    redis.call('SREM', KEYS[2], w)
    redis.call('SREM', KEYS[3], w)
    if #items > 0 then state = 'queued' end
  end
end
return state
"""


class LeasedQueue(PriorityQueue):
    """scrapy-redis' priority queue whose pop leases the request instead of deleting it.

    A worker takes only requests it can send soon: hosts that already have
    ``REPRINTS_PREFETCH_PER_HOST`` requests waiting in its download slot are skipped (each
    member starts with its host), so the rest stay in the queue for the other workers.  With
    plain scrapy-redis one worker pulls 32 requests for one site and sits on them for the
    length of its per-site delay while the other worker has nothing to do.
    """

    def _encode_request(self, request):
        host = (urlsplit(request.url).hostname or "").encode()
        return host + b"\0" + super()._encode_request(request)

    def _decode_request(self, encoded_request):
        return super()._decode_request(encoded_request.split(b"\0", 1)[1])

    def push(self, request):
        """As scrapy-redis, plus first in, first out among equal priorities: a sorted set
        orders equal scores by member bytes, which would scatter a breadth-first crawl."""
        score = -request.priority + (time.time() / 1e10) % 1
        self.server.zadd(self.key, {self._encode_request(request): score})

    def busy_hosts(self) -> list[str]:
        downloader = self.spider.crawler.engine.downloader
        limit = self.spider.crawler.settings.getint("REPRINTS_PREFETCH_PER_HOST", 2)
        return [key for key, slot in downloader.slots.items() if len(slot.queue) >= limit]

    def pop(self, timeout=0):
        shared = SharedCrawl.of(self.spider.crawler)
        while True:
            got = shared.leases.pop(self.busy_hosts())
            if got is None:
                return None
            lease, data = got
            try:
                request = self._decode_request(data)
            except Exception as exc:  # a request this code cannot rebuild: drop it, loudly
                log.error("dropping an undecodable request from the queue: %s", exc)
                shared.leases.release(lease)
                continue
            request.meta["lease"] = lease
            return request


class SharedScheduler(Scheduler):
    def open(self, spider):
        crawler = spider.crawler
        self.crawler = crawler
        self.shared = shared = SharedCrawl.of(crawler)
        super().open(spider)
        shared.encode = self.queue._encode_request
        self.local: deque = deque()  # pages 2..N of an article: stay with the worker of page 1
        self._state = shared.client.register_script(STATE)
        self._stopping = False  # Redis away past the grace time: closing this worker
        keys, client = shared.keys, shared.client
        client.sadd(keys.key("workers"), shared.worker)
        client.sadd(keys.key("starting"), shared.worker)
        self._beat()
        self._loops = [
            task.LoopingCall(self._beat),
            task.LoopingCall(self._poke),
        ]
        self._loops[0].start(max(shared.ttl / 5, 0.5), now=False)
        self._loops[1].start(0.2, now=False)
        crawler.signals.connect(self._on_idle, signal=signals.spider_idle)

    # -- the queue ---------------------------------------------------------------------------
    def enqueue_request(self, request):
        if request.meta.get("chain"):
            self.local.append(request)
            return True
        lease = request.meta.pop("lease", None)
        try:
            queued = super().enqueue_request(request)
            if lease:
                # a retry or redirect of a leased request: the work now waits in the queue
                self.shared.leases.release(lease)
        except redis.RedisError as exc:
            self._redis_failed(exc)
            self.local.append(request)  # claimed by this worker: it fetches it itself
            return True
        return queued

    def next_request(self):
        if self.local:
            return self.local.popleft()
        try:
            request = super().next_request()
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return None
        self.shared.up()
        return request

    def has_pending_requests(self):
        if self.local:
            return True
        try:
            return len(self.queue) > 0
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return False

    def _redis_failed(self, exc: Exception) -> None:
        """Redis is away: carry on locally for a while, then stop this worker cleanly."""
        if self.shared.down(exc) and not self._stopping:
            self._stopping = True
            log.error("%s; stopping this worker", self.shared.error)
            self.crawler.stats.set_value("shared/error", self.shared.error)
            asyncio.ensure_future(
                self.crawler.engine.close_spider_async(reason="redis_unreachable")
            )

    # -- liveness and the end of the crawl ----------------------------------------------------
    def _beat(self) -> None:
        """Say this worker is alive; put back what dead workers held (the state check does)."""
        shared = self.shared
        try:
            shared.client.set(shared.keys.alive(shared.worker), b"1", px=int(shared.ttl * 1000))
            self.crawl_state()
        except redis.RedisError as exc:  # the next beat tries again, up to the grace time
            self._redis_failed(exc)

    def _poke(self) -> None:
        """Ask the engine for work now, not at its 5 s heartbeat: other workers fill the
        queue while this one waits."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def crawl_state(self) -> str:
        keys = self.shared.keys
        state = self._state(
            keys=[keys.requests, keys.key("workers"), keys.key("starting")], args=[keys.prefix]
        )
        return state.decode() if isinstance(state, bytes) else str(state)

    def _on_idle(self, spider) -> None:
        if self._stopping:
            return
        try:
            for pipe in getattr(self.crawler.engine.scraper.itemproc, "middlewares", ()):
                if hasattr(pipe, "flush_sync"):
                    pipe.flush_sync()
            if self.local:
                raise DontCloseSpider
            shared = self.shared
            shared.client.srem(shared.keys.key("starting"), shared.worker)
            shared.leases.release_all()
            state = self.crawl_state()
        except redis.RedisError as exc:
            self._redis_failed(exc)
            raise DontCloseSpider from None
        if state != "done":
            raise DontCloseSpider
        # finished: a worker started later with this crawl id begins a new crawl
        shared.client.set(shared.keys.key("done"), b"1")

    def close(self, reason):
        for loop in getattr(self, "_loops", []):
            if loop.running:
                loop.stop()
        shared = self.shared
        try:
            if shared.leases.held or reason != "finished":
                n = shared.leases.give_back()
                if n:
                    log.warning("gave %d unfinished requests back to the shared queue", n)
            keys = shared.keys
            shared.client.srem(keys.key("workers"), shared.worker)
            shared.client.srem(keys.key("starting"), shared.worker)
            shared.client.delete(keys.alive(shared.worker))
        except redis.RedisError:
            pass  # Redis is gone: the leases stay there and go back once it returns
        return super().close(reason)
