"""Documents split over several pages: find page N+1 of the current document.

Two URLs are pages of one document when they differ only in a page number: one number that
changes (``thread-76708-1-1.html`` -> ``thread-76708-2-1.html``, ``?page=2`` -> ``?page=3``)
or a page marker that page 1 leaves out (``/a/123.html`` -> ``/a/123_2.html``, ``-2.html``,
``/a/123/2/``, ``?page=2``).  The link to page N+1 says so: its text is 下一页 / 下页 / Next /
›, or the number N+1, or it has rel=next.  下一篇 ("next post") is a different article and
is never followed as a page of this one.

A URL relation is only a hint.  ``/archives/23/`` -> ``/archives/24/`` labelled » is the
next *post*; ``/p/8`` -> ``/p/9`` too.  And a 下一页 link may name a page whose URL has
nothing in common with this one.  So the spider fetches the candidate and joins it only
when the page proves it (same headline, article text rather than replies: pageshape.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.http import Response

from crawler.links import Link
from crawler.pageshape import Known, PageShape, same_headline
from pipelines.pagenumbers import NEXT_WORDS, PAGE_WORDS, page_label, page_numbers

NEXT_TEXTS = frozenset(
    {"下一页", "下页", "后一页", "下一頁", "next", "next page", "next ›", "›", "»", "next»"}
    | {">", ">>"}
)
PREV_TEXTS = frozenset(
    {"上一页", "上页", "前一页", "首页", "尾页", "末页", "prev", "previous", "‹", "«", "<", "<<"}
)


def _pager_like(link: Link) -> bool:
    """Cheap pre-filter: only links that read like a pager can be another page."""
    text = page_label(link.text)
    return (
        text.isdigit()
        or text in NEXT_TEXTS
        or text in PREV_TEXTS
        or text in NEXT_WORDS
        or "next" in link.rel
    )


def pager_links(links: list[Link]) -> list[Link]:
    return [link for link in links if _pager_like(link)]


@dataclass(frozen=True)
class NextPage:
    """The link to what may be page N+1: ``related`` when the two URLs differ only in a
    page number; otherwise only its label (下一页, rel=next) says so and the page itself
    must prove it (same headline, article text: see the spider)."""

    url: str
    related: bool


def find_next_page(url: str, links: list[Link]) -> NextPage | None:
    """The link to the next page of the document at ``url``, or None."""
    numbered: dict[int, str] = {}
    labelled = None
    for link in pager_links(links):
        if link.url == url:
            continue
        text = page_label(link.text)
        nums = page_numbers(url, link.url)
        if nums is not None and nums[1] == nums[0] + 1:
            if text in NEXT_TEXTS or text in NEXT_WORDS or "next" in link.rel:
                return NextPage(link.url, related=True)
            if text.isdigit() and int(text) == nums[1]:
                numbered[nums[1]] = link.url
            continue
        # 下一页 to a URL that is no page N+1 of this one (/archives/114/ -> /archives/614/)
        if labelled is None and (text in NEXT_WORDS or "next" in link.rel.split()):
            labelled = NextPage(link.url, related=False)
    if numbered:
        return NextPage(next(iter(numbered.values())), related=True)
    return labelled


# Labels of a link to page N-1 (上一篇, «, ‹ lead to the previous *post* as often: not here).
PREV_WORDS = frozenset({"上一页", "上页", "前一页", "上一頁", "previous page"})


def find_prev_page(url: str, links: list[Link]) -> str | None:
    """The page a 上一页 link names when its URL shares no page number with ``url`` (a
    split article at ``/s?id=N`` -> ``/s?id=M``): the page may be page 2+ of an article
    whose page 1 the crawl has not met yet.  A related URL needs no such walk: the page
    says it is a later page (classify.is_continuation) and page 1's chain fetches it."""
    for link in links:
        if link.url == url or page_label(link.text) not in PREV_WORDS:
            continue
        if page_numbers(url, link.url) is None:
            return link.url
    return None


@dataclass(frozen=True)
class LaterPage:
    """A page met on its own whose 上一页 names an unrelated URL: it waits while that page
    is fetched, to learn whether it is where the article starts."""

    response: Response
    shape: PageShape
    links: list[Link]


def precedes(url: str, links: list[Link], shape: PageShape | None, later: LaterPage) -> bool:
    """Is the page at ``url`` the page before ``later``: its 下一页 names ``later`` and it
    carries the same headline ("标题(2)", "标题_第2页" are the same headline) over article
    text?  Then the chain starts here, not at the page met first."""
    if shape is None or not shape.article_text:
        return False
    nxt = find_next_page(url, pager_links(links))
    if nxt is None or nxt.url != later.response.url:
        return False
    return same_headline(shape.headline, later.shape.headline)


def sibling_pages(url: str, links: list[Link]) -> set[str]:
    """Links that are other pages of the document at ``url``: URLs that differ from it only
    in a page number, labelled with that number or a page word (下一页, 尾页 …).  «, »
    and › lead to the previous and next *post* as often as to pages, so they do not count."""
    out = set()
    for link in pager_links(links):
        nums = page_numbers(url, link.url)
        if nums is None:
            continue
        text = page_label(link.text)
        numbered = text.isdigit() and int(text) == nums[1]
        if numbered or text in PAGE_WORDS or text == "next page":
            out.add(link.url)
    return out


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


@dataclass(frozen=True)
class ChainPage:
    """One page of a paginated article, as fetched."""

    url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    headline: str = ""
    texts: frozenset[int] = frozenset()  # its blocks' fingerprints (pageshape.py)
    path: str = ""  # where its article text sits (pageshape.py)

    @classmethod
    def of(cls, response: Response, shape: PageShape | None = None) -> ChainPage:
        return cls(
            response.url,
            response.body,
            header(response, "ETag"),
            header(response, "Last-Modified"),
            shape.headline if shape is not None else "",
            shape.texts if shape is not None else frozenset(),
            shape.path if shape is not None else "",
        )

    def validators(self) -> dict:
        return {"url": self.url, "etag": self.etag, "last_modified": self.last_modified}


JOIN, REPLIES, OTHER = "join", "replies", "other"
# Characters of new article text that make page N+1 a continuation.  A later page's own
# text may be one closing line, so its length proves little; what is new on a thread's
# reply page outside its posts is a counter or a date (measured on generated thread pages:
# 0, where an article's later pages carry 20 and more).
MIN_FRESH_PROSE = 8


def known_texts(chain: list[ChainPage]) -> Known:
    """What the pages a chain holds carried: their block fingerprints (what page N+1
    repeats is template) and where their article text sat."""
    return Known(
        frozenset().union(*(page.texts for page in chain)),
        frozenset(page.path for page in chain if page.path),
    )


def continues(chain: list[ChainPage], shape: PageShape | None) -> str:
    """Is the page just fetched as page N+1 (``shape``, read against ``known_texts(chain)``)
    a page of the article ``chain`` holds?

    JOIN when it carries the article's headline and article text the pages before did not
    (however short, and whatever comments or related lists beside it hold more); REPLIES
    when it carries the headline but its new text is posts, comments or a list (page 2 of a
    thread); OTHER when it is another document (the next post behind a », a 下一页 to
    elsewhere).
    """
    if shape is None or not same_headline(chain[0].headline, shape.headline):
        return OTHER
    return JOIN if shape.fresh >= MIN_FRESH_PROSE else REPLIES
