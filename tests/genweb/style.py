"""A site's template choices, drawn once per site: encoding, markup, URLs, chrome, hazards.

Everything a page of the site looks like follows from its ``SiteStyle``; pages differ only
in what they carry.  Choices are independent draws, so the number of distinct templates is
the product of the options (thousands), and no two seeds share one by construction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.genweb import pools
from tests.genweb.naming import Naming, draw_naming
from tests.genweb.rng import chance
from tests.genweb.urls import ARTICLE_SCHEMES, FAMILY, FORUM_SCHEMES, LIST_SCHEMES, TAG_SCHEMES

BODY_MARKUPS = ("p", "p", "p_span", "br_div", "br_td", "fragments")
TITLE_MARKUPS = ("h1", "h1", "h1", "h2", "div", "td")
# Blocks that may follow the body inside the main column, and those of the sidebar.
AFTER_BODY = ("editor", "disclaimer", "tags", "share", "prevnext", "related", "comments")
SIDEBAR = ("hot", "tagcloud", "ad", "related_side")
TOP = ("topbar", "menu", "breadcrumb")
ENCODINGS = ("utf-8", "utf-8", "utf-8", "gbk", "gb18030")
DECLARES = ("header", "meta", "both", "both", "none")
# Names a session id goes by in the wild: PHP, Java, osCommerce, Zen Cart, vBulletin, Discuz.
SESSION_PARAMS = ("sid", "PHPSESSID", "jsessionid", "osCsid", "zenid", "s", "sess", "uid_token")


@dataclass(frozen=True)
class SiteStyle:
    name: str
    label: str
    role: str  # publisher | farm (sources.toml roles)
    kind: str  # publisher | farm | aggregator | forum
    charset: str
    declare: str  # where the charset is declared: header | meta | both | none
    naming: Naming
    body_markup: str
    title_markup: str
    wrap_depth: int  # extra wrappers around the body
    json_blob: bool  # article also in a JSON state <script>
    top: tuple[str, ...]
    after_body: tuple[str, ...]
    sidebar: tuple[str, ...]
    sidebar_first: bool
    menu_links: int
    comments: tuple[int, int]  # entries per article page (min, max)
    ip_line: bool  # 发布于 … · IP 属地 … under the title (column style)
    scheme: str
    pager: str  # article pagination: underscore | query | dir | next_only | ''
    pager_bar: bool
    list_scheme: str
    list_size: int
    tag_scheme: str
    channels: tuple[str, ...]
    validators: tuple[str, ...]
    canonical_tag: bool
    tracking: str  # a parameter the site's own links carry ('' none)
    wp_redirect: bool  # /?p=N answers 301 to a date permalink
    sitemap: bool
    feed: bool
    crawl_delay: float | None
    disallow: tuple[str, ...]
    traps: tuple[str, ...]  # calendar | search | filter | session
    session_param: str
    broken: int  # links to deleted (404) or failing (500) pages
    ad_markup: str  # how inserted ads look: plain | boxed | strong
    forum_scheme: str = ""
    server: str = "nginx"
    extra: dict = field(default_factory=dict)


def _label(kind: str, rng: random.Random) -> str:
    if kind == "forum":
        return rng.choice(pools.SITE_HEADS) + rng.choice(pools.FORUM_TAILS)
    if kind == "publisher":
        return rng.choice(pools.SITE_HEADS) + rng.choice(pools.SITE_TAILS)
    return rng.choice(pools.FARM_HEADS) + rng.choice(pools.FARM_TAILS)


def _schemes(kind: str, rng: random.Random) -> tuple[str, str, str, str]:
    """(article, pagination, list, tag) schemes whose paths cannot collide on one site."""
    while True:
        scheme = rng.choice(list(ARTICLE_SCHEMES))
        list_scheme = rng.choice(list(LIST_SCHEMES))
        tag_scheme = rng.choice(list(TAG_SCHEMES))
        fams = [FAMILY.get(s, s) for s in (scheme, list_scheme, tag_scheme)]
        if len(set(fams)) == 3:
            break
    if kind == "forum":
        list_scheme = "forum"
    pagers = ARTICLE_SCHEMES[scheme][1]
    pager = rng.choice(pagers) if kind != "forum" and chance(rng, 0.7) else ""
    return scheme, pager, list_scheme, tag_scheme


def _traps(rng: random.Random) -> tuple[str, ...]:
    kinds = [k for k in ("calendar", "search", "filter", "session") if chance(rng, 0.35)]
    return tuple(kinds)


def _disallow(traps: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    out = [p for p in ("/member/", "/admin/", "/print/", "/api/") if chance(rng, 0.4)]
    if "search" in traps and chance(rng, 0.5):
        out.append("/search")
    if chance(rng, 0.3):
        out.append("/vip/")  # a section of articles nobody may crawl
    if chance(rng, 0.2):
        out.append("/*?replytocom=")
    return tuple(out)


def draw_style(name: str, kind: str, rng: random.Random) -> SiteStyle:
    role = "publisher" if kind == "publisher" else "farm"
    scheme, pager, list_scheme, tag_scheme = _schemes(kind, rng)
    traps = _traps(rng)
    charset = rng.choice(ENCODINGS)
    after = [b for b in AFTER_BODY if chance(rng, 0.6)]
    if kind in ("aggregator", "forum") and "comments" not in after:
        after.append("comments")
    rng.shuffle(after)
    if "comments" in after:  # comments close the column on nearly every real page
        after.remove("comments")
        after.insert(len(after) - rng.randint(0, min(1, len(after))), "comments")
    heavy_comments = kind == "aggregator" or chance(rng, 0.2)
    return SiteStyle(
        name=name,
        label=_label(kind, rng),
        role=role,
        kind=kind,
        charset=charset,
        declare=rng.choice(DECLARES),
        naming=draw_naming(rng),
        body_markup=rng.choice(BODY_MARKUPS),
        title_markup=rng.choice(TITLE_MARKUPS),
        wrap_depth=rng.randint(0, 4),
        json_blob=chance(rng, 0.3),
        top=tuple(t for t in TOP if chance(rng, 0.75)),
        after_body=tuple(after),
        sidebar=tuple(s for s in SIDEBAR if chance(rng, 0.5)),
        sidebar_first=chance(rng, 0.3),
        menu_links=rng.choice((8, 20, 60, 150, 300)),
        comments=(0, 100) if heavy_comments else (0, rng.choice((0, 5, 20))),
        ip_line=chance(rng, 0.3),
        scheme=scheme,
        pager=pager,
        pager_bar=chance(rng, 0.6),
        list_scheme=list_scheme,
        list_size=rng.randint(6, 15),
        tag_scheme=tag_scheme,
        channels=tuple(rng.sample(("fz", "sh", "news", "local", "tech", "law", "gn", "rd"), 2)),
        validators=rng.choice(
            (("etag", "last-modified"),) * 3 + (("etag",), ("last-modified",), ())
        ),
        canonical_tag=chance(rng, 0.6),
        tracking=rng.choice(("", "", "spm", "from", "utm_source")),
        wp_redirect=scheme == "wp_p" and chance(rng, 0.6),
        sitemap=chance(rng, 0.4),
        feed=chance(rng, 0.3),
        crawl_delay=None,
        disallow=_disallow(traps, rng),
        traps=traps,
        session_param=rng.choice(SESSION_PARAMS),
        broken=rng.randint(0, 2),
        ad_markup=rng.choice(("plain", "plain", "boxed", "strong")),
        forum_scheme=rng.choice(list(FORUM_SCHEMES)) if kind == "forum" else "",
        server=rng.choice(("nginx", "Apache/2.4.41", "Microsoft-IIS/7.5", "openresty", "Tengine")),
    )
