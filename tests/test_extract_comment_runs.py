"""Issue 12, class 3: a comment section named by nothing must not beat the article.

An unnamed comment list longer than a <br>-separated article goes (generated heavy portal
pages are in test_extract_mainpages.py); shapes that look like comments but are not (a
data table, article paragraphs with links and dates, a discussion page whose posts are
the content) keep their text.
"""

from __future__ import annotations

import random

import lxml.html
import pytest

from pipelines.extract import extract_page
from pipelines.extract.comment_runs import entry_shape, find_comment_runs

ARTICLE = [
    "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益，应当承担侵权责任。",
    "判决生效后，被告已删除涉案视频，并在其平台首页连续七日刊登致歉声明，赔偿原告经济损失两万元。",
    "承办法官表示，利用人工智能技术合成他人形象须取得本人同意，平台对用户上传的内容负有审核义务。",
    "据了解，原告是一名短视频博主，去年发现自己的面孔被替换进多条付费视频模板，随即委托律师取证。",
    "庭审中，被告辩称模板由用户自行上传，其仅提供技术服务，但未能提交任何审核记录证明已尽到义务。",
    "法院认为，被告从模板销售中直接获利，应当对模板内容负有更高的注意义务，其抗辩理由不能成立。",
    "目前，该案判决已发生法律效力，被告已按判决履行全部义务，涉案模板均已从平台下架。",
]
COMMENTS = ["支持严惩！", "太可怕了，现在真不敢发自拍了。", "这种人就该重判，希望平台也担责。",
            "我妈前几天差点被骗，转给家里老人看看。", "说得好，技术无罪，人有罪。"] * 4  # fmt: skip


def _news(article_html: str, comments_html: str) -> bytes:
    menu = "".join(f"<li><a href='/c/{i}'>频道{i}</a></li>" for i in range(120))
    return (
        "<html><head><title>换脸侵权案宣判</title></head><body>"
        f"<ul>{menu}</ul><div class='wrap'><h1>换脸侵权案宣判</h1>{article_html}"
        f"<div>{comments_html}</div></div></body></html>"
    ).encode()


@pytest.mark.parametrize("cls", ["", "inner"])
def test_unnamed_comment_list_longer_than_the_article_goes(cls: str):
    # a <br> article, no <p>; its column and the comments' box may share a class name
    body = "<div>" + "<br><br>".join(ARTICLE) + "</div>"
    article = f"<div class='{cls}'><span>2024-05-01 10:00</span><span>来源：本报</span>{body}</div>"
    comments = "".join(
        f"<div><a href='/u/{i}'>网友{i}</a><span>2024-05-0{i % 9 + 1} 10:2{i % 10}</span>"
        f"<div>{text}{text}</div><span>赞({i * 3})</span></div>"
        for i, text in enumerate(COMMENTS)
    )
    comments = f"<div class='{cls}'><div>读者留言</div><div>{comments}</div></div>"
    text = extract_page([_news(article, comments)], "https://news.example.com/a/1.html").text
    assert all(p in text for p in ARTICLE)
    assert not any(c in text for c in COMMENTS)


def test_a_data_table_is_not_a_comment_run():
    rows = "".join(
        f"<tr><td>{i}</td><td>选手{i}号</td><td>{100 - i}</td><td>本场得分明显提高。</td></tr>"
        for i in range(8)
    )
    root = lxml.html.fromstring(
        f"<div><table><tr><th>名次</th><th>姓名</th><th>分</th><th>说明</th></tr>{rows}</table></div>"
    )
    assert find_comment_runs(root) == []


def test_article_paragraphs_with_links_and_dates_are_not_entries():
    para = (
        "<div class='para'>1975年出生于<a href='/i/1'>新加坡</a>，<span>1月28日</span>"
        "毕业于<a href='/i/2'>某学院</a>，此后发行多张专辑。<sup>[3]</sup></div>"
    )
    root = lxml.html.fromstring(f"<div>{para * 6}</div>")
    assert find_comment_runs(root) == []
    assert not {"time", "user"} <= entry_shape(root[0]).kinds


def test_a_thread_whose_replies_are_nested_keeps_its_posts():
    # a discussion page no URL announces, replies nested under one of two comments: the
    # reply run is not chrome, the best text left being a comment itself
    def comment(i: int, replies: str = "") -> str:
        return (
            f"<div><div class='comment-item'><img src='/a/{i}.png'><a href='/u/{i}'>用户{i}</a>"
            f"<span class='time'>2023-07-0{i} 23:1{i}</span>"
            f"<div class='text'>{''.join(ARTICLE[i : i + 3])}</div><span class='likes'>{i}</span>"
            f"<div class='replies'>{replies}</div></div></div>"
        )

    reply = "".join(
        f"<div class='reply-item'><a href='/u/9{k}'>用户9{k}</a><span>2023-07-07 1{k}:00</span>"
        f"<span>{COMMENTS[k]}</span></div>"
        for k in range(4)
    )
    topic = "<div class='topic'>换脸软件用了我的照片，能起诉吗？</div>"
    body = topic + comment(1) + comment(2, reply)  # two comments: the replies are the run
    page = f"<html><head><title>讨论</title></head><body><div>{body}</div></body></html>"
    text = extract_page([page.encode()], "").text
    assert all(c in text for c in COMMENTS[:4])


def _page_sections(r: random.Random, paragraphs: list[str], page: int) -> str:
    """A page's own sections as unclassed sibling <div>s, each of another shape: the
    headline block (a date, a read count), the body, the pager, a related list."""
    day = f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:05"
    glue = r.choice(("<br><br>", "<br>"))
    headline = r.choice(("换脸侵权案宣判，平台赔偿两万元", "冒用他人面孔带货，商家被判赔礼道歉"))
    head = (
        f"<div><div>{headline}</div><div><span>{day}</span>"
        f"<span>{r.randint(99, 99999)}人阅读</span></div></div>"
    )
    body = "<div>" + glue.join(paragraphs) + f"{glue}<img src='/u/{r.randint(1, 99)}.jpg'></div>"
    pager = (
        "<div><span>1</span><a href='/a/1_2.html'>2</a><a href='/a/1_2.html'>下一页</a></div>"
        if page == 1
        else "<div><a href='/a/1.html'>«上一页</a><a href='/a/1.html'>1</a><span>2</span></div>"
    )
    titles = ("城市书房正式开放藏书两万余册", "暑期档电影票房突破新高", "地铁延伸段今日开通运营")
    related = "".join(
        f"<li><a href='/a/{r.randint(100, 999)}.html'>{t}</a>"
        f"<span>{r.randint(1, 12)}-{r.randint(1, 28)}</span><p>{t}，记者从有关部门获悉……</p></li>"
        for t in r.sample(titles, 2)
    )
    sections = [head, body, pager, f"<div><ul>{related}</ul></div>"]
    if r.random() < 0.5:
        sections.insert(0, "<div><a href='/'>首页</a> &gt; <a href='/gn/'>国内</a></div>")
    comments = "".join(
        f"<div class='reply'><a href='javascript:;'>网友{i}</a><p>{COMMENTS[i + page]}</p>"
        f"<div><span>11-1{i} 01:46</span><span>赞 {i * 7}</span></div></div>"
        for i in range(2)
    )
    return (
        "<html><head><title>换脸侵权案宣判</title></head><body>"
        f"<div class='content'>{''.join(sections)}<div class='comment-list'>{comments}</div>"
        "</div></body></html>"
    )


@pytest.mark.parametrize("seed", range(6))
def test_a_pages_own_sections_in_plain_divs_are_not_a_comment_run(seed: int):
    # the headline block, the pager and a related list are each "an entry" of another kind;
    # taken for one run they took page 2's two paragraphs along (genweb seed 965774734107)
    r = random.Random(seed)
    first, second = ARTICLE[:3], ARTICLE[3 + seed % 3 : 5 + seed % 3]
    pages = [_page_sections(r, first, 1), _page_sections(r, second, 2)]
    runs = find_comment_runs(lxml.html.fromstring(pages[1]).find("body"))
    assert not any(second[0] in m.text_content() for run in runs for m in run)
    text = extract_page([p.encode() for p in pages], "https://news.example.com/a/1.html").text
    assert all(p in text for p in first + second)


def _two_comments(r: random.Random) -> tuple[str, list[str]]:
    """Two reader comments in an unnamed box: a user, a line, a time stamp and a count
    each, in one of a few markups, sometimes beside a notice or a heading."""
    lines = r.sample(COMMENTS[:5], 2)
    tag = r.choice(("div", "li", "section"))
    items = []
    for k, line in enumerate(lines):
        when = r.choice(("前天 19:33", "2024-05-15 20:47", "3小时前", "11-19 01:46"))
        count = r.choice((f"赞 {r.randint(0, 3000)}", f" {r.randint(1, 99)}", f"👍 {k + 5}"))
        attr = r.choice(("", " id='item'", f" data-k='{k}'"))
        items.append(
            f"<{tag}{attr}><a href='javascript:;'>网友{r.randint(10, 99)}</a><p>{line}</p>"
            f"<div><span>{when}</span><span>{count}</span></div></{tag}>"
        )
    head = r.choice(("<h3>评论</h3>", "<div>文明上网理性发言，请遵守新闻评论服务协议</div>", ""))
    wrap = "ul" if tag == "li" else "div"
    return f"<{wrap}>{head}{''.join(items)}</{wrap}>", lines


@pytest.mark.parametrize("seed", range(8))
def test_two_comments_in_full_furniture_go(seed: int):
    # a two-comment section nobody named stayed under its article (genweb seed 321329088568)
    box, lines = _two_comments(random.Random(seed))
    article = "<div>" + "<br>".join(ARTICLE) + "</div>"
    text = extract_page([_news(article, box)], "https://news.example.com/a/2.html").text
    assert all(p in text for p in ARTICLE)
    assert not any(line in text for line in lines)


def test_one_byline_block_and_two_paragraphs_with_dates_are_no_pair():
    byline = "<div><a href='/author/1'>记者 张三</a><span>2024-05-01 10:00</span><span>阅读 123</span></div>"  # noqa: E501
    paras = "".join(
        f"<div><span>2024年5月{k}日</span>，{p}</div>" for k, p in enumerate(ARTICLE[:2])
    )
    root = lxml.html.fromstring(f"<div>{byline}<div>{ARTICLE[2]}</div>{paras}</div>")
    assert find_comment_runs(root) == []
