"""Report: view model, diff, back-dating, escaping and the live server, on a small database
written through the same storage calls a crawl uses."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from datetime import datetime
from html import escape as html_escape

import pytest

from storage.db import StorageError, writer
from storage.report import write_report
from storage.report.assets import CSP, _sha256
from storage.report.data import load_stories, read
from storage.report.model import build_report, dated_before
from storage.report.server import make_server
from storage.report.textdiff import align, compare
from storage.writes import write_batch

PARAS = [
    "3月1日，某市中级人民法院对一起“AI换脸”侵权案作出一审判决，被告赔偿原告5万元。",
    "法院审理查明，被告未经许可使用原告的人脸照片制作换脸视频，并在短视频平台传播。",
    "法院认为，被告的行为侵害了原告的肖像权和个人信息权益，应当承担侵权责任。",
    "承办法官提醒，公众应当注意保护个人信息，发现侵权行为及时留存证据。",
]
ORIGINAL = "\n".join(PARAS)
HALF_WIDTH = ORIGINAL.replace("，", ",").replace("。", ".").replace("“", '"').replace("”", '"')
EVIL_TITLE = '<script>alert("x")</script>换脸案宣判'
EVIL_TEXT = '<img src="http://evil.example/x.png" onerror="alert(1)">'


def _art(url, source, role, title, text, published, on_topic=True, outlet=None, credited=None):
    return {
        "url": url,
        "source": source,
        "role": role,
        "title": title,
        "text": text,
        "published_at": published,
        "byline": "张三" if role == "publisher" else None,
        "credited_outlet": credited,
        "on_topic": on_topic,
        "topic_reason": "topic:on" if on_topic else "topic:off:subject",
        "fetched_at": datetime(2025, 1, 1),
        "source_outlet": outlet,
        "page_urls": [url],
    }


def _cluster(db, cid, urls, on_topic=True):
    with writer(db) as con:
        ids = [
            con.execute("SELECT id FROM articles WHERE url = ?", [u]).fetchone()[0] for u in urls
        ]
        for i, art_id in enumerate(ids):
            con.execute(
                "UPDATE articles SET cluster_id = ?, is_canonical = ? WHERE id = ?",
                [cid, i == 0, art_id],
            )
        con.execute(
            "INSERT OR REPLACE INTO clusters VALUES (?, ?, ?, NULL, NULL, ?)",
            [cid, ids[0], len(ids), on_topic],
        )


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "r.duckdb")
    pub = "http://pub.example/2024/03/01/a.html"
    trimmed = "\n".join(PARAS[:2] + PARAS[3:])
    arts = [
        _art(
            pub,
            "pub",
            "publisher",
            "某市首例AI换脸侵权案宣判",
            ORIGINAL,
            datetime(2024, 3, 1, 10, 0),
            outlet="南方都市报",
            credited="南方都市报",
        ),
        _art(
            "http://f1.example/1",
            "farm1",
            "farm",
            "某市首例AI换脸侵权案宣判",
            ORIGINAL,
            datetime(2024, 3, 2, 8, 0),
            credited="南方都市报",
        ),
        _art("http://f2.example/2", "farm2", "farm", EVIL_TITLE, HALF_WIDTH, datetime(2024, 2, 28)),
        _art(
            "http://f3.example/3",
            "farm3",
            "farm",
            "某市首例AI换脸侵权案宣判",
            ORIGINAL,
            datetime(2024, 3, 1),
        ),
        _art(
            "javascript:alert(1)",
            "farm4",
            "farm",
            "换脸侵权案",
            trimmed + "\n" + EVIL_TEXT,
            datetime(2024, 3, 5, 9, 30),
        ),
        _art(
            "http://pub.example/b.html",
            "pub",
            "publisher",
            "另一起换脸诈骗案",
            PARAS[1],
            datetime(2024, 5, 1, 8, 0),
            outlet="南方都市报",
        ),
        _art(
            "http://pub.example/off.html",
            "pub",
            "publisher",
            "天气预报",
            "明天晴。",
            datetime(2024, 5, 2),
            on_topic=False,
            outlet="南方都市报",
        ),
    ]
    write_batch(path, [], arts)
    with writer(path) as con:  # farm4's page carried a credit line the cleaner stripped
        con.execute(
            "UPDATE articles SET raw_text = text || '\n版权声明：本文转自网络，如有侵权请联系删除' "
            "WHERE source = 'farm4'"
        )
    _cluster(
        path,
        1,
        [
            pub,
            "http://f1.example/1",
            "http://f2.example/2",
            "http://f3.example/3",
            "javascript:alert(1)",
        ],
    )
    _cluster(path, 2, ["http://pub.example/b.html"])
    _cluster(path, 3, ["http://pub.example/off.html"], on_topic=False)
    return path


def _report(db):
    return build_report(read(db, load_stories, True), with_diffs=True)


def test_stories_and_copy_counts(db):
    report = _report(db)
    assert [(s.cluster_id, len(s.copies)) for s in report.stories] == [(1, 4), (2, 0)]
    assert report.copies == 4 and report.outlets == ["南方都市报"]
    assert [s.site for s in report.sites][:1] and {s.site for s in report.sites} == {
        "farm1",
        "farm2",
        "farm3",
        "farm4",
    }


def test_back_dated_only_when_an_earlier_day_or_time(db):
    story = _report(db).stories[0]
    flags = {c.row.source: c.back_dated for c in story.copies}
    assert flags == {"farm1": False, "farm2": True, "farm3": False, "farm4": False}
    assert dated_before(datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 10))
    assert not dated_before(datetime(2024, 3, 1), datetime(2024, 3, 1, 10))  # day only
    assert dated_before(datetime(2024, 2, 29), datetime(2024, 3, 1, 10))
    assert not dated_before(None, datetime(2024, 3, 1))


def test_diff_finds_drops_additions_and_repunctuation(db):
    copies = {c.row.source: c for c in _report(db).stories[0].copies}
    assert {s.kind for s in copies["farm1"].diff.segments} == {"same"}
    punct = copies["farm2"].diff
    assert {s.kind for s in punct.segments} == {"punct"} and punct.similarity == 1.0
    assert copies["farm2"].title_kind == "changed"
    trimmed = copies["farm4"].diff
    kinds = [s.kind for s in trimmed.segments]
    assert kinds.count("dropped") == 1 and "chrome" in kinds and "added" in kinds
    assert trimmed.retained < 1.0 and trimmed.removed_chars > 20
    dropped = next(s for s in trimmed.segments if s.kind == "dropped")
    assert dropped.original == PARAS[2]


def test_reflow_and_template_lines_are_told_apart():
    merged = PARAS[0] + PARAS[1] + "\n" + PARAS[2] + PARAS[3] + "\n原文链接：点击查看"
    segs = align(ORIGINAL, merged, frozenset({"原文链接：点击查看"}))
    assert [s.kind for s in segs] == ["reflow", "chrome"]
    edited = compare(ORIGINAL, ORIGINAL.replace("5万元", "8万元"))
    kinds = [s.kind for s in edited.segments]
    assert kinds[0] == "edited" and kinds[1:] == ["same"] * 3
    assert ("-", "5") in edited.segments[0].ops and ("+", "8") in edited.segments[0].ops


def test_html_escapes_untrusted_text_and_links(db, tmp_path):
    out = tmp_path / "report.html"
    assert write_report(db, str(out)) == 2
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript:' not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith(("#", "http://", "https://", "data:")) for h in hrefs), hrefs
    assert not re.search(r'\ssrc="', html), "nothing may be loaded: no src attributes"
    assert "url(" not in html and "@import" not in html
    assert "天气预报" not in html  # off-topic cluster is not a story


def test_report_is_self_contained_and_flags(db, tmp_path):
    out = tmp_path / "r.html"
    write_report(db, str(out))
    html = out.read_text(encoding="utf-8")
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    assert f"'sha256-{_sha256(script)}'" in CSP and html.count("<script") == 1
    assert html_escape(CSP) in html and "default-src 'none'" in CSP
    assert html.count('data-back-dated="1"') >= 1
    assert 'id="story-1"' in html and 'id="story-2"' in html
    assert 'class="seg dropped"' in html and 'class="seg chrome"' in html
    assert html.count('data-story="') == 2
    assert re.search(r'data-story="1" data-copies="4"', html)


def test_single_story_unknown_story_and_missing_db(db, tmp_path):
    out = tmp_path / "one.html"
    assert write_report(db, str(out), story=1) == 1
    html = out.read_text(encoding="utf-8")
    assert 'id="story-1"' in html and 'id="overview"' not in html
    assert write_report(db, str(tmp_path / "off.html"), story=3) == 1  # by id, even off topic
    with pytest.raises(ValueError, match="no story with cluster id 99"):
        write_report(db, str(tmp_path / "x.html"), story=99)
    with pytest.raises(StorageError, match="no such database"):
        write_report(str(tmp_path / "missing.duckdb"), str(tmp_path / "y.html"))


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_serve_over_http_rereads_the_database(db, monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    server = make_server(db, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, html = _get(base + "/")
        assert status == 200 and 'href="/story/1"' in html and 'data-copies="4"' in html
        status, html = _get(base + "/story/1")
        assert status == 200 and 'class="seg dropped"' in html and "&lt;script&gt;" in html
        assert _get(base + "/story/99")[0] == 404 and _get(base + "/etc/passwd")[0] == 404
        # a crawl adds a copy while the server runs: the next request shows it
        write_batch(
            db,
            [],
            [
                _art(
                    "http://f5.example/5", "farm5", "farm", "新转载", ORIGINAL, datetime(2024, 3, 9)
                )
            ],
        )
        _cluster(
            db,
            1,
            [
                "http://pub.example/2024/03/01/a.html",
                "http://f1.example/1",
                "http://f2.example/2",
                "http://f3.example/3",
                "javascript:alert(1)",
                "http://f5.example/5",
            ],
        )
        status, html = _get(base + "/")
        assert status == 200 and 'data-copies="5"' in html and "farm5" in html
    finally:
        server.shutdown()
        server.server_close()


def test_serve_refuses_missing_db_and_busy_port(db, tmp_path):
    with pytest.raises(StorageError):
        make_server(str(tmp_path / "none.duckdb"), 0)
    first = make_server(db, 0)
    try:
        with pytest.raises(ValueError, match="cannot listen"):
            make_server(db, first.server_address[1])
    finally:
        first.server_close()
