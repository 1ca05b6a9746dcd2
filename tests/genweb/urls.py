"""URL schemes seen on real Chinese sites: article permalinks, their page 2, lists and tags.

An article's URL is a function of its ``Ident`` (site-local number, long ids, date, slug,
hash); a scheme also says how its page ``k`` is spelled for each pagination style it
supports.  Lists and tags use schemes of their own, some shaped like article URLs
(``/topic/12345678.html``), so that the URL alone never tells what a page is.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.genweb.rng import digits, token


@dataclass(frozen=True)
class Ident:
    """Everything an article URL may be built from."""

    n: int  # site-local sequence number (WordPress post id, Discuz tid)
    id7: int
    id8: int
    id19: int
    day: datetime
    slug: str
    hexid: str
    chan: str  # channel slug

    @classmethod
    def draw(cls, n: int, day: datetime, chan: str, rng: random.Random) -> Ident:
        return cls(
            n=n,
            id7=digits(rng, 7),
            id8=digits(rng, 8),
            id19=digits(rng, 19),
            day=day,
            slug=token(rng, rng.randint(5, 12), "abcdefghijklmnopqrstuvwxyz-").strip("-") or "p",
            hexid=token(rng, 16, "0123456789abcdef"),
            chan=chan,
        )


def _ymd(d: datetime) -> str:
    return f"{d:%Y%m%d}"


# name -> (page-1 path, pagination styles it supports)
ARTICLE_SCHEMES: dict[str, tuple[Callable[[Ident], str], tuple[str, ...]]] = {
    "p8": (lambda i: f"/p/{i.id8}", ("query", "next_only")),
    "a_n_m": (lambda i: f"/a/{i.id8 * 10 + i.n % 10}_{i.id7 % 1000000}", ("query", "next_only")),
    "s_id": (lambda i: f"/s?id={i.id19}", ("query", "next_only")),
    "n_html": (lambda i: f"/{i.id7}.html", ("underscore", "query", "next_only")),
    "wp_p": (lambda i: f"/?p={i.n}", ("query", "next_only")),
    "date_slug": (lambda i: f"/{i.day:%Y/%m/%d}/{i.slug}/", ("dir", "query", "next_only")),
    "archives": (lambda i: f"/archives/{i.n}/", ("dir", "next_only")),
    "sina_doc": (
        lambda i: f"/{i.chan}/{i.day:%Y-%m-%d}/doc-i{i.hexid[:15]}.shtml",
        ("underscore", "next_only"),
    ),
    "gov_t": (
        lambda i: f"/{i.chan}/{i.day:%Y%m}/t{_ymd(i.day)}_{i.id7}.html",
        ("underscore", "next_only"),
    ),
    "news_date": (lambda i: f"/news/{_ymd(i.day)}/{i.id7 % 1000000}.shtml", ("underscore",)),
    "article_n": (lambda i: f"/article/{i.id8}", ("query", "dir", "next_only")),
    "detail_hash": (lambda i: f"/detail/{i.hexid}.html", ("underscore", "query", "next_only")),
    "paper": (
        lambda i: f"/html/{i.day:%Y-%m}/{i.day:%d}/content_{i.id7 % 1000000}.htm",
        ("underscore",),
    ),
    "people": (
        lambda i: f"/n1/{i.day:%Y}/{i.day:%m%d}/c{i.id7 % 10000}-{i.id8}.html",
        ("underscore", "next_only"),
    ),
    "phpcms": (
        lambda i: f"/index.php?m=content&c=index&a=show&catid={i.id7 % 90 + 10}&id={i.n}",
        ("query",),
    ),
    "info": (lambda i: f"/info/{i.id7 % 9000 + 1000}/{i.id7 % 90000 + 10000}.htm", ("underscore",)),
    "dede": (lambda i: f"/{i.chan}/{_ymd(i.day)}/{i.n}.html", ("underscore", "next_only")),
    "asp": (lambda i: f"/news/show.asp?id={i.n}", ("query",)),
}
FORUM_SCHEMES: dict[str, Callable[[int, int], str]] = {
    "thread": lambda tid, k: f"/thread-{tid}-{k}-1.html",
    "discuz_php": lambda tid, k: (
        "/forum.php?mod=viewthread&tid=" + str(tid) + (f"&page={k}" if k > 1 else "")
    ),
    "phpbb": lambda tid, k: f"/viewtopic.php?t={tid}" + (f"&start={(k - 1) * 15}" if k > 1 else ""),
}
# Query parameters the site's scripts read (anything else is ignored, as PHP/ASP do).
QUERY_KEYS = frozenset(
    {
        "id",
        "p",
        "m",
        "c",
        "a",
        "catid",
        "page",
        "mod",
        "tid",
        "fid",
        "t",
        "start",
        "q",
        "paged",
        "cat",
        "area",
        "sort",
        "date",
        "type",
        "pn",
        "kw",
        "tag",
        "order",
        "year",
        "month",
        "keyword",
        "wd",
    }
)


def article_page(path1: str, style: str, k: int) -> str:
    """Page ``k`` (≥ 2) of an article at ``path1`` in pagination ``style``."""
    base, _, query = path1.partition("?")
    if style == "underscore":
        stem, dot, ext = base.rpartition(".")
        return f"{stem}_{k}.{ext}" + (f"?{query}" if query else "")
    if style == "dir":
        return base.rstrip("/") + f"/{k}/" + (f"?{query}" if query else "")
    if style == "query":
        return f"{path1}{'&' if query else '?'}page={k}"
    raise ValueError(f"no page URL for style {style!r}")


# List page k of a channel: name -> (page 1, page k ≥ 2)
LIST_SCHEMES: dict[str, tuple[Callable[[str], str], Callable[[str, int], str]]] = {
    "index_k": (lambda c: f"/{c}/", lambda c, k: f"/{c}/index_{k - 1}.html"),
    "list_query": (lambda c: f"/list/{c}", lambda c, k: f"/list/{c}?page={k}"),
    "wp_category": (lambda c: f"/category/{c}/", lambda c, k: f"/category/{c}/page/{k}/"),
    "dede_list": (lambda c: f"/{c}/list_1.html", lambda c, k: f"/{c}/list_{k}.html"),
    "node": (
        lambda c: f"/node_{sum(map(ord, c))}.htm",
        lambda c, k: f"/node_{sum(map(ord, c))}_{k}.htm",
    ),
    "col_n": (lambda c: f"/{c}/1.shtml", lambda c, k: f"/{c}/{k}.shtml"),
    "asp_more": (
        lambda c: f"/news/more.asp?type={c}",
        lambda c, k: f"/news/more.asp?type={c}&pn={k}",
    ),
    "channel_html": (lambda c: f"/channel/{c}.html", lambda c, k: f"/channel/{c}_{k}.html"),
}
FORUM_LIST = (
    lambda c: f"/forum-{sum(map(ord, c)) % 90 + 2}-1.html",
    lambda c, k: f"/forum-{sum(map(ord, c)) % 90 + 2}-{k}.html",
)
TAG_SCHEMES: dict[str, Callable[[int, str], str]] = {
    "tag_word": lambda n, w: f"/tag/{w}/",
    "tags_n": lambda n, w: f"/tags/{n}.html",
    "topic_n": lambda n, w: f"/topic/{10000000 + n * 7919}.html",  # shaped like an article
    "keyword": lambda n, w: f"/keywords/{w}.shtml",
    "label": lambda n, w: f"/label/{n}",
    "search_tag": lambda n, w: f"/search.php?tag={w}",
}
# Scheme families whose paths would collide: never two of one family on a site.
FAMILY = {
    "p8": "p",
    "a_n_m": "a",
    "dede": "chan",
    "col_n": "chan",
    "index_k": "chan",
    "gov_t": "chan",
    "sina_doc": "chan",
    "asp": "asp",
    "asp_more": "asp",
    "topic_n": "topic",
}


def canonical(url: str) -> str:
    """Our own canonical spelling (query sorted, no fragment), mirroring what any careful
    crawler stores; deliberately not imported from the product."""
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{parts.scheme}://{parts.netloc}{parts.path or '/'}" + (f"?{query}" if query else "")


def key_of(path: str, keys: frozenset[str] = QUERY_KEYS) -> str:
    """The lookup key a site uses for ``path`` (a query string only when its scripts read it)."""
    base, _, query = path.partition("?")
    kept = sorted((k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k in keys)
    return base + ("?" + urlencode(kept) if kept else "")
