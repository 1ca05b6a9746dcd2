"""The demo web over real HTTP: every truth URL is served with its title and text,
validators and 304s work, redirects, robots.txt, phase 2 and the endless calendar behave.

Uses the small sample content file so the whole module runs in a couple of seconds; the
real content file gets one smoke test of its own.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
import urllib.robotparser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from crawler.demoweb import DemoWeb
from crawler.demoweb.content import DEFAULT_STORIES
from crawler.demoweb.textops import first_sentence

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).parent / "fixtures" / "demoweb_sample_stories.json"


def fetch(url: str, headers: dict | None = None, method: str = "GET"):
    """One request without proxies or redirect following: (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request(method, target, headers={"User-Agent": "demoweb-test", **(headers or {})})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


def text_of(body: bytes, site: str) -> str:
    return html.unescape(body.decode("gb18030" if site == "gbkportal" else "utf-8"))


@pytest.fixture(scope="module")
def web():
    with DemoWeb(SAMPLE) as w:
        yield w


@pytest.fixture()
def phase1(web):
    web.set_phase(1)
    yield web
    web.set_phase(1)


def check_served(web: DemoWeb) -> int:
    """Every truth article: 200, h1 title, first sentence on page 1, last one on its last page."""
    truth = web.truth()
    for art in truth.articles:
        pages = [text_of(fetch(u)[2], art.site) for u in art.page_urls]
        assert art.title in pages[0], art.url
        assert re.search(r"<h1[^>]*>(<span[^>]*>)?" + re.escape(art.title), pages[0]), art.url
        paragraphs = art.body.split("\n")
        assert first_sentence(paragraphs[0]) in pages[0], art.url
        assert first_sentence(paragraphs[-1]) in pages[-1], art.url
    return len(truth.articles)


def test_every_truth_article_is_served(phase1):
    assert check_served(phase1) > 20


@pytest.mark.skipif(not DEFAULT_STORIES.exists(), reason="stories.json not written yet")
def test_real_content_is_served():
    with DemoWeb() as web:
        assert check_served(web) >= 14 * 3


def test_sites_and_sources_toml(web):
    sites = web.sites
    assert len(sites) == 8 and len({urlsplit(s.base_url).hostname for s in sites}) == 8
    assert len({urlsplit(s.base_url).port for s in sites}) == 1
    assert {s.name for s in sites if s.role == "publisher"} == {"nandu", "fazhi"}
    parsed = tomllib.loads(web.sources_toml())["source"]
    assert [s["name"] for s in parsed] == [s.name for s in sites]
    nandu = parsed[0]
    assert nandu["outlet"] == "南方都市报" and nandu["sitemap_urls"][0].endswith("/sitemap.xml")
    assert parsed[1]["feed_urls"][0].endswith("/atom.xml")
    for s in parsed:
        assert fetch(s["start_urls"][0])[0] in (200, 301)


def test_conditional_get_and_validators(phase1):
    art = next(a for a in phase1.truth().articles if a.site == "nandu")
    status, headers, _ = fetch(art.url)
    assert status == 200 and headers["etag"] and headers["last-modified"]
    assert fetch(art.url, {"If-None-Match": headers["etag"]})[0] == 304
    assert fetch(art.url, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(art.url, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert fetch(art.url, {"If-Modified-Since": old})[0] == 200
    # the GBK portal only sends Last-Modified, and no charset in Content-Type
    gbk = next(a for a in phase1.truth().articles if a.site == "gbkportal")
    status, headers, body = fetch(gbk.url)
    assert "etag" not in headers and headers["content-type"] == "text/html"
    assert fetch(gbk.url, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    assert fetch(gbk.url, {"If-None-Match": "*"})[0] == 200  # no ETag support there


def test_gbk_pages_need_more_than_gb2312(phase1):
    gbk = [a for a in phase1.truth().articles if a.site == "gbkportal"]
    page = fetch(gbk[0].url)[2]
    assert b"charset=gb2312" in page
    text = text_of(page, "gbkportal")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gb2312")
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")


def test_wordpress_shortlinks_redirect(phase1):
    truth = phase1.truth()
    assert truth.redirects
    for short, target in truth.redirects.items():
        status, headers, _ = fetch(short)
        assert status == 301 and headers["location"] == target
        if "?p=" in short:
            assert target in truth.by_url()
    base = next(s.base_url for s in phase1.sites if s.name == "wpfarm")
    assert fetch(base + "/?p=1")[0] == 404


def test_robots(phase1):
    base = {s.name: s.base_url for s in phase1.sites}
    robots = fetch(base["aggregator"] + "/robots.txt")[2].decode()
    assert "Disallow: /search" in robots and "Disallow: /user/" in robots and "Sitemap:" in robots
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots.splitlines())
    assert not parser.can_fetch("reprints", base["aggregator"] + "/search?q=x")
    assert not parser.can_fetch("reprints", base["aggregator"] + "/user/121000")
    assert parser.can_fetch("reprints", base["aggregator"] + "/")
    home = text_of(fetch(base["aggregator"] + "/")[2], "aggregator")
    assert 'href="/search?q=' in home and 'href="/user/' in home  # linked anyway
    assert (
        "Sitemap: " + base["nandu"] + "/sitemap.xml"
        in fetch(base["nandu"] + "/robots.txt")[2].decode()
    )
    assert phase1.truth().disallowed["aggregator"] == ["/search", "/user/"]


def test_tracking_links_and_canonical(phase1):
    base = next(s.base_url for s in phase1.sites if s.name == "aggregator")
    home = text_of(fetch(base + "/")[2], "aggregator")
    tracked = re.findall(r'href="(/a/\d+_\d+\?[^"]+)"', home)
    assert tracked and all(("spm=" in t or "utm_" in t or "from=" in t) for t in tracked)
    clean = {a.url for a in phase1.truth().articles if a.site == "aggregator"}
    for link in tracked[:3]:
        status, _, body = fetch(base + html.unescape(link))
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', body.decode()).group(1)
        assert status == 200 and canonical in clean and "?" not in canonical


def test_broken_links(phase1):
    truth = phase1.truth()
    assert sorted(set(truth.broken.values())) == [404, 500]
    for url, status in truth.broken.items():
        assert fetch(url)[0] == status


def test_calendar_is_endless(phase1):
    prefix = phase1.truth().calendar_prefixes["aggregator"]
    home = fetch(urljoin(prefix, "/"))[2].decode()
    url = urljoin(prefix, html.unescape(re.search(r'href="(/archive\?[^"]+)"', home).group(1)))
    seen = set()
    for _ in range(40):
        status, _, body = fetch(url)
        assert status == 200 and url not in seen
        seen.add(url)
        page = body.decode()
        assert len(re.findall(r'href="/archive\?y=\d+&amp;m=\d+&amp;d=\d+"', page)) >= 28
        url = urljoin(url, html.unescape(re.search(r'href="([^"]+)" class="next"', page).group(1)))
    assert fetch(urljoin(prefix, "/archive?y=9999&m=12"))[0] == 200
    assert fetch(urljoin(prefix, "/archive?y=2024&m=13"))[0] == 404


def test_phase2_adds_copies_and_keeps_old_bytes(web):
    web.set_phase(1)
    try:
        t1 = web.truth()
        old = {a.url: fetch(a.url) for a in t1.articles}
        homes = {s.name: fetch(s.base_url + "/") for s in web.sites}
        new = t1.new_in_phase2
        assert len(new) >= 3 and len({urlsplit(u).hostname for u in new}) >= 2
        assert all(u not in t1.by_url() for u in new)
        web.set_phase(2)
        t2 = web.truth()
        assert set(new) <= set(t2.by_url()) and set(t1.by_url()) <= set(t2.by_url())
        for url, (_, headers, body) in old.items():
            status, headers2, body2 = fetch(url)
            assert body2 == body, url
            validator = {"If-None-Match": headers["etag"]} if "etag" in headers else {
                "If-Modified-Since": headers["last-modified"]}  # fmt: skip
            assert fetch(url, validator)[0] == 304, url
        for url in new:
            art = t2.by_url()[url]
            assert art.phase == 2 and art.story_id
            assert fetch(url)[0] == 200
        changed = {urlsplit(u).hostname for u in new}
        for site in web.sites:
            if urlsplit(site.base_url).hostname in changed and site.name != "forum":
                status, headers, body = fetch(site.base_url + "/")
                assert body != homes[site.name][2], site.name
                if "etag" in headers:
                    assert (
                        fetch(site.base_url + "/", {"If-None-Match": homes[site.name][1]["etag"]})[
                            0
                        ]
                        == 200
                    )
                else:
                    ims = homes[site.name][1]["last-modified"]
                    assert fetch(site.base_url + "/", {"If-Modified-Since": ims})[0] == 200
    finally:
        web.set_phase(1)


def test_every_article_reachable_by_links(phase1):
    """Crawl each site from / (same host, robots ignored): all farm articles are found;
    each publisher hides exactly one story that only its sitemap or feed lists."""
    truth = phase1.truth()
    found: set[str] = set()
    for site in phase1.sites:
        queue, seen = [site.base_url + "/"], set()
        while queue:
            url = queue.pop()
            if url in seen or len(seen) > 400:
                continue
            seen.add(url)
            status, headers, body = fetch(url)
            if status in (301, 302):
                queue.append(urljoin(url, headers["location"]))
                continue
            html_page = headers.get("content-type", "").startswith("text/html")
            if status != 200 or not html_page or "/archive" in url or "/search" in url:
                continue
            found.add(url.split("?")[0] if "/a/" in url else url)
            for href in re.findall(r'href="([^"#]+)"', text_of(body, site.name)):
                nxt = urljoin(url, html.unescape(href))
                if urlsplit(nxt).netloc == urlsplit(site.base_url).netloc:
                    queue.append(nxt)
    missing = [a for a in truth.articles if a.url not in found]
    assert sorted(a.site for a in missing) == ["fazhi", "nandu"]
    for art in missing:
        base = next(s.base_url for s in phase1.sites if s.name == art.site)
        feeds = (
            fetch(base + "/sitemap.xml")[2]
            + fetch(base + "/rss.xml")[2]
            + fetch(base + "/atom.xml")[2]
        )
        assert art.url.encode() in feeds


def test_request_log(phase1):
    phase1.clear_requests()
    art = phase1.truth().articles[0]
    # a User-Agent of this test's own: the server logs a request after sending it, so an
    # earlier test's last request can land in the log after the clear above (and another
    # process may reach a reused port meanwhile)
    agent = {"User-Agent": "demoweb-test-request-log"}
    fetch(art.url, {**agent, "If-None-Match": '"x"'})
    fetch(art.url, agent, method="HEAD")
    deadline = time.monotonic() + 2  # the client can be a moment ahead of the log
    while True:
        log = [r for r in phase1.requests if r.user_agent == agent["User-Agent"]]
        if len(log) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert [(r.method, r.status, r.conditional) for r in log] == [
        ("GET", 200, True),
        ("HEAD", 200, False),
    ]
    assert log[0].site == art.site
    assert log[0].path == urlsplit(art.url).path


def test_bench_pages_are_heavy_and_in_truth():
    with DemoWeb(SAMPLE, bench_pages=60) as web:
        truth = web.truth()
        bench = [a for a in truth.articles if a.kind == "bench"]
        assert len(bench) == 60 and any(not a.on_topic for a in bench)
        assert len({a.body for a in bench}) == 60
        sizes = [len(fetch(a.url)[2]) for a in bench[:5]]
        assert all(80_000 <= s <= 160_000 for s in sizes), sizes
        body = text_of(fetch(bench[1].url)[2], bench[1].site)
        assert bench[1].title in body and first_sentence(bench[1].body) in body
        lists = [u for u in truth.non_articles if "/zt/list_" in u]
        linked = set()
        for u in lists:
            linked |= {
                urljoin(u, h)
                for h in re.findall(r'href="(/zt/\d+\.html)"', fetch(u)[2].decode("latin-1"))
            }
        assert {a.url for a in bench} <= linked
        for site in web.sites:
            home = fetch(site.base_url + "/")
            if site.name in {a.site for a in bench}:
                assert b'href="/zt/list_1.html"' in home[2], site.name


def test_delay_is_applied_per_request(web):
    url = web.sites[0].base_url + "/robots.txt"
    web.delay = 0.2
    try:
        start = time.monotonic()
        assert fetch(url)[0] == 200
        assert time.monotonic() - start >= 0.2
    finally:
        web.delay = 0.0


def test_cli_serves_and_writes_sources(tmp_path):
    out = tmp_path / "sources.toml"
    cmd = [sys.executable, "-m", "crawler.demoweb", "--stories", str(SAMPLE), "--base-ip", "60",
           "--write-sources", str(out)]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        lines = [proc.stdout.readline() for _ in range(10)]
        assert lines[0].startswith("nandu") and "http://127.0.0.61:" in lines[0]
        assert any("serving" in line for line in lines)
        sources = tomllib.loads(out.read_text(encoding="utf-8"))["source"]
        assert len(sources) == 8 and fetch(sources[0]["start_urls"][0])[0] == 200
    finally:
        proc.send_signal(signal.SIGINT)
        # exits 0 on Ctrl-C; the wait is generous because a loaded 2-core machine made the
        # shutdown take over 10 s once (the fresh-clone make test, beside a benchmark)
        assert proc.wait(timeout=60) == 0
