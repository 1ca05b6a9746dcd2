"""Where a site's pages live: each entry's page URLs, links, canonical URL; lists and tags.

Fixed for both phases (an article keeps its URL), and computed before any page is
rendered, since pages link each other (related lists, 上一篇/下一篇, lists, sitemaps).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from tests.genweb import pools
from tests.genweb.records import Entry
from tests.genweb.rng import sub
from tests.genweb.style import SiteStyle
from tests.genweb.urls import (
    ARTICLE_SCHEMES,
    FORUM_LIST,
    FORUM_SCHEMES,
    LIST_SCHEMES,
    TAG_SCHEMES,
    Ident,
    article_page,
    key_of,
)

CHANNEL_NAMES = {
    "fz": "法治",
    "sh": "社会",
    "news": "新闻",
    "local": "本地",
    "tech": "科技",
    "law": "法律",
    "gn": "国内",
    "rd": "热点",
}
TRACK_VALUES = {"spm": "a2h0c.8166622.PhoneSokuUgc_1", "from": "timeline", "utm_source": "list"}


@dataclass(frozen=True)
class Placed:
    entry: Entry
    pages: tuple[str, ...]  # served path (+ query) of every page, page 1 first
    link: str  # what lists link to (a tracking parameter, a /?p=N that redirects ...)
    canonical: str  # path of the URL the article is stored under
    redirect_from: str = ""  # /?p=N answering 301 to ``pages[0]``
    extra: tuple[str, ...] = ()  # thread pages that hold replies only


def site_key(path: str) -> str:
    """The lookup key of a link path: unquoted path, the query parameters scripts read."""
    base, sep, query = path.partition("?")
    return key_of(unquote(base) + sep + query)


def _pages(entry: Entry, style: SiteStyle, path1: str, seed: int) -> list[str]:
    count = len(entry.splits) + 1
    if count == 1:
        return [path1]
    if style.pager == "next_only":  # page 2 at an unrelated-looking URL of the same scheme
        make = ARTICLE_SCHEMES[style.scheme][0]
        rng = sub(seed, "next-only", entry.site, entry.key)
        others = [
            make(Ident.draw(entry.ident.n + 500 + k, entry.ident.day, entry.ident.chan, rng))
            for k in range(count - 1)
        ]
        return [path1, *others]
    return [path1] + [article_page(path1, style.pager, k) for k in range(2, count + 1)]


def place(entry: Entry, style: SiteStyle, seed: int, replies: int = 0) -> Placed:
    if style.kind == "forum":
        make = FORUM_SCHEMES[style.forum_scheme]
        tid = entry.ident.n
        extra = tuple(make(tid, k) for k in range(2, replies + 2))
        return Placed(entry, (make(tid, 1),), make(tid, 1), make(tid, 1), extra=extra)
    path1 = ARTICLE_SCHEMES[style.scheme][0](entry.ident)
    if entry.section == "vip":
        path1 = "/vip" + path1
    redirect = ""
    if style.wp_redirect and entry.section != "vip":
        redirect, path1 = path1, f"/{entry.ident.day:%Y/%m/%d}/{entry.ident.slug}/"
    pages = _pages(entry, style, path1, seed)
    link = redirect or path1
    if style.tracking:
        link += ("&" if "?" in link else "?") + f"{style.tracking}={TRACK_VALUES[style.tracking]}"
    return Placed(entry, tuple(pages), link, path1, redirect)


def channel_lists(style: SiteStyle, chan: str, count: int) -> list[str]:
    """Paths of a channel's list pages 1..n for ``count`` items."""
    first, nth = FORUM_LIST if style.list_scheme == "forum" else LIST_SCHEMES[style.list_scheme]
    pages = max(1, -(-count // style.list_size))
    return [first(chan)] + [nth(chan, k) for k in range(2, pages + 1)]


def channel_name(chan: str) -> str:
    return CHANNEL_NAMES.get(chan, chan)


def entry_tags(entry: Entry, seed: int) -> list[str]:
    r = sub(seed, "tags", entry.key)
    return r.sample(pools.TAG_WORDS, r.randint(1, 3))


def tag_path(style: SiteStyle, word: str) -> str:
    return TAG_SCHEMES[style.tag_scheme](pools.TAG_WORDS.index(word) + 1, quote(word))
