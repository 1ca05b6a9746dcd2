"""``reprints extract``: one JSON line per input, errors as lines, gzip found by content."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest

from pipelines.extract_cli import run_extract
from tests.e2e_helpers import reprints

FIELDS = {"path", "title", "text", "published_at", "byline", "credited_outlet"}
_PROSE = "法院审理认为，被告未经同意收集并使用原告的人脸信息，侵害了原告的个人信息权益。" * 6


def _article(n: int) -> bytes:
    return (
        (
            "<html><head><meta charset='utf-8'><title>第{n}号判决 - 某某网</title>"
            "<meta property='article:published_time' content='2024-06-20T08:30:00+08:00'>"
            "</head><body><h1>第{n}号判决</h1><p>来源：法治日报 记者 张维</p>"
            f"<p>{_PROSE}</p><p>第{{n}}段：判决已生效。</p></body></html>"
        )
        .format(n=n)
        .encode("utf-8")
    )


def _run(paths: list[str], url: str | None = None) -> tuple[int, list[dict]]:
    out = io.StringIO()
    code = run_extract(paths, url, None, stdout=out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_line_per_input_with_metadata(tmp_path: Path):
    page = tmp_path / "a.html"
    page.write_bytes(_article(1))
    code, rows = _run([str(page)], url="https://news.example.com/a.html")
    assert code == 0 and len(rows) == 1
    row = rows[0]
    assert FIELDS <= set(row) and "error" not in row
    assert row["path"] == str(page)
    assert row["title"] == "第1号判决"
    assert "被告未经同意收集" in row["text"] and "来源" not in row["text"]
    assert row["published_at"].startswith("2024-06-20T08:30")
    assert row["credited_outlet"] == "法治日报"


def test_gzip_detected_by_content_not_by_name(tmp_path: Path):
    gz_named_html = tmp_path / "really_gzip.html"
    gz_named_html.write_bytes(gzip.compress(_article(2)))
    plain_named_gz = tmp_path / "really_plain.html.gz"
    plain_named_gz.write_bytes(_article(3))
    code, rows = _run([str(gz_named_html), str(plain_named_gz)])
    assert code == 0
    assert "第2段" in rows[0]["text"] and "第3段" in rows[1]["text"]
    assert all("error" not in r for r in rows)


def test_bad_inputs_are_error_lines_and_the_batch_goes_on(tmp_path: Path):
    good = tmp_path / "good.html"
    good.write_bytes(_article(4))
    noise = tmp_path / "noise.html"
    noise.write_bytes(random.Random(7).randbytes(4096))
    broken_gz = tmp_path / "broken.html.gz"
    broken_gz.write_bytes(gzip.compress(_article(5))[:40])
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    paths = [str(tmp_path / "missing.html"), str(tmp_path), str(noise), str(broken_gz),
             str(empty), str(good)]  # fmt: skip
    code, rows = _run(paths)
    assert code == 1  # as cp: any input that failed makes the batch exit 1
    assert [r["path"] for r in rows] == paths
    assert all(FIELDS <= set(r) for r in rows)
    assert [bool(r.get("error")) for r in rows] == [True, True, True, True, True, False]
    assert "第4段" in rows[-1]["text"]


def test_150_files_in_one_call_to_an_output_file(tmp_path: Path):
    paths = []
    for i in range(150):
        p = tmp_path / f"p{i:03d}.html{'.gz' if i % 3 == 0 else ''}"
        body = _article(i)
        p.write_bytes(gzip.compress(body) if i % 3 == 0 else body)
        paths.append(str(p))
    out = tmp_path / "out.jsonl"
    assert run_extract(paths, None, str(out)) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in rows] == paths
    assert all(f"第{i}段" in r["text"] and "error" not in r for i, r in enumerate(rows))


def test_relative_path_is_reported_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.html").write_bytes(_article(6))
    monkeypatch.chdir(tmp_path)
    _, rows = _run([os.path.join(".", "sub", "x.html")])
    assert rows[0]["path"] == "./sub/x.html" and "第6段" in rows[0]["text"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            "Meeting notes\nThe court ruled on the AI face-swap case: 判决已生效。\n" * 20,
            "no markup",
        ),
        ("第一段 a < b > c。\n" * 40, "no markup"),
        ("<html><head><title>标题</title></head><body></body></html>", "no article text"),
        ("<!doctype html><html><body><div class='nav'></div></body></html>", "no article text"),
        ("<html><body><script>var a = 1;</script></body></html>", "no article text"),
    ],
)
def test_plain_text_and_empty_bodies_are_errors(tmp_path: Path, body: str, error: str):
    """Issue 14: a text file came back as an article, an empty body as an empty record."""
    path = tmp_path / "in.html"
    path.write_text(body, encoding="utf-8")
    code, rows = _run([str(path)])
    assert code == 1 and error in rows[0].get("error", ""), rows[0]


def test_utf16_page_is_html(tmp_path: Path):
    path = tmp_path / "u16.html"
    path.write_bytes(_article(3).decode("utf-8").replace("utf-8", "utf-16").encode("utf-16"))
    code, rows = _run([str(path)])
    assert code == 0 and "第3段" in rows[0]["text"], rows[0]


def test_out_says_what_was_written_and_errors_exit_1(tmp_path: Path):
    good = tmp_path / "a.html"
    good.write_bytes(_article(9))
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = reprints("extract", str(good), str(notes), str(good), "--out", str(out))
    assert r.returncode == 1, r.stderr
    assert r.stdout == f"extracted 2, errors 1 → {out}\n"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    r = reprints("extract", str(good), "--out", str(out))
    assert (r.returncode, r.stdout) == (0, f"extracted 1, errors 0 → {out}\n")
    r = reprints("extract", str(good), "--out", str(tmp_path / "no" / "o.jsonl"))
    assert r.returncode == 2 and r.stderr.startswith("reprints: "), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_no_inputs_or_unwritable_output_is_a_usage_error(tmp_path: Path):
    assert run_extract([], None, None, stdout=io.StringIO()) == 2
    page = tmp_path / "a.html"
    page.write_bytes(_article(7))
    assert run_extract([str(page)], None, str(tmp_path / "no" / "dir" / "o.jsonl")) == 2


def test_default_output_is_stdout_at_call_time(tmp_path: Path, capsys: pytest.CaptureFixture):
    page = tmp_path / "a.html"
    page.write_bytes(_article(8))
    assert run_extract([str(page)], None, None) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and "第8段" in rows[0]["text"]
