"""``reprints schedule``: crawl on an interval or a cron expression with APScheduler 3.x.

Every run is a fresh ``reprints crawl`` process (Twisted's reactor cannot restart inside
one process).  Runs never overlap (max_instances=1, missed runs coalesced).  SIGINT/SIGTERM
stop the scheduler after the current run: the crawl runs in its own session, so a Ctrl-C
meant for the scheduler does not kill it half-way.
"""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
import threading
from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'30s', '15m', '6h', '1d' -> seconds; ValueError with the accepted form otherwise."""
    m = _EVERY.match(text or "")
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"--every {text!r}: use a number and a unit s, m, h or d (e.g. 30s, 6h)")
    return float(m.group(1)) * _UNITS[m.group(2)]


def make_trigger(every: str | None, cron: str | None):
    if every:
        return IntervalTrigger(seconds=parse_every(every))
    try:
        return CronTrigger.from_crontab(cron)
    except ValueError as exc:
        raise ValueError(f"--cron {cron!r}: {exc}") from None


class CrawlSchedule:
    def __init__(self, crawl_args: list[str], trigger, max_runs: int | None = None) -> None:
        self.crawl_args = crawl_args
        self.max_runs = max_runs
        self.runs = 0
        self.failures = 0
        self.stopping = threading.Event()
        self.scheduler = BlockingScheduler(job_defaults={"max_instances": 1, "coalesce": True})
        self.scheduler.add_job(self.run_once, trigger, next_run_time=datetime.now(), id="crawl")

    def run_once(self) -> None:
        if self.stopping.is_set():
            return
        self.runs += 1
        print(f"[{datetime.now():%Y-%m-%d %H:%M:%S}] run {self.runs}: starting crawl", flush=True)
        cmd = [sys.executable, "-m", "crawler.cli", "crawl", *self.crawl_args]
        proc = subprocess.run(cmd, start_new_session=True)
        if proc.returncode != 0:
            self.failures += 1
        stamp = f"{datetime.now():%Y-%m-%d %H:%M:%S}"
        print(f"[{stamp}] run {self.runs} finished (exit {proc.returncode})", flush=True)
        if self.max_runs and self.runs >= self.max_runs:
            self.stop()

    def stop(self, *_args) -> None:
        if not self.stopping.is_set():
            self.stopping.set()
            print("stopping after the current run…", flush=True)
            threading.Thread(
                target=self.scheduler.shutdown, kwargs={"wait": True}, daemon=True
            ).start()

    def start(self) -> int:
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        self.scheduler.start()  # blocks until shutdown
        return 0 if self.failures == 0 else 1
