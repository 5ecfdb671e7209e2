"""`abk serve`: the nightly deployment, a manual deployment for the UI, and an inbox watcher.

Needs a long-lived Prefect API (`prefect server start`); without PREFECT_API_URL it starts one on
127.0.0.1 with its SQLite database under PREFECT_HOME.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from flows.config import Config
from flows.inbox import waiting

PORT = 4200
WATCH_EVERY_S = 2.0


def serve(inbox: Path, outbox: Path, config: Config) -> int:
    server = None if os.environ.get("PREFECT_API_URL") else _start_local_server()
    try:
        from prefect import serve as prefect_serve

        from flows.pass_flow import abk_pass

        params = {"inbox": str(inbox.resolve()), "outbox": str(outbox.resolve()), "config": str(config.path)}
        nightly = abk_pass.to_deployment(name="malam", cron="0 1 * * *", parameters=params,
                                         description="Pass malam atas semua kiriman unit")
        manual = abk_pass.to_deployment(name="manual", parameters=params,
                                        description="Dijalankan dari UI atau oleh pemantau inbox")
        watcher = threading.Thread(target=_watch, args=(inbox,), daemon=True)
        watcher.start()
        prefect_serve(nightly, manual)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return 0


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


def _watch(inbox: Path) -> None:
    from prefect.deployments import run_deployment

    previous: dict[Path, tuple] = {}
    triggered: set[tuple] = set()
    while True:
        time.sleep(WATCH_EVERY_S)
        stable, previous = stable_arrivals(inbox, previous)
        triggered = {t for t in triggered if t[0] in previous}   # forget files that have left
        fresh = {(p, previous[p]) for p in stable} - triggered
        if fresh:
            # One run takes every file waiting; the pass lock makes a concurrent one wait its turn.
            run_deployment("abk-pass/manual", timeout=0)
            triggered |= fresh


def _start_local_server() -> subprocess.Popen:
    url = f"http://127.0.0.1:{PORT}/api"
    process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(PORT)])
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                os.environ["PREFECT_API_URL"] = url
                print(f"Prefect UI: http://127.0.0.1:{PORT}")
                return process
        except OSError:
            time.sleep(1)
    process.terminate()
    raise RuntimeError("server Prefect lokal tidak menyala dalam 180 detik")
