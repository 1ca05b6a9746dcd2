from __future__ import annotations

import subprocess
import sys

import pytest

from crawler.sources import ConfigError, load_sources

GOOD = """
[[source]]
name = "nandu"
role = "publisher"
outlet = "南方都市报"
start_urls = ["https://www.example.com/"]
sitemap_urls = ["https://www.example.com/sitemap.xml"]
max_depth = 3

[[source]]
name = "farm"
role = "farm"
start_urls = ["http://127.0.0.5:8000/"]

[topic]
include = ["AI换脸"]
context = ["法院"]
"""


def write(tmp_path, text: str):
    p = tmp_path / "sources.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_config(tmp_path):
    cfg = load_sources(write(tmp_path, GOOD))
    assert [s.name for s in cfg.sources] == ["nandu", "farm"]
    nandu = cfg.by_name("nandu")
    assert nandu.allowed_domains == ("www.example.com",)
    assert nandu.max_depth == 3 and nandu.outlet == "南方都市报"
    assert cfg.by_name("farm").allows("http://127.0.0.5:8000/a/b.html")
    assert not cfg.by_name("farm").allows("http://127.0.0.6:8000/")
    assert cfg.topic.include == ("AI换脸",)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[[source]]\nname="a"\nrole="farm"\n', "start_urls' is missing"),
        ('[[source]]\nname="a"\nrole="copier"\nstart_urls=["http://x/"]\n', "role must be"),
        ('[[source]]\nname="a"\nrole="farm"\nstart_urls=["http://x/"]\ncolour=1\n', "unknown key"),
        ('[[source]\nname="a"', "TOML syntax error"),
        ('[[source]]\nname="a"\nrole="farm"\nstart_urls=["ftp://x/"]\n', "not an http(s) URL"),
        ("", "no [[source]] entries"),
    ],
)
def test_bad_config_one_clear_line(tmp_path, text, needle):
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_sources(p)
    assert needle in str(err.value)
    assert str(p) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    "text",
    [
        '[[source]]\nname="a"\nrole="farm"\n',
        "[[source]\n",
        '[[source]]\nname="a"\nrole="x"\nstart_urls=["http://x/"]',
    ],
)
def test_cli_bad_config_exit_2_no_traceback(tmp_path, text):
    p = write(tmp_path, text)
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.cli",
            "crawl",
            "--sources",
            str(p),
            "--db",
            str(tmp_path / "d.duckdb"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert str(p) in r.stderr


def test_cli_missing_sources_file(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "file not found" in r.stderr and "Traceback" not in r.stderr
