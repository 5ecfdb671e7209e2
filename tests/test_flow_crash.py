"""kill -9 at several points of a pass, then run again: nothing lost, nothing counted twice, no
half-written document visible in the outbox."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.forms import worked_example, write_form

pytestmark = pytest.mark.slow   # passes killed with -9 in subprocesses, 10-15 s each

ROOT = Path(__file__).resolve().parent.parent
POINTS = ["sesudah-klaim", "antara-berkas", "sebelum-register", "tengah-dokumen", "sebelum-terbit",
          "sesudah-terbit"]


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sumber")
    form = worked_example()
    write_form([form], folder / "a.docx", "docx")
    write_form([form], folder / "b.pdf", "pdf")
    (folder / "c.docx").write_bytes(b"bukan docx")
    return folder


def _process(inbox: Path, outbox: Path, api_url: str, kill_at: str | None = None) -> int:
    env = {**os.environ, "PREFECT_API_URL": api_url}
    env.pop("ABK_TEST_KILL_AT", None)
    if kill_at:
        env["ABK_TEST_KILL_AT"] = kill_at
    command = [sys.executable, "-m", "flows.cli", "process", "--inbox", str(inbox), "--outbox", str(outbox),
               "--tanggal", "2026-11-22"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300).returncode


# What a pass derives beside the submissions (notes, laporan, register, caches, run journals), not submitted
# bytes.
DERIVED = (".txt", ".html", ".sqlite", ".pickle", ".assessment", ".lock", ".json")


def _digests(folder: Path) -> list[str]:
    return sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
                  if p.is_file() and not p.name.endswith(DERIVED))


@pytest.mark.parametrize("point", POINTS)
def test_a_pass_killed_anywhere_loses_nothing_and_the_next_pass_completes(prefect_api, sources, tmp_path, point):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    shutil.copytree(sources, inbox)
    assert _process(inbox, outbox, prefect_api, kill_at=point) == -9

    # Every submitted file is still somewhere under the inbox, byte for byte.
    assert _digests(inbox) == _digests(sources)
    # Nothing half written is visible: only complete pass folders (with summary.json) and `latest`.
    visible = [p for p in outbox.iterdir() if not p.name.startswith(".")] if outbox.exists() else []
    for folder in visible:
        assert (folder / "summary.json").exists()

    assert _process(inbox, outbox, prefect_api) == 0
    summary = json.loads((outbox / "latest" / "summary.json").read_text())
    assert sorted(a["file"] for a in summary["accepted"]) == ["a.docx", "b.pdf"]
    assert summary["totals"]["k"] == 1          # the same position twice: the newer version replaces it
    assert len(list((inbox / "diterima").glob("0*"))) == 2
    assert len([p for p in (inbox / "karantina").iterdir() if p.suffix == ".docx"]) == 1
    assert _digests(inbox) == _digests(sources)


def _servers_of(pid: int) -> list[int]:
    from flows.reaper import descendants

    def command(child: int) -> bytes:
        try:
            return Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            return b""
    return [child for child in descendants(pid) if b"prefect.server.api.server:create_app" in command(child)]


def test_a_pass_killed_with_its_temporary_server_running_leaves_no_server_behind(sources, tmp_path):
    import time

    inbox = tmp_path / "inbox"
    shutil.copytree(sources, inbox)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    command = [sys.executable, "-m", "flows.cli", "process", "--inbox", str(inbox), "--outbox", str(tmp_path / "out")]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers, deadline = [], time.monotonic() + 240
    while not servers and process.poll() is None and time.monotonic() < deadline:
        servers = _servers_of(process.pid)
        time.sleep(0.5)
    assert servers, "the pass started no temporary server"
    process.kill()                                                    # kill -9 while the server runs
    process.wait()
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in servers) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not any(Path(f"/proc/{pid}").exists() for pid in servers), "the temporary server outlived its pass"
