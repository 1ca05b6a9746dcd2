"""Issue 14, the command line a new user meets: ``--set`` checked before anything starts,
``--version``, help that helps, missing databases refused alike, one message prefix."""

from __future__ import annotations

import re
from pathlib import Path

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
