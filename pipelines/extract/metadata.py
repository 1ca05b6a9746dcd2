"""Title, publication date, byline and credited outlet as the page shows them.

Why not trafilatura's metadata: it returns ``<title>`` with the site name appended and dates
that may come from the 上一篇/下一篇 links.  We read what a reader sees: the heading that
matches og:title/<title>, then the date and credits in the few hundred characters right under
that heading; machine metadata (article:published_time, JSON-LD, htmldate) only as fallback.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from lxml.html import HtmlElement

from pipelines.extract.credits import (
    Credits,
    closing_reporters,
    lead_reporters,
    looks_like_person,
    normalise_outlet,
    parse_credit_text,
)
from pipelines.extract.title import find_title, meta_content, visible_text

_WS = re.compile(r"\s+")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<ampm>上午|下午|晚上|中午)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
_DATE_LABEL = re.compile(
    r"(发布|发表|更新|出版|上传|刊发|时间|日期|发布于|发表于|Published|Date)", re.I
)
_NEIGHBOUR = re.compile(r"上一篇|下一篇|上一条|下一条|相关|推荐|热门")
# dates of the user card or edit notes on a forum post, not of the article
_NOT_PUBLISHED = re.compile(r"注册|加入|登录|生日|出生|截止|到期|最后由")
_META_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:release_date", "datepublished",
    "pubdate", "publishdate", "publish_date", "publish-date", "publishtime", "pubtime",
    "dc.date.issued", "dc.date", "date", "sailthru.date", "weibo:article:create_at",
)  # fmt: skip
_REGION_CHARS = 320
# A labelled date further down than this is in the comments or a sidebar, not the header.
_LABEL_SCAN_CHARS = 6000


@dataclass
class PageMeta:
    """Metadata read from page 1 before any cleaning."""

    title: str = ""
    published_at: datetime | None = None
    canonical_url: str | None = None
    header_credits: Credits = field(default_factory=Credits)
    meta_author: str | None = None
    page_title: str = ""  # raw <title>, to recognise the site's own name


def _to_datetime(m: re.Match[str]) -> datetime | None:
    try:
        hour = int(m.group("H") or 0)
        if m.group("ampm") in ("下午", "晚上") and hour < 12:
            hour += 12
        return datetime(
            int(m.group("y")), int(m.group("m")), int(m.group("d")),
            hour, int(m.group("M") or 0), int(m.group("S") or 0),
        )  # fmt: skip
    except (TypeError, ValueError):
        return None


def parse_date(text: str | None) -> datetime | None:
    """The first plausible date (with time if written) in a string, naive as written."""
    if not text:
        return None
    m = _DATE.search(unicodedata.normalize("NFKC", text))
    return _to_datetime(m) if m else None


def header_region(title_el: HtmlElement | None) -> str:
    """Text right under the headline (date, 来源, 作者 live there); text nodes kept apart."""
    if title_el is None:
        return ""
    pieces: list[str] = []
    size = 0
    for node in title_el.xpath("following::text()"):
        parent = node.getparent()
        if parent is not None and parent.tag in ("script", "style", "noscript"):
            continue
        s = _WS.sub(" ", str(node)).strip()
        if not s:
            continue
        if len(s) > 60 and re.search(r"[，。！？]", s):
            break  # the article itself has begun
        pieces.append(s)
        size += len(s)
        if size >= _REGION_CHARS:
            break
    return "  ".join(pieces)


def region_credits(region: str) -> Credits:
    """Credits in the header region, read piece by piece ("来源：" + its link count as one)."""
    credits = Credits()
    pieces = [p for p in region.split("  ") if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and re.search(r"[:：]\s*$", merged[-1]):
            merged[-1] = merged[-1] + piece
        else:
            merged.append(piece)
    for piece in merged:
        parse_credit_text(piece, credits)
    return credits


def _region_date(region: str) -> datetime | None:
    best: datetime | None = None
    for m in _DATE.finditer(unicodedata.normalize("NFKC", region)):
        before = region[max(0, m.start() - 12) : m.start()]
        if _NEIGHBOUR.search(before) or _NOT_PUBLISHED.search(before):
            continue
        dt = _to_datetime(m)
        if dt is None:
            continue
        if _DATE_LABEL.search(before):
            return dt
        best = best or dt
    return best


def _jsonld_date(doc: HtmlElement) -> datetime | None:
    for script in doc.xpath('//script[contains(@type, "ld+json")]'):
        m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text or "")
        if m:
            return parse_date(m.group(1))
    return None


def _htmldate(doc: HtmlElement, url: str) -> datetime | None:
    try:
        from htmldate import find_date

        found = find_date(doc, url=url or None, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a date library failure only means "no date"
        return None
    return parse_date(found)


def find_date(doc: HtmlElement, url: str, region: str) -> datetime | None:
    """Visible date under the headline, then machine metadata, then htmldate."""
    found = _region_date(region)
    if found:
        return found
    found = parse_date(meta_content(doc, *_META_DATE_KEYS)) or _jsonld_date(doc)
    if found:
        return found
    for el in doc.xpath("//time[@datetime] | //*[@itemprop='datePublished']"):
        found = parse_date(el.get("datetime") or el.get("content") or visible_text(el))
        if found:
            return found
    return _labelled_date(doc) or _htmldate(doc, url)


# "发布时间 2005/03/15 22:36:13", "发表于 2005-09-07 11:57": a date the page labels as the
# post's, right after its label
_LABELLED = re.compile(r"(发布时间|发表时间|发布日期|发表日期|发布于|发表于|更新时间)\s*[:：]?\s*$")


def _labelled_date(doc: HtmlElement) -> datetime | None:
    """The first date in the body that follows a publication label.  Asked only when the
    header under the headline, the meta tags and <time> gave none (old pages whose <title>
    is the site's name, so no headline and no header are found)."""
    body = doc.find("body")
    if body is None:
        return None
    seen = 0
    for node in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"):
        s = unicodedata.normalize("NFKC", str(node))
        for m in _DATE.finditer(s):
            before = s[max(0, m.start() - 12) : m.start()]
            if _LABELLED.search(before) and not _NOT_PUBLISHED.search(before):
                return _to_datetime(m)
        seen += len(s)
        if seen > _LABEL_SCAN_CHARS:
            break
    return None


def find_canonical(doc: HtmlElement, url: str) -> str | None:
    """Absolute canonical URL from <link rel=canonical> or og:url."""
    for el in doc.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return urljoin(url or "", el.get("href").strip())
    og = meta_content(doc, "og:url")
    return urljoin(url or "", og) if og else None


def read_metadata(doc: HtmlElement, url: str) -> PageMeta:
    """All metadata of page 1, read before the DOM is cleaned."""
    title, heading = find_title(doc)
    region = header_region(heading)
    title_el = doc.find(".//title")
    return PageMeta(
        title=title,
        published_at=find_date(doc, url, region),
        canonical_url=find_canonical(doc, url),
        header_credits=region_credits(region),
        meta_author=meta_content(doc, "author", "article:author", "byl"),
        page_title=visible_text(title_el) if title_el is not None else "",
    )


def resolve_credits(
    meta: PageMeta, credit_lines: list[str], first_paragraph: str = "", last_paragraph: str = ""
) -> tuple[str | None, str | None]:
    """(byline, credited outlet): credit lines of the text first (with a reporter credit
    opening or closing the article), then the header region."""
    text = Credits()
    for line in credit_lines:
        parse_credit_text(line, text)
    text.bylines += lead_reporters(first_paragraph) + closing_reporters(last_paragraph)
    head = meta.header_credits
    outlet = None
    for name in [*text.outlets, *head.outlets, *text.reporter_outlets, *head.reporter_outlets]:
        outlet = normalise_outlet(name)
        if outlet:
            break
    names: list[str] = []
    for name in [*text.bylines, *head.bylines]:
        if name not in names and looks_like_person(name):
            names.append(name)
    author = (meta.meta_author or "").strip()
    # <meta name=author> often holds the site's name: only a name the <title> does not contain
    if not names and author and looks_like_person(author) and author not in meta.page_title:
        names.append(author)
    return (" ".join(names[:4]) or None), outlet
