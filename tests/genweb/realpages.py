"""Real pages as templates: a generated story swapped into a real page's article node, the
page's own chrome (menus, comments, related lists, scripts, footers) and encoding kept.

Pages come from ``../shared/corpora/real-templates`` (25 portal, farm, blog and WeChat
pages) and ``gne-testpages`` (62 portal pages).  The article node is the block holding the
most prose in paragraphs (not links); pages where no such block is found are left out.
A deterministic third of the files (by a hash of the name) is HELD OUT: never used when
tuning, reported apart (``--templates held-out``).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

import lxml.html
from lxml import etree

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
if not CORPORA.is_dir():  # a worktree: ../shared beside it
    CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
SETS = {"real-templates": "*.html", "gne-testpages/html": "*.html.gz"}
HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN, MAX_HAN = 150, 20_000  # a real article's prose; more is a spam or list page
BODY_MARK, TITLE_MARK = "GENWEBBODY", "GENWEBTITLE"
_WRAPPERS = ("span", "font", "strong", "b", "section", "blockquote", "em")
_SKIP = (
    "script",
    "style",
    "a",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "title",
    "option",
    "textarea",
    "noscript",
)
_DATE = re.compile(
    r"(20\d\d)([-/.年])(\d{1,2})([-/.月])(\d{1,2})(日?)(\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)


def held_out(name: str) -> bool:
    return int(hashlib.sha1(name.encode()).hexdigest()[:4], 16) % 3 == 0


@dataclass(frozen=True)
class Template:
    name: str
    group: str  # tuning | held-out
    charset: str  # how the served bytes are encoded
    html: str  # with BODY_MARK in the article node and TITLE_MARK for the headline
    markup: str  # p | br: how the page's own paragraphs were written
    chrome: tuple[str, ...]  # visible strings outside the article node


def _han(text: str | None) -> int:
    return len(HAN.findall(text or ""))


def _decode(raw: bytes, gne: bool) -> tuple[str, str]:
    """(text, charset to serve in).  gne pages are UTF-8 DOM dumps whatever they declare."""
    if gne:
        text = raw.decode("utf-8", errors="replace")
        return re.sub(
            r"charset=[\"']?(gb2312|gbk|gb18030)", "charset=utf-8", text, flags=re.I
        ), "utf-8"
    m = re.search(rb"charset=[\"']?([\w-]+)", raw[:5000])
    declared = m.group(1).decode().lower() if m else "utf-8"
    charset = "gbk" if declared in ("gb2312", "gbk", "gb18030") else "utf-8"
    return raw.decode("gb18030" if charset == "gbk" else "utf-8", errors="replace"), charset


def article_node(doc) -> tuple[etree._Element | None, int]:
    """The block whose paragraphs (``<p>`` or text runs) hold the most Han characters."""
    score: dict = {}
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        if el.tag != "p" and _han(el.text) >= 8:
            score[el] = score.get(el, 0) + _han(el.text)
        for child in el:
            if isinstance(child.tag, str) and _han(child.tail) >= 8:
                score[el] = score.get(el, 0) + _han(child.tail)
        if el.tag == "p":
            text = el.text_content()
            links = sum(len(a.text_content()) for a in el.iter("a"))
            if _han(text) >= 8 and links < 0.3 * len(text):
                parent = el.getparent()
                while parent is not None and parent.tag in _WRAPPERS:
                    parent = parent.getparent()
                score[parent] = score.get(parent, 0) + _han(text)
    if not score:
        return None, 0
    node, best = max(score.items(), key=lambda kv: kv[1])
    return node, best


def _headline(doc, node, title: str):
    """The page's own headline element, before the article node."""
    order = {el: i for i, el in enumerate(doc.iter())}
    limit = order.get(node, 10**9)
    for ancestor in node.iterancestors():  # a wrapper around the article is not its headline
        order[ancestor] = 10**9
    cands = [
        el for el in doc.iter("h1", "h2") if order[el] < limit and _han(el.text_content()) >= 4
    ]
    key = re.sub(r"\s+", "", title)[:8]
    for el in cands:
        if key and key[:6] in re.sub(r"\s+", "", el.text_content()):
            return el
    if cands:
        return cands[0]
    for el in doc.iter():
        attrs = (
            f"{el.get('class', '')} {el.get('id', '')}".lower() if isinstance(el.tag, str) else ""
        )
        if "title" in attrs and order[el] < limit and 6 <= _han(el.text_content()) <= 60:
            return el
    return None


def _clean(doc, host: str) -> None:
    """No canonical, og:url or refresh pointing at the real site; relative links made absolute
    on it (they would all be 404s on ours)."""
    for el in doc.xpath(
        "//link[@rel='canonical'] | //meta[@property='og:url'] | //meta[@http-equiv]"
    ):
        if el.tag == "meta" and "refresh" not in (el.get("http-equiv") or "").lower():
            continue
        el.getparent().remove(el)
    for el in doc.xpath("//base"):
        el.getparent().remove(el)
    for el in doc.iter("a", "link", "img", "script", "iframe"):
        for attr in ("href", "src"):
            value = el.get(attr)
            if value and not re.match(r"(https?:|javascript:|#|data:|mailto:)", value, re.I):
                el.set(attr, f"http://{host}/" + value.lstrip("/"))


def _chrome_strings(doc, node) -> tuple[str, ...]:
    inside = set(node.iter())
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str) or el in inside or el.tag in ("script", "style", "title"):
            continue
        for text in (
            el.text,
            el.tail if el.getparent() is not None and el.getparent() not in inside else None,
        ):
            t = re.sub(r"\s+", " ", text or "").strip()
            if len(t) >= 6 and _han(t) >= 3:
                out.append(t)
    return tuple(dict.fromkeys(out))


def prepare(path: Path, gne: bool) -> Template | None:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text, charset = _decode(raw, gne)
    doc = lxml.html.fromstring(text)
    probe = lxml.html.fromstring(text)
    for bad in probe.xpath("//script|//style|//noscript|//textarea"):
        bad.drop_tree()
    found, han = article_node(probe)
    if found is None or not MIN_HAN <= han <= MAX_HAN:
        return None
    node = doc.xpath(probe.getroottree().getpath(found))
    if not node:
        return None
    node = node[0]
    markup = "p" if len(node.findall("p")) >= 2 else "br"
    title_el = doc.find(".//title")
    title = title_el.text_content() if title_el is not None else ""
    head = _headline(doc, node, title)
    name = path.name.removesuffix(".gz")
    _clean(doc, f"www.{name.split('_')[0]}.com")
    for child in list(node):  # the page's own article goes; images and empty slots stay
        if (
            isinstance(child.tag, str)
            and child.tag not in ("br", "p")
            and not _han(child.text_content())
        ):
            child.tail = None
        else:
            node.remove(child)
    node.text = BODY_MARK
    if head is not None:
        for child in list(head):
            head.remove(child)
        head.text = TITLE_MARK
    if title_el is not None:
        suffix = re.split(r"(?=[_|\-–—]\s*[^_|\-–—]+$)", title.strip(), maxsplit=1)
        title_el.text = TITLE_MARK + (suffix[1] if len(suffix) > 1 else "")
    chrome = _chrome_strings(doc, node)
    html = lxml.html.tostring(doc, encoding="unicode", method="html", doctype="<!DOCTYPE html>")
    if head is None:  # no headline found: the page gets one above the article
        html = html.replace(BODY_MARK, f"<h1>{TITLE_MARK}</h1>{BODY_MARK}", 1)
    group = "held-out" if held_out(name) else "tuning"
    return Template(name, group, charset, html, markup, chrome)


@lru_cache(maxsize=1)
def load_templates() -> tuple[Template, ...]:
    out = []
    for folder, pattern in SETS.items():
        for path in sorted((CORPORA / folder).glob(pattern)):
            t = prepare(path, gne=folder.startswith("gne"))
            if t is not None:
                out.append(t)
    return tuple(out)


def templates(group: str) -> list[Template]:
    return [t for t in load_templates() if t.group == group]


def body_html(paras: tuple[str, ...], markup: str) -> str:
    if markup == "p":
        return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paras)
    return "".join(f"{escape(p, quote=False)}<br><br>" for p in paras)


def fill(t: Template, title: str, body: str, when, canonical: str | None) -> str:
    """The template with ``body`` in the article node, ``title`` as headline, dates set."""
    stamp = f"{when:%H:%M}"

    def date(m: re.Match) -> str:
        sep1, sep2, day_mark = m[2], m[4], m[6]
        out = f"{when.year}{sep1}{when.month:02d}{sep2}{when.day:02d}{day_mark}"
        return out + (f" {stamp}" if m[7] else "")

    html = _DATE.sub(date, t.html)
    html = html.replace(TITLE_MARK, escape(title, quote=False)).replace(BODY_MARK, body, 1)
    if canonical:
        html = html.replace("</head>", f'<link rel="canonical" href="{canonical}"></head>', 1)
    return html


class TemplateRenderer:
    """Article pages of one site, all in one real page's template."""

    def __init__(self, template: Template) -> None:
        self.template = template

    def __call__(self, view, ctx, chrome) -> tuple[str, tuple[str, ...]]:
        from tests.genweb.pages import pager

        e, t = view.entry, self.template
        body = body_html(e.pages[view.k - 1], t.markup)
        body += pager(
            view.urls, view.k, ctx.style.pager_bar and ctx.style.pager != "next_only", ctx.rng, ""
        )
        html = fill(t, e.title, body, e.published, view.canonical)
        return html, (*t.chrome, *e.additions)


def template_web(seed: int, group: str):
    """The web of ``seed`` with every publisher, farm and aggregator in a real template of
    ``group``; the forum stays composed (no real forum page among the templates)."""
    from dataclasses import replace

    from tests.genweb.plan import make_plan
    from tests.genweb.rng import sub
    from tests.genweb.web import GenWeb

    if group not in ("tuning", "held-out"):
        raise ValueError(f"group must be tuning or held-out, got {group!r}")
    plan = make_plan(seed)
    pool = templates(group)
    rng = sub(seed, "templates", group)
    rng.shuffle(pool)
    renderers = {}
    for k, site in enumerate(p for p in plan.sites if p.style.kind != "forum"):
        t = pool[k % len(pool)]
        declare = "both" if rng.random() < 0.5 else "meta"
        site.style = replace(site.style, charset=t.charset, declare=declare)
        renderers[site.name] = TemplateRenderer(t)
    return GenWeb(plan=plan, renderers=renderers)
