"""Scale-out (#15): Prefect's server on PostgreSQL, the register on PostgreSQL, and passes run by `prefect
worker start` processes of a process work pool that `abk serve --worker` registers the deployments on. Two
workers sharing one inbox never take the same file, and a pass that dies with its worker is marked Crashed
and loses nothing.

The tests of the module share one PostgreSQL cluster, one Prefect server on it, one `abk serve --worker`
and two workers, and run in order; the first two tests below need none of them."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from flows import inbox as inbox_dir
from flows.outbox import LATEST, publish
from tests.forms import worked_example, write_form
from tests.postgres_server import postgres  # noqa: F401  (the fixture)
from tests.scaled_processes import PrefectServer, Worker, environment
from tests.serve_process import ROOT, Served, _wait_until
from tests.shipped_config import copy_shipped_config

POOL = "abk-uji"
DOCX = ROOT / "samples" / "ABK Pengolah Data Formasi - BKPSDM.docx"
VERDICT_S = 60          # a worker's pass: poll 1 s, a new process 3-5 s, the pass; generous for a loaded machine


# -- two passes reaching the outbox together (no Prefect) -----------------------------------------------

def test_two_passes_publishing_at_once_keep_each_other_s_folder_in_progress(tmp_path):
    """Each publisher takes a temporary folder it finds for a crash's leftover and removes it: without the
    publishing lock the second removed the first's folder while it was being written."""
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    errors: list[BaseException] = []

    def build(folder: Path) -> None:
        (folder / "surat.txt").write_text("awal")
        time.sleep(0.5)                                  # the other pass starts publishing meanwhile
        (folder / "summary.json").write_text("{}")

    def one_pass(name: str) -> None:
        try:
            with inbox_dir.publishing(inbox):
                publish(outbox, name, build)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one_pass, args=(f"2026-12-0{i}_x",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert sorted(p.name for p in outbox.iterdir() if p.is_dir() and p.name != LATEST) == ["2026-12-01_x",
                                                                                           "2026-12-02_x"]
    assert all((outbox / name / "summary.json").exists() for name in ("2026-12-01_x", "2026-12-02_x"))


def test_a_pass_overtaken_by_one_that_judged_more_does_not_move_latest_back(tmp_path):
    publish(tmp_path, "2026-12-01_baru", lambda folder: None)
    publish(tmp_path, "2026-12-01_lama", lambda folder: None, current=lambda: False)
    assert (tmp_path / "2026-12-01_lama").is_dir()                      # its documents are kept
    assert (tmp_path / LATEST).resolve().name == "2026-12-01_baru"


# -- Prefect and the register on PostgreSQL -----------------------------------------------------------------

@pytest.fixture(scope="module")
def prefect_server(postgres, tmp_path_factory):  # noqa: F811
    postgres.create_database("prefect")
    # A run that finds its deployment's slot taken is tried again after 1 s instead of Prefect's 30, so that
    # several passes asked for at once finish within the test's time.
    server = PrefectServer(postgres.url("prefect", driver="asyncpg"), tmp_path_factory.mktemp("prefect-server"),
                           PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="1")
    yield server
    server.stop()


def _form(i: int):
    """A distinct form: its own jabatan in its own unit, so no file repeats or supersedes another."""
    form = worked_example()
    return replace(form, header=replace(form.header, nama_jabatan=f"Pengolah Data Formasi {i}",
                                        unit_kerja=[f"Sub Bidang {i}", "Bidang Pengadaan", "Badan Kepegawaian Daerah"]))


def _forms(folder: Path, first: int, accepted: int, rejected: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(first, first + accepted):
        fmt = ("docx", "xlsx")[i % 2]
        paths.append(write_form([_form(i)], folder / f"ABK jabatan {i}.{fmt}", fmt))
    for i in range(first, first + rejected):
        path = folder / f"formulir rusak {i}.docx"
        path.write_bytes(f"bukan dokumen Word {i}".encode())
        paths.append(path)
    return paths


def _with_register(url: str):
    return lambda text: text.replace("[register]", f'[register]\nurl = "{url}"', 1)


@pytest.mark.slow
def test_abk_process_on_a_prefect_server_on_postgresql_with_the_register_there_too(
        postgres, prefect_server, tmp_path):  # noqa: F811
    postgres.create_database("register_process")
    config = copy_shipped_config(tmp_path, _with_register(postgres.url("register_process")))
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    _forms(inbox, 1, accepted=2, rejected=1)
    env = environment(**prefect_server.client_environment(PREFECT_HOME=str(tmp_path / "home")))
    done = subprocess.run([sys.executable, "-m", "flows.cli", "process", "--inbox", str(inbox), "--outbox",
                           str(outbox), "--config", str(config), "--tanggal", "2026-12-01"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]

    latest = (outbox / "latest").resolve()
    for name in ["surat_usul_kebutuhan.docx", "surat_usul_kebutuhan.pdf", "peta_jabatan.pdf", "rekap.xlsx"]:
        assert (latest / name).stat().st_size > 0, name
    rows = postgres.query("register_process", "SELECT file_name, status FROM submissions ORDER BY file_name")
    assert rows == [("ABK jabatan 1.xlsx", "diterima"), ("ABK jabatan 2.docx", "diterima"),
                    ("formulir rusak 1.docx", "ditolak")]
    assert not (inbox / ".register.sqlite").exists()                  # nothing went to the default SQLite
    # The pass ran through the server on PostgreSQL: its run is in that database.
    assert postgres.query("prefect", f"SELECT state_type FROM flow_run WHERE parameters->>'inbox' = '{inbox}'"
                          ) == [("COMPLETED",)]


# -- abk serve --worker and two prefect workers -------------------------------------------------------------

class Scaled:
    def __init__(self, postgres, server: PrefectServer, root: Path):  # noqa: F811
        self.postgres, self.server, self.root = postgres, server, root
        postgres.create_database("register_workers")
        copy_shipped_config(root, _with_register(postgres.url("register_workers")))
        self.served = Served(root, port=server.port)
        self.workers: list[Worker] = []

    def start_serve(self) -> None:
        self.served.start("--worker", POOL, **self.server.client_environment())

    def start_worker(self, name: str, **env: str) -> Worker:
        worker = Worker(self.server, POOL, name, self.root, **env)
        self.workers.append(worker)
        return worker

    def stop(self) -> None:
        self.served.stop()
        for worker in self.workers:
            worker.stop()

    def runs(self, since: float = 0.0) -> list:
        """Flow runs of the served deployments created after ``since`` (epoch seconds), without the nights
        the scheduler has lined up."""
        return [r for r in self.served.flow_runs() if r.deployment_id and not r.auto_scheduled
                and r.created.timestamp() >= since]

    def register(self) -> list[tuple]:
        return self.postgres.query("register_workers", "SELECT file_name, status, stored_as FROM submissions")

    def filed(self) -> dict[str, list[str]]:
        """Folder -> sender names of the files filed there."""
        inbox = self.served.inbox
        return {"diterima": [inbox_dir.original_name(p) for p in inbox_dir.accepted_files(inbox)],
                "karantina": [inbox_dir.quarantined_name(p) for p in inbox_dir.quarantined_files(inbox)],
                "duplikat": [p.name.split("_", 1)[1] for p in (inbox / "duplikat").glob("*")
                             if not p.name.endswith(".catatan.txt")]}


@pytest.fixture(scope="module")
def scaled(postgres, prefect_server, tmp_path_factory):  # noqa: F811
    setup = Scaled(postgres, prefect_server, tmp_path_factory.mktemp("scaled"))
    try:
        setup.start_serve()
        setup.start_worker("pekerja-a")
        setup.start_worker("pekerja-b")
        yield setup
    finally:
        setup.stop()
    assert "Traceback" not in setup.served.output()


@pytest.mark.slow
def test_serve_worker_puts_the_deployments_on_a_process_pool_and_a_worker_runs_the_pass(scaled):
    from prefect import get_client

    served = scaled.served
    with served.api(), get_client(sync_client=True) as client:
        assert client.read_work_pool(POOL).type == "process"
        nightly = client.read_deployment_by_name("abk-pass/malam")
        manual = client.read_deployment_by_name("abk-pass/manual")
    for deployment in (nightly, manual):
        assert deployment.work_pool_name == POOL
        assert deployment.entrypoint == "flows/pass_flow.py:abk_pass"
        assert deployment.pull_steps == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
        assert json.loads(deployment.job_variables["env"]["ABK_SERVED_PARAMS"])["inbox"] == str(served.inbox)
        assert deployment.global_concurrency_limit.limit == 1
    [schedule] = nightly.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 1 * * *", "Asia/Makassar")
    assert nightly.description.startswith("Jadwal: setiap hari pukul 01.00 waktu Asia/Makassar.")

    served.drop(DOCX, "lewat pekerja.docx")                  # the watcher asks for a pass; a worker runs it
    assert served.verdict("lewat pekerja.docx", VERDICT_S) == "diterima"
    assert _wait_until(lambda: all(r.state.is_final() for r in scaled.runs()), VERDICT_S)
    runs = scaled.runs()
    assert runs and all(r.state.type.value == "COMPLETED" for r in runs)
    assert all(any(w.ran(r.id) for w in scaled.workers) for r in runs)

    # A run asked for with another inbox is refused by the worker's pass as by abk serve's own runner.
    with served.api(), get_client(sync_client=True) as client:
        foreign = client.create_flow_run_from_deployment(manual.id, parameters={"inbox": str(scaled.root / "lain")})
    assert _wait_until(lambda: _state(scaled, foreign.id).is_final(), VERDICT_S)
    assert _state(scaled, foreign.id).type.value == "FAILED"
    assert "ditolak" in _state(scaled, foreign.id).message
    assert not (scaled.root / "lain").exists()


def _state(scaled, run_id):
    return next(r for r in scaled.served.flow_runs() if r.id == run_id).state


def _claimed(inbox: Path) -> list[Path]:
    folder = inbox / inbox_dir.CLAIMED
    return list(folder.iterdir()) if folder.is_dir() else []


@pytest.mark.slow
def test_two_workers_passing_over_one_inbox_at_once_judge_every_file_exactly_once(scaled, tmp_path):
    from prefect import get_client

    served, began = scaled.served, time.time()
    waves = [_forms(tmp_path / f"gelombang-{w}", 10 + 10 * w, accepted=3, rejected=1) for w in range(2)]
    dropped = [p.name for wave in waves for p in wave]
    with served.api(), get_client(sync_client=True) as client:
        # A manual and a nightly run each time: the deployments' limit of one run each lets both run at once.
        deployments = [client.read_deployment_by_name(f"abk-pass/{name}").id for name in ("manual", "malam")]
        for wave in waves:
            for path in wave:
                served.drop(path, path.name)
            for deployment in deployments:
                client.create_flow_run_from_deployment(deployment)
            # The next files land while these passes run (the watcher asks for passes of its own too).
            assert _wait_until(lambda: any(r.state.type.value == "RUNNING" for r in scaled.runs(began)), VERDICT_S)

    def settled() -> bool:
        waiting = inbox_dir.waiting(served.inbox) or _claimed(served.inbox)
        return not waiting and all(r.state.is_final() for r in scaled.runs(began))

    assert _wait_until(settled, 100), f"runs: {[(r.name, r.state.type.value) for r in scaled.runs(began)]}"
    runs = scaled.runs(began)
    assert len(runs) >= 4 and all(r.state.type.value == "COMPLETED" for r in runs), \
        [(r.name, r.state.message) for r in runs]

    # Each file was judged once: one place in the inbox, one row in the register, none taken for a repeat.
    filed = scaled.filed()
    places = Counter(name for folder in filed.values() for name in folder)
    assert {name: places[name] for name in dropped} == {name: 1 for name in dropped}
    assert sorted(n for n in dropped if n.startswith("ABK")) == sorted(n for n in filed["diterima"] if n in dropped)
    assert filed["duplikat"] == []
    rows = scaled.register()
    assert Counter(row[0] for row in rows if row[0] in dropped) == Counter(dropped)
    assert len({row[2] for row in rows}) == len(rows) == sum(len(names) for names in filed.values())

    # It was a real race: both workers ran passes, and passes on the two overlapped in time.
    by_worker = {w.name: [r for r in runs if w.ran(r.id)] for w in scaled.workers}
    assert all(by_worker.values()), {name: len(ran) for name, ran in by_worker.items()}
    a, b = by_worker.values()
    assert any(x.start_time < y.end_time and y.start_time < x.end_time for x in a for y in b)

    # latest shows the newest documents: every accepted file, none of the passes overtaken set it back.
    summary = json.loads((served.outbox / "latest" / "summary.json").read_text())
    assert sorted(entry["file"] for entry in summary["accepted"]) == sorted(filed["diterima"])


@pytest.mark.slow
def test_a_pass_that_died_with_its_worker_is_marked_crashed_and_its_files_are_judged(scaled, tmp_path):
    served = scaled.served
    held_form, later_form = _forms(tmp_path, 90, accepted=2, rejected=0)
    for worker in scaled.workers:
        worker.stop()
    held = scaled.start_worker("pekerja-tertahan", ABK_TEST_HOLD_AT="sesudah-klaim")   # stops right after claiming
    began = time.time()
    served.drop(held_form, "tertahan.docx")
    assert _wait_until(lambda: (served.inbox / ".proses" / "tertahan.docx").exists(), VERDICT_S)
    stuck = next(r for r in scaled.runs(began) if r.state.type.value == "RUNNING")
    held.kill()                                              # the worker's machine goes down mid-pass

    served.stop()                                            # abk serve restarts and looks for dead runs
    served.start("--worker", POOL, **scaled.server.client_environment())
    state = _state(scaled, stuck.id)
    assert state.type.value == "CRASHED" and "Retry" in state.message

    scaled.start_worker("pekerja-c")
    served.drop(later_form, "sesudahnya.xlsx")               # the next pass puts the claimed file back
    assert served.verdict("sesudahnya.xlsx", VERDICT_S) == "diterima"
    assert served.verdict("tertahan.docx", VERDICT_S) == "diterima"
    assert _claimed(served.inbox) == []
