"""A pass for a dropped file that starts without paying a new process's start-up.

Prefect's runner starts each run in a new Python process, which imports Prefect, the flow and the
readers (about 2 s here), after polling for the run (up to 1 s); a dropped file's verdict took 8-10 s.
`abk serve` therefore keeps one process ready with all of that imported and the readers' fork server
running. When the watcher asks for a pass, the run is created for the manual deployment and handed to
that process, which takes the deployment's concurrency slot (Pending) and runs the flow through
Prefect's own engine: the run is an ordinary run of `abk-pass/manual` in the UI, with its logs,
artifacts and Retry (a Retry goes through the runner as usual).

The run is created scheduled a little in the future (out of the runner's sight), so that if the ready
process dies before taking it, the runner takes it when it falls due: nothing is lost either way. A process runs one pass and
ends; the next one is started after it.

    python -m flows.warm_run      (started by `abk serve`; reads one flow run id on stdin)
"""
from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

READY = "siap"
# If the ready process has not taken the run by then, the runner takes it.
RUNNER_TAKES_OVER_S = 30
READY_WAIT_S = 5.0
# A pass still rendering holds the slot; the next one waits for it here, polling this often.
SLOT_POLL_S = 0.5
SLOT_WAIT_S = 900


class WarmRun:
    """The ready process, seen from `abk serve`'s watcher thread."""

    def __init__(self):
        self.spare: subprocess.Popen | None = None
        self.spare_ready = False
        self.running: list[tuple[str, subprocess.Popen]] = []      # runs handed over, not yet ended

    def prepare(self) -> None:
        """Start a ready process if there is none: at once, also while a pass runs, because the next file
        often lands while the previous pass is still laying out its documents."""
        self.running = [(run, process) for run, process in self.running if process.poll() is None]
        if self.spare is not None and self.spare.poll() is None:
            return
        self.spare_ready = False
        self.spare = subprocess.Popen([sys.executable, "-m", "flows.warm_run"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)

    def _ready(self, wait_s: float) -> bool:
        if self.spare is None or self.spare.poll() is not None:
            return False
        if not self.spare_ready:
            readable, _, _ = select.select([self.spare.stdout], [], [], wait_s)
            self.spare_ready = bool(readable) and self.spare.stdout.readline().strip() == READY
        return self.spare_ready

    def start(self, deployment_id, min_age_s: float) -> str | None:
        """Create a run of the deployment and give it to the ready process; None when no process is ready
        (the caller then leaves the run to the runner)."""
        if not self._ready(READY_WAIT_S):
            return None
        from prefect import get_client
        from prefect.states import Scheduled

        due = datetime.now(timezone.utc) + timedelta(seconds=RUNNER_TAKES_OVER_S)
        with get_client(sync_client=True) as client:
            run = client.create_flow_run_from_deployment(
                deployment_id, parameters={"min_age_s": min_age_s}, state=Scheduled(scheduled_time=due))
        try:
            self.spare.stdin.write(f"{run.id}\n")
            self.spare.stdin.close()
        except OSError:
            pass                                   # it died: the runner takes the run when it is due
        self.running.append((str(run.id), self.spare))
        self.spare, self.spare_ready = None, False
        return str(run.id)

    def cancel_if_asked(self) -> None:
        """Cancel in the UI reaches processes the runner started; these are ended here."""
        running = [(run, process) for run, process in self.running if process.poll() is None]
        if not running:
            return
        from prefect import get_client
        from prefect.states import Cancelled

        with get_client(sync_client=True) as client:
            for run_id, process in running:
                state = client.read_flow_run(run_id).state
                if state is not None and state.type.value == "CANCELLING":
                    process.terminate()
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                    client.set_flow_run_state(run_id, Cancelled(message="Dibatalkan dari UI"), force=True)


def main() -> None:
    from prefect import get_client
    from prefect.flow_engine import run_flow

    from extractors import isolation
    from flows.pass_flow import abk_pass

    isolation.start_fork_server()
    print(READY, flush=True)
    # Nobody reads the pipe after this line: anything the pass writes to stdout goes where its logs go,
    # rather than filling the pipe until the pass blocks.
    sys.stdout.flush()
    os.dup2(2, 1)
    line = sys.stdin.readline().strip()
    if not line:
        return                                      # abk serve ended
    with get_client(sync_client=True) as client:
        if not _take_slot(client, line):
            return
        flow_run = client.read_flow_run(line)
    os.environ["PREFECT__FLOW_RUN_ID"] = line
    run_flow(abk_pass, flow_run=flow_run, parameters=flow_run.parameters, return_type="state")


def _take_slot(client, run_id: str) -> bool:
    """Move the run to Pending through the usual rules, which take the deployment's concurrency slot. The
    run is made due now first (Prefect holds back a run that is not yet due); while another pass holds the
    slot it is put back out of the runner's sight and tried again. False when the runner took the run in
    between (it is then the runner's) or it ended."""
    from prefect.client.schemas.responses import SetStateStatus
    from prefect.states import Pending, Scheduled

    deadline = time.monotonic() + SLOT_WAIT_S
    while time.monotonic() < deadline:
        client.set_flow_run_state(run_id, Scheduled(scheduled_time=datetime.now(timezone.utc)), force=True)
        answer = client.set_flow_run_state(run_id, Pending())
        if answer.status == SetStateStatus.ACCEPT:
            return True
        if answer.status != SetStateStatus.WAIT:
            return False
        later = datetime.now(timezone.utc) + timedelta(seconds=RUNNER_TAKES_OVER_S)
        client.set_flow_run_state(run_id, Scheduled(scheduled_time=later), force=True)
        time.sleep(SLOT_POLL_S)
    return False                                    # it stays scheduled: the runner takes it when it is due


if __name__ == "__main__":
    main()
