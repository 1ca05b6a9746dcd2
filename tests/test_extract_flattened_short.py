"""A short page trafilatura hands back as one line is broken into its lines (issue 12).

The class: on a short page (page 2 or 3 of a split article, a few hundred characters)
trafilatura falls back to its baseline, which reads an <article> as one string; the page's
paragraphs, its pager and the "作者：… 责任编辑：…" line under them came out joined by spaces,
so no line rule could take the chrome off.  Fresh held-out template seeds 3077704351 and
6761136664 stored 4 articles ending in "上一页12 作者：未知 责任编辑：棒棒不是糖".

Instances are drawn: how many paragraphs (2-4) and which, the wrapper around them, the pager's
shape and the editor line's wording.
"""

from __future__ import annotations

import random

import pytest

from pipelines.extract.decode import decode_html
from pipelines.extract.orchestrator import page_text
from pipelines.extract.parse import parse_html
from pipelines.extract.rules import load_rules

SENTENCES = (
    "二审承办法官在接受采访时说：“人脸信息具有唯一性和不可更改性，一旦泄露，风险将伴随终身。”",
    "董某上诉称，其只是提供技术服务，并不知道购买者的用途，一审量刑过重。",
    "法官提示，利用人工智能技术生成他人形象须以合法为前提，技术提供者和使用者都应守住法律底线。",
    "该案宣判后，被告人当庭表示认罪服判，不上诉。",
    "目前，案件正在进一步办理中。",
)
PAGERS = (
    "<div><a href='/a/121/'>上一页</a><a href='/a/121/'>1</a><span>2</span></div>",
    "<div><a href='/a/121/'>[上一页]</a><a href='/a/121/'>1</a><b>2</b></div>",
    "<p><a href='/a/121/'>上一页</a></p>",
)
EDITORS = ("作者：未知     责任编辑：棒棒不是糖", "责任编辑：王小明", "来源：网络 编辑：李某")
WRAPPERS = ("<article>{}</article>", "<article><div class='ctx'>{}</div></article>")


def _page(paras: list[str], pager: str, editor: str, wrapper: str) -> bytes:
    inner = "".join(f"<p>{p}</p>" for p in paras) + pager
    body = wrapper.format(f"<div class='txt'>{inner}</div><div class='author'>{editor}</div>")
    html = (
        "<html><head><meta charset='utf-8'><title>终审：驳回上诉</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a><a href='/n/'>新闻</a></div>{body}"
        "<div class='foot'>关于我们 联系我们</div></body></html>"
    )
    return html.encode()


@pytest.mark.parametrize("seed", range(12))
def test_a_short_page_keeps_its_lines_and_loses_pager_and_editor(seed: int):
    r = random.Random(seed)
    paras = r.sample(SENTENCES, r.randint(2, 4))
    editor = r.choice(EDITORS)
    html = _page(paras, r.choice(PAGERS), editor, r.choice(WRAPPERS))
    doc = parse_html(decode_html(html))
    text = page_text(doc, "https://m.example.com/a/121/2/", load_rules(), continued=True).text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == paras
    assert "上一页" not in text and "编辑" not in text


def test_the_recorded_template_page_two_keeps_its_lines():
    """The page the class was found on: a real mobile template's page 2 (held-out template
    web 6761136664, site04 /archives/121/2/), generated story text in its article node."""
    from urllib.parse import urlsplit

    from tests.genweb.offline import OFFLINE_PORT
    from tests.genweb.realpages import template_web

    web = template_web(6761136664, "held-out")
    web.port = OFFLINE_PORT
    art = next(a for a in web.truth(1).articles if a.site == "site04" and "/121/" in a.url)
    page2 = urlsplit(art.page_urls[1])
    html = web.lookup(art.site, page2.path, page2.query, phase=1).page.body
    doc = parse_html(decode_html(html if isinstance(html, bytes) else html.encode()))
    text = page_text(doc, art.page_urls[1], load_rules(), continued=True).text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) == 4 and all(line in art.body for line in lines)
    assert "责任编辑" not in text and "上一页" not in text
