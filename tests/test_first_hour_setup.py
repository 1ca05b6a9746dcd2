"""Issue 14: ``make test`` installs Chromium, its driver, CJK fonts and redis-server with apt
as root.  A run that is not root cannot, and must skip those tests with one clear line
instead of failing; the README says so."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e_helpers import ROOT, missing_tool


def test_missing_tool_skips_when_not_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    with pytest.raises(pytest.skip.Exception) as skipped:
        missing_tool("redis-server", "redis-server")
    assert str(skipped.value) == (
        "redis-server is not installed and this is not root: skipped "
        "(as root: apt-get install redis-server)"
    )
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    with pytest.raises(pytest.fail.Exception):
        missing_tool("redis-server", "redis-server")


@pytest.mark.parametrize(
    ("script", "tests"),
    [("tests/report/ensure_chromium.sh", "browser"), ("tests/ensure_redis.sh", "scale-out")],
)
def test_ensure_scripts_say_one_line_and_succeed_when_not_root(tmp_path: Path, script, tests):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "id").chmod(0o755)
    # a PATH with neither chromium nor redis-server, and an `id` that is not root
    path = _without(tmp_path, {"chromium", "chromium-browser", "redis-server"})
    env = {"PATH": f"{fake}:{path}", "HOME": str(tmp_path)}
    done = subprocess.run(
        ["/bin/sh" if script.endswith("chromium.sh") else "/bin/bash", str(ROOT / script)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not root" in lines[0] and f"{tests} tests" in lines[0], lines


def _without(tmp_path: Path, hidden: set[str]) -> str:
    """A directory of links to the tools in /usr/bin and /bin, less those named ``hidden``."""
    view = tmp_path / "usr-bin"
    view.mkdir()
    for directory in ("/usr/bin", "/bin"):
        for tool in Path(directory).iterdir():
            target = view / tool.name
            if tool.name not in hidden and not target.exists():
                target.symlink_to(tool)
    return str(view)


def test_readme_says_what_make_test_installs_and_where_benchmarks_are():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("Chromium", "chromium-driver", "fonts-noto-cjk", "redis-server", "root"):
        assert needle in readme.split("## Command line")[0], needle
    assert "docs/benchmarks.md" in readme and "0.9861" not in readme
    assert "0.9861" in (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "published_at" in readme and "+08:00" in readme
