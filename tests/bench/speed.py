"""The speed comparison both crawl benches make: the whole crawl beside ``trafilatura.extract``
alone over the same page bytes in one process, in one run, on a machine others share.

Wall-clock seconds on a shared machine measure the other users as much as us: at a load of
6-13 on 2 cores (measured while this was written) trafilatura alone ran at 25 % of a core,
so its pages/s fell 4x and the crawl, three processes against its one, looked faster than it
is.  So besides the wall-clock ratio this reports what each side cost in CPU seconds and the
ratio those imply on an idle 2-core machine, with the load average seen during each part:

* trafilatura alone is CPU-bound in one process: idle pages/s = pages / its CPU seconds.
* the crawl is its main process (reactor, links, storage) and the extraction pool: idle it
  takes at least ``max(all CPU / cores, main process CPU)`` seconds, plus what the main
  process spends while no other process of the crawl runs (start-up before the pool,
  clustering after it): that part cannot overlap anything, whatever the cores.

Where the crawl's wall-clock goes is read from the scheduler (``/proc/PID/schedstat``): per
process, seconds on a CPU, seconds *runnable but waiting for a CPU*, and the rest, blocked
(waiting for work, a socket, a lock).  Only blocked time is idleness the crawl could remove;
run-queue time is the machine's other users.  Linux groups processes by session
(``sched_autogroup``): a session's processes share one session's CPU, so the crawl (three
processes) gets no more CPU than trafilatura alone (one process) once the machine has other
busy sessions — measured on this machine (load ~14, three repeats, side by side for 8 s): a
session of three spinning processes got 2.65-2.78 CPU seconds, a session of one 2.6-3.08.
The crawl runs in a session of its own, as from a terminal; ``trafilatura_alone.cpu_share``
says what one session got, and below ~0.95 of a core the wall ratio measures the scheduler's
share, not two cores (``wall_shows_two_cores`` false); so does a crawl whose processes waited
for a CPU longer than they ran (``time_use``): trafilatura alone cannot show more than one
core, the crawl's run queue shows whether it had a second.

The trafilatura pass is split in two halves, before and after the crawl, so a load that
drifts during the run weighs on both sides alike.  The demo server runs in the bench
process; its CPU during the crawl is reported (``server_cpu_seconds``) and is not the crawl's.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

SAMPLE_SECONDS = 0.25
EXIT_POLL_SECONDS = 0.02  # how soon the end of a measured process is seen
# trafilatura alone got at least this share of a core: the machine had a core to spare, and
# a crawl that can use two would show it in wall-clock seconds
FREE_CORE_SHARE = 0.95
# On an idle 2-core machine the crawl's three busy processes should wait for a CPU about half
# as long as they run (three on two cores: expected, never measured, this machine was never
# idle); at load 15 here they waited 6.7x as long.  More waiting than running: the crawl's
# session had less than two cores.
CPU_WAIT_PER_RUN = 1.0
# the resource tracker of a 600-page crawl: 0.01 s on a CPU in 85 s; a worker: 8 s
HELPER_CPU_SHARE = 0.01
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def load_average() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process, from /proc (Linux)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2 :].split()  # the command name may hold spaces
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK


def _schedstat(pid: int) -> tuple[float, float] | None:
    """(seconds on a CPU, seconds runnable but waiting for one) of a process's main thread."""
    try:
        run, wait, _ = Path(f"/proc/{pid}/schedstat").read_text().split()
    except (OSError, ValueError):
        return None
    return int(run) / 1e9, int(wait) / 1e9


def _children(pid: int) -> list[int]:
    """Child processes of ``pid`` (from every thread's children file; Linux ≥ 3.5)."""
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            kids += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
    except OSError:
        pass
    return kids


class TreeSampler(threading.Thread):
    """Samples the CPU seconds of a process and its descendants, and the load average, until
    stopped; the last value seen per process stands for it (a process that ends loses at most
    one sample's worth)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.cpu: dict[int, float] = {}
        self.loads: list[float] = []
        self.serial = 0.0  # main-process CPU seen while no other process of the tree ran
        # pid -> (first seen, last seen, schedstat first, schedstat last)
        self.sched: dict[int, tuple[float, float, tuple, tuple]] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(SAMPLE_SECONDS):
            self.sample()

    def sample(self) -> None:
        self.loads.append(load_average())
        main_before = self.cpu.get(self.root, 0.0)
        others_ran = False
        todo = [self.root]
        while todo:
            pid = todo.pop()
            stat = _proc_stat(pid)
            if stat is not None:
                others_ran |= pid != self.root and stat[1] > self.cpu.get(pid, 0.0)
                self.cpu[pid] = stat[1]
                self._sched(pid)
            todo += _children(pid)
        if not others_ran:
            self.serial += self.cpu.get(self.root, 0.0) - main_before

    def _sched(self, pid: int) -> None:
        now, stat = time.monotonic(), _schedstat(pid)
        if stat is not None:
            first = self.sched.get(pid, (now, now, stat, stat))
            self.sched[pid] = (first[0], now, first[2], stat)

    def time_use(self) -> dict:
        """Seconds on a CPU, waiting for one, and blocked: of the main process, and summed
        over the workers (the extraction pool) from when each was first seen.  A child that
        spent under ``HELPER_CPU_SHARE`` of its life on a CPU is a helper that only waits
        (multiprocessing's resource tracker), not a worker: its hours blocked are no idle
        core."""
        out = {"main": [0.0, 0.0, 0.0], "pool": [0.0, 0.0, 0.0]}
        for pid, (t0, t1, (r0, w0), (r1, w1)) in self.sched.items():
            run, wait = r1 - r0, w1 - w0
            if pid != self.root and run < HELPER_CPU_SHARE * (t1 - t0):
                continue
            part = out["main" if pid == self.root else "pool"]
            for i, v in enumerate((run, wait, max(0.0, (t1 - t0) - run - wait))):
                part[i] += v
        keys = ("on_cpu_s", "waiting_for_cpu_s", "blocked_s")
        return {
            who: dict(zip(keys, (round(v, 2) for v in vals), strict=True))
            for who, vals in out.items()
        }

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def main_cpu(self) -> float:
        return self.cpu.get(self.root, 0.0)

    def mean_load(self) -> float:
        return round(sum(self.loads) / len(self.loads), 2) if self.loads else float("nan")


def _communicate_sampling_at_exit(
    proc: subprocess.Popen, sampler: TreeSampler, timeout: float
) -> tuple[str, str]:
    """``proc.communicate`` with one last sample taken when the process has exited but is
    not yet reaped (its /proc entry still holds its CPU seconds): the main process's CPU is
    then exact, not short by the CPU it spent after the sampler's last tick (up to a tick,
    more on a loaded machine: a 0.6 s spin was once read as 0.37 s)."""
    streams: dict[str, str] = {}

    def drain(name: str, stream) -> None:
        streams[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream), daemon=True)
        for name, stream in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    while True:
        exited = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if exited is not None:
            sampler.sample()  # a zombie: its CPU seconds are final and still readable
            break
        if time.monotonic() > deadline:
            proc.kill()
            break
        time.sleep(EXIT_POLL_SECONDS)
    proc.wait()
    for reader in readers:
        reader.join()
    return streams.get("out", ""), streams.get("err", "")


def run_measured(
    cmd: list[str], timeout: float, **popen
) -> tuple[subprocess.CompletedProcess, dict]:
    """Run ``cmd`` (the crawl) and measure it: wall, CPU of its whole tree (exact, from
    rusage), of its main process (sampled), this process's CPU meanwhile (the server)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own0 = time.process_time()
    t0 = time.perf_counter()
    popen.setdefault("start_new_session", True)  # scheduled as a crawl from a terminal is
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    try:
        out, err = _communicate_sampling_at_exit(proc, sampler, timeout)
    except BaseException:  # Ctrl-C reaches only this session: end the crawl's too
        proc.kill()
        raise
    wall = time.perf_counter() - t0
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    return done, {
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "main_process_cpu_seconds": round(sampler.main_cpu(), 2),
        "main_serial_cpu_seconds": round(sampler.serial, 2),
        "pool_cpu_seconds": round(cpu - sampler.main_cpu(), 2),
        "cpu_utilisation": round(cpu / wall, 2) if wall else 0.0,
        "server_cpu_seconds": round(time.process_time() - own0, 2),
        "load_average": sampler.mean_load(),
        "time_use": sampler.time_use(),
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
    }


def _trafilatura_pass(bodies: list[bytes]) -> tuple[int, float, float, list[float]]:
    loads = [load_average()]
    t0, cpu0 = time.perf_counter(), time.process_time()
    extracted = sum(1 for b in bodies if trafilatura.extract(b))
    loads.append(load_average())
    return extracted, time.perf_counter() - t0, time.process_time() - cpu0, loads


def around_trafilatura(bodies: list[bytes], crawl: Callable[[], dict]) -> tuple[dict, dict]:
    """trafilatura alone over half the pages, then ``crawl()``, then the other half."""
    first = _trafilatura_pass(bodies[0::2])
    result = crawl()
    second = _trafilatura_pass(bodies[1::2])
    wall, cpu = first[1] + second[1], first[2] + second[2]
    loads = first[3] + second[3]
    baseline = {
        "pages": len(bodies),
        "extracted": first[0] + second[0],
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "pages_per_s": round(len(bodies) / wall, 2),
        "pages_per_cpu_s": round(len(bodies) / cpu, 2),
        "cpu_share": round(cpu / wall, 2),  # of a core: what one session got meanwhile
        "load_average": round(sum(loads) / len(loads), 2),
    }
    return baseline, result


def had_two_cores(baseline: dict, crawl: dict) -> bool:
    """Whether the machine gave the crawl two cores: trafilatura alone had a whole one, and
    the crawl's processes waited for a CPU no longer than ``CPU_WAIT_PER_RUN`` times they ran."""
    if baseline.get("cpu_share", 1.0) < FREE_CORE_SHARE:
        return False
    use = crawl.get("time_use") or {}
    ran = sum(part.get("on_cpu_s", 0.0) for part in use.values())
    waited = sum(part.get("waiting_for_cpu_s", 0.0) for part in use.values())
    return waited <= CPU_WAIT_PER_RUN * ran


def ratios(baseline: dict, crawl: dict, pages: int, cores: int = 2) -> dict:
    """The crawl's ``pages`` per second over trafilatura alone's: measured wall-clock, and
    as the CPU seconds each spent imply on an idle machine of ``cores`` cores."""
    serial = crawl.get("main_serial_cpu_seconds", 0.0)
    overlapping = crawl["cpu_seconds"] - serial
    idle_seconds = serial + max(overlapping / cores, crawl["main_process_cpu_seconds"] - serial)
    return {
        "wall": round(pages / crawl["seconds"] / baseline["pages_per_s"], 2),
        # no core to spare (see the module's docstring): wall then compares CPU per page
        "wall_shows_two_cores": had_two_cores(baseline, crawl),
        "cpu_idle_estimate": round(pages / idle_seconds / baseline["pages_per_cpu_s"], 2),
        "crawl_cpu_ms_per_page": round(1000 * crawl["cpu_seconds"] / max(1, pages), 1),
        "main_cpu_ms_per_page": round(1000 * crawl["main_process_cpu_seconds"] / max(1, pages), 1),
        "trafilatura_cpu_ms_per_page": round(1000 / baseline["pages_per_cpu_s"], 1),
    }
