"""Class and id names a site gives its blocks: real-looking words, pinyin, BEM, hashes, none.

Drawn once per site (a template names its blocks the same way on every page) from one of
several naming habits, so a chrome block is sometimes called ``comment-list``, sometimes
``plbox``, sometimes ``css-1k3x9`` and sometimes nothing at all: an extractor that trusts
class words sees all four.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.genweb.rng import css_hash

ROLES = (
    "page",
    "header",
    "menu",
    "breadcrumb",
    "main",
    "titlebox",
    "title",
    "meta",
    "body",
    "bodywrap",
    "ad",
    "pager",
    "disclaimer",
    "tags",
    "share",
    "prevnext",
    "related",
    "comments",
    "comment",
    "sidebar",
    "hot",
    "footer",
    "editor",
    "column",
    "quote",
    "post",
    "reply",
    "list",
)
SEMANTIC = {
    "page": ("wrapper", "container", "page", "site", "w1200", "layout"),
    "header": ("header", "top", "site-header", "topbar", "head"),
    "menu": ("nav", "menu", "navigation", "mega-menu", "channel-nav", "main-nav"),
    "breadcrumb": ("breadcrumb", "crumbs", "location", "position", "path"),
    "main": ("main", "content", "left", "col-main", "article-main", "primary"),
    "titlebox": ("article-head", "title-box", "hd", "headline", "art-header"),
    "title": ("title", "article-title", "main-title", "headline-text", "art-tit"),
    "meta": ("info", "meta", "article-info", "source", "post-meta", "time-source"),
    "body": (
        "article-content",
        "content",
        "post-body",
        "entry-content",
        "news-text",
        "detail-body",
        "main-text",
        "artibody",
        "text",
        "TRS_Editor",
        "rich_media_content",
    ),
    "bodywrap": ("article", "article-box", "detail", "news-detail", "inner", "box"),
    "ad": ("ad", "promo", "banner", "adv", "sponsor", "gg-box"),
    "pager": ("pages", "pagination", "page-nav", "paging", "pagelist"),
    "disclaimer": ("statement", "copyright", "declare", "notice", "disclaimer"),
    "tags": ("tags", "keywords", "tag-list", "labels"),
    "share": ("share", "share-bar", "social", "actions", "toolbar"),
    "prevnext": ("prev-next", "article-nav", "pre-next", "nearby", "turn"),
    "related": ("related", "recommend", "more-news", "read-more", "rec-list", "feed"),
    "comments": ("comments", "comment-list", "cmt-box", "reply-list", "discuss", "feedback"),
    "comment": ("comment-item", "cmt", "item", "reply", "entry", "li-item"),
    "sidebar": ("sidebar", "right", "aside", "col-side", "side"),
    "hot": ("hot", "rank", "top-list", "hot-news", "ranking"),
    "footer": ("footer", "foot", "bottom", "site-footer", "copyright-bar"),
    "editor": ("editor", "author", "responsible", "edit-info"),
    "column": ("column-info", "author-card", "byline", "writer"),
    "quote": ("quote", "blockcode", "cite", "quote-box"),
    "post": ("post", "t_f", "postmessage", "thread-body", "first-post"),
    "reply": ("reply", "post-reply", "floor", "comment-floor"),
    "list": ("list", "news-list", "article-list", "items", "list-box"),
}
PINYIN = {
    "page": ("zt", "wrap"),
    "header": ("tou", "tb"),
    "menu": ("daohang", "dh", "lanmu"),
    "breadcrumb": ("weizhi", "dqwz"),
    "main": ("zuo", "zhuti", "nr_left"),
    "titlebox": ("bt_box", "btk"),
    "title": ("biaoti", "bt", "wzbt"),
    "meta": ("xx", "ly_sj"),
    "body": ("zw", "zhengwen", "nr", "neirong", "con_zw", "wz_nr"),
    "bodywrap": ("wz", "wenzhang"),
    "ad": ("gg", "guanggao"),
    "pager": ("fy", "fenye"),
    "disclaimer": ("sm", "shengming"),
    "tags": ("bq", "biaoqian", "gjc"),
    "share": ("fx", "fenxiang"),
    "prevnext": ("sxp", "sxy"),
    "related": ("xgxw", "xgyd", "tuijian"),
    "comments": ("pinglun", "pl_list", "plbox"),
    "comment": ("pl", "pl_item"),
    "sidebar": ("you", "ce"),
    "hot": ("redian", "paihang", "rm"),
    "footer": ("dibu", "banquan", "bq_box"),
    "editor": ("zrbj", "bianji"),
    "column": ("zl", "zuozhe"),
    "quote": ("yinyong", "yy"),
    "post": ("louzhu", "tiezi"),
    "reply": ("huifu", "lc"),
    "list": ("lb", "liebiao"),
}
HABITS = ("semantic", "pinyin", "bem", "hash", "none", "mixed")


@dataclass(frozen=True)
class Naming:
    """Role -> the attribute string a site puts on that block ('' when it names nothing)."""

    habit: str
    attrs: dict[str, str]

    def __call__(self, role: str) -> str:
        return self.attrs.get(role, "")


def _word(habit: str, role: str, rng: random.Random, block: str) -> str:
    if habit == "semantic":
        return rng.choice(SEMANTIC[role])
    if habit == "pinyin":
        return rng.choice(PINYIN[role])
    if habit == "bem":
        return f"{block}__{rng.choice(SEMANTIC[role]).replace('-', '')}"
    if habit == "hash":
        return css_hash(rng)
    return ""


def draw_naming(rng: random.Random) -> Naming:
    """One site's naming habit; 'mixed' draws a habit per role (what old CMSs grow into)."""
    habit = rng.choice(HABITS)
    block = rng.choice(("art", "page", "c", "m", "news", "p"))
    attrs = {}
    for role in ROLES:
        h = rng.choice(HABITS[:5]) if habit == "mixed" else habit
        word = _word(h, role, rng, block)
        if not word or (h != "none" and rng.random() < 0.08):
            attrs[role] = ""
            continue
        attr = "id" if rng.random() < 0.2 else "class"
        if attr == "class" and rng.random() < 0.3:
            word = f"{word} {rng.choice(('clearfix', 'fl', 'fr', 'mt20', css_hash(rng)))}"
        attrs[role] = f' {attr}="{word}"'
    return Naming(habit, attrs)
