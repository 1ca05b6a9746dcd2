"""The crawl benches' speed arithmetic (tests/bench/speed.py): what a shared machine's load
must not change."""

from __future__ import annotations

import sys

from tests.bench.speed import ratios, run_measured


def test_idle_estimate_is_bound_by_the_main_process_when_it_does_most():
    baseline = {"pages_per_s": 5.0, "pages_per_cpu_s": 25.0}  # 40 ms a page, loaded machine
    # 100 pages; 6 CPU seconds in all, 4 of them in the main process: idle, 4 s not 3 s
    crawl = {"seconds": 20.0, "cpu_seconds": 6.0, "main_process_cpu_seconds": 4.0}
    r = ratios(baseline, crawl, 100)
    assert r["wall"] == 1.0
    assert r["cpu_idle_estimate"] == 1.0  # 100 / 4 s = 25 pages/s, trafilatura's 25
    crawl["main_process_cpu_seconds"] = 1.0  # now both cores bound it: 3 s
    assert ratios(baseline, crawl, 100)["cpu_idle_estimate"] == 1.33


def test_a_crawl_child_process_cpu_is_the_crawl_s_not_the_bench_s():
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass"
    code = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {spin!r}])\n{spin}"
    proc, m = run_measured([sys.executable, "-c", code], timeout=60)
    assert proc.returncode == 0
    assert m["cpu_seconds"] >= 1.1  # parent and child, 0.6 s each
    assert 0.5 <= m["main_process_cpu_seconds"] < 1.0  # the parent alone
    assert m["pool_cpu_seconds"] >= 0.5
    assert m["server_cpu_seconds"] < 0.5  # this process only waited


def test_main_process_cpu_while_nothing_else_runs_is_added_not_shared():
    baseline = {"pages_per_s": 5.0, "pages_per_cpu_s": 25.0}
    # 6 CPU seconds, 2 in the main process, 1 of those before the pool and after it:
    # idle, 1 s alone + the other 5 s on two cores = 3.5 s, not 3 s
    crawl = {"seconds": 20.0, "cpu_seconds": 6.0, "main_process_cpu_seconds": 2.0}
    assert ratios(baseline, crawl, 100)["cpu_idle_estimate"] == 1.33
    crawl["main_serial_cpu_seconds"] = 1.0
    assert ratios(baseline, crawl, 100)["cpu_idle_estimate"] == 1.14


def test_the_sampler_tells_the_main_process_alone_from_the_main_process_beside_a_child():
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass"
    child = f"[sys.executable, '-c', {spin!r}]"
    alone = f"import subprocess, sys\n{spin}\nsubprocess.run({child})"  # then the child alone
    proc, m = run_measured([sys.executable, "-c", alone], timeout=60)
    assert proc.returncode == 0
    assert m["main_serial_cpu_seconds"] >= 0.4, m  # the parent's spin ran beside nothing
    beside = f"import subprocess, sys\np = subprocess.Popen({child})\n{spin}\np.wait()"
    proc, m = run_measured([sys.executable, "-c", beside], timeout=60)
    assert proc.returncode == 0
    assert m["main_serial_cpu_seconds"] < 0.3, m  # the parent spun while the child ran


def test_time_use_tells_a_crawl_that_waits_for_work_from_one_that_waits_for_a_cpu():
    # Blocked seconds are idleness the crawl could remove; run-queue seconds are the load.
    proc, m = run_measured([sys.executable, "-c", "import time; time.sleep(1.5)"], timeout=60)
    assert proc.returncode == 0
    assert m["time_use"]["main"]["blocked_s"] >= 1.0, m
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 1.0: pass"
    proc, m = run_measured([sys.executable, "-c", spin], timeout=60)
    assert proc.returncode == 0
    assert m["time_use"]["main"]["on_cpu_s"] >= 0.7, m
    assert m["time_use"]["main"]["blocked_s"] < 0.5, m


def test_the_wall_ratio_says_when_the_machine_had_no_core_to_spare():
    crawl = {"seconds": 20.0, "cpu_seconds": 6.0, "main_process_cpu_seconds": 2.0}
    busy = {"pages_per_s": 5.0, "pages_per_cpu_s": 25.0, "cpu_share": 0.2}
    assert ratios(busy, crawl, 100)["wall_shows_two_cores"] is False
    quiet = {**busy, "cpu_share": 0.99}
    assert ratios(quiet, crawl, 100)["wall_shows_two_cores"] is True


def test_a_child_that_only_waits_is_no_idle_worker():
    # a crawl's pool brings a resource tracker that sleeps all along: not idle pool time
    nap = "['sleep', '2']"
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 1.0: pass"
    code = f"import subprocess, sys\np = subprocess.Popen({nap})\n{spin}\np.wait()"
    proc, m = run_measured([sys.executable, "-c", code], timeout=60)
    assert proc.returncode == 0
    assert m["time_use"]["pool"]["blocked_s"] < 0.5, m


def test_a_crawl_that_queued_for_a_cpu_did_not_have_two_cores():
    # trafilatura alone had a whole core, but the crawl's processes queued 7x as long as they
    # ran (load 15): one core per session, whatever trafilatura showed
    quiet = {"pages_per_s": 5.0, "pages_per_cpu_s": 25.0, "cpu_share": 0.99}
    crawl = {"seconds": 20.0, "cpu_seconds": 6.0, "main_process_cpu_seconds": 2.0}
    crawl["time_use"] = {"main": {"on_cpu_s": 2.0, "waiting_for_cpu_s": 14.0}}
    assert ratios(quiet, crawl, 100)["wall_shows_two_cores"] is False
    crawl["time_use"]["main"]["waiting_for_cpu_s"] = 1.0  # three processes on two cores
    assert ratios(quiet, crawl, 100)["wall_shows_two_cores"] is True
