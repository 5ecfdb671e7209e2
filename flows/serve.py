"""`abk serve`: the nightly deployment, a manual deployment for the UI, and an inbox watcher.

Needs a long-lived Prefect API (`prefect server start`); without PREFECT_API_URL it starts one on
127.0.0.1 with its SQLite database under PREFECT_HOME, and the UI is then at http://127.0.0.1:4200.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from flows import guarded_api
from flows.config import Config
from flows.inbox import busy as inbox_busy
from flows.inbox import stranded as inbox_stranded
from flows.inbox import waiting

PORT = 4200
WATCH_EVERY_S = 2.0
# Events are lost while the API is down, so the watcher also sweeps: any file waiting this long
# triggers a pass even if no look ever saw it change.
SWEEP_EVERY_S = 60.0
# Files the watcher triggered on have held still across two looks; the pass it starts also leaves
# anything touched in the last moments, which belongs to a copy still running.
WATCHER_MIN_AGE_S = 1.0
# A run killed with -9 stays "Running" forever unless something notices its heartbeats stopped. Runs
# served here beat every minute; one silent for ten is marked Crashed (windows under ~9 minutes were
# seen to crash healthy runs on this machine kind).
HEARTBEAT_S = 60
ZOMBIE_AFTER_S = 600
ZOMBIE_AUTOMATION = "abk: tandai pass yang mati sebagai Crashed"


def serve(inbox: Path, outbox: Path, config: Config) -> int:
    server = None if os.environ.get("PREFECT_API_URL") else _start_local_server()
    os.environ.setdefault("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", str(HEARTBEAT_S))   # read by the run processes
    try:
        _install_zombie_guard()
        from prefect import serve as prefect_serve
        from prefect.schedules import Cron

        from flows.pass_flow import abk_pass

        params = {"inbox": str(inbox.resolve()), "outbox": str(outbox.resolve()), "config": str(config.path)}
        guarded_api.serve_parameters(params)
        nightly = abk_pass.to_deployment(
            name="malam", schedules=[Cron(config.nightly_cron, timezone=config.instansi.timezone)],
            parameters=params, concurrency_limit=1,
            description=f"Pass malam atas semua kiriman unit ({config.nightly_cron}, {config.instansi.timezone})")
        manual = abk_pass.to_deployment(
            name="manual", parameters=params, concurrency_limit=1,
            description="Dijalankan dari UI (Run / Retry) atau oleh pemantau inbox")
        watcher = threading.Thread(target=_watch, args=(inbox,), daemon=True, name="abk-pemantau-inbox")
        watcher.start()
        # A nightly run missed while this process was down is not replayed by Prefect: catch up now.
        threading.Thread(target=_catch_up, daemon=True, name="abk-susulan").start()
        prefect_serve(nightly, manual)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return 0


class ServerTaken(RuntimeError):
    """The port of the local API answers already, from a server this process did not start."""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2):
            return True
    except OSError:
        return False


def stable_arrivals(inbox: Path, previous: dict[Path, tuple]) -> tuple[list[Path], dict[Path, tuple]]:
    """Files whose size and mtime held still since the previous look (a copy still running moves)."""
    now = {}
    for path in waiting(inbox):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        now[path] = (stat.st_size, stat.st_mtime_ns)
    stable = [p for p, sig in now.items() if previous.get(p) == sig]
    return stable, now


class Watcher:
    """Decides when the inbox needs a pass: a stable new file, or anything left waiting at a sweep.
    Kept apart from the clock and from Prefect so it can be tested directly.

    While a pass holds the inbox nothing is triggered: a run started then would only be queued by the
    deployment's concurrency limit, and Prefect retries a queued run after 30 s (and again), which made
    one drop in twenty wait over a minute. The file is triggered on the first look after the pass."""

    def __init__(self, inbox: Path):
        self.inbox = inbox
        self.previous: dict[Path, tuple] = {}
        self.triggered: set[tuple] = set()
        self.last_sweep = time.monotonic()

    def look(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        stable, self.previous = stable_arrivals(self.inbox, self.previous)
        self.triggered = {t for t in self.triggered if t[0] in self.previous}   # forget files that left
        if stable and inbox_busy(self.inbox):
            return False
        if not stable and now - self.last_sweep >= SWEEP_EVERY_S:
            self.last_sweep = now
            # A pass killed mid-way left its files claimed; the pass started now puts them back
            # and judges them, instead of leaving them hidden until the nightly.
            return inbox_stranded(self.inbox)
        fresh = {(p, self.previous[p]) for p in stable} - self.triggered
        sweep = now - self.last_sweep >= SWEEP_EVERY_S and bool(stable)
        if fresh or sweep:
            self.triggered |= fresh | {(p, self.previous[p]) for p in stable}
            self.last_sweep = now
            return True
        return False


def _watch(inbox: Path) -> None:
    from prefect.deployments import run_deployment

    watcher = Watcher(inbox)
    while True:
        time.sleep(WATCH_EVERY_S)
        try:
            if watcher.look():
                # One run takes every file waiting (a burst becomes one batch); the deployment's
                # concurrency limit queues a second run behind the first instead of racing it.
                run_deployment("abk-pass/manual", parameters={"min_age_s": WATCHER_MIN_AGE_S}, timeout=0)
        except Exception as exc:  # the API may be restarting: keep watching, the sweep retries
            print(f"pemantau inbox: gagal memicu pass ({exc}); dicoba lagi", file=sys.stderr)


def _catch_up() -> None:
    from prefect.deployments import run_deployment

    time.sleep(5)   # let serve() register the deployments first
    try:
        run_deployment("abk-pass/malam", timeout=0)
    except Exception as exc:
        print(f"pass susulan gagal dipicu: {exc}", file=sys.stderr)


def _install_zombie_guard() -> None:
    """The automation Prefect documents for zombie flow runs, created once per server."""
    from datetime import timedelta

    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    try:
        Automation.read(name=ZOMBIE_AUTOMATION)
        return
    except ValueError:
        pass
    Automation(
        name=ZOMBIE_AUTOMATION,
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={"prefect.flow-run.heartbeat", "prefect.flow-run.Completed", "prefect.flow-run.Failed",
                    "prefect.flow-run.Cancelled", "prefect.flow-run.Crashed"},
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"}, posture=Posture.Proactive, threshold=1,
            within=timedelta(seconds=ZOMBIE_AFTER_S)),
        actions=[ChangeFlowRunState(state=StateType.CRASHED,
                                    message=f"Pass tidak mengirim tanda hidup selama {ZOMBIE_AFTER_S} detik "
                                            "(proses mati); jalankan ulang dengan Retry.")],
    ).create()


def _start_local_server() -> subprocess.Popen:
    """A Prefect API on 127.0.0.1 that asks for a password; refused when something already answers on the
    port (a server we did not start, perhaps without protection): PREFECT_API_URL names one to use."""
    url = f"http://127.0.0.1:{PORT}/api"
    if _answers(url):
        raise ServerTaken(f"sudah ada server lain di 127.0.0.1:{PORT}; abk serve tidak memakai server yang tidak "
                           "dinyalakannya sendiri. Hentikan server itu, atau set PREFECT_API_URL (dan "
                           "PREFECT_API_AUTH_STRING) bila memang server itu yang hendak dipakai.")
    home = Path(os.environ["PREFECT_HOME"])
    auth, new = guarded_api.auth_string(home)
    os.environ["PREFECT_API_AUTH_STRING"] = auth       # this process and the runs it starts
    if new:
        print(f"UI Prefect dilindungi sandi. Pengguna: {auth.split(':', 1)[0]}  sandi: {auth.split(':', 1)[1]}\n"
              f"(disimpan di {home / guarded_api.AUTH_FILE}; ganti dengan menghapus berkas itu atau ABK_API_AUTH)")
    process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(PORT)], env=guarded_api.server_environment(auth, PORT))
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if _answers(url):
            os.environ["PREFECT_API_URL"] = url
            print(f"Prefect UI: http://127.0.0.1:{PORT}")
            return process
        time.sleep(1)
    process.terminate()
    raise RuntimeError("server Prefect lokal tidak menyala dalam 180 detik")
