"""A thread whose opening post is styled apart from its replies, with one reply on page 1.

The class (fresh genweb seed 537104302797, a phpBB-like board): the opening post sits in a
container of its own class (``threadbody``) and the replies in another (``postreply``), so
with a single reply no two siblings share a signature and no thread was found; the reply
was stored as the article's last paragraph.  What the posts do share is the user card they
open with ("name 楼主/沙发 发表于 time").  Drawn: board markup (container tags and classes,
card and message classes), article lengths, one or two replies, with a quote-less paste;
and the guards: a thread whose replies share a class keeps its old reading, and a
news page whose article and one comment box share nothing is left alone.
"""

from __future__ import annotations

import random

import pytest

from pipelines.extract import extract_page

_SENTENCES = [
    "2025年9月25日，沈阳市和平区人民检察院以涉嫌传播淫秽物品罪对邵某某等3人依法提起公诉。",
    "审查起诉期间，检察机关依法告知邵某某享有的诉讼权利，邵某某表示认罪认罚。",
    "检察机关审查认为，邵某某未经他人同意，利用人工智能换脸技术非法处理他人人脸信息并出售牟利。",
    "据了解，邵某某原本从事网店运营，接触到换脸技术后开始在某直播平台招揽定制换脸生意。",
    "根据民法典第一千零一十九条，任何组织或者个人不得利用信息技术手段伪造等方式侵害他人的肖像权。",
    "警方提醒，广大群众要提高防范意识，不随意在网络上发布包含清晰人脸的照片和视频。",
    "承办检察官表示，技术本身是中立的，但使用技术的人必须守住法律的边界。",
]
_REPLIES = [
    "说实话，有没有人知道是哪个软件，作案的人脑子用错地方了",
    "前排围观，谁来管管这些平台",
    "判得好，支持依法严惩",
]
_FLOORS = ["沙发", "板凳", "地板"]


def _card(rng: random.Random, card_class: str, user: str, floor: str) -> str:
    return (
        f'<div class="{card_class}"><a href="javascript:;">{user}</a><em>{floor}</em>'
        f"<span>发表于 2025-09-{rng.randint(10, 28)} 0{rng.randint(1, 9)}:05</span></div>"
    )


def _thread(seed: int, replies: int) -> tuple[bytes, list[str], list[str]]:
    """A thread page: the opening post pastes an article, then ``replies`` replies, each
    post in a container whose class differs between the opening post and the replies."""
    rng = random.Random(seed)
    tag = rng.choice(["div", "section"])
    card = rng.choice(["pi", "authi", "user-card"])
    op_box, reply_box = rng.sample(["threadbody fr", "postreply", "first-post", "huifu"], 2)
    op_msg, reply_msg = rng.sample(["t_f", "pct", "content", "msg"], 2)
    paragraphs = rng.sample(_SENTENCES, rng.randint(5, 7))
    said = rng.sample(_REPLIES, replies)
    posts = [
        f'<{tag} class="{op_box}">{_card(rng, card, "小王", "楼主")}'
        f'<div class="{op_msg}">{"<br />".join(paragraphs)}</div></{tag}>'
    ]
    posts += [
        f'<{tag} class="{reply_box}">{_card(rng, card, f"网友{i}", _FLOORS[i])}'
        f'<div class="{reply_msg}">{text}</div></{tag}>'
        for i, text in enumerate(said)
    ]
    page = (
        "<html><head><title>换脸案提起公诉</title></head><body>"
        '<div class="nav"><a href="/">首页</a><a href="/forum">论坛</a></div>'
        f'<div class="main"><h1>换脸案提起公诉</h1><div id="postlist">{"".join(posts)}</div>'
        '<div class="pages"><span>1</span><a href="?t=7&start=15">2</a></div></div>'
        "</body></html>"
    )
    return page.encode(), paragraphs, said


@pytest.mark.parametrize("seed", range(12))
def test_a_single_reply_under_an_opening_post_styled_apart_is_not_article(seed):
    page, paragraphs, said = _thread(seed, replies=1)
    out = extract_page([page], "http://127.0.0.1/viewtopic.php?t=7")
    assert all(p in out.text for p in paragraphs)
    assert not any(r in out.text for r in said)
    assert "发表于" not in out.text


@pytest.mark.parametrize("seed", range(6))
def test_replies_sharing_a_class_still_leave_the_opening_post_alone(seed):
    page, paragraphs, said = _thread(100 + seed, replies=3)
    out = extract_page([page], "http://127.0.0.1/viewtopic.php?t=7")
    assert all(p in out.text for p in paragraphs)
    assert not any(r in out.text for r in said)
    assert out.text.count(paragraphs[0]) == 1  # the opening post is not read twice
