"""What a page is is decided by the page (issue 12, class 2), checked on generated instances.

Each case draws a URL scheme seen on real Chinese sites, a body layout and the furniture
around it (a 首页 link home, «/» or 上一篇/下一篇 to neighbouring posts, a pager), from a
seeded generator.  An article must be read as an article whatever its permalink looks like
(``/p/12345678``, ``/archives/12/``, ``/t20230801_123.html``, ``/?p=5``, a date path); page
N of a split article must be recognised by the pager it carries, at any URL scheme.
"""

from __future__ import annotations

import random

import pytest
from lxml.html import document_fromstring

from pipelines.classify import is_continuation
from pipelines.extract import extract_page
from tests.classweb import body_html

PARAGRAPHS = (
    "记者从法院获悉，该案系当地首例利用深度合成技术侵害他人肖像权的民事纠纷。",
    "原告发现，某应用上架了以其面部为素材的换脸模板，用户付费即可把自己的脸替换进视频。",
    "法院审理认为，被告未经许可使用原告肖像制作模板并牟利，其行为构成侵权，应当停止侵害。",
    "庭审中，被告辩称模板由用户上传，平台仅提供技术服务，但未能提交相应证据予以证明。",
    "承办法官表示，技术中立不能成为侵权的挡箭牌，服务提供者对明显侵权内容负有审核义务。",
    "最终，法院判决被告赔礼道歉，并赔偿原告经济损失及合理维权费用共计两万余元。",
)

# (article URL for id n, URL of the neighbouring post n-1, URL of n+1): permalinks only.
PERMALINKS = (
    lambda n: f"/p/{n}",
    lambda n: f"/p/{n % 1000}",  # small ids: /p/12
    lambda n: f"/archives/{n % 1000}/",
    lambda n: f"/archives/{n}",
    lambda n: f"/?p={n}",
    lambda n: f"/t20230801_{n % 1000}.html",
    lambda n: f"/news/2024-05-{n % 28 + 1:02d}.html",
    lambda n: f"/2024/05/{n % 28 + 1:02d}/",
    lambda n: f"/{n % 1000}/",
    lambda n: f"/a/{n}_{n % 97}",
    lambda n: f"/s?id={n}",
    lambda n: f"/doc-i{n}.shtml",
    lambda n: f"/thread-{n}-1-1.html",
    lambda n: f"/html/2023/0801/{n % 1000}.html",
    lambda n: f"/content/{n % 100}-{n % 7 + 2}.html",
)


def _furniture(rng: random.Random, prev_url: str, next_url: str) -> str:
    nav = "<div class='nav'><a href='/'>首页</a> <a href='/news/'>新闻</a></div>"
    post_nav = rng.choice(
        (
            f"<a href='{prev_url}'>«</a> <a href='{next_url}'>»</a>",
            f"<a href='{prev_url}'>‹</a> <a href='{next_url}'>›</a>",
            f"<a href='{prev_url}'>上一篇：另一则新闻</a> <a href='{next_url}'>下一篇：又一则</a>",
            f"<a href='{prev_url}'>&lt;</a> <a href='{next_url}'>&gt;</a>",
        )
    )
    return nav, f"<div class='post-nav'>{post_nav}</div>"


def _article(seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    scheme = PERMALINKS[seed % len(PERMALINKS)]
    n = rng.randint(12, 99_999_999)
    url = "http://site.example" + scheme(n)
    paragraphs = rng.sample(PARAGRAPHS, rng.randint(4, len(PARAGRAPHS)))
    nav, post_nav = _furniture(rng, scheme(n - 1), scheme(n + 1))
    html = (
        f"<html><head><title>换脸模板侵权案宣判_站点</title></head><body>{nav}"
        f"<h1>换脸模板侵权案宣判</h1>{body_html(paragraphs, rng)}{post_nav}</body></html>"
    )
    return url, html


@pytest.mark.parametrize("seed", range(60))
def test_an_article_is_an_article_at_any_permalink(seed):
    url, html = _article(seed)
    out = extract_page([html.encode()], url)
    assert out.is_article, (url, out.reason)
    assert "侵害肖像权" in out.text.replace("他人", "") or "侵权" in out.text


# (page 1 URL, page k URL) of split-article schemes, and the pager labels sites print.
SPLITS = (
    lambda n, k: f"/news/{n}.html" if k == 1 else f"/news/{n}_{k}.html",
    lambda n, k: f"/a/{n}.shtml" if k == 1 else f"/a/{n}-{k}.shtml",
    lambda n, k: f"/show.php?id={n}" if k == 1 else f"/show.php?id={n}&page={k}",
    lambda n, k: f"/p/{n}" if k == 1 else f"/p/{n}/{k}/",
    lambda n, k: f"/thread-{n}-{k}-1.html",
    lambda n, k: f"/t20230801_{n}.html" if k == 1 else f"/t20230801_{n}_{k}.html",
)


def _later_page(seed: int) -> tuple[str, str, bool]:
    """Page k >= 2 of a split article; whether its pager proves it (it links page 1 or
    page k-1 as a page)."""
    rng = random.Random(1000 + seed)
    scheme = SPLITS[seed % len(SPLITS)]
    n, k = rng.randint(100, 99999), rng.randint(2, 4)
    url = "http://site.example" + scheme(n, k)
    style = rng.choice(("numbers", "prev", "first"))
    if style == "numbers":
        pager = "".join(
            f"<a href='{scheme(n, j)}'>{j}</a>" if j != k else f"<b>{j}</b>" for j in range(1, 5)
        )
    elif style == "prev":
        pager = f"<a href='{scheme(n, k - 1)}'>上一页</a><a href='{scheme(n, k + 1)}'>下一页</a>"
    else:
        pager = f"<a href='{scheme(n, 1)}'>第一页</a><a href='{scheme(n, k + 1)}'>下一页</a>"
    html = (
        "<html><body><a href='/'>首页</a><h1>换脸模板侵权案宣判</h1>"
        f"<p>{PARAGRAPHS[k]}</p><div class='pages'>{pager}</div></body></html>"
    )
    return url, html


@pytest.mark.parametrize("seed", range(36))
def test_page_n_is_recognised_by_its_pager(seed):
    url, html = _later_page(seed)
    assert is_continuation(document_fromstring(html), url), url


@pytest.mark.parametrize(
    "url,links",
    [
        # a day archive linking the day before: a date, not a page number
        ("http://s.example/2024/05/12/", [("«", "/2024/05/11/"), ("»", "/2024/05/13/")]),
        # 首页 is the site's home page, not page 1 of /?p=5 or of /12/
        ("http://s.example/?p=5", [("首页", "/")]),
        ("http://s.example/12/", [("首页", "/"), ("«", "/11/")]),
        ("http://s.example/p/2", [("«", "/p/1"), ("1", "/about")]),
        ("http://s.example/t20230801_123.html", [("首页", "/"), ("上一篇", "/t20230801_122.html")]),
    ],
)
def test_permalinks_with_neighbour_links_are_no_later_pages(url, links):
    anchors = "".join(f"<a href='{href}'>{label}</a>" for label, href in links)
    html = f"<html><body>{anchors}<p>{PARAGRAPHS[0]}</p></body></html>"
    assert not is_continuation(document_fromstring(html), url)


HEADLINES = (
    "AI换脸侵权案一审宣判，平台被判赔偿", "男子用换脸软件伪造视频诈骗获刑",
    "检察院对深度伪造团伙提起公诉", "互联网法院审结首例AI声音侵权案",
    "换脸模板侵犯肖像权，法院判令删除", "警方破获利用AI合成人脸盗号案",
    "古风博主起诉换脸App胜诉", "深度合成服务提供者被约谈",
)  # fmt: skip


def _list_page(seed: int) -> str:
    """A forum board, search results, an author page or an archive: items of a headline link
    with a user, a date, a count or a cut-off excerpt; at no telling URL."""
    rng = random.Random(2000 + seed)
    kind = ("board", "search", "author", "archive")[seed % 4]
    rows = []
    for i in range(rng.randint(3, 9)):
        title, href = HEADLINES[i % len(HEADLINES)], f"/p/{rng.randint(10, 99999)}"
        when = f"2024-05-{i % 27 + 1:02d}"
        excerpt = rng.choice(PARAGRAPHS)[: rng.randint(20, 50)] + "……"
        rows.append(
            {
                "board": f"<tr><th><a href='{href}'>{title}</a></th><td><cite>用户{i}</cite>"
                f"<em>{when}</em></td><td>{rng.randint(1, 99)}</td></tr>",
                "search": f"<div class='r'><h3><a href='{href}'>{title}</a></h3><p>{excerpt}</p>"
                f"<span>{when}</span></div>",
                "author": f"<li><a href='{href}'>{title}</a> <span>{when}</span></li>",
                "archive": f"<li><span>{when}</span><a href='{href}'>{title}</a></li>",
            }[kind]
        )
    wrap = "table" if kind == "board" else "div"
    bio = "<p>资深法治记者，长期关注人工智能与法律交叉领域。</p>" if kind == "author" else ""
    return (
        "<html><head><title>列表_站点</title></head><body><a href='/'>首页</a>"
        f"<h1>{rng.choice(('新闻杂谈', '搜索结果', '作者文章', '2024年5月'))}</h1>{bio}"
        f"<{wrap} class='list'>{''.join(rows)}</{wrap}></body></html>"
    )


@pytest.mark.parametrize("seed", range(24))
def test_list_pages_are_no_articles_at_any_url(seed):
    url = "http://site.example" + PERMALINKS[seed % len(PERMALINKS)](seed + 100)
    out = extract_page([_list_page(seed).encode()], url)
    assert not out.is_article, (url, out.text)


def _shape(html: str):
    from crawler.pageshape import read_shape

    return read_shape(document_fromstring(html))


@pytest.mark.parametrize("seed", range(12))
def test_page_n_plus_1_is_joined_only_when_it_continues_the_article(seed):
    from crawler.pagination import JOIN, OTHER, REPLIES, ChainPage, continues

    rng = random.Random(3000 + seed)
    title = "换脸模板侵权案宣判"
    head = f"<html><head><title>{title}_站</title></head><body><h1>{title}</h1>"
    page1 = _shape(head + body_html(PARAGRAPHS[:1], rng) + "</body></html>")
    chain = [ChainPage("http://s.example/a", b"", None, None, page1.headline)]
    rest = head + body_html(PARAGRAPHS[rng.randint(1, 5) :], rng) + "</body></html>"
    posts = "".join(
        f"<div class='post' id='p{i}'><a href='/u/{i}'>网友{i}</a><em>{i}楼</em>"
        f"<p>{rng.choice(('顶', '支持楼主', '学习了'))}（{i}）</p></div>"
        for i in range(9, 9 + rng.randint(2, 8))
    )
    replies = head + f"<div id='postlist'>{posts}</div></body></html>"
    other = rest.replace(title, "男子用换脸软件伪造视频诈骗获刑")
    assert continues(chain, _shape(rest)) == JOIN
    assert continues(chain, _shape(replies)) == REPLIES
    assert continues(chain, _shape(other)) == OTHER
