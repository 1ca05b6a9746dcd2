"""``run_jsonl``: the ``reprints dedupe --input/--out`` command over JSONL files."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from dedupe import reader
from dedupe.jsonl import run_jsonl, split_ranges
from dedupe.synthetic import chrome, follow_up, repunctuate

STORY = (
    "南都记者8月23日从杭州市萧山区检察院获悉，近日，由杭州市萧山区人民检察院提起的利用“AI换脸”"
    "技术侵犯公民个人信息民事公益诉讼案获判。\n2023年4月，萧山区检察院在办理刑事案件中发现公益诉讼"
    "线索：被告人虞某某通过网络购买AI换脸软件，制作换脸视频并在网络上传播牟利。\n6月9日，萧山区"
    "检察院依法提起民事公益诉讼，请求判令被告人在国家级新闻媒体上公开赔礼道歉。\n7月28日，杭州"
    "互联网法院公开开庭审理本案，法院判决支持检察机关全部诉讼请求。\n检察官提醒，任何组织或者个人"
    "不得利用信息技术手段伪造等方式侵害他人的肖像权，未经同意不得处理他人的人脸信息。"
)
OTHER = (
    "本报讯 市气象台今天发布消息，受冷空气影响，本周后期全市将出现明显降温，最低气温可降至"
    "零下五度。\n气象专家提醒市民注意防寒保暖，出行关注天气预报和道路交通信息。\n农业部门建议提前做好大棚"
    "蔬菜的防冻措施，畜牧养殖户要加固圈舍，储备饲料，确保牲畜安全越冬。\n交通部门表示已经备足融雪"
    "物资，将根据降雪情况及时处置路面结冰，保障主要道路通行顺畅。"
)
DONORS = [OTHER, STORY[::-1], "相关新闻：" + OTHER[:60]]


def _write(path: Path, rows: list[object]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
            f.write("\n")
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _copy(text: str, seed: int) -> str:
    rng = random.Random(seed)
    return repunctuate(text) + "\n" + chrome(rng, DONORS, 2)


def _corpus() -> list[dict]:
    later = follow_up(STORY, random.Random(3), [OTHER, OTHER[::-1]], 0.4)
    return [
        {"id": 1, "text": STORY},
        {"id": 2, "text": OTHER},
        {"id": 3, "text": _copy(STORY, 1)},
        {"id": 4, "text": later},
        {"id": 5, "text": " ".join(STORY)},
        {"id": 6, "text": _copy(OTHER, 2)},
        {"id": 7, "text": ""},
    ]


def test_clusters_copies_and_writes_one_line_per_document(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", _corpus())
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    stats = run_jsonl(str(src), str(out), None, err=err)
    rows = _read(out)
    assert [r["id"] for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert set(rows[0]) == {"id", "cluster_id", "is_canonical"}
    by_id = {r["id"]: r for r in rows}
    assert by_id[1]["cluster_id"] == by_id[3]["cluster_id"] == by_id[5]["cluster_id"]
    assert by_id[2]["cluster_id"] == by_id[6]["cluster_id"] != by_id[1]["cluster_id"]
    assert by_id[4]["cluster_id"] == 4 and by_id[7]["cluster_id"] == 7  # follow-up, empty
    # The cluster id names the canonical member, which is in the cluster.
    for r in rows:
        assert by_id[r["cluster_id"]]["is_canonical"]
        assert by_id[r["cluster_id"]]["cluster_id"] == r["cluster_id"]
    assert sum(r["is_canonical"] for r in rows) == 4
    assert stats["documents"] == 7 and stats["clusters"] == 4 and stats["bad_lines"] == 0
    assert err.getvalue() == ""


def test_bad_lines_are_reported_with_numbers_and_skipped(tmp_path: Path) -> None:
    rows: list[object] = [
        {"id": "a", "text": STORY},
        "not json at all",
        {"text": "没有编号"},
        {"id": "b"},
        "",
        {"id": "c", "text": 5},
        {"id": 1.5, "text": "x"},
        {"id": True, "text": "x"},
        [1, 2],
        {"id": "a", "text": OTHER},
        {"id": "d", "text": _copy(STORY, 4)},
        '{"id": "e", "text": "两个对象"} {"id": "f", "text": "一行"}',
    ]
    src = _write(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    stats = run_jsonl(str(src), str(out), None, err=err)
    report = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in report] == [
        f"line {n}" for n in (2, 3, 4, 6, 7, 8, 9, 10, 12)
    ]
    assert "not JSON" in report[0] and report[1].endswith("no id")
    assert report[2].endswith("no text") and "text must be a string" in report[3]
    assert "id must be a string or an integer" in report[4]
    assert "duplicate id" in report[7] and "first on line 1" in report[7]
    got = _read(out)
    assert [r["id"] for r in got] == ["a", "d"]
    assert got[0]["cluster_id"] == got[1]["cluster_id"]
    assert stats["bad_lines"] == 9 and stats["documents"] == 2 and stats["lines"] == 12


def test_fast_and_per_line_paths_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _corpus() + [
        {"id": 8, "text": "Ⅻ①㎡ café ﬁ ＡＩ换脸", "url": "https://x.test/8", "role": "farm"},
        json.dumps({"id": 9, "text": "e\u0301 가 \U0001f600 \u1100\u1161"}),  # \\ud83d escapes
    ]
    src = _write(tmp_path / "in.jsonl", rows)
    fast, slow = tmp_path / "fast.jsonl", tmp_path / "slow.jsonl"
    run_jsonl(str(src), str(fast), None)
    block = src.read_bytes()
    assert reader.parse_fast(block) is not None  # the fast path really ran above
    a, b = reader.parse_fast(block), reader.parse_slow(block)
    assert a.ids == b.ids and a.meta == b.meta
    assert a.codepoints.values.tolist() == b.codepoints.values.tolist()
    monkeypatch.setattr(reader, "parse_fast", lambda block: None)
    run_jsonl(str(src), str(slow), None)
    assert fast.read_text("utf-8") == slow.read_text("utf-8")


def test_two_workers_and_small_ranges_give_the_same_answer(tmp_path: Path) -> None:
    rows = []
    for k in range(40):
        rows.append({"id": f"s{k}", "text": STORY[k % 7 :] + OTHER[: 10 + k]})
        rows.append({"id": f"c{k}", "text": _copy(STORY[k % 7 :] + OTHER[: 10 + k], k)})
    src = _write(tmp_path / "in.jsonl", rows)
    assert len(split_ranges(str(src), 4096)) > 4
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = run_jsonl(str(src), str(one), None, workers=1)
    s2 = run_jsonl(str(src), str(two), None, workers=2, block_bytes=4096)
    assert one.read_text("utf-8") == two.read_text("utf-8")
    assert {k: v for k, v in s1.items() if k != "timings"} == {
        k: v for k, v in s2.items() if k != "timings"
    }


def test_threshold_is_the_joining_jaccard(tmp_path: Path) -> None:
    reworded = {"id": 8, "text": STORY.replace("检察院", "检察机关")}
    src = _write(tmp_path / "in.jsonl", [*_corpus(), reworded])
    out = tmp_path / "out.jsonl"
    run_jsonl(str(src), str(out), None)
    default = {r["id"]: r["cluster_id"] for r in _read(out)}
    assert default[8] == default[1]
    run_jsonl(str(src), str(out), 0.99)
    strict = {r["id"]: r["cluster_id"] for r in _read(out)}
    assert strict[5] == strict[1]  # spaces only: identical once normalised
    assert strict[3] == strict[1]  # the whole story inside a farm page: containment 1.0
    assert strict[8] != strict[1]  # reworded: Jaccard and containment below 0.99
    with pytest.raises(ValueError, match="threshold"):
        run_jsonl(str(src), str(out), 1.5)
    with pytest.raises(FileNotFoundError):
        run_jsonl(str(tmp_path / "missing.jsonl"), str(out), None)


def test_canonical_uses_metadata_when_present(tmp_path: Path) -> None:
    rows = [
        {"id": "farm", "text": _copy(STORY, 9), "published_at": "2023-08-20T08:00:00"},
        {"id": "pub", "text": STORY, "role": "publisher", "published_at": "2023-08-23T09:00:00"},
        {"id": "farm2", "text": " ".join(STORY) + "。。", "published_at": "not a date"},
    ]
    src = _write(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    run_jsonl(str(src), str(out), None)
    got = _read(out)
    assert {r["cluster_id"] for r in got} == {"pub"}
    assert [r["is_canonical"] for r in got] == [False, True, False]


def test_empty_input(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("", "utf-8")
    out = tmp_path / "out.jsonl"
    stats = run_jsonl(str(src), str(out), None)
    assert out.read_text("utf-8") == "" and stats["documents"] == 0


def test_original_is_canonical_among_its_farm_copies(tmp_path: Path) -> None:
    """Copies each add their own chrome: the original is the most central member."""
    rows = [{"id": f"copy{k}", "text": _copy(STORY, 20 + k)} for k in range(3)]
    rows.insert(1, {"id": "original", "text": STORY})
    src = _write(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    run_jsonl(str(src), str(out), None)
    assert {r["cluster_id"] for r in _read(out)} == {"original"}
