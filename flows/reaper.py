"""Ends what a pass left running when the pass itself is killed (kill -9, the OOM killer).

`abk process` without PREFECT_API_URL gets a temporary Prefect server from Prefect, a child process
that Prefect stops when the pass ends; a pass killed with -9 never stops it, and each such kill left
a server of about 200 MB and an open port behind. This watcher, started beside the pass in a session
of its own, notes the pass's descendants every second; when the pass is gone it ends the ones still
running (SIGTERM, then SIGKILL) and exits. Linux only (/proc), like the rest of the project's process
handling.

    python -m flows.reaper <pid>
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

POLL_S = 1.0
GRACE_S = 5.0


def watch(pid: int) -> None:
    """Start the reaper of ``pid`` (normally this process) in a session of its own."""
    subprocess.Popen([sys.executable, "-m", "flows.reaper", str(pid)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stats() -> dict[int, list[str]]:
    """Each process's /proc/<pid>/stat fields after "(comm)": state, ppid, pgrp, session, ..."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                out[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
    return out


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for child, fields in _stats().items():
        children.setdefault(int(fields[1]), []).append(child)
    found, frontier = set(), [pid]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after "(comm)": state, ppid, pgrp, session, ... (index 19: start time in clock
    ticks); None when there is no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _alive(pid: int) -> bool:
    """Running: a zombie (killed, not yet waited for by its parent) counts as gone."""
    fields = stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def _end(pids: set[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in [p for p in pids if _alive(p)]:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + GRACE_S
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)


def orphans(session: int, since: int) -> set[int]:
    """Processes of the pass's session, started after it, that lost their parent (now init's): what the
    pass started in the last moment before it was killed, after the last look."""
    return {pid for pid, fields in _stats().items()
            if int(fields[1]) == 1 and int(fields[3]) == session and int(fields[19]) >= since}


def main(pid: int) -> None:
    fields = _stats().get(pid)
    if fields is None:
        return
    session, since = int(fields[3]), int(fields[19])      # session id; start time in clock ticks
    known: set[int] = set()
    while _alive(pid):
        known = descendants(pid) - {os.getpid()}
        time.sleep(POLL_S)
    _end((known | orphans(session, since)) - {os.getpid()})


if __name__ == "__main__":
    main(int(sys.argv[1]))
