"""The scale-out pieces one at a time, against a real redis-server (no crawl): leases,
the shared seen-set and trap guard, per-host tokens, shards written and ingested once."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime

import pytest
from scrapy import Request
from scrapy_redis import picklecompat

from crawler.items import Page
from crawler.shared.crawl import SharedCrawl, SharedStateError, connect
from crawler.shared.frontier import SharedParams, SharedSeen, SharedTrapGuard
from crawler.shared.hosts import ACQUIRE
from crawler.shared.leases import leased
from crawler.traps import url_shape
from pipelines.shards import write_shard
from storage.ingest import ingest_shards
from tests.e2e_helpers import query
from tests.redis_server import RedisServer


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = RedisServer(tmp_path_factory.mktemp("redis-units"))
    yield s
    s.stop()


@pytest.fixture
def shared(server, request):
    crawl = SharedCrawl(server.url, f"t-{request.node.name}", worker="w1")
    crawl.encode = lambda r: picklecompat.dumps({"url": r.url, "priority": r.priority})
    yield crawl
    crawl.keys.clear(server.client)


def push(shared, data: bytes, score: float = 0) -> None:
    shared.client.zadd(shared.keys.requests, {data: score})


def test_connect_error_is_one_line():
    with pytest.raises(SharedStateError, match="cannot reach Redis"):
        connect("redis://127.0.0.1:1/0")
    with pytest.raises(SharedStateError, match="not a Redis URL"):
        connect("http://example.org/")


def test_pop_moves_the_request_into_the_lease_set(shared):
    push(shared, b"a", 1)
    push(shared, b"b", 0)
    lease, data = shared.leases.pop()
    assert data == b"b"  # best score first, as scrapy-redis orders it
    assert shared.client.zcard(shared.keys.requests) == 1
    assert shared.client.zrange(shared.keys.leases("w1"), 0, -1) == [b"b"]
    shared.leases.release(lease)
    assert shared.client.zcard(shared.keys.leases("w1")) == 0


def test_a_dead_workers_leases_go_back_to_the_queue(shared, server):
    push(shared, b"x", 5)
    shared.leases.pop()
    assert shared.client.zcard(shared.keys.requests) == 0
    other = SharedCrawl(server.url, shared.keys.crawl, worker="w2")
    assert other.leases.requeue("w1") == 1
    assert shared.client.zrange(shared.keys.requests, 0, -1, withscores=True) == [(b"x", 5.0)]


def test_lease_released_only_when_every_page_is_written(shared):
    push(shared, b"r")
    lease, _ = shared.leases.pop()

    class Spider:
        pass

    spider = Spider()
    spider.shared = shared

    @leased
    def parse(self, response):
        yield Page(url="u1")
        yield Request("http://h/next")

    response = type("R", (), {"request": Request("http://h/", meta={"lease": lease})})()
    items = list(parse(spider, response))
    page = items[0]
    assert page["lease"] == lease
    assert lease in shared.leases.held  # the page is not on disk yet
    shared.leases.page_done(lease)
    assert lease not in shared.leases.held
    assert shared.client.zcard(shared.keys.leases("w1")) == 0


def test_a_chain_request_carries_the_lease(shared):
    push(shared, b"c")
    lease, _ = shared.leases.pop()
    spider = type("S", (), {"shared": shared})()

    @leased
    def parse(self, response):
        yield Request("http://h/p2", meta={"chain": ["page 1"]})

    response = type("R", (), {"request": Request("http://h/p1", meta={"lease": lease})})()
    (nxt,) = list(parse(spider, response))
    assert nxt.meta["lease"] == lease
    assert lease in shared.leases.held  # released by the chain's last page, not now


def test_seen_claim_is_atomic_across_workers(shared, server):
    other = SharedCrawl(server.url, shared.keys.crawl, worker="w2")
    a, b = SharedSeen(shared), SharedSeen(other)
    urls = [f"http://h/{i}" for i in range(200)]
    wins = {"a": 0, "b": 0}

    def run(seen, name):
        for u in urls:
            wins[name] += seen.claim(u)

    threads = [
        threading.Thread(target=run, args=(a, "a")),
        threading.Thread(target=run, args=(b, "b")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wins["a"] + wins["b"] == len(urls)


def test_trap_budget_is_shared_and_released_by_any_worker(shared, server):
    other = SharedCrawl(server.url, shared.keys.crawl, worker="w2")
    other.encode = shared.encode
    g1, g2 = SharedTrapGuard(shared, probation=2), SharedTrapGuard(other, probation=2)
    urls = [f"http://h/cal/2024/{m:02d}/" for m in range(1, 7)]
    admitted = [g.admit(u, Request(u)) for g, u in zip([g1, g2] * 3, urls, strict=True)]
    assert admitted == [True, True, False, False, False, False]  # 2 for both workers together
    assert g1.contained() == 4
    g2.confirm(urls[0])  # the shape proved productive on the other worker
    assert g1.contained() == 0
    assert shared.client.zcard(shared.keys.requests) == 4  # released into the shared queue
    assert url_shape(urls[0]) == url_shape(urls[5])


def test_page_n_of_an_article_over_budget_is_not_held_in_redis(shared, server):
    """Pages 2..N carry the pages so far in their meta (responses, selectors: nothing Redis
    can hold): over the trap budget they are refused, not encoded into the shared queue."""
    guard = SharedTrapGuard(shared, probation=1)
    urls = [f"http://h/list/{n}_2.html" for n in range(1, 4)]
    unpicklable = {"chain": [lambda: None]}
    admitted = [guard.admit(u, Request(u, meta=unpicklable)) for u in urls]
    assert admitted == [True, False, False]
    assert guard.contained() == 0


def test_learned_params_are_shared(shared, server):
    other = SharedCrawl(server.url, shared.keys.crawl, worker="w2")
    SharedParams(shared).learn("h", {"scm"})
    assert SharedParams(other).get("h") == {"scm"}


def test_host_tokens_cap_concurrency_and_lapse(shared):
    acquire = shared.client.register_script(ACQUIRE)
    keys = [shared.keys.host("h", "tokens"), shared.keys.host("h", "next")]
    now = time.time()
    got = [float(acquire(keys=keys, args=[now, 2, 30, f"t{i}", 0])) for i in range(3)]
    assert got[:2] == [0.0, 0.0] and got[2] > 0  # the third waits
    later = now + 31  # a killed worker's tokens expire on their own
    assert float(acquire(keys=keys, args=[later, 2, 30, "t9", 0])) == 0.0


def test_shared_crawl_delay_spaces_requests(shared):
    acquire = shared.client.register_script(ACQUIRE)
    keys = [shared.keys.host("d", "tokens"), shared.keys.host("d", "next")]
    now = time.time()
    assert float(acquire(keys=keys, args=[now, 5, 30, "a", 2.0])) == 0.0
    wait = float(acquire(keys=keys, args=[now + 0.5, 5, 30, "b", 2.0]))
    assert 1.4 < wait < 1.6


def _rows(url: str):
    fetched = datetime(2025, 1, 1, 12)
    page = {"url": url, "final_url": url, "source": "s", "status": 200, "fetched_at": fetched,
            "outcome": "article", "article_url": url, "links": [], "fetch_count": 1,
            "not_modified_count": 0}  # fmt: skip
    article = {"url": url, "source": "s", "role": "farm", "title": "t", "text": url + "正文" * 50,
               "fetched_at": fetched, "on_topic": True, "page_urls": [url]}  # fmt: skip
    return page, article


def test_shards_are_ingested_exactly_once(tmp_path):
    out = tmp_path / "shards"
    for i, url in enumerate(["http://h/1", "http://h/2", "http://h/1"]):
        page, article = _rows(url)
        write_shard(out, f"w-{i:06d}-{1000 + i}", [page], [article])
    (out / ".tmp-w-000009-2000").mkdir()  # a shard a killed worker left half-written
    db = str(tmp_path / "i.duckdb")
    first = ingest_shards(db, out)
    assert first.shards == 3 and first.articles_new == 2
    again = ingest_shards(db, out)
    assert again.shards == 0
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(2, 2)]
    assert query(db, "SELECT count(*) FROM ingested_shards") == [(3,)]


def test_handler_holds_the_limit_without_redis():
    """Alone, the handler's per-host semaphore holds CONCURRENT_REQUESTS_PER_DOMAIN."""
    from crawler.shared.hosts import HostTokenHandler

    state = {"open": 0, "peak": 0}

    class Fake(HostTokenHandler):
        def __init__(self):
            self.shared, self.local, self.limit = None, {}, 2
            self.next_start, self.last_end = {}, {}
            self.crawler = type("C", (), {"stats": type("S", (), {"get_value": lambda *a: None})()})

    async def fake_download(self, request):
        state["open"] += 1
        state["peak"] = max(state["peak"], state["open"])
        await asyncio.sleep(0.01)
        state["open"] -= 1

    handler = Fake()
    parent = HostTokenHandler.__mro__[1]
    original = parent.download_request
    parent.download_request = fake_download
    try:

        async def main():
            await asyncio.gather(
                *(handler.download_request(Request("http://h/x")) for _ in range(9))
            )

        asyncio.run(main())
    finally:
        parent.download_request = original
    assert state["peak"] == 2


def test_handler_spaces_a_crawl_delay_host_from_the_end_of_each_download(
    monkeypatch: pytest.MonkeyPatch,
):
    """Alone, a Crawl-delay host's next request waits the delay from the end of the previous
    download, so a request written out late (a busy reactor) cannot bring the next one closer
    to it than the delay at the site."""
    from crawler.shared.hosts import HostTokenHandler

    delay = 0.1
    stats = type("S", (), {"get_value": lambda self, key: delay if "crawl_delay" in key else None})

    class Fake(HostTokenHandler):
        def __init__(self):
            self.shared, self.local, self.next_start, self.limit = None, {}, {}, 8
            self.last_end = {}
            self.crawler = type("C", (), {"stats": stats()})

    spans: list[tuple[float, float]] = []

    async def slow_write(self, request):
        await asyncio.sleep(0.05)  # the request reaches the site only now
        arrived = time.monotonic()
        await asyncio.sleep(0.01)
        spans.append((arrived, time.monotonic()))

    monkeypatch.setattr(HostTokenHandler.__mro__[1], "download_request", slow_write)
    handler = Fake()

    async def main():
        await asyncio.gather(*(handler.download_request(Request("http://h/x")) for _ in range(4)))

    asyncio.run(main())
    arrivals = [a for a, _ in spans]
    assert len(arrivals) == 4
    assert min(b - a for a, b in zip(arrivals, arrivals[1:], strict=False)) >= delay


def test_first_request_after_robots_txt_waits_the_crawl_delay(monkeypatch: pytest.MonkeyPatch):
    """robots.txt is downloaded before its Crawl-delay is known; the request that follows it
    must still wait the delay from robots.txt's end (found by the unseen-web bench: a gap of
    a few ms between robots.txt and the first page under a 0.5 s Crawl-delay)."""
    from crawler.shared.hosts import HostTokenHandler

    known = {"delay": 0.0}
    stats = type("S", (), {"get_value": lambda self, key: known["delay"] or None})

    class Fake(HostTokenHandler):
        def __init__(self):
            self.shared, self.local, self.next_start, self.limit = None, {}, {}, 8
            self.last_end = {}
            self.crawler = type("C", (), {"stats": stats()})

    arrivals: list[float] = []

    async def fetch(self, request):
        arrivals.append(time.monotonic())
        await asyncio.sleep(0.005)

    monkeypatch.setattr(HostTokenHandler.__mro__[1], "download_request", fetch)
    handler = Fake()

    async def main():
        await handler.download_request(Request("http://h/robots.txt"))
        known["delay"] = 0.2  # the robots middleware has read it
        await handler.download_request(Request("http://h/"))

    asyncio.run(main())
    assert arrivals[1] - arrivals[0] >= 0.2


def test_a_redis_error_python_cannot_raise_is_one_line(capsys, caplog):
    """A connection finalised while Redis is away reports through sys.unraisablehook: one
    log line, not a traceback (test_redis_going_away_stops_the_crawl_cleanly saw one)."""
    import types

    import redis as redis_module

    from crawler.shared import crawl

    exc = redis_module.ConnectionError("Error 111 connecting: Connection refused.")
    args = types.SimpleNamespace(
        exc_type=type(exc), exc_value=exc, exc_traceback=None, err_msg=None, object=None
    )
    crawl._one_line_unraisable(args)
    assert "Traceback" not in capsys.readouterr().err
    assert any("Connection refused" in r.getMessage() for r in caplog.records)


def test_a_socket_error_from_inside_the_redis_client_is_one_line_too(capsys, caplog):
    """The refused socket can escape a connection's own code before the client wraps it in
    a RedisError (a fresh-clone make test printed that traceback when Redis went away)."""
    import socket
    import types

    import redis as redis_module

    from crawler.shared import crawl

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        redis_module.connection.Connection(host="127.0.0.1", port=port)._connect()
    except OSError as refused:
        exc = refused
    assert not isinstance(exc, redis_module.RedisError)
    args = types.SimpleNamespace(
        exc_type=type(exc),
        exc_value=exc,
        exc_traceback=exc.__traceback__,
        err_msg=None,
        object=None,
    )
    crawl._one_line_unraisable(args)
    assert "Traceback" not in capsys.readouterr().err
    assert any("Redis" in r.getMessage() for r in caplog.records)
    assert not crawl._from_redis(OSError("disk full"))  # our own errors report as Python would


def test_a_redis_error_in_a_signal_handler_is_one_line(caplog):
    """Scrapy logs a signal handler's exception with its traceback (send_catch_log): a
    handler that touches Redis while it is away (a dropped item's lease marked done) logs
    one line instead (test_redis_going_away_stops_the_crawl_cleanly saw the traceback)."""
    import redis as redis_module
    from scrapy.signalmanager import SignalManager

    import crawler.shared.crawl  # noqa: F401  (installs the filters)

    signal = object()

    def lease_done(**_kwargs):
        raise redis_module.ConnectionError("Error 111 connecting: Connection refused.")

    manager = SignalManager()
    manager.connect(lease_done, signal=signal)
    manager.send_catch_log(signal)
    records = [r for r in caplog.records if r.name == "scrapy.utils.signal"]
    assert records and all(r.exc_info is None for r in records)
    assert "Connection refused" in records[0].getMessage()
