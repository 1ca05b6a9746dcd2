"""``reprints report --lang en|zh``: every label in both languages, the default from the
locale, article text as published (issue 14: the report's whole interface was Chinese)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.report import write_report
from storage.report.i18n import Labels, catalogue, default_lang
from tests.e2e_helpers import ROOT, reprints
from tests.test_report import db  # noqa: F401  (the fixture: a small database with stories)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
REPORT = ROOT / "storage" / "report"
KEY_CALL = re.compile(r"""\bt\(\s*f?["']([\w.{}]+)["']""")


def test_every_label_has_both_languages_and_english_has_no_chinese():
    for key, entry in catalogue().items():
        assert set(entry) == {"zh", "en"}, key
        english = entry["en"] if isinstance(entry["en"], list) else [entry["en"]]
        assert all(e and not CJK.search(e) for e in english), key


def _code(path: Path) -> str:
    return re.sub(r'(?s)""".*?"""|#[^\n]*', "", path.read_text("utf-8"))


def test_every_key_the_code_asks_for_exists():
    from storage.report.charts import TICKS
    from storage.report.model import BACK_DATED_LABEL, DELAY_BUCKETS, UNDATED_LABEL

    keys = set(catalogue())
    asked = {k for p in REPORT.glob("*.py") for k in KEY_CALL.findall(_code(p))}
    assert len(asked) > 60
    asked |= {k for k, _ in DELAY_BUCKETS} | {k for _, k in TICKS}
    asked |= {BACK_DATED_LABEL, UNDATED_LABEL}
    prefixes = {k.split("{")[0] for k in asked if "{" in k}  # t(f"tag.{kind}")
    assert all(any(k.startswith(p) for k in keys) for p in prefixes), prefixes
    assert sorted(k for k in asked if "{" not in k and k not in keys) == []


def test_no_label_is_left_in_the_code():
    """Chinese in the report's code only in comments, docstrings and textdiff's farm phrases
    (data for labelling added lines, never shown as a label)."""
    for path in REPORT.glob("*.py"):
        if path.name == "textdiff.py":
            continue
        code = _code(path)
        assert not CJK.search(code), (path.name, CJK.search(code))


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({}, "zh"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "zh"),
    ],
)
def test_default_language_follows_the_locale(env, lang):
    assert default_lang(env) == lang


def test_plural_and_values():
    en, zh = Labels("en"), Labels("zh")
    assert en("span.days", n=1) == "1 day" and en("span.days", n=3) == "3 days"
    assert zh("span.days", n=3) == "3 天"
    with pytest.raises(ValueError, match="en or zh"):
        Labels("fr")


def test_cli_lang_writes_each_language_and_keeps_articles_as_published(db, tmp_path):  # noqa: F811
    out = {}
    for lang in ("en", "zh"):
        path = tmp_path / f"{lang}.html"
        r = reprints("report", "--db", db, "--out", str(path), "--lang", lang)
        assert r.returncode == 0, r.stderr
        out[lang] = path.read_text("utf-8")
    assert '<html lang="en">' in out["en"] and '<html lang="zh-CN">' in out["zh"]
    assert "Reprint tracking report" in out["en"] and "转载追踪报告" in out["zh"]
    for html in out.values():
        assert "某市首例AI换脸侵权案宣判" in html and "法院审理查明" in html  # as published
    r = reprints("report", "--db", db, "--out", str(tmp_path / "x.html"), "--lang", "fr")
    assert r.returncode == 2 and "invalid choice: 'fr'" in r.stderr


def test_report_times_carry_their_offset(db, tmp_path):  # noqa: F811
    path = Path(tmp_path / "r.html")
    write_report(db, str(path), lang="en")
    html = path.read_text("utf-8")
    assert '<time datetime="2024-03-02T08:00+08:00">2024-03-02T08:00+08:00</time>' in html
    assert "first published 2024-03-01T10:00+08:00" in html
