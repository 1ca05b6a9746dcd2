"""One reader comment in a box no class names, after the article (issue 12, last chrome
class 1): a user link or avatar, an utterance, a time stamp and a count.  Built with several
wrappers, utterances and furniture rows; what must stay: a byline block of the same
furniture without an utterance, a credit line in such a block, a reader quoted in the
article, and two alike comments are the run step's (they go too)."""

from __future__ import annotations

import itertools

import pytest

from pipelines.extract.density import MeasuredTree
from pipelines.extract.lone_comment import find_lone_comments
from pipelines.extract.orchestrator import extract_page
from pipelines.extract.parse import parse_html

PARAS = [
    "近日，一名古风短视频博主起诉称，某文化传媒公司未经许可使用其照片生成换脸模板供用户付费使用，侵害其肖像权。",
    "原告发现，某文化传媒公司运营的合成软件上架了多款以其本人形象为素材的模板，用户上传照片即可替换原告面部。",
    "法院审理后认为，被告未经许可使用原告肖像制作模板牟利，构成侵权，判令被告赔礼道歉并赔偿经济损失。",
    "承办法官表示，利用新技术制作、使用他人肖像，同样需要取得肖像权人的同意，否则应当承担相应的法律责任。",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)
USERS = ['<a href="javascript:;">北京网友</a>', '<img src="/a.png"><a href="/u/9">用户8812</a>']
UTTERANCES = ["赶紧告诉爸妈！！", "支持！看标题还以为是电影。", "这种人就该重判，法律不是摆设。"]
ROWS = [
    "<div><span>2024-07-10 02:42</span><span>来自陕西</span><span> 2957</span>"
    '<a href="javascript:;">回复</a></div>',
    "<div><span>5-18 09:20</span><span>赞 460</span></div>",
    "<p><em>3小时前</em> <i>(12)</i></p>",
]
WRAPS = [
    ("<div>", "</div>"),
    ('<section class="css-x1">', "</section>"),
    ("<ul><li>", "</li></ul>"),
]


def _page(after: str, before: str = "") -> bytes:
    return (
        "<html><head><title>古风短视频博主起诉某文化传媒公司</title></head><body>"
        "<h1>古风短视频博主起诉某文化传媒公司</h1>"
        f"{before}<div class='con'>{ARTICLE}</div>{after}"
        "</body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("user", "said", "row", "wrap"), list(itertools.product(USERS, UTTERANCES, ROWS, WRAPS))
)
def test_one_comment_after_the_article_goes(user: str, said: str, row: str, wrap: tuple) -> None:
    box = f"{wrap[0]}{user}<p>{said}</p>{row}{wrap[1]}"
    out = extract_page([_page(f'<div class="plbox"><div>{box}</div></div>')], "http://x.cn/a/1")
    assert said not in out.text
    assert all(p in out.text for p in PARAS)


def _lone(page: bytes) -> list[str]:
    root = parse_html(page.decode())
    return [el.text_content() for el in find_lone_comments(root, MeasuredTree(root))]


@pytest.mark.parametrize(
    "block",
    [
        # a byline: author link, date, reads, no utterance
        '<div><a href="/author/3">马杰</a><span>2024-07-09 21:25</span>'
        "<span>阅读 75898</span></div>",
        # a credit line with a comma in such a block
        '<div><a href="/author/3">东湖晚报</a><p>文/记者 王敏，通讯员 李强</p>'
        "<span>2024-07-09</span><span>浏览 812</span></div>",
        # an author card: a link, a paragraph of the article, a date and reads
        f'<div><a href="/author/3">马杰</a><p>{PARAS[0]}{PARAS[1]}</p>'
        "<span>2024-07-09</span><span>阅读 812</span></div>",
    ],
)
def test_a_byline_block_is_no_lone_comment(block: str) -> None:
    assert _lone(_page(block)) == []
    assert _lone(_page("", before=block)) == []


def test_the_step_finds_the_comment_itself() -> None:
    box = f"<div>{USERS[0]}<p>{UTTERANCES[0]}</p>{ROWS[0]}</div>"
    assert [UTTERANCES[0] in t for t in _lone(_page(box))] == [True]
    assert _lone(_page("", before=box)) == []  # above the article: not after it


def test_a_reader_quoted_in_the_article_stays() -> None:
    quoted = "网友“北京网友”在评论区留言：“赶紧告诉爸妈！！”这条留言获得了两千多个赞。"
    page = _page(f"<div><p>{quoted}</p><span>2024-07-10 02:42</span></div>")
    out = extract_page([page], "http://x.cn/a/1")
    assert quoted in out.text
