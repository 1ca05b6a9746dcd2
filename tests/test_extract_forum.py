"""Threads and discussions: which replies are content, and the furniture around them.

Built inline, in the shapes real boards use (a topic then a reply list named "reply"/
"comment", a Discuz-like post table, a Q&A page), so each rule can fail on its own.
"""

from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract import extract_page
from pipelines.extract.density import MeasuredTree, measure
from pipelines.extract.forum_hint import QA, THREAD, discussion_kind, html_kind, url_kind

_ARTICLE = "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益。" * 8
_REPLIES = [
    "我觉得关键在于平台是否尽到了审核义务，这一点判决里写得不够清楚，希望二审能说明白。",
    "人脸信息属于敏感个人信息，单独同意的要求在个人信息保护法第二十九条里写得很明确。",
    "同意楼上，另外举证责任怎么分配也值得讨论，普通用户很难拿到平台后台的数据记录。",
    "之前类似的案子赔偿都很低，这次能判精神损害抚慰金算是进步了，值得做成典型案例。",
]


def _topic_page(body: str, replies: list[str], list_class: str = "replies") -> bytes:
    """A topic and a reply list after it, each reply with a user card and buttons."""
    items = "".join(
        f'<div class="reply" id="reply{i}"><div class="user"><a href="/u/{i}">用户{i}</a>'
        f'<span class="time">2024-05-0{i + 1} 10:2{i}</span><span>#{i + 1}</span></div>'
        f'<div class="markdown"><p>{text}</p></div>'
        f'<div class="actions"><a href="#">赞</a><a href="#">回复</a></div></div>'
        for i, text in enumerate(replies)
    )
    return (
        "<html><head><title>话题</title></head><body><div class='main'>"
        f"<div class='topic'><h1>换脸案判决讨论</h1><div class='body'><p>{body}</p></div></div>"
        f"<div class='{list_class}'>{items}</div></div></body></html>"
    ).encode()


def test_topic_replies_are_kept_without_cards_on_a_forum():
    out = extract_page([_topic_page(_ARTICLE[:200], _REPLIES)], "https://bbs.example.org/t/42")
    assert out.text.startswith("法院审理认为")
    assert all(r in out.text for r in _REPLIES)
    for furniture in ("用户1", "2024-05-02", "#2", "回复"):
        assert furniture not in out.text


def test_same_shape_on_a_news_page_drops_the_comments():
    page = _topic_page(_ARTICLE, _REPLIES, list_class="comment-list")
    out = extract_page([page], "https://news.example.com/2024/05/01/123.html")
    assert out.text.startswith("法院审理认为")
    assert not any(r in out.text for r in _REPLIES)


def test_short_text_under_a_longer_reply_stream_is_a_discussion_without_any_hint():
    # short replies under heavy user cards: the stream scores as chrome, yet it is the page
    replies = ["可以起诉，保留好证据。", "先找平台投诉，再考虑诉讼。", "同问，关注。",
               "建议咨询律师。", "我也遇到过，最后和解了。", "人脸属于敏感个人信息。"]  # fmt: skip
    page = _topic_page("换脸软件用了我的照片，能起诉吗？", replies, list_class="comment-list")
    out = extract_page([page], "")
    assert out.text.startswith("换脸软件用了我的照片") and all(r in out.text for r in replies)
    assert "用户1" not in out.text and "2024-05-02" not in out.text


def test_article_copy_with_chatter_keeps_the_first_post_only():
    chatter = ["好文章，转走了，谢谢分享。", "顶一下，希望更多人看到！", "楼主辛苦，收藏了。"]
    out = extract_page([_topic_page(_ARTICLE, chatter)], "https://bbs.example.org/t/43")
    assert out.text.startswith("法院审理认为")
    assert not any(c in out.text for c in chatter)


def test_article_with_a_real_discussion_keeps_the_replies():
    out = extract_page([_topic_page(_ARTICLE, _REPLIES * 2)], "https://bbs.example.org/t/44")
    assert all(r in out.text for r in _REPLIES)


def test_answers_to_a_long_question_are_kept():
    answers = ["可以起诉。", "先公证保全证据。", "找律师。"]
    out = extract_page([_topic_page(_ARTICLE, answers)], "https://ask.example.com/questions/9")
    assert all(a in out.text for a in answers)


def test_comment_stream_page_keeps_messages_not_user_cards():
    items = "".join(
        f'<div class="comment-item"><div class="avatar"><img src="/a{i}.png"></div>'
        f'<h3><span class="vote">有用</span><span class="info"><a href="/p/{i}">影迷{i}</a>'
        f"<span>看过</span><span>2024-04-0{i + 1} 09:3{i}:18</span></span></h3>"
        f'<p class="comment-content"><span class="short">{text}</span></p></div>'
        for i, text in enumerate(_REPLIES)
    )
    page = f"<html><body><div id='comments'>{items}</div></body></html>".encode()
    out = extract_page([page], "https://movie.example.com/subject/1/comments")
    assert all(r in out.text for r in _REPLIES)
    assert "有用" not in out.text and "影迷1" not in out.text and "看过" not in out.text


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://bbs.example.cn/read.php?x=1", THREAD),
        ("https://www.example.com/thread-8848-1-1.html", THREAD),
        ("https://example.com/forum.php?mod=viewthread&tid=38672", THREAD),
        ("https://ruby.example.org/topics/43661", THREAD),
        ("https://discuss.example.org/d/15648", THREAD),
        ("https://zhidao.example.com/question/12.html", QA),
        ("https://www.example.com/question/5/answer/6", QA),
        ("https://news.example.com/2024/05/13/c_1.htm", None),
        ("https://news.example.com/gn/202405/t20240513_15249693.htm", None),
        ("https://mlog.club/article/6208943", None),
        ("", None),
    ],
)
def test_url_kind(url: str, kind: str | None):
    assert url_kind(url) == kind


def test_html_kind_needs_stand_alone_labels():
    assert html_kind("<p>还珠楼主全集下载，楼主原创</p>") is None
    assert html_kind("<em>楼主</em><a>只看该作者</a>") == THREAD
    assert html_kind('<meta name="generator" content="Discuz! X3.4">') == THREAD
    assert html_kind("<span>被采纳</span>") == QA
    assert discussion_kind("<span>楼主</span>", "https://zhidao.example.com/question/1") == QA


def test_measured_tree_stays_equal_to_a_fresh_measure():
    html = (
        "<html><body><div id='a'><p>第一段，有标点。<span class='x'>分享到微博</span>还有文字。</p>"
        "<div class='share'><a href='#'>微信</a> <a href='#'>微博</a></div>尾巴文字，"
        "<p>第二段<a href='/n'>链接文字</a>继续。</p></div><ul><li><a href='/1'>一条新闻标题"
        "很长很长</a></li><li><a href='/2'>另一条</a></li></ul><a href='/x'><div>块在链接里，"
        "有句子。</div></a></body></html>"
    )
    body = lxml.html.document_fromstring(html).find("body")
    tree = MeasuredTree(body)
    for xpath in ("//span[@class='x']", "//div[@class='share']", "//li[2]", "//a[@href='/x']/div"):
        tree.remove(body.xpath(xpath)[0])
    fresh = measure(body)
    assert list(tree.stats) == list(fresh)
    assert all(tree.stats[el] == fresh[el] for el in fresh)
    assert "分享到微博" not in body.text_content() and "尾巴文字" in body.text_content()


def test_subheading_between_paragraphs_is_kept():
    para = "梁振英强调承诺将在两周内解决其住宅的违建问题，并就此事向公众作出交代。" * 3
    html = f"<html><body><div><p>{para}</p><h2>郑重道歉</h2><p>{para}</p></div></body></html>"
    out = extract_page([html.encode()], "https://news.example.com/a/1.html")
    assert "郑重道歉" in out.text


@pytest.mark.parametrize("title_tag", ["h1", "div", "p"])
def test_answers_stay_when_the_question_is_a_box_beside_its_title(title_tag: str):
    # a question drawn as its title and a markdown box has the shape of a repost (a box of
    # paragraphs beside a plain line); on a Q&A page its answers are still the content
    question = "".join(f"<p>{_ARTICLE[i * 40 : (i + 1) * 40]}</p>" for i in range(8))
    topic = (
        f"<div class='question'><{title_tag}>请教一下人脸信息案件的起诉问题</{title_tag}>"
        f"<div class='md-preview'>{question}</div></div>"
    )
    page = _topic_page("", _REPLIES).replace(
        "<div class='topic'><h1>换脸案判决讨论</h1><div class='body'><p></p></div></div>".encode(),
        topic.encode(),
    )
    out = extract_page([page], "https://ask.example.com/questions/10")
    assert _ARTICLE[:40] in out.text and all(r in out.text for r in _REPLIES)


@pytest.mark.parametrize("tag", ["p", "div", "li"])
def test_a_comment_that_says_only_a_floor_word_makes_no_thread(tag: str):
    # readers write "沙发" as their whole comment; a board draws it as furniture
    assert html_kind(f"<{tag} class='txt'>沙发</{tag}>") is None
    assert html_kind(f"<{tag}><span>1#</span><em>沙发</em></{tag}>") == THREAD
    page = _topic_page(_ARTICLE, [*_REPLIES, "沙发"], list_class="comment-list")
    page = page.replace(b"<p>\xe6\xb2\x99\xe5\x8f\x91</p>", f"<{tag}>沙发</{tag}>".encode())
    out = extract_page([page], "https://news.example.com/2024/05/01/124.html")
    assert out.text.startswith("法院审理认为")
    assert not any(r in out.text for r in _REPLIES)


def _replies_page(replies: list[str]) -> bytes:
    """Page 2 of a thread: replies only."""
    return _topic_page("", replies).replace(
        "<div class='topic'><h1>换脸案判决讨论</h1><div class='body'><p></p></div></div>".encode(),
        b"",
    )


def test_later_pages_of_a_reposted_article_add_no_chatter():
    chatter = ["好文章，转走了，谢谢分享。", "顶一下，希望更多人看到！", "楼主辛苦，收藏了。"]
    later = ["前排围观，学习了，感谢楼主。", "支持维权，顶上去让更多人看到！", "路过，mark一下。"]
    pages = [_topic_page(_ARTICLE, chatter), _replies_page(later)]
    out = extract_page(pages, "https://bbs.example.org/t/45")
    assert out.text.startswith("法院审理认为")
    assert not any(c in out.text for c in [*chatter, *later])


def test_later_pages_of_a_discussion_keep_their_replies():
    pages = [_topic_page(_ARTICLE[:200], _REPLIES[:2]), _replies_page(_REPLIES[2:])]
    out = extract_page(pages, "https://bbs.example.org/t/46")
    assert all(r in out.text for r in _REPLIES)
