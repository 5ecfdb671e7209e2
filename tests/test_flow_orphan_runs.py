"""Which runs `abk serve` marks Crashed: only those whose process is known to be gone."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

from flows.orphan_runs import UNSTAMPED_GRACE_S, ActiveRun, orphaned, process_stamp

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def _run(stamp, state="RUNNING", age_s=5):
    return ActiveRun(id=stamp or "none", name="r", state=state, since=NOW - timedelta(seconds=age_s), stamp=stamp)


def _dead_pid_stamp() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    stamp = process_stamp(child.pid)
    child.wait()
    return stamp


def test_a_run_whose_process_is_gone_is_orphaned_and_a_living_one_is_not():
    living, dead = _run(process_stamp()), _run(_dead_pid_stamp())
    assert orphaned([living, dead], NOW) == [dead]


def test_a_reused_pid_is_not_taken_for_the_run_s_process():
    host, pid, start = process_stamp().rsplit(":", 2)
    reused = _run(f"{host}:{pid}:{int(start) - 1}")          # same pid, started at another time
    assert orphaned([reused], NOW) == [reused]


def test_a_run_on_another_machine_is_left_to_that_machine():
    assert orphaned([_run("other-host:12345:999")], NOW) == []


def test_an_unstamped_run_is_given_time_to_start_its_process():
    fresh, old = _run(None, "PENDING", 10), _run(None, "PENDING", UNSTAMPED_GRACE_S + 1)
    assert orphaned([fresh, old], NOW) == [old]
