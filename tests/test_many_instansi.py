"""Many instansi on one server (#15): each configuration served with its own deployments, inbox, outbox and
register, and refused at start-up when two would share any of them. The last test serves two instansi in one
`abk serve` and checks that nothing is mixed."""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from flows import guarded_api
from flows.config import ConfigError, load_config
from flows.deployment_names import artifact_key, names, slug, slug_of
from flows.served_instansi import config_files, served_instansi


def _instansi(folder: Path, stem: str, nama: str = "Pemerintah Kota Uji", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(f'{extra}\n[instansi]\nnama = "{nama}"\n[instansi.ppk]\nnama = "Wali Kota"\njabatan = "Wali Kota"\n',
                    encoding="utf-8")
    return path


def _folders(inbox: str, outbox: str) -> str:
    return f'[folders]\ninbox = "{inbox}"\noutbox = "{outbox}"\n'


def _served(tmp_path, *paths, inbox="inbox", outbox="outbox"):
    return served_instansi([load_config(p) for p in paths], tmp_path / inbox, tmp_path / outbox)


# -- names ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("file, expected", [
    ("kab-a.toml", "kab-a"),
    ("Kab. Contoh Utara.toml", "kab-contoh-utara"),
    ("Kota Bau-Bau (2027).toml", "kota-bau-bau-2027"),
    ("Pemkab Ñgawi.toml", "pemkab-ngawi"),
    ("___.toml", "instansi"),
    ("x" * 39 + "-yz.toml", "x" * 39),          # cut at 40 characters, no dash left at the end
])
def test_the_slug_is_made_of_the_file_name_and_safe_for_prefect(file, expected):
    assert slug(Path("/etc/abk") / file) == expected


def test_one_instansi_keeps_the_old_names_and_several_get_their_own():
    assert names(None) == ("malam", "manual")
    assert names("kab-a") == ("malam-kab-a", "manual-kab-a")
    assert [slug_of(n) for n in ("malam", "manual", "manual-kab-a", "malam-kota-b", None)] == \
        [None, None, "kab-a", "kota-b", None]
    assert artifact_key("abk-ringkasan", "manual") == "abk-ringkasan"
    assert artifact_key("abk-ringkasan", "malam-kota-b") == "abk-ringkasan-kota-b"


def test_one_configuration_is_served_as_malam_and_manual_whatever_its_file_is_called(tmp_path):
    [one] = _served(tmp_path, _instansi(tmp_path, "kab-a"))
    assert (one.nightly, one.manual) == ("malam", "manual")
    assert one.params == {"inbox": str(tmp_path / "inbox"), "outbox": str(tmp_path / "outbox"),
                          "config": str(tmp_path / "kab-a.toml")}


def test_several_configurations_each_get_their_deployments_and_folders(tmp_path):
    a = _instansi(tmp_path / "konfigurasi", "kab-a", extra=_folders("../a/masuk", "../a/keluar"))
    b = _instansi(tmp_path / "konfigurasi", "Kota B", extra='[folders]\ninbox = "/srv/b/masuk"\n')
    first, second = _served(tmp_path, a, b, outbox="keluar-b")
    assert first.deployments == ["malam-kab-a", "manual-kab-a"]
    assert second.deployments == ["malam-kota-b", "manual-kota-b"]
    assert (first.inbox, first.outbox) == (tmp_path / "a" / "masuk", tmp_path / "a" / "keluar")
    assert (second.inbox, second.outbox) == (Path("/srv/b/masuk"), tmp_path / "keluar-b")   # outbox from --outbox


def test_a_folder_of_configurations_is_read_in_name_order_and_a_file_named_twice_counts_once(tmp_path):
    folder = tmp_path / "konfigurasi"
    b, a = _instansi(folder, "kota-b"), _instansi(folder, "kab-a")
    (folder / "catatan.txt").write_text("bukan konfigurasi")
    (folder / ".kab-a.toml").write_text("salinan penyunting")
    assert config_files([str(folder), str(a)], tmp_path / "default.toml") == [a, b]
    assert config_files(None, tmp_path / "default.toml") == [tmp_path / "default.toml"]
    (tmp_path / "kosong").mkdir()
    with pytest.raises(ConfigError, match=r"kosong: -: folder ini tidak memuat berkas konfigurasi \*\.toml"):
        config_files([str(tmp_path / "kosong")], tmp_path / "default.toml")


# -- refusals at start-up ----------------------------------------------------------------------------------

def test_two_configurations_without_folders_would_share_the_inbox_and_are_refused_naming_both(tmp_path):
    a, b = _instansi(tmp_path, "kab-a"), _instansi(tmp_path, "kota-b")
    with pytest.raises(ConfigError) as error:
        _served(tmp_path, a, b)
    message = str(error.value)
    assert message.startswith(f"{b}: folders.inbox: ") and f"milik {a}" in message
    assert "sama dengan inbox" in message and "dari --inbox, karena [folders] inbox tidak diisi" in message


@pytest.mark.parametrize("folders_a, folders_b, relation", [
    (("masuk", "keluar-a"), ("masuk", "keluar-b"), "inbox {b_in} sama dengan inbox {a_in}"),
    (("masuk", "keluar-a"), ("masuk/b", "keluar-b"), "inbox {b_in} berada di dalam inbox {a_in}"),
    (("masuk-a", "keluar"), ("masuk-b", "keluar/b"), "outbox {b_out} berada di dalam outbox {a_out}"),
    (("masuk-a", "keluar-a"), ("masuk-b", "masuk-a"), "outbox {b_out} sama dengan inbox {a_in}"),
    (("masuk-a/b", "keluar-a"), ("masuk-a", "keluar-b"), "inbox {b_in} memuat inbox {a_in}"),
])
def test_folders_shared_or_nested_between_two_instansi_are_refused(tmp_path, folders_a, folders_b, relation):
    a = _instansi(tmp_path, "kab-a", extra=_folders(*folders_a))
    b = _instansi(tmp_path, "kota-b", extra=_folders(*folders_b))
    with pytest.raises(ConfigError) as error:
        _served(tmp_path, a, b)
    expected = relation.format(a_in=tmp_path / folders_a[0], a_out=tmp_path / folders_a[1],
                               b_in=tmp_path / folders_b[0], b_out=tmp_path / folders_b[1])
    assert expected in str(error.value) and str(a) in str(error.value) and str(b) in str(error.value)


def test_one_register_database_named_by_two_configurations_is_refused_without_its_password(tmp_path):
    a = _instansi(tmp_path, "kab-a", extra=_folders("a/masuk", "a/keluar") +
                  '[register]\nurl = "postgresql+psycopg://abk:rahasia@db.example/abk"\n')
    b = _instansi(tmp_path, "kota-b", extra=_folders("b/masuk", "b/keluar") +
                  '[register]\nurl = "postgresql://lain:sandi2@DB.example:5432/abk"\n')
    with pytest.raises(ConfigError) as error:
        _served(tmp_path, a, b)
    message = str(error.value)
    assert message.startswith(f"{b}: register.url: ") and f"juga dipakai oleh {a}" in message
    assert "sandi2" not in message and "rahasia" not in message
    c = _instansi(tmp_path, "kota-c", extra=_folders("c/masuk", "c/keluar") +
                  '[register]\nurl = "postgresql+psycopg://abk:rahasia@db.example/abk_c"\n')
    assert len(_served(tmp_path, a, c)) == 2                   # another database on the same server is apart


def test_a_register_url_naming_another_instansi_s_default_register_is_refused(tmp_path):
    a = _instansi(tmp_path, "kab-a", extra=_folders("a/masuk", "a/keluar"))
    b = _instansi(tmp_path, "kota-b", extra=_folders("b/masuk", "b/keluar") +
                  f'[register]\nurl = "sqlite:///{tmp_path}/a/masuk/.register.sqlite"\n')
    with pytest.raises(ConfigError, match="register.url"):
        _served(tmp_path, a, b)


def test_two_files_whose_names_make_one_deployment_name_are_refused(tmp_path):
    a = _instansi(tmp_path / "a", "instansi", extra=_folders("masuk", "keluar"))
    b = _instansi(tmp_path / "b", "instansi", extra=_folders("masuk", "keluar"))
    with pytest.raises(ConfigError, match="manual-instansi juga dipakai oleh .*a/instansi.toml.*ganti nama"):
        _served(tmp_path, a, b)


def test_abk_serve_refuses_them_before_starting_anything(tmp_path, monkeypatch, capsys):
    from flows import serve
    from flows.cli import main

    monkeypatch.setattr(serve, "_start_local_server", lambda port: pytest.fail("nothing may be started"))
    a, b = _instansi(tmp_path, "kab-a"), _instansi(tmp_path, "kota-b")
    assert main(["serve", "--config", str(a), "--config", str(b)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Konfigurasi tidak sah: ") and str(a) in err and str(b) in err


# -- the guard --------------------------------------------------------------------------------------------

def test_each_deployment_s_run_may_use_only_its_own_instansi_s_folders(tmp_path, monkeypatch):
    a, b = _served(tmp_path, _instansi(tmp_path, "kab-a", extra=_folders("a/masuk", "a/keluar")),
                   _instansi(tmp_path, "kota-b", extra=_folders("b/masuk", "b/keluar")))
    monkeypatch.setenv(guarded_api.SERVED, "")     # restored (unset) after the test
    guarded_api.serve_parameters({name: one.params for one in (a, b) for name in one.deployments})
    guarded_api.check_parameters(str(b.inbox), str(b.outbox), None, "manual-kota-b")
    guarded_api.check_parameters(str(a.inbox), str(a.outbox), str(a.config.path), "malam-kab-a")
    with pytest.raises(guarded_api.ForeignParameters, match="'inbox'.*ditolak"):
        guarded_api.check_parameters(str(b.inbox), str(a.outbox), None, "manual-kab-a")
    with pytest.raises(guarded_api.ForeignParameters, match="'config'"):
        guarded_api.check_parameters(str(a.inbox), str(a.outbox), str(b.config.path), "manual-kab-a")
    with pytest.raises(guarded_api.ForeignParameters, match="bukan dari deployment yang dilayani"):
        guarded_api.check_parameters(str(a.inbox), str(a.outbox), None, "manual")


def test_one_instansi_writes_the_guard_s_parameters_as_earlier_releases_did(tmp_path, monkeypatch):
    [one] = _served(tmp_path, _instansi(tmp_path, "kab-a"))
    monkeypatch.setenv(guarded_api.SERVED, "")     # restored (unset) after the test
    guarded_api.serve_parameters({name: one.params for name in one.deployments})
    assert json.loads(os.environ[guarded_api.SERVED]) == one.params


# -- abk serve's wiring, without a server ---------------------------------------------------------------

def test_serve_puts_each_instansi_on_the_pool_with_only_its_own_folders(tmp_path, monkeypatch):
    """What `abk serve --worker` registers, the sweeps and catch-ups it asks for, with Prefect's calls
    replaced: the deployments are built for real."""
    from flows import serve, work_pool
    from flows.pass_flow import abk_pass

    served = _served(tmp_path, _instansi(tmp_path, "kab-a", "Kabupaten A", _folders("a/masuk", "a/keluar")),
                     _instansi(tmp_path, "kota-b", "Kota B", _folders("b/masuk", "b/keluar")))
    calls: dict[str, list] = {"swept": [], "caught_up": [], "registered": [], "watched": []}
    watching = threading.Event()
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")          # no local server is started
    monkeypatch.setenv(guarded_api.SERVED, "")     # restored (unset) after the test
    monkeypatch.setattr(serve, "_remove_heartbeat_automation", lambda: None)
    monkeypatch.setattr(serve, "_tell_unserved", lambda served: None)
    monkeypatch.setattr(serve.orphan_runs, "crash_orphans", lambda names: calls["swept"].append(names) or [])
    monkeypatch.setattr(work_pool, "ensure_process_pool", lambda pool: False)
    monkeypatch.setattr(work_pool, "pass_from_source", lambda: abk_pass)
    monkeypatch.setattr(work_pool, "register", lambda pool, deployments: calls["registered"].extend(deployments))
    monkeypatch.setattr(serve.nightly_pass, "catch_up_if_missed",
                        lambda config, nightly: calls["caught_up"].append((config.instansi.nama, nightly)))
    monkeypatch.setattr(serve, "_watch", lambda served, in_process: calls["watched"].append((served, in_process))
                        or watching.set())
    monkeypatch.setattr(serve, "_wait", lambda pool, deployments: None)
    assert serve.serve(served, pool="abk") == 0

    deployments = {d.name: d for d in calls["registered"]}
    assert sorted(deployments) == ["malam-kab-a", "malam-kota-b", "manual-kab-a", "manual-kota-b"]
    for one in served:
        for name in one.deployments:
            deployment = deployments[name]
            assert deployment.parameters == one.params and deployment.concurrency_limit == 1
            assert json.loads(deployment.job_variables["env"][guarded_api.SERVED]) == one.params
            assert one.config.instansi.nama in deployment.description
        assert len(deployments[one.nightly].schedules) == 1 and not deployments[one.manual].schedules
    assert calls["swept"] == [["malam-kab-a", "manual-kab-a", "malam-kota-b", "manual-kota-b"]]
    assert calls["caught_up"] == [("Kabupaten A", "malam-kab-a"), ("Kota B", "malam-kota-b")]
    assert watching.wait(30)                                             # the watcher's thread has run
    assert calls["watched"] == [(served, False)]


# -- status and process read [folders] -------------------------------------------------------------------

def test_status_reads_the_register_of_the_configured_inbox_unless_inbox_is_given(tmp_path, monkeypatch, capsys):
    from flows.cli import main

    monkeypatch.chdir(tmp_path)
    config = _instansi(tmp_path / "konfigurasi", "kab-a", extra=_folders("../a/masuk", "../a/keluar"))
    assert main(["status", "--config", str(config), "--json"]) == 0
    assert (tmp_path / "a" / "masuk" / ".register.sqlite").is_file()
    assert main(["status", "--config", str(config), "--inbox", "lain", "--json"]) == 0
    assert (tmp_path / "lain" / ".register.sqlite").is_file()
    assert not (tmp_path / "inbox").exists()
    capsys.readouterr()


def test_process_takes_the_configured_folders_unless_they_are_given(tmp_path, monkeypatch, capsys):
    import flows.pass_flow
    from flows import reaper, runtime
    from flows.cli import main

    asked = []

    class Done:
        def is_completed(self):
            return True

        def result(self):
            return {"accepted": [], "rejected": [], "totals": {"b": 0, "k": 0, "usulan": 0}, "folder": "x"}

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runtime, "prepare", lambda: None)
    monkeypatch.setattr(reaper, "watch", lambda pid: None)
    monkeypatch.setattr(flows.pass_flow, "abk_pass", lambda **params: asked.append(params) or Done())
    config = _instansi(tmp_path, "kab-a", extra=_folders("a/masuk", "a/keluar"))
    assert main(["process", "--config", str(config)]) == 0
    assert main(["process", "--config", str(config), "--outbox", "lain"]) == 0
    assert [(p["inbox"], p["outbox"]) for p in asked] == [(str(tmp_path / "a" / "masuk"), str(tmp_path / "a" / "keluar")),
                                                          (str(tmp_path / "a" / "masuk"), "lain")]
    capsys.readouterr()


# -- two instansi served together ---------------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
INSTANSI = {   # slug: (name, {dropped name: sample})
    "kab-a": ("Pemerintah Kabupaten Uji A", {"kab-a pengolah data.docx": "ABK Pengolah Data Formasi - BKPSDM.docx",
                                             "kab-a kasubbag.xlsx": "ABK_Kasubbag_Umum_Kepegawaian_BKPSDM.xlsx"}),
    "kota-b": ("Pemerintah Kota Uji B", {"kota-b pengawas.pdf": "ABK Pengawas Lingkungan Hidup - DLH.pdf",
                                         "kota-b kadis.docx": "ABK Kepala Dinas LH dan Kabid Pengelolaan Sampah.docx"}),
}
# Rejected (a volume written in words): quarantined in B's inbox, recorded in B's register only.
BROKEN, BROKEN_SAMPLE = "kota-b kecamatan.docx", "ABK Pengadministrasi Perkantoran - Kecamatan Contoh Utara.docx"
VERDICT_S = 60


def _two_instansi(root: Path) -> Path:
    """Copies of the shipped instansi.toml, each with its own name and [folders], in one folder of configurations."""
    from tests.shipped_config import copy_shipped_config

    folder = root / "konfigurasi"
    folder.mkdir()
    for slug_, (nama, _) in INSTANSI.items():
        def change(text: str, nama=nama, slug_=slug_) -> str:
            assert text.count('nama = "Pemerintah Kabupaten Contoh"') == 1
            return (text.replace('nama = "Pemerintah Kabupaten Contoh"', f'nama = "{nama}"')
                    + f'\n[folders]\ninbox = "../{slug_}/inbox"\noutbox = "../{slug_}/outbox"\n')
        copy_shipped_config(folder, change).rename(folder / f"{slug_}.toml")
    return folder


def _registered(inbox: Path) -> set[str]:
    with sqlite3.connect(inbox / ".register.sqlite") as db:
        return {name for (name,) in db.execute("SELECT file_name FROM submissions")}


def _summary(outbox: Path) -> dict | None:
    try:
        return json.loads((outbox / "latest" / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@pytest.mark.slow   # one `abk serve` (its own Prefect server) serving two instansi; about a minute
def test_two_instansi_served_together_mix_nothing(tmp_path):
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.exceptions import ObjectNotFound

    from tests.serve_process import Served, _wait_until

    served = Served(tmp_path, configs=[_two_instansi(tmp_path)])
    inbox = {s: tmp_path / s / "inbox" for s in INSTANSI}
    outbox = {s: tmp_path / s / "outbox" for s in INSTANSI}
    try:
        begun = time.monotonic()
        served.start()
        print(f"served after {time.monotonic() - begun:.1f} s")

        # Four deployments, each with its own instansi's folders and configuration; no `malam`/`manual`.
        with served.api(), get_client(sync_client=True) as client:
            deployments = {f"{kind}-{s}": client.read_deployment_by_name(f"abk-pass/{kind}-{s}")
                           for s in INSTANSI for kind in ("malam", "manual")}
            for old in ("malam", "manual"):
                with pytest.raises(ObjectNotFound):
                    client.read_deployment_by_name(f"abk-pass/{old}")
        for name, deployment in deployments.items():
            s = name.split("-", 1)[1]
            assert deployment.parameters == {"inbox": str(inbox[s]), "outbox": str(outbox[s]),
                                             "config": str(tmp_path / "konfigurasi" / f"{s}.toml")}
            assert deployment.global_concurrency_limit.limit == 1
            assert bool(deployment.schedules) == name.startswith("malam-")

        # A file in A's inbox starts a run of A's manual deployment only.
        (first, sample), *rest_a = INSTANSI["kab-a"][1].items()
        served.drop(SAMPLES / sample, first, inbox["kab-a"])
        assert served.verdict(first, VERDICT_S, inbox["kab-a"]) == "diterima"
        assert served.flow_runs("manual-kota-b") == []
        assert {r.parameters["inbox"] for r in served.flow_runs("manual-kab-a")} == {str(inbox["kab-a"])}

        # Then files land in both inboxes at once.
        for name, sample in rest_a + list(INSTANSI["kota-b"][1].items()):
            served.drop(SAMPLES / sample, name, inbox[name.split(" ")[0]])
        served.drop(SAMPLES / BROKEN_SAMPLE, BROKEN, inbox["kota-b"])
        for s, (_, files) in INSTANSI.items():
            for name in files:
                assert served.verdict(name, VERDICT_S, inbox[s]) == "diterima", name
        assert served.verdict(BROKEN, VERDICT_S, inbox["kota-b"]) == "karantina"

        # Each outbox's newest documents are of its own instansi's forms, under its own name.
        for s, (nama, files) in INSTANSI.items():
            assert _wait_until(lambda: {a["file"] for a in (_summary(outbox[s]) or {}).get("accepted", [])} == set(files),
                               VERDICT_S), (s, _summary(outbox[s]))
            assert _summary(outbox[s])["instansi"] == nama
            assert (outbox[s] / "latest" / "surat_usul_kebutuhan.pdf").is_file()
            laporan = {p.name for p in (outbox[s] / "latest" / "laporan").rglob("*") if p.is_file()}
            assert laporan == {f"{name}.html" for name in files} | ({f"000001_{BROKEN}.html"} if s == "kota-b" else set())
        # Each register holds its own files only; the broken file is in B's alone.
        assert _registered(inbox["kab-a"]) == set(INSTANSI["kab-a"][1])
        assert _registered(inbox["kota-b"]) == set(INSTANSI["kota-b"][1]) | {BROKEN}
        assert not (inbox["kab-a"] / "karantina").exists() or not any((inbox["kab-a"] / "karantina").iterdir())
        with served.api(), get_client(sync_client=True) as client:
            keys = {a.key for a in client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(
                any_=["abk-ringkasan", "abk-ringkasan-kab-a", "abk-ringkasan-kota-b"])))}
        assert keys == {"abk-ringkasan-kab-a", "abk-ringkasan-kota-b"}

        runs = {s: [r for r in served.flow_runs(f"manual-{s}") if r.start_time] for s in INSTANSI}
        together = any(a.start_time < b.end_time and b.start_time < a.end_time
                       for a in runs["kab-a"] for b in runs["kota-b"] if a.end_time and b.end_time)
        print(f"runs: {({s: len(r) for s, r in runs.items()})}; A and B ran at the same time: {together}")

        # A run of A's deployment asking for B's inbox is refused before it touches anything.
        before = (_registered(inbox["kota-b"]), sorted(p.name for p in outbox["kota-b"].iterdir()))
        with served.api(), get_client(sync_client=True) as client:
            foreign = client.create_flow_run_from_deployment(deployments["manual-kab-a"].id,
                                                             parameters={"inbox": str(inbox["kota-b"])})

        def state():
            return next(r for r in served.flow_runs("manual-kab-a") if r.id == foreign.id).state

        assert _wait_until(lambda: state().is_final(), VERDICT_S)
        assert state().type.value == "FAILED"
        assert "ditolak" in state().message and str(inbox["kab-a"]) in state().message
        assert (_registered(inbox["kota-b"]), sorted(p.name for p in outbox["kota-b"].iterdir())) == before
    finally:
        served.stop()
    output = served.output()
    assert "database is locked" not in output
    assert set(_raised(output)) == {"flows.guarded_api.ForeignParameters"}, output[-3000:]    # the refused run only


def _raised(output: str) -> list[str]:
    """The exception of each traceback in a log: the first line after it that is not indented."""
    raised = []
    for chunk in output.split("Traceback (most recent call last):")[1:]:
        line = next((line for line in chunk.splitlines()[1:] if line and not line[0].isspace()), "")
        raised.append(line.split(":", 1)[0])
    return raised
