"""The crawl policy without a crawl: seen-set, trap credit, learned parameters, re-crawl skips."""

from __future__ import annotations

from datetime import datetime, timedelta

from crawler.frontier import Frontier
from crawler.history import FetchHistory, Seen
from crawler.sources import Source
from crawler.traps import TrapGuard
from crawler.urls import ignorable_params, strip_params

SRC = Source("s", "farm", ("http://h.test/",), allowed_domains=("h.test",), max_depth=5)
NOW = datetime(2025, 1, 10)


def frontier(**kw) -> Frontier:
    return Frontier(guard=TrapGuard(probation=2), now=lambda: NOW, **kw)


def follow(f: Frontier, links, depth=1, parent=None):
    return list(f.follow(links, SRC, depth, lambda u, d: (u, d), parent=parent))


def test_seen_offsite_and_depth():
    f = frontier()
    got = follow(f, ["http://h.test/a.html", "http://h.test/a.html", "http://other.test/x.html"])
    assert got == [("http://h.test/a.html", 1)]
    assert follow(f, ["http://h.test/deep.html"], depth=6) == []


def test_list_pages_that_lead_to_new_articles_earn_requests():
    f = frontier()
    lists = [f"http://h.test/list_{n}.html" for n in range(1, 7)]
    assert [u for u, _ in follow(f, lists, parent="http://h.test/")] == lists[:2]
    # list_2 is the first page to link article 77: when 77 proves an article, the list
    # shape earns one more request and list_3 is released
    follow(f, ["http://h.test/news/77.html"], depth=2, parent=lists[1])
    released = f.article_found("http://h.test/news/77.html", "http://h.test/news/77.html")
    assert released == [(lists[2], 1)]
    # an article already seen elsewhere earns nothing more
    assert f.article_found("http://h.test/news/77.html", "http://h.test/news/77.html") == []


def test_ignorable_parameters_are_learned_from_canonicals():
    assert ignorable_params("http://h/a/1/?for=pc&log_id=9", "http://h/a/1/") == {"for", "log_id"}
    assert ignorable_params("http://h/x?id=5&page=2", "http://h/x?id=5") == set()  # page numbers
    assert ignorable_params("http://h/x?id=5", "http://h/y") == set()
    assert strip_params("http://h/a/1/?for=pc&k=1", {"for"}) == "http://h/a/1/?k=1"
    f = frontier()
    f.article_found("http://h.test/a/1/?for=pc", "http://h.test/a/1/?for=pc", "http://h.test/a/1/")
    assert follow(f, ["http://h.test/a/2/?for=pc"]) == [("http://h.test/a/2/", 1)]


def test_known_article_without_validators_replays_its_links():
    seen = Seen(None, None, "article", ("http://h.test/b.html",), NOW - timedelta(days=1), 200)
    f = frontier(history=FetchHistory({"http://h.test/a.html": seen}))
    assert follow(f, ["http://h.test/a.html"]) == [("http://h.test/b.html", 2)]


def test_known_article_without_validators_does_not_fetch_its_later_pages():
    """A split article's page 1 is skipped on re-crawl (no validators, fetched lately): its
    pages 2..N, which its links hold, are not downloaded again either (genweb seed 22:
    /p/N?page=2 and ?page=3 of every skipped article were)."""
    url = "http://h.test/p/94460973"
    later = [f"{url}?page={n}" for n in (2, 3)]
    day = NOW - timedelta(days=1)
    seen = Seen(None, None, "article", (*later, "http://h.test/b.html"), day, 200, url)
    pages = {u: Seen(None, None, "page_of_article", (), day, 200, url) for u in later}
    f = frontier(history=FetchHistory({url: seen, **pages}, pages_of={url: later}))
    assert follow(f, [url]) == [("http://h.test/b.html", 2)]


THREADS = (
    ("http://h.test/viewtopic.php?t=149", "http://h.test/viewtopic.php?start={k}&t=149", 15),
    ("http://h.test/thread-149-1-1.html", "http://h.test/thread-149-{k}-1.html", 1),
    ("http://h.test/bbs/149.html", "http://h.test/bbs/149.html?pn={k}", 1),
)


def _thread_history(first: str, form: str, step: int, validators: bool = False):
    """A thread (page 1 an article) with two reply pages, linked page to page, as the last
    crawl stored them: reply pages read as later pages (continuations)."""
    day = NOW - timedelta(days=2)
    replies = [form.format(k=step * n) for n in ((2, 3) if step == 1 else (1, 2))]
    etag = '"r1"' if validators else None
    entries = {
        first: Seen(None, None, "article", (replies[0], "http://h.test/board"), day, 200, first),
        replies[0]: Seen(etag, None, "not_article:continuation", (replies[1],), day, 200),
        replies[1]: Seen(etag, None, "not_article:continuation", ("http://h.test/u/7",), day, 200),
    }
    return FetchHistory(entries), replies


def test_reply_pages_of_an_unchanged_thread_are_not_downloaded_again():
    """A thread skipped as unchanged (no validators, fetched lately) takes the reply pages
    the last crawl read as its later pages with it, whatever their URLs (genweb tuning seed
    23: viewtopic.php?start=15&t=N were downloaded again); their links are followed."""
    for first, form, step in THREADS:
        history, _ = _thread_history(first, form, step)
        got = sorted(u for u, _ in follow(frontier(history=history), [first]))
        assert got == ["http://h.test/board", "http://h.test/u/7"], first


def test_reply_pages_are_fetched_when_met_otherwise_or_with_validators():
    """Only a page skipped as unchanged vouches for its later pages: a reply page linked
    from a board list is fetched (its thread may have grown), and one whose server sends
    validators is asked for with them (a 304 is cheap)."""
    for first, form, step in THREADS:
        history, replies = _thread_history(first, form, step)
        got = [u for u, _ in follow(frontier(history=history), [replies[0]])]
        assert got == [replies[0]], first
        history, replies = _thread_history(first, form, step, validators=True)
        got = [u for u, _ in follow(frontier(history=history), [first])]
        assert replies[0] in got, first


def test_retry_after_values():
    from crawler.retry_after import retry_after_seconds

    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412500.0) == 10.0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None
