"""Issue 14, the command line a new user meets: ``--set`` checked before anything starts,
``--version``, help that helps, missing databases refused alike, one message prefix."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import scrapy

from crawler import setting_types
from tests.e2e_helpers import ROOT, reprints

SOURCES = """
[[source]]
name = "nowhere"
role = "publisher"
start_urls = ["http://127.0.0.9:9/"]
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(SOURCES, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("pair", "needle"),
    [
        ("DOWNLOAD_DELAY=abc", "DOWNLOAD_DELAY takes a number"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN=x", "CONCURRENT_REQUESTS_PER_DOMAIN takes a whole number"),
        ("REPRINTS_TRAP_PROBATION=1.5", "REPRINTS_TRAP_PROBATION takes a whole number"),
        ("ROBOTSTXT_OBEY=maybe", "ROBOTSTXT_OBEY takes True or False"),
        ("REPRINTS_STORE_SECONDS=", "REPRINTS_STORE_SECONDS takes a number"),
    ],
)
def test_set_of_the_wrong_type_is_one_line_before_anything_starts(sources, tmp_path, pair, needle):
    db = tmp_path / "x.duckdb"
    r = reprints("crawl", "--sources", str(sources), "--db", str(db), "--set", pair)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reprints: --set {pair}: {needle}"), lines
    assert not db.exists(), "the crawl started"


@pytest.mark.parametrize("command", ["schedule", "worker"])
def test_set_is_checked_by_every_command_that_takes_it(sources, tmp_path, command):
    extra = {
        "schedule": ["--every", "1h", "--max-runs", "1"],
        "worker": ["--redis", "redis://127.0.0.1:9/0", "--out", str(tmp_path / "shards")],
    }[command]
    r = reprints(command, "--sources", str(sources), *extra, "--set", "DOWNLOAD_TIMEOUT=soon")
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == (
        "reprints: --set DOWNLOAD_TIMEOUT=soon: DOWNLOAD_TIMEOUT takes a number, e.g. 0.5"
    )


def test_good_values_pass_and_unknown_names_are_left_to_scrapy():
    for name, value in [
        ("DOWNLOAD_DELAY", "0"),
        ("DOWNLOAD_DELAY", "1.5"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN", " 8 "),
        ("ROBOTSTXT_OBEY", "false"),
        ("USER_AGENT", "anything at all"),
        ("LOG_LEVEL", "INFO"),
    ]:
        assert setting_types.check(name, value) is None, (name, value)


_GETTER = re.compile(r"\bget(int|float|bool)\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']")


def _getter_calls(root: Path) -> set[tuple[str, str]]:
    return {
        (f"get{kind}", name)
        for path in root.rglob("*.py")
        for kind, name in _GETTER.findall(path.read_text(encoding="utf-8", errors="replace"))
    }


def test_every_setting_read_as_a_number_or_bool_has_its_type():
    """Scrapy's package and ours: a name read with getint/getfloat/getbool is in the table
    of that converter, so a new setting cannot slip past ``--set`` checking."""
    from scrapy.settings import default_settings

    known = set(vars(default_settings))
    calls = {c for c in _getter_calls(Path(scrapy.__file__).parent) if c[1] in known}
    for package in ("crawler", "pipelines", "storage"):
        calls |= _getter_calls(ROOT / package)
    assert len(calls) > 80
    missing = sorted(
        (getter, name) for getter, name in calls if setting_types.converter(name) != getter
    )
    assert missing == []


def _subparsers():
    from crawler.cli_parser import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices


def test_version():
    r = reprints("--version")
    assert r.returncode == 0 and re.fullmatch(r"reprints \d+\.\d+\.\d+\n", r.stdout), r


def test_every_command_has_a_description_an_example_and_help_on_every_option():
    commands = _subparsers()
    assert {"crawl", "schedule", "worker", "ingest", "report", "serve", "sql"} <= set(commands)
    for name, sp in commands.items():
        assert sp.description and len(sp.description) > 40, name
        assert f"reprints {name} " in (sp.epilog or ""), name
        for action in sp._actions:
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
                continue
            assert action.help and len(action.help) > 8, (name, action.dest)


@pytest.mark.parametrize(
    ("command", "option", "needle"),
    [
        ("serve", "--port", "8765"),
        ("report", "--story", "canonical_articles"),
        ("sql", "--format", "csv"),
        ("export", "--all-copies", "every article"),
        ("stats", "--json", "JSON"),
        ("ingest", "--from", "--out"),
    ],
)
def test_help_text_says_what_an_option_needs(command, option, needle):
    r = reprints(command, "--help")
    assert r.returncode == 0 and "examples:" in r.stdout
    text = " ".join(r.stdout.split())
    assert option in text
    after = text[text.index(option, text.index("options:")) :]
    assert needle in after[:400], after[:400]


def test_dedupe_refuses_a_missing_database_like_sql_and_stats(tmp_path):
    db = tmp_path / "no" / "such" / "x.duckdb"
    for args in (["dedupe"], ["sql", "SELECT 1"], ["stats"], ["export", "--format", "csv",
                 "--out", str(tmp_path / "o.csv")]):  # fmt: skip
        r = reprints(*args, "--db", str(db))
        assert r.returncode == 1, (args, r.stdout)
        assert r.stderr.strip() == f"reprints: {db}: no such database (run 'reprints crawl' first)"
    assert not db.parent.exists(), "dedupe created the directory"


def test_no_db_after_make_demo_points_at_the_demo_database(tmp_path):
    (tmp_path / "data").mkdir()
    duckdb.connect(str(tmp_path / "data" / "demo.duckdb")).close()
    r = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "stats"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "reprints: data/reprints.duckdb: no such database (run 'reprints crawl' first); "
        "'make demo' wrote data/demo.duckdb: add --db data/demo.duckdb"
    ]
