"""Forum reply pages are no articles (issue 12, cause 5's class), whatever their URL.

Page 2+ of a thread holds replies only; reached on its own (linked from the thread's
pager) it must not be stored as an article under the thread's title.  The page says what
it is by its pager bar: the bar links page 1 and marks this page, the one number in it
that is no link, as page 2+.  Instances vary the URL scheme (offsets, ids, paths that share
no page number with page 1), the bar's markup (``<strong>``, ``<span>``, ``<li>``, a link
to itself) and the posts around it; page 1 of each thread stays an article's page.
"""

from __future__ import annotations

import random

import pytest
from lxml.html import document_fromstring
from scrapy.http import HtmlResponse

from pipelines.classify import is_continuation
from tests.genweb.layout import site_key
from tests.genweb.web import GenWeb

# Later pages at URLs that differ from page 1 in more than a page number, or not at all
# in a number: (page 1, page k).
SCHEMES = (
    lambda t, k: (f"/viewtopic.php?t={t}", f"/viewtopic.php?start={15 * (k - 1)}&t={t}"),
    lambda t, k: (f"/bbs/read.php?tid={t}", f"/bbs/read.php?tid={t}&fpage=0&toread=&page={k}"),
    lambda t, k: (f"/t/{t}", f"/t/{t}?offset={20 * (k - 1)}"),
    lambda t, k: (f"/topic/{t}.html", f"/topic/{t}.html?from={30 * (k - 1)}"),
    lambda t, k: (f"/showtopic-{t}.aspx", f"/showtopic-{t}-{10 * (k - 1)}.aspx"),
)
CURRENT = ("<strong>{k}</strong>", "<span class='cur'>{k}</span>", "<b>{k}</b>",
           "<a class='current' href='#'>{k}</a>", "<em>{k}</em>")  # fmt: skip
REPLIES = ("顶一下，支持楼主", "这种人就该重判！", "说实话，我妈前两天差点就信了",
           "楼上说得对，法律终于跟上技术了", "有没有人知道是哪个软件", "前排围观")  # fmt: skip
ARTICLE = (
    "记者从市人民法院获悉，一起利用人工智能换脸技术伪造视频实施诈骗的案件日前一审宣判。"
    "被告人以非法占有为目的，虚构事实骗取他人财物，数额较大，其行为已构成诈骗罪。"
)


def _bar(urls: list[str], k: int, rng: random.Random) -> str:
    current = rng.choice(CURRENT)
    items = [
        current.format(k=j) if j == k else f"<a href='{urls[j - 1]}'>{j}</a>"
        for j in range(1, len(urls) + 1)
    ]
    prev = f"<a href='{urls[k - 2]}'>上一页</a>" if k > 1 and rng.random() < 0.5 else ""
    nxt = f"<a href='{urls[k]}'>下一页</a>" if k < len(urls) else ""
    if rng.random() < 0.4:
        lis = "".join(f"<li>{x}</li>" for x in (prev, *items, nxt) if x)
        return f"<ul class='pagination'>{lis}</ul>"
    return (
        f"<div class='{rng.choice(('pg', 'pages', 'pagelink'))}'>{prev}{''.join(items)}{nxt}</div>"
    )


def _post(rng: random.Random, who: str, text: str, floor: int) -> str:
    return (
        f"<div class='post' id='pid{rng.randint(1000, 99999)}'><div class='author'>"
        f"<a href='/u/{rng.randint(1, 999)}'>{who}</a><em>{floor}#</em></div>"
        f"<div class='message'>{text}</div></div>"
    )


def thread_page(seed: int, k: int) -> tuple[str, str]:
    """(URL, HTML) of page ``k`` of a generated thread."""
    rng = random.Random(seed)
    tid, pages = rng.randint(100, 99999), rng.randint(max(2, k), 5)
    scheme = SCHEMES[seed % len(SCHEMES)]
    urls = [scheme(tid, 1)[0]] + [scheme(tid, j)[1] for j in range(2, pages + 1)]
    posts = [_post(rng, "楼主", ARTICLE, 1)] if k == 1 else []
    for j in range(rng.randint(3, 12)):
        posts.append(_post(rng, f"网友{rng.randint(1, 999)}", rng.choice(REPLIES), 15 * k + j))
    html = (
        "<html><head><title>换脸诈骗案一审宣判 - 法治论坛</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/forum-2-1.html'>法治杂谈</a></div>"
        f"<h1>换脸诈骗案一审宣判</h1>{_bar(urls, k, rng)}"
        f"<div id='postlist'>{''.join(posts)}</div>{_bar(urls, k, rng)}"
        "<div class='footer'>Powered by phpBB ©2024</div></body></html>"
    )
    return "http://bbs.example" + urls[k - 1], html


@pytest.mark.parametrize("seed", range(30))
def test_a_reply_page_says_it_is_a_later_page(seed):
    url, html = thread_page(seed, 2 + seed % 3)
    assert is_continuation(document_fromstring(html), url), url


@pytest.mark.parametrize("seed", range(30))
def test_page_one_of_a_thread_is_no_later_page(seed):
    url, html = thread_page(seed, 1)
    assert not is_continuation(document_fromstring(html), url), url


@pytest.mark.parametrize(
    "bar",
    [
        # a footnote and a year beside a link "1": no bar
        "<p>见注释<a href='/notes#1'>1</a>，2024年判决。</p>",
        # a comment pager on the article's own page shows comment page 1
        "<div class='cpages'><span>1</span><a href='/c?p=2'>2</a><a href='/c?p=3'>3</a></div>",
        # two bare numbers: a count and a date, no current page
        "<div><a href='/x/1'>1</a><span>12</span><span>30</span></div>",
    ],
)
def test_numbers_that_are_no_pager_bar(bar):
    html = f"<html><body><h1>标题</h1><p>{ARTICLE}</p>{bar}</body></html>"
    assert not is_continuation(document_fromstring(html), "http://s.example/a/77.html")


def test_generated_forum_threads_reply_pages_and_first_pages():
    """Every thread of the forum sites of genweb seeds 1-30 (Discuz, phpBB, thread-N-k
    schemes): its replies-only pages say they are later pages, its page 1 does not."""
    checked, misses = 0, []
    for seed in range(1, 31):
        with GenWeb(seed) as web:
            for name in web.sites_names():
                site = web.site(name)
                if site.style.kind != "forum":
                    continue
                pages = site.build(1).build.pages
                for placed in site.placed.values():
                    if not placed.extra:
                        continue
                    for k, path in enumerate((placed.pages[0], *placed.extra)):
                        page, url = pages[site_key(path)], site.url(path)
                        headers = {"Content-Type": page.content_type}
                        text = HtmlResponse(url=url, body=page.body, headers=headers).text
                        if is_continuation(document_fromstring(text), url) != (k > 0):
                            misses.append((seed, name, path, k + 1))
                        checked += 1
    assert checked >= 20
    assert not misses, misses[:10]


def test_an_unparseable_href_in_a_pager_is_no_link():
    """A hostile page's ``href="http://[bad/"`` (urljoin raises ValueError) is not a link."""
    from lxml import html as lxml_html

    from pipelines.classify import is_continuation

    doc = lxml_html.fromstring(
        '<html><body><div class="pages"><a href="http://[bad/">1</a> <strong>2</strong> '
        '<a href="/t?page=3">3</a></div><p>text</p></body></html>'
    )
    assert is_continuation(doc, "http://h/t?page=2") in (True, False)  # no exception
