"""A Dask cluster on 127.0.0.1 for the tests and the cluster benchmark: a `dask scheduler` and `dask worker`
processes of this environment, each in its own process group so that a test can kill one worker whole."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A `dask scheduler` and `dask worker` processes, each in its own process group (a worker's group holds
    its nanny, the worker, the fork server and the reading children)."""

    def __init__(self, folder: Path, env: dict):
        folder.mkdir(parents=True, exist_ok=True)
        # The workers import this project's code (the task, and a test's --preload module under tests/).
        self.folder, self.env = folder, {**env, "PYTHONPATH": str(ROOT)}
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.address = f"tcp://127.0.0.1:{free_port()}"

    def start(self, workers: int, worker_args=()) -> "Cluster":
        self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", self.address.rsplit(":", 1)[1],
                                  "--no-dashboard"])
        for i in range(workers):
            self.workers.append(self._start(f"worker{i}", ["worker", self.address, "--nworkers", "1", "--nthreads",
                                                           "1", "--host", "127.0.0.1", "--no-dashboard", "--name",
                                                           f"w{i}", *worker_args]))
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=90)
        return self

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        with open(self.folder / f"{name}.log", "wb") as log:
            process = subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=ROOT, env=self.env, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def log(self, worker: subprocess.Popen) -> str:
        return (self.folder / f"worker{self.workers.index(worker)}.log").read_text(errors="replace")

    def owner(self, pid: int) -> subprocess.Popen:
        """The `dask worker` whose process group holds ``pid``."""
        return next(w for w in self.workers if os.getpgid(pid) == w.pid)

    def stop(self) -> None:
        for process in self.processes:
            kill_group(process)

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)
