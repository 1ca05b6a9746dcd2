"""A copy of only the background two stories share joins the story it fits by date.

The class (fresh genweb seed 603625406610): a farm copy kept only the paragraphs a newsroom
prints under every case of a kind (two statutes, the judge's advice, the closing line), so
the cores of both stories hold it whole.  Members are visited best-first and the copy,
dated before its own original, came before that original: it joined the only story there
was, a sibling published months after it, and the pair precision of the web fell to 0.978.
Drawn: which boilerplate paragraphs the copy keeps, the stories' own facts, the dates.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from dedupe.cluster import cluster
from dedupe.config import DedupeConfig
from dedupe.records import DocRecord

_BOILERPLATE = [
    "《最高人民法院 最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》规定，"
    "非法获取、出售或者提供公民个人信息五千条以上的，应当认定为“情节严重”。",
    "《互联网信息服务深度合成管理规定》明确，深度合成服务提供者和技术支持者提供人脸、人声等生物识别"
    "信息编辑功能的，应当提示使用者依法告知被编辑的个人，并取得其单独同意。",
    "法官提示，利用人工智能技术生成他人形象须以合法为前提，技术提供者和使用者都应守住法律底线，"
    "对于侵权内容，权利人可以要求平台删除并依法主张赔偿。",
    "该案宣判后，被告人当庭表示认罪服判，不上诉。",
]
_CITIES = ["青岛市市南区", "合肥市包河区", "成都市武侯区", "南昌市红谷滩区"]
_NAMES = ["丁某", "袁某", "田某某", "邵某"]


def _own(rng: random.Random, city: str, name: str) -> list[str]:
    amount, people = rng.randint(3, 90), rng.randint(20, 3000)
    return [
        f"近日，{city}人民检察院对{name}滥用“深度伪造”技术侵害他人个人信息的行为依法提起公诉。",
        f"经查，{name}在某网盘开设店铺，兜售换脸程序，并在一个{people}余人的群组中传播合成视频。",
        f"检察机关认为，{name}非法处理他人人脸信息，获利{amount}万元，应当依法追究其刑事责任。",
    ]


def _world(seed: int) -> tuple[list[DocRecord], set[int]]:
    """Story A (a farm's full copy as its only other page, ids 1-2) and story B (a
    publisher's original and a copy, ids 3-4), both carrying the boilerplate; copy 5 of A
    kept only boilerplate and is dated hours before A's page."""
    rng = random.Random(seed)
    (city_a, city_b), (name_a, name_b) = rng.sample(_CITIES, 2), rng.sample(_NAMES, 2)
    day = datetime(2025, 4, 28, 19) + timedelta(days=rng.randint(0, 30))
    a, b = _own(rng, city_a, name_a), _own(rng, city_b, name_b)
    text_a = "\n".join(a[:2] + _BOILERPLATE[:2] + a[2:] + _BOILERPLATE[2:])
    text_b = "\n".join(b[:1] + _BOILERPLATE[:2] + b[1:] + _BOILERPLATE[2:])
    kept = sorted(rng.sample(range(4), rng.randint(3, 4)))
    later = day + timedelta(days=rng.randint(40, 90))
    docs = [
        DocRecord(1, text_a, "http://f1/a", "f1", "farm", day),
        DocRecord(2, text_a, "http://f2/a", "f2", "farm", day + timedelta(days=2)),
        DocRecord(3, text_b, "http://p/b", "p", "publisher", later),
        DocRecord(4, text_b, "http://f3/b", "f3", "farm", later + timedelta(days=1)),
        DocRecord(
            5,
            "\n".join(_BOILERPLATE[k] for k in kept),
            "http://f4/x",
            "f4",
            "farm",
            day - timedelta(hours=rng.randint(2, 20)),
        ),
    ]
    return docs, {1, 2, 5}


@pytest.mark.parametrize("seed", range(10))
def test_a_copy_of_shared_background_never_joins_a_sibling_published_after_it(seed):
    docs, story_a = _world(seed)
    stories = cluster(docs, DedupeConfig())
    holding = next(s for s in stories if 5 in s)
    assert 3 not in holding and 4 not in holding
    assert set(next(s for s in stories if 3 in s)) == {3, 4}
    assert story_a <= set(holding)  # the story of the original it came before
