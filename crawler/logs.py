"""Where a crawl's log goes: Scrapy's full log to a file beside the database, the terminal
only what a user must see.

Scrapy logs every retry it gives up on at ERROR and every unreachable robots.txt at WARNING:
on the real web (and in the demo web, on purpose) those are expected, and the crawl summary
counts them per reason and per source.  Printed between the banner and the summary they
read as the crawl breaking.  So the log file (``<db dir>/logs/<kind>-<time>-<pid>.log``,
at ``LOG_LEVEL``, INFO by default) keeps everything, and the terminal gets WARNING and
above, less what the summary already reports; ``--verbose`` puts the file's lines on the
terminal too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from scrapy.settings import Settings

KEEP_LOGS = 50  # newest log files kept per directory: a 6-hourly schedule keeps ~12 days
# Loggers whose WARNING/ERROR lines are events the summary counts (failed fetches by
# reason, sources whose robots.txt could not be read): kept in the file, not on the terminal.
COUNTED_IN_SUMMARY = (
    "scrapy.downloadermiddlewares.retry",
    "scrapy.downloadermiddlewares.robotstxt",
)
_TERMINAL = "reprints-terminal"


def new_log_file(logs_dir: str | Path, kind: str) -> str | None:
    """A fresh log file's path in ``logs_dir`` (made; older logs beyond KEEP_LOGS pruned),
    or None when the directory cannot be made."""
    directory = Path(logs_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _prune(directory)
    except OSError:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return str(directory / f"{kind}-{stamp}-{os.getpid()}.log")


def _prune(directory: Path, keep: int = KEEP_LOGS) -> None:
    logs = sorted(directory.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


class _NotCounted(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith(COUNTED_IN_SUMMARY)


def log_overrides(
    overrides: dict[str, str], logs_dir: str | Path, kind: str, verbose: bool
) -> dict[str, str]:
    """``overrides`` plus where the log goes (unless ``--set LOG_FILE`` chose) and whether
    the terminal shows it all.  Without a writable log directory Scrapy logs to the terminal,
    at WARNING unless ``--verbose``."""
    out = dict(overrides)
    if verbose:
        out["REPRINTS_VERBOSE"] = "True"
    if "LOG_FILE" not in out:
        path = new_log_file(logs_dir, kind)
        if path:
            out["LOG_FILE"] = path
        else:
            out.setdefault("LOG_LEVEL", "INFO" if verbose else "WARNING")
    return out


def attach_terminal(settings: Settings) -> None:
    """After Scrapy installed its (file) root handler: a stderr handler for what a user must
    see.  Idempotent: one process runs one crawl, but the demo calls this through it."""
    if not settings.get("LOG_FILE"):
        return  # Scrapy's own handler writes to stderr
    # a log line that cannot be written (a full disk) must not print a traceback; the
    # storage error of the same disk is reported in one line
    logging.raiseExceptions = False
    root = logging.getLogger()
    if any(h.get_name() == _TERMINAL for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_TERMINAL)
    verbose = settings.getbool("REPRINTS_VERBOSE")
    handler.setLevel(settings.get("LOG_LEVEL") if verbose else logging.WARNING)
    if not verbose:
        handler.addFilter(_NotCounted())
    handler.setFormatter(
        logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT"))
    )
    root.addHandler(handler)
