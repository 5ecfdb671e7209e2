"""A throwaway PostgreSQL cluster for the tests that put Prefect and the register on PostgreSQL: initdb in a
temporary folder, pg_ctl on 127.0.0.1 at a free port (its socket in that folder too), removed at the end.

`make test` installs Debian's `postgresql`, which keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin,
off PATH; both places are looked in. PostgreSQL refuses to run as root (CI and this machine run tests as
root), so there the cluster belongs to the `postgres` user the Debian package creates.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.serve_process import free_port

SUPERUSER = "abk"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl of one PostgreSQL version, newest Debian version first."""
    found = shutil.which("initdb")
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    if found:
        candidates.append(str(Path(found).resolve().parent))       # a link on PATH: pg_ctl beside its target
    for folder in candidates:
        if all(os.access(Path(folder) / tool, os.X_OK) for tool in ("initdb", "pg_ctl")):
            return Path(folder)
    return None


def _version(folder: str) -> float:
    try:
        return float(Path(folder).parent.name)
    except ValueError:
        return 0.0


class PostgresServer:
    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.user = _service_user()
        # Not under pytest's tmp_path: that is private to root, and the service user must reach this folder.
        self.root = Path(tempfile.mkdtemp(prefix="abk-pg-"))
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.data, self.log = self.root / "data", self.root / "postgres.log"
        self.port = 0

    def _run(self, *args: str, timeout: float = 60) -> None:
        as_user = {} if self.user is None else {"user": self.user.pw_uid, "group": self.user.pw_gid,
                                               "extra_groups": []}
        result = subprocess.run([str(self.bin_dir / args[0]), *args[1:]], capture_output=True, text=True,
                                timeout=timeout, cwd=self.root, **as_user)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}\n{self._log_tail()}")

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""

    def start(self) -> None:
        # fsync off: a cluster thrown away after the tests needs no durability, and the machine is shared.
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync")
        for attempt in range(3):                       # the free port may be taken between the look and the start
            self.port = free_port()
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start", "-o",
                          f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c max_connections=200")
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def url(self, database: str, driver: str = "psycopg") -> str:
        return f"postgresql+{driver}://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def query(self, database: str, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}") as conn:
            return conn.execute(sql).fetchall()

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=30)
        except (RuntimeError, subprocess.TimeoutExpired):
            self._kill_postmaster()
        shutil.rmtree(self.root, ignore_errors=True)

    def _kill_postmaster(self) -> None:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGKILL)               # its children end when the postmaster is gone
            time.sleep(1)
        except (OSError, ValueError, IndexError):
            pass


def _service_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("PostgreSQL does not run as root, and there is neither a postgres nor a nobody user")


@pytest.fixture(scope="module")
def postgres():
    """A running PostgreSQL cluster for the module; skipped only when PostgreSQL is not installed."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin); "
                    "`make test-system-packages` installs Debian's postgresql")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
