"""Runs of the served deployments left Running or Pending by a process that no longer exists.

`abk serve` killed with its process group (a restart, a reboot, the OOM killer) takes its running pass
with it, and Prefect keeps that run "Running" for ever: it holds the deployment's only concurrency slot,
so every later run stays Scheduled and no dropped file gets a verdict. Each served run therefore writes
where it runs (host, pid and the process's start time, so a reused pid is not mistaken for it) into the
run's ``infrastructure_pid`` as its first step; `abk serve` looks at start and at every sweep for runs
whose process is gone and marks them Crashed, which frees the slot and offers Retry in the UI.

A heartbeat automation (Prefect's documented answer) was tried first: its event bucket is written on
every heartbeat and state change, and on SQLite those writes failed with "database is locked", so it
also fired on runs that had ended normally. Asking the operating system whether the process lives is
exact and costs the database nothing.
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from flows.reaper import stat_fields

# A run the runner has just set Pending has no process yet, or one still importing; it stamps itself
# within seconds of starting.
UNSTAMPED_GRACE_S = 120
ACTIVE = ("RUNNING", "PENDING", "CANCELLING")
CRASH_MESSAGE = ("Proses pass ini sudah tidak ada (abk serve dihentikan atau mesin dinyalakan ulang saat pass "
                 "berjalan). Berkas yang sedang diproses dikembalikan ke inbox oleh pass berikutnya; tekan "
                 "Retry untuk menjalankannya lagi.")


@dataclass(frozen=True)
class ActiveRun:
    id: str
    name: str
    state: str                 # RUNNING, PENDING or CANCELLING
    since: datetime            # when it entered that state
    stamp: str | None          # "host:pid:start" written by the run itself


def process_stamp(pid: int | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid)}"


def _start_ticks(pid: int) -> str:
    fields = stat_fields(pid)
    return fields[19] if fields else "?"


def _process_lives(pid: int, start: str) -> bool:
    fields = stat_fields(pid)
    return fields is not None and fields[0] != "Z" and (start == "?" or fields[19] == start)


def orphaned(runs: list[ActiveRun], now: datetime, host: str | None = None) -> list[ActiveRun]:
    """The runs whose process is known to be gone. A run stamped on another machine is left alone (only
    that machine can tell); an unstamped one counts as gone once it is older than the grace."""
    host = host or socket.gethostname()
    gone = []
    for run in runs:
        if run.stamp is None or run.stamp.count(":") < 2:
            if now - run.since > timedelta(seconds=UNSTAMPED_GRACE_S):
                gone.append(run)
            continue
        where, pid, start = run.stamp.rsplit(":", 2)
        if where == host and pid.isdigit() and not _process_lives(int(pid), start):
            gone.append(run)
    return gone


def stamp_this_run() -> None:
    """Write this process into the current run of a deployment (runs of `abk process` have no slot to
    hold, and are not stamped)."""
    from prefect import get_client
    from prefect.runtime import deployment, flow_run

    if not deployment.id or not flow_run.id:
        return
    with get_client(sync_client=True) as client:
        client.update_flow_run(flow_run.id, infrastructure_pid=process_stamp())


def crash_orphans(deployments: list[str]) -> list[str]:
    """Mark the orphaned runs of these served deployments Crashed (forced: the process that would report
    their end is gone); the names of the runs marked."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    from flows.deployment_names import run_filters

    with get_client(sync_client=True) as client:
        flow_runs = client.read_flow_runs(**run_filters(*deployments), flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType(s) for s in ACTIVE]))))
        runs = [ActiveRun(str(r.id), r.name, r.state.type.value, r.state.timestamp, r.infrastructure_pid)
                for r in flow_runs if r.state is not None]
        marked = []
        for run in orphaned(runs, datetime.now(timezone.utc)):
            client.set_flow_run_state(run.id, Crashed(message=CRASH_MESSAGE), force=True)
            marked.append(run.name)
    return marked
