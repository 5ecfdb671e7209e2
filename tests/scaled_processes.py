"""The processes of a scaled-out installation as an administrator starts them (README, "Scale out"):
`prefect server start` on PostgreSQL and `prefect worker start --pool POOL` (`abk serve --worker` is
tests.serve_process.Served). Each runs in a session of its own with its output in a log file; stop() ends it
and whatever it started, also the flow-run processes a worker puts in sessions of their own."""
from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flows.reaper import descendants
from tests.serve_process import AUTH, free_port

BIN = Path(sys.executable).parent


def environment(**extra: str) -> dict[str, str]:
    """This environment without Prefect's settings or the tests' crash points, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ABK_TEST_"))}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONUNBUFFERED="1", **extra)
    return env


class Background:
    def __init__(self, command: list[str], env: dict[str, str], cwd: Path, log: Path):
        self.log = log
        with open(log, "a") as out:
            self.process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for(self, ready, what: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{what} ended at start:\n{self.output()[-3000:]}")
            if ready():
                return
            time.sleep(0.3)
        raise RuntimeError(f"{what} not ready after {timeout_s} s:\n{self.output()[-3000:]}")

    def kill(self) -> None:
        """What a machine that dies does to it: the process, its group and all it started, at once."""
        self._signal(signal.SIGKILL, self._family())
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is not None and not self._group_alive():
            return
        family = self._family()
        self._signal(signal.SIGTERM, {self.process.pid})
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        self._signal(signal.SIGKILL, family | self._family())
        self.process.wait(timeout=30)

    def _family(self) -> set[int]:
        return descendants(self.process.pid) if self.process.poll() is None else set()

    def _group_alive(self) -> bool:
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def _signal(self, sig: int, pids: set[int]) -> None:
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass


class PrefectServer(Background):
    """`prefect server start` with its database on PostgreSQL, asking for AUTH as `abk serve`'s own server does."""

    def __init__(self, database_url: str, home: Path, **settings: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        home.mkdir(parents=True, exist_ok=True)
        env = environment(PREFECT_HOME=str(home), PREFECT_API_DATABASE_CONNECTION_URL=database_url,
                          PREFECT_SERVER_API_AUTH_STRING=AUTH, PREFECT_SERVER_API_PORT=str(self.port), **settings)
        super().__init__([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                         env, home, home / "server.log")
        self.wait_for(self._healthy, "prefect server", 180)

    def client_environment(self, **extra: str) -> dict[str, str]:
        """What `abk` and a worker need to reach this server."""
        return {"PREFECT_API_URL": self.url, "PREFECT_API_AUTH_STRING": AUTH, **extra}

    def _healthy(self) -> bool:
        request = urllib.request.Request(f"{self.url}/health")
        request.add_header("Authorization", "Basic " + base64.b64encode(AUTH.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=2):
                return True
        except OSError:
            return False


class Worker(Background):
    """`prefect worker start --pool POOL`, started outside the project folder: the deployment's pull step must
    bring each run to the code. One run at a time, so that two passes at once are two workers."""

    def __init__(self, server: PrefectServer, pool: str, name: str, cwd: Path, **extra_env: str):
        self.name = name
        home = cwd / f"home-{name}"
        home.mkdir(parents=True, exist_ok=True)
        # A run is picked up within a second instead of ten (Prefect's default poll), to keep the tests short.
        env = environment(**server.client_environment(PREFECT_HOME=str(home), PREFECT_WORKER_QUERY_SECONDS="1",
                                                       **extra_env))
        super().__init__([str(BIN / "prefect"), "worker", "start", "--pool", pool, "--name", name, "--limit", "1"],
                         env, cwd, cwd / f"{name}.log")
        self.wait_for(lambda: f"Worker '{name}' started" in self.output(), f"worker {name}", 120)

    def ran(self, flow_run_id) -> bool:
        return f"submitting flow run '{flow_run_id}'" in self.output()
