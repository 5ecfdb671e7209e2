"""`abk serve` as an operator runs it, in a child process with its own Prefect home, port and folders."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.shipped_config import copy_shipped_config

ROOT = Path(__file__).resolve().parent.parent
AUTH = "abk:sandi-uji-serve"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, root: Path, port: int | None = None, configs: list[Path] | None = None):
        """``configs``: serve these configurations (files or folders, each naming its [folders]) instead of
        root/instansi.toml with root/inbox and root/outbox."""
        self.root = root
        self.inbox, self.outbox, self.home = root / "inbox", root / "outbox", root / "prefect-home"
        self.config = root / "instansi.toml"
        self.configs = configs
        if not self.config.exists() and configs is None:
            copy_shipped_config(root)
        if configs is None:
            self.inbox.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()               # given: the port of a Prefect server started elsewhere
        self.process: subprocess.Popen | None = None
        self.log = root / "serve.log"
        self.starts = 0

    auth = AUTH

    @property
    def ui(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.ui}/api"

    def start(self, *options: str, **extra_env: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ABK_TEST_"))}
        env.update(PREFECT_HOME=str(self.home), ABK_API_AUTH=AUTH, PYTHONUNBUFFERED="1", **extra_env)
        self.starts += 1
        log = open(self.log, "a")
        log.write(f"\n=== start {self.starts} ===\n")
        log.flush()
        where = ([arg for config in self.configs for arg in ("--config", str(config))] if self.configs is not None
                 else ["--inbox", str(self.inbox), "--outbox", str(self.outbox), "--config", str(self.config)])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", *where, "--port", str(self.port), *options],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"abk serve ended at start:\n{self.output()[-3000:]}")
            if "Melayani abk-pass/malam" in self.output().rsplit("=== start", 1)[-1] and self._healthy():
                return
            time.sleep(0.5)
        raise RuntimeError(f"abk serve did not start:\n{self.output()[-3000:]}")

    def _healthy(self) -> bool:
        request = urllib.request.Request(f"{self.url}/health")
        request.add_header("Authorization", "Basic " + __import__("base64").b64encode(AUTH.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=2):
                return True
        except OSError:
            return False

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill_group(self) -> None:
        """What a reboot or the OOM killer does: every process of the group gone at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        _wait_until(lambda: not _group_alive(self.process.pid), 30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    @contextmanager
    def api(self):
        """Prefect's client settings pointed at this server, for the test's own calls."""
        from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: self.url, PREFECT_API_AUTH_STRING: AUTH}):
            yield

    def flow_runs(self, deployment: str | None = None) -> list:
        from prefect import get_client
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

        with self.api(), get_client(sync_client=True) as client:
            chosen = DeploymentFilter(name=DeploymentFilterName(any_=[deployment])) if deployment else None
            return client.read_flow_runs(deployment_filter=chosen)

    def drop(self, source: Path, name: str, inbox: Path | None = None) -> float:
        """Put a file into the inbox (or another served one) as a copy program does (write aside, then
        rename); the time it landed."""
        inbox = inbox or self.inbox
        part = inbox / f".{name}.part"
        shutil.copy(source, part)
        landed = time.monotonic()
        os.rename(part, inbox / name)
        return landed

    def verdict(self, name: str, timeout_s: float, inbox: Path | None = None) -> str | None:
        """The folder the file was filed into, waiting up to ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for folder in ("diterima", "karantina", "duplikat"):
                path = (inbox or self.inbox) / folder
                if path.is_dir() and any(p.name.endswith(name) for p in path.iterdir()):
                    return folder
            time.sleep(0.1)
        return None


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_until(condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
