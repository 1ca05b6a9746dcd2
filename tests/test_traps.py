"""Endless URL spaces stay contained (issue 12): ≤ 20 requests into any of them.

Each case is an endless space in a form seen on real sites — calendars by path, by query, by
one date segment; search results whose pages link other sorts, types and pages; filter
combinations; session ids in the path; tag combinations; lists that page on forever —
generated with varied names, walked breadth-first through the real ``Frontier`` (trap
guard included) as the spider would, and counted.  A productive list (each page leads to
new articles) must still be followed to its end.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from crawler.frontier import Frontier
from crawler.sources import Source
from crawler.traps import TrapGuard, url_shape

HOST = "http://t.test"
SRC = Source("t", "farm", (HOST + "/",), allowed_domains=("t.test",), max_depth=50)
BUDGET = 20


def _calendar_path(rng: random.Random) -> Callable[[str], list[str]]:
    root = rng.choice(("calendar", "archive", "rili", "date"))

    def links(url: str) -> list[str]:
        parts = [int(p) for p in url.rstrip("/").split("/")[-3:] if p.isdigit()]
        day = date(*parts) if len(parts) == 3 else date(parts[-2], parts[-1], 1)
        out = [day + timedelta(days=k) for k in (-1, 1, 30, -30)]
        days = [f"{HOST}/{root}/{d.year}/{d.month:02d}/{d.day:02d}/" for d in out]
        return days + [f"{HOST}/{root}/{d.year}/{d.month:02d}/" for d in out[2:]]

    return links


def _calendar_query(rng: random.Random) -> Callable[[str], list[str]]:
    page = rng.choice(("/archive.php", "/list", "/calendar.aspx"))
    keys = rng.choice((("y", "m", "d"), ("year", "month", "day"), ("date",)))

    def links(url: str) -> list[str]:
        n = int(url.rsplit("=", 1)[1]) if "=" in url else 0
        if len(keys) == 1:
            return [f"{HOST}{page}?{keys[0]}={20240101 + n + k}" for k in (1, 2, 3)]
        return [f"{HOST}{page}?{keys[0]}=2024&{keys[1]}={m}&{keys[2]}={n + 1}" for m in (1, 2)]

    return links


def _date_segment(rng: random.Random) -> Callable[[str], list[str]]:
    ext = rng.choice((".html", ".shtml", "/"))

    def links(url: str) -> list[str]:
        n = int("".join(ch for ch in url.rsplit("/", 2)[-2 if ext == "/" else -1] if ch.isdigit()))
        return [f"{HOST}/day/{n + k}{ext}" for k in (1, -1, 7)]

    return links


def _search(rng: random.Random) -> Callable[[str], list[str]]:
    path = rng.choice(("/search", "/s", "/so.php", "/cse/search"))
    word = rng.choice(("q", "wd", "keyword", "kw"))
    extra = rng.sample(("sort", "type", "time", "range", "order", "cat", "src"), 4)

    def links(url: str) -> list[str]:
        n = len(url)
        out = [f"{HOST}{path}?{word}=ai&page={n % 50 + 2}"]
        for i, key in enumerate(extra):
            out.append(f"{url}&{key}={n % 7 + i}" if "?" in url else f"{HOST}{path}?{key}=1")
        return out

    return links


def _filters(rng: random.Random) -> Callable[[str], list[str]]:
    path = rng.choice(("/list", "/goods", "/news/filter", "/category.php"))
    keys = rng.sample(("color", "size", "brand", "price", "area", "year", "tag", "style"), 6)

    def links(url: str) -> list[str]:
        have = dict(p.split("=") for p in url.split("?", 1)[1].split("&")) if "?" in url else {}
        out = []
        for key in keys:
            options = dict(have)
            options[key] = str(len(url) % 5)
            out.append(f"{HOST}{path}?" + "&".join(f"{k}={v}" for k, v in sorted(options.items())))
        return out

    return links


def _session(rng: random.Random) -> Callable[[str], list[str]]:
    style = rng.choice(("path", "aspnet", "prefix"))
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

    def token() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(10, 24)))

    def links(url: str) -> list[str]:
        out = []
        for section in ("news", "list", "about"):
            t = token()
            if style == "path":
                out.append(f"{HOST}/s/{t}/{section}/")
            elif style == "aspnet":
                out.append(f"{HOST}/(S({t}))/{section}.aspx")
            else:
                out.append(f"{HOST}/sess-{t}/{section}.html")
        return out

    return links


def _tags(rng: random.Random) -> Callable[[str], list[str]]:
    words = ["ai", "deepfake", "law", "court", "face", "video", "fraud", "privacy"]
    sep = rng.choice(("+", ",", "/"))

    def links(url: str) -> list[str]:
        here = url.split("/tag/", 1)[1].strip("/")
        return [f"{HOST}/tag/{here}{sep}{w}" for w in rng.sample(words, 3)]

    return links


def _endless_list(rng: random.Random) -> Callable[[str], list[str]]:
    form = rng.choice(("/list_{}.html", "/list/{}/", "/index.php?page={}", "/news/p{}"))

    def links(url: str) -> list[str]:
        digits = "".join(ch for ch in url.split("t.test", 1)[1] if ch.isdigit()) or "1"
        return [HOST + form.format(int(digits) + 1)]

    return links


SPACES = {
    "calendar-path": _calendar_path,
    "calendar-query": _calendar_query,
    "date-segment": _date_segment,
    "search": _search,
    "filters": _filters,
    "session": _session,
    "tags": _tags,
    "endless-list": _endless_list,
}
STARTS = {
    "date-segment": f"{HOST}/day/20240512.html",
    "tags": f"{HOST}/tag/ai",
    "endless-list": f"{HOST}/list_1.html",
}


def _walk(links: Callable[[str], list[str]], start: list[str], limit: int = 2000) -> int:
    """Breadth-first through the frontier; returns requests issued into the space."""
    frontier = Frontier(guard=TrapGuard(probation=8))
    queue = list(frontier.follow(start, SRC, 1, lambda u, d: (u, d)))
    issued = 0
    while queue and issued < limit:
        url, depth = queue.pop(0)
        issued += 1
        queue += frontier.follow(links(url), SRC, depth + 1, lambda u, d: (u, d), parent=url)
    return issued


def _crawl(start: list[str], links, is_article, parent: str | None = None) -> list[str]:
    """Breadth-first through the frontier to the end, reporting articles as the spider
    does; returns every URL fetched, in order."""
    frontier = Frontier(guard=TrapGuard(probation=8))
    make = lambda u, d: (u, d)  # noqa: E731
    queue = list(frontier.follow(start, SRC, 1, make, parent=parent))
    fetched = []
    while queue:
        url, depth = queue.pop(0)
        fetched.append(url)
        if is_article(url):
            queue += frontier.article_found(url, url, url)
        queue += frontier.follow(links(url), SRC, depth + 1, make, parent=url)
    return fetched


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("name", list(SPACES))
def test_endless_spaces_get_at_most_20_requests(name, seed):
    links = SPACES[name](random.Random(seed))
    start = [STARTS[name]] if name in STARTS else links(f"{HOST}/{name}/2024/05/01/")
    issued = _walk(links, start)
    assert issued <= BUDGET, (name, seed, issued)


@pytest.mark.parametrize("form", ["/list_{}.html", "/news/list/{}/", "/index.php?page={}"])
def test_a_productive_list_is_followed_to_its_end(form):
    """40 list pages, each the first to lead to 3 articles, beside 6 category pages of the
    same family: every list page and every article is fetched."""
    pages = 40

    def links(url: str) -> list[str]:
        numbers = re.findall(r"\d+", url.split("t.test", 1)[1])
        if "/art/" in url or not numbers:  # articles and category pages lead nowhere new
            return []
        n = int(numbers[-1])
        arts = [f"{HOST}/art/{n * 10 + k}.html" for k in range(3)]
        more = [HOST + form.format(n + 1)] if n < pages else []
        cats = [f"{HOST}/news/{c}/" for c in ("guonei", "guoji", "shehui", "fazhi", "keji", "ai")]
        return arts + more + cats

    fetched = set(_crawl([HOST + form.format(1)], links, lambda u: "/art/" in u))
    assert sum("/art/" in u for u in fetched) == 3 * pages
    assert sum(form.split("{")[0] in u for u in fetched) >= pages


def _slug(rng: random.Random) -> str:
    """A per-article slug the URL folding keeps as a name: letters only, no separator."""
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 12)))


SLUG_ARTICLES = {
    "date-path": lambda d, s: f"/{d.year}/{d.month:02d}/{d.day:02d}/{s}/",
    "pinyin-html": lambda d, s: f"/a/{s}.html",
    "news-word": lambda d, s: f"/news/{s}/",
    "shtml-root": lambda d, s: f"/{s}.shtml",
}


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("scheme", list(SLUG_ARTICLES))
def test_articles_each_their_own_shape_are_all_fetched(scheme, seed):
    """200 articles whose URLs differ in a slug the folding keeps (each its own shape), listed
    25 to a page, beside an endless day calendar in the same first path segment: every
    article is fetched and the calendar still gets at most 20 requests."""
    rng = random.Random(seed)
    day = date(2024, 5, 1)
    make_url = SLUG_ARTICLES[scheme]
    arts = [HOST + make_url(day + timedelta(days=k // 3), _slug(rng)) for k in range(200)]
    lists = [f"{HOST}/list_{n}.html" for n in range(1, 9)]
    calendar = f"{HOST}/{day.year}/{day.month:02d}/"  # /YYYY/MM/DD/ day pages, endless

    def links(url: str) -> list[str]:
        if url in lists:
            n = lists.index(url)
            more = lists[n + 1 : n + 2]
            return arts[25 * n : 25 * n + 25] + more + [f"{calendar}01/"]
        if url.startswith(calendar) and url.count("/") == 6:  # a day page: next day, no article
            d = int(url.rstrip("/").rsplit("/", 1)[1])
            return [f"{calendar}{d + 1:02d}/", f"{HOST}/{day.year}/{day.month + 1:02d}/{d:02d}/"]
        return []

    fetched = _crawl([lists[0]], links, lambda u: u in arts)
    assert set(arts) <= set(fetched), len(set(arts) & set(fetched))
    days = [u for u in fetched if u not in arts and u not in lists]
    assert len(days) <= BUDGET, len(days)


def test_many_different_pages_linked_from_one_index_are_not_a_trap():
    """A home page linking 30 different non-article pages under one folder (/t/gbk, /t/pdf,
    ...) is as long as that page: each shape keeps its own probation, the family budget is
    for spaces whose pages link more of their own family."""
    guard = TrapGuard(probation=8)
    words = [f"case{chr(97 + i)}{chr(97 + (i * 7) % 26)}" for i in range(30)]
    index = [f"http://h/t/{w}" for w in words]
    assert all(guard.admit(u, u, found_on="h/") for u in index)
    # the same links found on a page of the family itself feed the family's budget
    fed = TrapGuard(probation=8)
    admitted = sum(fed.admit(u, u, found_on="h/t/casea") for u in index)
    assert admitted == 16


def test_recrawl_sends_nothing_into_a_space_the_last_crawl_found_barren(tmp_path):
    """What the guard learned is stored in the database when a crawl ends; a re-crawl's
    guard starts from it.  A family that spent its budget on nothing, with its shapes, gets
    no request more (even through links from elsewhere); a productive list keeps what it
    earned and starts its probation afresh; a barren list in a family not spent keeps the
    rest of its probation."""
    from crawler.history import FetchHistory
    from storage.db import writer
    from storage.trapstate import save_trap_state

    first = TrapGuard(probation=4)
    # a search space: query-key combinations, each a shape of its own
    days = [f"http://h/so/?q=x&{chr(97 + i)}{chr(98 + i)}=1" for i in range(19)]
    first.admit(days[0], days[0], found_on="h/")
    assert sum(first.admit(u, u, found_on="h/so/?q") for u in days[1:]) == 7
    for n in (1, 2):
        first.admit(f"http://h/list/{n}.html", n, found_on="h/")
    first.credit("h/list/0.html", 3)
    first.admit("http://h/more.asp?type=news", "more", found_on="h/")
    db = str(tmp_path / "r.duckdb")
    with writer(db):
        pass  # the schema
    save_trap_state(db, first.learned())

    again = TrapGuard(probation=4).restore(FetchHistory.load(db).trap_state)
    assert not again.admit(days[0], days[0], found_on="h/")  # barren family, from elsewhere
    assert not again.admit(days[5], days[5], found_on="h/so/?q")
    assert again.budget("h/list/0.html") == 4 + 3
    assert again.admit("http://h/list/1.html", 1, found_on="h/")
    assert sum(again.admit("http://h/more.asp?type=x", i, found_on="h/") for i in range(9)) == 3


def _search_and_tags(rng: random.Random, productive_tags: bool):
    """A site with a keyword search (/so?q=, endless: every result page links new words,
    sorts and pages) and a tag search under the same endpoint as a script (/so.php?tag=W),
    linked from every article's tag line; tag pages link the tag cloud and articles."""
    name = rng.choice(("search", "so", "query", "find"))
    script = f"/{name}.{rng.choice(('php', 'aspx', 'jsp', 'do'))}"
    key = rng.choice(("q", "kw", "keyword", "wd"))
    words = [f"w{i}" for i in range(40)]
    known = [f"{HOST}/news/{n}.html" for n in range(30)]
    only_by_tag = {w: f"{HOST}/news/{100 + i}.html" for i, w in enumerate(words)}

    def tag(w: str) -> str:
        return f"{HOST}{script}?tag={w}"

    def links(url: str) -> list[str]:
        if f"/{name}?" in url:  # keyword results: new words, other sorts, next page
            q = url.split(f"{key}=", 1)[1].split("&")[0]
            n = int(url.rsplit("page=", 1)[1]) if "page=" in url else 1
            more = [f"{HOST}/{name}?{key}={q}{rng.randrange(10**6)}" for _ in range(3)]
            sorts = [f"{HOST}/{name}?{key}={q}&sort={s}&page={n}" for s in ("hot", "time")]
            return [*more, *sorts, f"{HOST}/{name}?{key}={q}&page={n + 1}", *known[:3]]
        if "?tag=" in url:
            w = url.rsplit("=", 1)[1]
            new = [only_by_tag[w]] if productive_tags else []
            return [*known[:5], *new, *(tag(x) for x in rng.sample(words, 8))]
        if "/news/" in url:
            return [tag(x) for x in rng.sample(words, 3)]
        return []

    home = [f"{HOST}/{name}?{key}={w}" for w in ("ai", "law", "fraud")] + known
    return home, links, (lambda u: f"/{name}" in u), set(only_by_tag.values())


@pytest.mark.parametrize("seed", range(6))
def test_a_tag_search_beside_a_keyword_search_is_one_space(seed):
    """The keyword search fills its budget on its own pages and leads to nothing; the tag
    search at the same endpoint's script, linked from every article, is the same space:
    together at most 20 requests (each alone took its own budget: 16 + 8 = 24)."""
    home, links, in_space, _ = _search_and_tags(random.Random(seed), productive_tags=False)
    fetched = _crawl(home, links, lambda u: "/news/" in u, f"{HOST}/")
    assert sum(map(in_space, fetched)) <= BUDGET, sum(map(in_space, fetched))


@pytest.mark.parametrize("seed", range(3))
def test_tag_pages_that_lead_to_new_articles_are_all_read(seed):
    """The same site where each tag page is the only way to an article: the space is not
    barren, so every tag page and every article behind it is fetched."""
    home, links, _, hidden = _search_and_tags(random.Random(seed), productive_tags=True)
    fetched = set(_crawl(home, links, lambda u: "/news/" in u, f"{HOST}/"))
    assert hidden <= fetched, len(hidden - fetched)


@pytest.mark.parametrize("every", [3, 4, 5])
def test_a_search_that_now_and_then_reaches_an_article_first_stays_within_20(every):
    """Result pages of a search list the site's articles; which page reaches one first is
    timing, so every few requests a result page earns one.  That is no productive list:
    the space still takes at most 20 requests (fresh genweb seed 1827558104 took 22)."""
    guard = TrapGuard(probation=8)
    r = random.Random(every)
    keys = ["page", "sort", "cat", "year", "tag", "type", "order"]
    issued, n = 0, 0
    while n < 200:
        n += 1
        query = "&".join(f"{k}={n}" for k in r.sample(keys, r.randint(1, 4)))
        url = f"{HOST}/search?q=ai&{query}"
        if not guard.admit(url, url, found_on=url_shape(f"{HOST}/search?q=ai")):
            continue
        issued += 1
        if issued % every == 0:
            guard.credit(url_shape(url))
    assert issued <= BUDGET, issued
