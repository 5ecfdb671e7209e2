"""[cluster] dask: a pass's files read as Prefect tasks on a real Dask cluster (a scheduler and two workers
on 127.0.0.1), with the verdicts and documents the local pool gives; a worker killed in the middle of a
file loses nothing and has nothing judged twice; a cluster that cannot be reached stops the pass."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from flows.config import ConfigError, load_config
from flows.inbox import readable
from tests.dask_cluster import Cluster, free_port, kill_group
from tests.forms import worked_example, write_corpus, write_form
from tests.shipped_config import copy_shipped_config

ROOT = Path(__file__).resolve().parent.parent
TANGGAL = "2026-11-22"
READ = re.compile(r"Task run '[^']*' - (.+) dibaca di pekerja Dask (tcp://\S+) \(pid (\d+)\)")


# -- the configuration (fast) ----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["tcp://127.0.0.1:8786", "tcp://dask-penjadwal.bkpsdm.local:8786",
                                   "tcp://[::1]:8786", " tcp://10.0.0.5:18786 ", "tcp://dask_scheduler:8786"])
def test_a_dask_address_is_read_from_the_cluster_table(tmp_path, value):
    config = load_config(copy_shipped_config(tmp_path, lambda text: text + f'\n[cluster]\ndask = "{value}"\n'))
    assert config.dask_scheduler == value.strip()


@pytest.mark.parametrize("extra", ["", "\n[cluster]\n", '\n[cluster]\ndask = ""\n'])
def test_without_an_address_the_files_are_read_on_this_machine(tmp_path, extra):
    from extractors import ExtractorPool
    from flows.cluster import extraction_pool

    config = load_config(copy_shipped_config(tmp_path, lambda text: text + extra))
    assert config.dask_scheduler is None
    with extraction_pool(config) as pool:
        assert type(pool) is ExtractorPool


@pytest.mark.parametrize("value", ['"127.0.0.1:8786"', '"tcp://127.0.0.1"', '"tcp://127.0.0.1:0"',
                                   '"tcp://127.0.0.1:70000"', '"http://127.0.0.1:8786"', '"tcp://penjadwal dask:8786"',
                                   '"tls://127.0.0.1:8786"', "8786"])
def test_a_malformed_dask_address_stops_start_up_naming_the_key(tmp_path, capsys, value):
    path = copy_shipped_config(tmp_path, lambda text: text + f"\n[cluster]\ndask = {value}\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.key == "cluster.dask"
    assert "tidak sah" in error.value.message or "bukan teks" in error.value.message

    from flows.cli import main
    form = write_form([worked_example()], tmp_path / "a.docx", "docx")
    assert main(["extract", str(form), "--config", str(path)]) == 2
    assert "Konfigurasi tidak sah" in capsys.readouterr().err


def test_a_worker_that_does_not_see_the_inbox_stops_the_pass_rather_than_quarantine_the_file(tmp_path):
    from extractors import Limits
    from flows.cluster import ClusterError, read_file

    with pytest.raises(ClusterError, match="tidak terlihat di pekerja Dask"):
        read_file.fn(str(tmp_path / ".proses" / "ABK Pengolah Data.docx"), Limits())


# -- a real cluster (slow) -------------------------------------------------------------------------------

@pytest.fixture
def start_cluster(tmp_path):
    """Starts clusters for a test and kills every process of them (process groups) when it ends, passed or not."""
    clusters = []

    def start(workers: int = 2, env: dict | None = None, worker_args=()) -> Cluster:
        cluster = Cluster(tmp_path / f"cluster{len(clusters)}", {**os.environ, **(env or {})})
        clusters.append(cluster)                        # stopped even if it fails half way up
        return cluster.start(workers, worker_args)

    yield start
    for cluster in clusters:
        cluster.stop()


def _process(inbox: Path, outbox: Path, config: Path, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "flows.cli", "process", "--inbox", str(inbox), "--outbox", str(outbox),
               "--config", str(config), "--tanggal", TANGGAL]
    # Its own process group, so that a test that fails half way kills it with its temporary server.
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _run(inbox: Path, outbox: Path, config: Path, env: dict) -> tuple[int, str]:
    process = _process(inbox, outbox, config, env)
    try:
        out, _ = process.communicate(timeout=240)
    finally:
        if process.returncode is None:
            kill_group(process)
    return process.returncode, out.decode(errors="replace")


def _with_cluster(folder: Path, address: str) -> Path:
    folder.mkdir()
    return copy_shipped_config(folder, lambda text: text + f'\n[cluster]\ndask = "{address}"\n')


def _summary(outbox: Path) -> dict:
    summary = json.loads((outbox / "latest" / "summary.json").read_text())
    return {key: value for key, value in summary.items() if key not in ("pass", "content_fingerprint")}


def _verdicts(summary: dict) -> Counter:
    return Counter([a["file"] for a in summary["accepted"]] + [r["file"] for r in summary["rejected"]]
                   + [d["file"] for d in summary["duplicates"]])


def _filed(inbox: Path) -> list[str]:
    """Every file the pass filed, by its place and name (the inbox's own hidden files left out)."""
    return sorted(str(p.relative_to(inbox)) for p in inbox.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(inbox).parts))


def _digests(folder: Path) -> Counter:
    derived = (".txt", ".html", ".sqlite", ".pickle", ".assessment", ".lock", ".json")
    return Counter(hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
                   if p.is_file() and not p.name.endswith(derived))


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """The demo's forms, generated ones in every format, a broken file, a name that is not UTF-8 and a second
    copy of an accepted file."""
    folder = tmp_path_factory.mktemp("kiriman")
    for sample in sorted((ROOT / "samples").iterdir()):
        shutil.copy(sample, folder / sample.name)
    write_corpus(folder, 3, seed=15)
    (folder / "formulir rusak.docx").write_bytes(b"ini bukan dokumen Word")
    (folder / os.fsdecode(b"ABK Pengolah Data \xff.pdf")).write_bytes(b"%PDF-1.4 terpotong")
    shutil.copy(folder / "ABK Pengolah Data Formasi - BKPSDM.docx", folder / "salinan kedua.docx")
    return folder


@pytest.mark.slow
def test_the_cluster_reads_every_file_on_its_workers_and_the_pass_gives_the_local_outbox(
        prefect_api, sources, start_cluster, tmp_path):
    cluster = start_cluster(workers=2)
    env = {**os.environ, "PREFECT_API_URL": prefect_api}
    local, distributed = tmp_path / "lokal", tmp_path / "klaster"
    for run in (local, distributed):
        shutil.copytree(sources, run / "inbox")

    started = time.monotonic()
    code, out = _run(local / "inbox", local / "outbox", copy_shipped_config(tmp_path), env)
    assert code == 0, out
    local_s = time.monotonic() - started
    code, out = _run(distributed / "inbox", distributed / "outbox", _with_cluster(tmp_path / "c", cluster.address),
                     env)
    assert code == 0, out
    print(f"local pass {local_s:.1f} s, cluster pass {time.monotonic() - started - local_s:.1f} s")

    # The same verdicts, the same numbers, the same files filed under the same names.
    expected = _summary(local / "outbox")
    assert _summary(distributed / "outbox") == expected
    assert _verdicts(expected) == Counter(readable(p.name) for p in sources.iterdir())
    assert len(expected["rejected"]) == 3 and len(expected["duplicates"]) == 1 and len(expected["accepted"]) >= 10
    assert _filed(distributed / "inbox") == _filed(local / "inbox")
    for name in ["surat_usul_kebutuhan.pdf", "peta_jabatan.pdf", "rekap.xlsx"]:
        assert (distributed / "outbox" / "latest" / name).stat().st_size > 0

    # Each file was read once, by a Dask worker process (not by `abk process`), and both workers took files.
    reads = [m.groups() for w in cluster.workers for m in READ.finditer(cluster.log(w))]
    assert Counter(name for name, _, _ in reads) == Counter(readable(p.name) for p in sources.iterdir())
    assert {cluster.owner(int(pid)) for _, _, pid in reads} == set(cluster.workers)
    assert len({address for _, address, _ in reads}) == 2



@pytest.mark.slow
def test_accepted_files_whose_kept_extraction_is_gone_are_read_again_on_the_cluster(prefect_api, start_cluster,
                                                                                       tmp_path):
    cluster = start_cluster(workers=1)
    env = {**os.environ, "PREFECT_API_URL": prefect_api}
    inbox, outbox, config = tmp_path / "inbox", tmp_path / "outbox", _with_cluster(tmp_path / "c", cluster.address)
    write_corpus(inbox, 3, seed=15)
    code, out = _run(inbox, outbox, config, env)
    assert code == 0, out
    first = Counter(m.group(1) for m in READ.finditer(cluster.log(cluster.workers[0])))
    assert first == Counter(["form_0000.docx", "form_0001.pdf", "form_0002.xlsx"])

    # The consolidation reads an accepted file again when its kept extraction is gone (AcceptedStore): with
    # the same pool, so on the cluster too.
    accepted = sorted(p.name for p in (inbox / "diterima").glob("0*"))
    shutil.rmtree(inbox / "diterima" / ".cache")
    form = worked_example()
    write_form([replace(form, header=replace(form.header, nama_jabatan="Analis Kebijakan"))], inbox / "susulan.docx",
               "docx")
    code, out = _run(inbox, outbox, config, env)
    assert code == 0, out
    again = Counter(m.group(1) for m in READ.finditer(cluster.log(cluster.workers[0]))) - first
    assert again == Counter(accepted + ["susulan.docx"])
    assert len(_summary(outbox)["accepted"]) == 4


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_of_a_file_loses_nothing_and_the_file_is_judged_once(
        start_cluster, tmp_path):
    reads = tmp_path / "reads.tsv"
    cluster = start_cluster(workers=2, env={"ABK_TEST_READS": str(reads), "ABK_TEST_SLOW_S": "6"},
                            worker_args=["--preload", "tests.dask_slow_reads"])
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    write_corpus(inbox, 4, seed=7)
    write_form([worked_example()], inbox / "lambat dibaca.docx", "docx")
    (inbox / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan xlsx")
    sent = _digests(inbox)
    names = sorted(p.name for p in inbox.iterdir())

    # No PREFECT_API_URL: the pass runs on its own temporary server, whose address the workers are given.
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    process = _process(inbox, outbox, _with_cluster(tmp_path / "c", cluster.address), env)
    try:
        deadline = time.monotonic() + 150
        while not (reads.exists() and "lambat" in reads.read_text()) and time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read().decode(errors="replace")
            time.sleep(0.2)
        [first] = [int(line.split("\t")[0]) for line in reads.read_text().splitlines() if "lambat" in line]
        victim = cluster.owner(first)
        time.sleep(1)                                           # well inside its 6 s read
        os.killpg(victim.pid, signal.SIGKILL)
        out, _ = process.communicate(timeout=150)
    finally:
        if process.poll() is None:
            kill_group(process)
    assert process.returncode == 0, out.decode(errors="replace")

    # The file was read again, on the worker that lives, and the pass judged it once.
    again = [int(line.split("\t")[0]) for line in reads.read_text().splitlines() if "lambat" in line]
    [survivor] = [w for w in cluster.workers if w is not victim]
    assert len(again) == 2 and cluster.owner(again[1]) is survivor and survivor.poll() is None
    summary = _summary(outbox)
    assert _verdicts(summary) == Counter(names)                 # every file exactly one verdict
    assert [r["file"] for r in summary["rejected"]] == ["rusak.xlsx"]
    [slow] = [a for a in summary["accepted"] if a["file"] == "lambat dibaca.docx"]
    assert [(p["k_raw"], p["k"]) for p in slow["positions"]] == [(1.2875, 1)]
    # Nothing lost or filed twice: every file once under the inbox, byte for byte, none left claimed.
    assert _digests(inbox) == sent
    assert len(list((inbox / "diterima").glob("*lambat dibaca.docx"))) == 1
    assert not (inbox / ".proses").exists() or not any((inbox / ".proses").iterdir())


@pytest.mark.slow
def test_a_scheduler_that_cannot_be_reached_stops_the_pass_and_quarantines_nothing(prefect_api, sources, tmp_path):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    shutil.copytree(sources, inbox)
    address = f"tcp://127.0.0.1:{free_port()}"                 # nothing listens there
    env = {**os.environ, "PREFECT_API_URL": prefect_api, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    code, out = _run(inbox, outbox, _with_cluster(tmp_path / "c", address), env)

    assert code != 0
    assert f"penjadwal Dask {address} tidak dapat dihubungi" in out
    assert _digests(inbox) == _digests(sources)                 # every file still in the inbox, none filed
    assert not (inbox / "karantina").exists() and not (inbox / "diterima").exists()
