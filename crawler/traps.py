"""Keep endless URL spaces (calendars, search results, filters, sort orders) from running away.

Depth alone does not contain a calendar: every month page links to the next month and to
thirty day pages.  What gives a trap away is its *shape*: many URLs that differ only in
numbers or query values, none of which turns out to be an article.  So URLs are grouped by
shape (digits folded, query values dropped, long slugs folded), every shape gets a small
probation budget of requests, and only a shape that has produced an article gets more.
Requests over budget wait; once the shape yields an article they are released.  A shape
whose pages are the first to lead to an article (page 6 of a list, the only way to an old
story) earns one more request per article found that way: productive lists go on, an
endless calendar whose days lead nowhere new does not.  At the end of the crawl whatever
still waits is counted as contained, never fetched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

_DIGITS = re.compile(r"\d+")
_SLUG = re.compile(r"^[\w%.-]{16,}$")
# A segment that is a value, not a name: joined words (ai+law, a,b), or letters and digits
# mixed the way ids and session tokens are (x7f3k9q2, (S(ab12cd34ef))).
_JOINED = re.compile(r"[+,;()]")
_TOKEN = re.compile(r"^(?=(?:.*\d){2})(?=(?:.*[a-z]){2})[\w.-]{6,}$", re.I)
# Requests one family (a site's first path segment: /search, /list, /calendar) may spend on
# shapes that have not yielded an article, whatever their query keys or depth: a search or
# filter page links combinations of parameters, each a new shape, without end.  Every
# request counts against its family, but only links found on a page of the same family are
# held by the family's budget: an endless space feeds itself, while a list of different
# pages linked from a home page or an index (/t/gbk, /t/pdf, /t/empty ...) is as long as
# that one page, and each of its shapes keeps its own probation.  Once a family's own
# pages have linked past its budget and it has led to no article, it is proven endless and
# barren: links into it from elsewhere are held by the family budget as well, past a probe
# of ENDLESS_PROBE requests: enough to learn whether a way in from elsewhere (a tag search
# linked from every article) leads to articles, and earns more with each one it finds.
FAMILY_PROBATION_FACTOR = 2
ENDLESS_PROBE = 2
# What a family earns (one request per article its pages were the first to lead to) counts
# in full while it keeps finding: at least one new article per FAMILY_PRODUCTIVE_EVERY
# requests (a productive list finds several per page; each tag page that is the only way to
# an article, one).  Below that, a search or filter space whose result pages now and then
# list an article before the site's own pages do earns at most FAMILY_EXTRA_CAP: fresh
# genweb seed 1827558104 sent 17, 18 and 22 requests into one site's search in three runs
# (which page reaches an article first is a matter of timing), over the 20 such a space
# may take (issue 12); 2 x 8 + 4 = 20.
FAMILY_PRODUCTIVE_EVERY = 2
FAMILY_EXTRA_CAP = 4


def _fold(seg: str) -> str:
    folded = _DIGITS.sub("0", seg)
    if folded.isdigit() or not seg:
        return folded
    if _JOINED.search(seg) or _TOKEN.match(seg):
        return "*"
    if _SLUG.match(seg) and ("-" in seg or "_" in seg or "%" in seg):
        return "*"  # pretty permalinks: every slug is one shape
    return folded


def url_shape(url: str) -> str:
    """The URL with its variable parts folded: /archive/2024/05/?d=3 -> host/archive/0/0/?d."""
    parts = urlsplit(url)
    segments = [_fold(seg) for seg in parts.path.split("/")]
    keys = sorted({k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    shape = f"{parts.hostname}{'/'.join(segments)}"
    return f"{shape}?{'&'.join(keys)}" if keys else shape


# A query parameter carried with one value by most links of a page, to this many different
# paths of its own host, is the visitor's (a session id, a member token), not a selector of
# content: a site that keeps sessions in URLs appends it to every link (osCommerce, Zen
# Cart, old Discuz and ASP sites).  Pages that select content by a query do it on one
# script (index.php?id=, show.asp?id=), one path.
VISITOR_PARAM_PATHS = 5
# ... or to this many paths when the page's own URL carried the parameter with another
# value: an id that changes on every visit (a new session for a visitor without cookies).
CHANGING_PARAM_PATHS = 2


def visitor_params(page_url: str, links: list[str]) -> set[str]:
    """Query parameters that ``links`` (canonical) of the page at ``page_url`` carry with one
    value on several paths of the page's host, covering most of its links with a query."""
    parts = urlsplit(page_url)
    host, own = parts.hostname, dict(parse_qsl(parts.query, keep_blank_values=True))
    paths: dict[tuple[str, str], set[str]] = defaultdict(set)
    carriers: dict[tuple[str, str], int] = defaultdict(int)
    with_query = 0
    for link in links:
        if "?" not in link:
            continue
        parts = urlsplit(link)
        if parts.hostname != host or not parts.query:
            continue
        with_query += 1
        for pair in set(parse_qsl(parts.query, keep_blank_values=True)):
            paths[pair].add(parts.path)
            carriers[pair] += 1
    out = set()
    for (key, value), where in paths.items():
        changed = key in own and own[key] != value
        need = CHANGING_PARAM_PATHS if changed else VISITOR_PARAM_PATHS
        if len(where) >= need and 2 * carriers[key, value] >= with_query:
            out.add(key)
    return out


_NAME = re.compile(r"[a-z][\w%.-]*", re.I)


@lru_cache(maxsize=100_000)
def loose_shape(shape: str) -> str:
    """``shape`` with its last path segment folded when that is a name, a slug
    (host/0/0/0/my-post/ -> host/0/0/0/*/): the permalinks of a blog's posts differ in
    their slugs, so one confirmed article vouches for the others' pattern.  Used for trust
    only, never for counting."""
    head, sep, query = shape.partition("?")
    body = head.rstrip("/")
    cut = body.rfind("/")
    last = body[cut + 1 :]
    if cut < 0 or not _NAME.fullmatch(last):
        return shape
    return f"{body[: cut + 1]}*{head[len(body) :]}{sep}{query}"


# A first segment that names a script (search.php, list.aspx) is one endpoint with its bare
# name: sites serve /search and /search.php side by side (a rewrite rule), and a tag search
# at /search.php?tag= beside a keyword search at /search?q= is one space of result pages
# (generated webs put them so; each alone stayed within its budget, together they took 24).
_SCRIPT = re.compile(r"([a-z][\w-]*)\.(?:php\d?|aspx?|jsp|cgi|do|action)", re.I)


def shape_family(shape: str) -> str:
    """host/first-segment of a shape: where one endless space lives."""
    head = shape.split("?", 1)[0]
    host, _, path = head.partition("/")
    first = path.split("/", 1)[0]
    script = _SCRIPT.fullmatch(first)
    return f"family:{host}/{script[1] if script else first}"  # never equal to a shape


class TrapGuard:
    """Per-shape request budget; shapes that yield articles are trusted without limit."""

    def __init__(self, probation: int = 8) -> None:
        self.probation = probation
        self.issued: dict[str, int] = defaultdict(int)  # by shape, and by family
        self.extra: dict[str, int] = defaultdict(int)
        self.trusted: set[str] = set()
        self.waiting: dict[str, list] = defaultdict(list)
        self.waiting_by_loose: dict[str, set[str]] = defaultdict(set)  # loose -> shapes
        # Families whose own pages linked more of them past the family's budget: proven
        # endless.  While such a family has led to no article, links into it from anywhere
        # (a tag line on every article page) are held by the family budget too.
        self.endless: set[str] = set()
        self.probed: set[str] = set()  # shapes held as links into such a family from elsewhere

    def budget(self, key: str) -> int:
        """Requests a shape, or a family of shapes, may have before it yields an article."""
        if not key.startswith("family:"):
            return self.probation + self.extra[key]
        extra = self.extra[key]
        if extra * FAMILY_PRODUCTIVE_EVERY < self.issued[key]:
            extra = min(extra, FAMILY_EXTRA_CAP)
        return FAMILY_PROBATION_FACTOR * self.probation + extra

    def _room(self, shape: str, self_fed: bool = True) -> bool:
        family = shape_family(shape)
        return self.issued[shape] < self.budget(shape) and (
            not self_fed or self.issued[family] < self.budget(family)
        )

    def _issue(self, shape: str) -> None:
        # every request counts against its family, wherever it was found: links from a home
        # page into /search are admitted on their shapes' probation, but the space's own
        # links then find the family's budget spent by them
        self.issued[shape] += 1
        self.issued[shape_family(shape)] += 1

    def admit(self, url: str, request, found_on: str | None = None, hold: bool = True) -> bool:
        """True if ``request`` may be scheduled now; otherwise it is held back (or, with
        ``hold=False``, dropped: page N+1 of a chain is asked for now or never).

        ``found_on`` is the shape of the page that linked ``url``: the family budget applies
        when that page is of the same family (or unknown), or once the family has fed itself
        past its budget and led to no article (then from anywhere)."""
        shape = url_shape(url)
        if shape in self.trusted or loose_shape(shape) in self.trusted:
            return True
        family = shape_family(shape)
        fed = found_on is None or shape_family(found_on) == family
        probe = not fed and self._barren_endless(family)
        room = self._room(shape, fed)
        if room and probe:
            room = self.issued[family] < self.budget(family) + ENDLESS_PROBE
        if room:
            self._issue(shape)
            return True
        if fed and self.issued[family] >= self.budget(family):
            self.endless.add(family)
        if probe:
            self.probed.add(shape)
        if hold:
            self.waiting[shape].append(request)
            self.waiting_by_loose[loose_shape(shape)].add(shape)
        return False

    def _barren_endless(self, family: str) -> bool:
        return family in self.endless and self.extra[family] == 0

    def confirm(self, *urls: str) -> list:
        """Mark the shapes of these article URLs as productive; returns held requests to release."""
        released: list = []
        for url in urls:
            if not url:
                continue
            shape = url_shape(url)
            loose = loose_shape(shape)
            if shape in self.trusted and loose in self.trusted:
                continue
            self.trusted.update((shape, loose))
            for held in {shape, *self.waiting_by_loose.pop(loose, ())}:
                released.extend(self.waiting.pop(held, []))
        return released

    def credit(self, shape: str, n: int = 1) -> list:
        """``shape`` led to ``n`` new articles: allow it ``n`` more requests; returns the held
        requests released now."""
        if shape in self.trusted or loose_shape(shape) in self.trusted:
            return []
        self.extra[shape] += n
        self.extra[shape_family(shape)] += n
        queue = self.waiting.get(shape, [])
        released = []
        # a way in from elsewhere that proved productive goes on by its own budget
        while queue and self._room(shape, shape not in self.probed):
            released.append(queue.pop(0))
            self._issue(shape)
        return released

    def learned(self) -> list[tuple[str, int, int]]:
        """(shape or family, requests issued, extra requests earned) for every key on
        probation: what the next crawl needs to know (storage/trapstate.py)."""
        keys = (set(self.issued) | set(self.extra)) - self.trusted
        return [(k, self.issued[k], self.extra[k]) for k in sorted(keys)]

    def restore(self, rows: list[tuple[str, int, int]]) -> TrapGuard:
        """Start from what earlier crawls learned.  A key that led to articles keeps its
        earned requests and starts its probation afresh: a productive list is walked again.
        A key that led to nothing keeps what it spent: its budget is for crawl and re-crawl
        together.  A family that spent its whole budget on nothing is an endless space the
        last crawl found barren, and so are its barren shapes: the re-crawl sends them not
        one request more until they yield an article, even through links found elsewhere
        (raising REPRINTS_TRAP_PROBATION gives them more).  A barren shape in a family that
        is not spent keeps the rest of its probation: a list whose articles were first met
        elsewhere is still read for new ones."""
        barren = {k for k, issued, extra in rows if extra == 0 and issued >= self.budget(k)}
        self.endless |= {k for k in barren if k.startswith("family:")}
        for key, issued, extra in rows:
            self.extra[key] = extra
            if extra == 0 and shape_family(key) in barren and not key.startswith("family:"):
                self.issued[key] = max(issued, self.budget(key))
            else:
                self.issued[key] = issued
        return self

    def contained(self) -> int:
        """Requests still held back (never fetched)."""
        return sum(len(v) for v in self.waiting.values())
