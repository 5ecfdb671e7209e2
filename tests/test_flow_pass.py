"""One pass end to end through a real local Prefect API: forms in, documents out, a bad file quarantined."""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.forms import worked_example, write_form
from tests.shipped_config import copy_shipped_config

TANGGAL = "2026-11-22"


def _worked_example_for(unit: list[str]):
    form = worked_example()
    return replace(form, header=replace(form.header, unit_kerja=unit))


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_form([_worked_example_for(["Sub Bidang Formasi", "Bidang Pengadaan", "Badan Kepegawaian Daerah"])],
               folder / "ABK Pengolah Data Formasi.docx", "docx")
    write_form([_worked_example_for(["Sub Bagian Umum", "Sekretariat", "Dinas Lingkungan Hidup"])],
               folder / "ABK Pengolah Data (DLH).pdf", "pdf")
    (folder / "formulir rusak.docx").write_bytes(b"ini bukan dokumen Word")
    return folder


def _run(inbox: Path, outbox: Path) -> dict:
    from flows.pass_flow import abk_pass

    return abk_pass(inbox=str(inbox), outbox=str(outbox), tanggal=TANGGAL)


def test_a_pass_turns_forms_into_documents_and_quarantines_a_bad_file(prefect_api, inbox, tmp_path):
    outbox = tmp_path / "outbox"
    summary = _run(inbox, outbox)

    latest = (outbox / "latest").resolve()
    assert latest == Path(summary["folder"])
    for name in ["summary.json", "surat_usul_kebutuhan.docx", "surat_usul_kebutuhan.pdf",
                 "peta_jabatan.pdf", "peta_jabatan.xlsx", "rekap.xlsx"]:
        assert (latest / name).stat().st_size > 0, name
    assert len(list((latest / "laporan").glob("*.html"))) == 2
    # Each accepted file's laporan is rendered once, kept beside it, and linked into every pass folder.
    kept = {p.stat().st_ino for p in (inbox / "diterima" / ".laporan").iterdir()}
    assert {p.stat().st_ino for p in (latest / "laporan").glob("*.html")} == kept
    assert [p.name for p in (latest / "laporan" / "ditolak").iterdir()] == ["000001_formulir rusak.docx.html"]

    written = json.loads((latest / "summary.json").read_text())
    positions = [p for a in written["accepted"] for p in a["positions"]]
    assert sorted(a["file"] for a in written["accepted"]) == ["ABK Pengolah Data (DLH).pdf",
                                                               "ABK Pengolah Data Formasi.docx"]
    assert [(p["k_raw"], p["k"]) for p in positions] == [(1.2875, 1), (1.2875, 1)]
    assert written["totals"]["k"] == 2

    [rejected] = written["rejected"]
    assert rejected["file"] == "formulir rusak.docx" and rejected["reason"] == "unreadable"
    quarantined = sorted(p.name for p in (inbox / "karantina").iterdir())
    assert quarantined == ["000001_formulir rusak.docx", "000001_formulir rusak.docx.alasan.txt",
                           "000001_formulir rusak.docx.laporan.html"]
    assert (inbox / "karantina" / quarantined[0]).read_bytes() == b"ini bukan dokumen Word"
    alasan = (inbox / "karantina" / quarantined[1]).read_text()
    assert "formulir rusak.docx" in alasan and "DITOLAK" in alasan
    assert len(list((inbox / "diterima").glob("0*"))) == 2
    assert not [p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".")]

    # Staff read these through a shared folder: written with the usual mode, not mkstemp's 0600.
    from flows.atomic import FILE_MODE
    for path in [latest / "summary.json", latest / "surat_usul_kebutuhan.pdf", latest / "rekap.xlsx",
                 *(latest / "laporan").glob("*.html"), inbox / "karantina" / quarantined[1]]:
        assert path.stat().st_mode & 0o777 == FILE_MODE, path.name


def test_an_idle_pass_and_the_same_inbox_twice_give_the_same_outbox(prefect_api, inbox, tmp_path):
    pristine = tmp_path / "pristine"
    shutil.copytree(inbox, pristine)
    outbox = tmp_path / "outbox"
    first = _run(inbox, outbox)
    again = _run(inbox, outbox)                  # nothing new: same folder, nothing rendered twice
    assert again["folder"] == first["folder"]
    assert again["rejected"] == [] and not any(a["new"] for a in again["accepted"])
    assert sorted(p.name for p in outbox.iterdir() if not p.name.startswith(".")) == sorted(
        [Path(first["folder"]).name, "latest"])

    other_outbox = tmp_path / "outbox2"
    replay = _run(pristine, other_outbox)         # the same inbox from scratch
    assert Path(replay["folder"]).name == Path(first["folder"]).name
    for name in ["summary.json", "rekap.xlsx", "peta_jabatan.xlsx", "surat_usul_kebutuhan.docx"]:
        one = (Path(first["folder"]) / name).read_bytes()
        two = (Path(replay["folder"]) / name).read_bytes()
        if name == "summary.json":
            one, two = (json.loads(x) for x in (one, two))
        assert one == two, name


def test_an_idle_pass_reads_no_accepted_file_again(prefect_api, inbox, tmp_path):
    outbox = tmp_path / "outbox"
    first = _run(inbox, outbox)
    accepted = inbox / "diterima"
    for cached in (accepted / ".cache").iterdir():
        cached.unlink()
    for path in accepted.glob("0*"):
        path.write_bytes(b"tidak terbaca lagi")       # reading any of them now would fail the pass
    folder = Path(first["folder"])
    summary = folder / "summary.json"
    whole = summary.read_text(encoding="utf-8")
    summary.write_text("tidak terbaca lagi", encoding="utf-8")   # nor the summary: its head (.pass.json) says enough
    again = _run(inbox, outbox)
    assert again["folder"] == first["folder"]
    assert again["totals"] == first["totals"]
    assert [a["file"] for a in again["accepted"]] == [a["file"] for a in first["accepted"]]
    assert not any(a["new"] for a in again["accepted"]) and again["rejected"] == []

    summary.write_text(whole, encoding="utf-8")
    (folder / ".pass.json").unlink()                             # a folder published before the head existed
    assert _run(inbox, outbox) == again


def test_the_nightly_keeps_the_documents_when_only_the_day_changed(prefect_api, inbox, tmp_path):
    from flows.pass_flow import abk_pass

    outbox = tmp_path / "outbox"
    first = _run(inbox, outbox)                                     # dated 2026-11-22
    nightly = abk_pass(inbox=str(inbox), outbox=str(outbox))        # today, nothing new
    assert nightly["folder"] == first["folder"]
    asked = abk_pass(inbox=str(inbox), outbox=str(outbox), tanggal="2026-12-01")   # a date asked for
    assert Path(asked["folder"]).name.startswith("2026-12-01_")
    assert (outbox / "latest").resolve() == Path(asked["folder"])
    nightly = abk_pass(inbox=str(inbox), outbox=str(outbox))
    assert nightly["folder"] == asked["folder"], "the newest folder is kept"


def test_an_outbox_that_is_a_file_stops_the_pass_with_a_message_naming_it(prefect_api, inbox, tmp_path):
    from flows.io_errors import PassIOError

    outbox = tmp_path / "outbox"
    outbox.write_text("bukan folder")
    with pytest.raises(PassIOError) as caught:
        _run(inbox, outbox)
    message = str(caught.value)
    assert str(outbox) in message and message.startswith("Pass berhenti:") and "Errno" not in message
    assert sorted(p.name for p in (inbox / "diterima").iterdir() if not p.name.startswith(".")) != []


def test_a_full_disk_is_said_with_its_path_and_what_to_do():
    import errno

    from flows.io_errors import explain

    message = explain(OSError(errno.ENOSPC, "No space left on device", "/srv/abk/outbox/.tmp-x"))
    assert message == ("Pass berhenti: disk penuh pada /srv/abk/outbox/.tmp-x (ENOSPC). Kosongkan ruang disk, lalu "
                       "jalankan ulang pass (Retry di UI).")


def test_no_letter_or_peta_is_published_while_no_form_is_accepted(prefect_api, tmp_path):
    from flows.summary import summary_markdown

    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "formulir rusak.docx").write_bytes(b"ini bukan dokumen Word")
    summary = _run(inbox, outbox)
    folder = Path(summary["folder"])
    assert sorted(p.name for p in folder.iterdir()) == [".pass.json", "laporan", "summary.json"]  # no surat, peta, rekap
    assert [p.name for p in (folder / "laporan" / "ditolak").iterdir()] == ["000001_formulir rusak.docx.html"]
    written = json.loads((folder / "summary.json").read_text())
    assert "Belum ada formulir yang diterima" in summary_markdown(written)


def test_the_run_journal_keeps_a_failed_try_s_verdicts_for_its_retry(tmp_path):
    from flows import run_journal

    first = [{"berkas": "a.docx", "putusan": "diterima", "alasan": "", "pesan": "Diterima."}]
    assert run_journal.remember(tmp_path, "run-1", first) == first
    assert run_journal.remember(tmp_path, "run-1", []) == first          # the Retry judged nothing new
    second = [{"berkas": "b.pdf", "putusan": "ditolak", "alasan": "unreadable", "pesan": "Rusak."}]
    assert run_journal.remember(tmp_path, "run-1", second) == first + second
    assert run_journal.remember(tmp_path, "run-2", []) == []            # another run has its own
    run_journal.forget(tmp_path, "run-1")
    assert run_journal.remember(tmp_path, "run-1", []) == []


def test_abk_process_shows_files_judged_of_the_total_in_a_terminal():
    import io

    from flows import terminal_progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    bar = terminal_progress.Bar(screen)
    for done in range(1, 101):
        bar.files(done, 100)
    bar.step("Menghitung kebutuhan dan menyusun dokumen...")
    shown = screen.getvalue()
    assert shown.startswith("\rMemeriksa berkas [") and "] 100/100\n" in shown
    assert shown.count("\r") < 20                       # redrawn a few times a second, not per file
    assert shown.endswith("Menghitung kebutuhan dan menyusun dokumen...\n")
    terminal_progress.attach(io.StringIO())             # a log file or a pipe: no bar at all
    terminal_progress.files(1, 2)


def test_the_summary_draws_b_k_and_usulan_per_perangkat_daerah_and_links_the_documents(tmp_path):
    from flows.summary import summary_markdown

    (tmp_path / "surat_usul_kebutuhan.pdf").write_bytes(b"%PDF")
    summary = {"pass": "p", "instansi": "Kab", "tanggal": "2026-12-01", "regime": {"name": "r"},
               "accepted": [{"file": "a.docx"}], "rejected": [], "duplicates": [], "folder": str(tmp_path),
               "totals": {"positions": 2, "b": 6, "k": 13, "kekurangan": 7, "kelebihan": 0},
               "per_perangkat_daerah": {"Dinas A": {"b": 6, "k": 12, "usulan": 6}, "Dinas B": {"b": 0, "k": 1, "usulan": 1}}}
    text = summary_markdown(summary)
    bars = [line for line in text.splitlines() if "█" in line]
    assert len(bars) == 5                                                  # B, K, U of two units; B = 0 has none
    longest = max(bars, key=lambda line: line.count("█"))
    assert "K" in longest.split() and longest.rstrip().endswith("12")     # the largest figure has the longest bar
    assert f"]({(tmp_path / 'surat_usul_kebutuhan.pdf').as_uri()})" in text
    assert "peta_jabatan.pdf" not in text                                  # only documents that exist


@pytest.mark.parametrize("policy, k_raw, basis", [
    ("as_printed", 1.2875, "WKE tercetak pada formulir, 72.000 menit setahun"),
    ("regime", 1.232, "1.250 jam (75.000 menit) setahun")])
def test_a_form_printed_under_the_old_regime_is_computed_and_stated_by_the_instansi_s_policy(
        prefect_api, tmp_path, policy, k_raw, basis):
    import openpyxl

    from flows.pass_flow import abk_pass

    config = copy_shipped_config(tmp_path, lambda text: re.sub(r'(?m)^printed_wke = "as_printed"',
                                                                f'printed_wke = "{policy}"', text))
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    write_form([worked_example()], inbox / "ABK Pengolah Data Formasi.docx", "docx")    # printed 72.000 a year
    summary = abk_pass(inbox=str(inbox), outbox=str(outbox), config=str(config), tanggal=TANGGAL)
    folder = Path(summary["folder"])
    written = json.loads((folder / "summary.json").read_text())
    assert written["accepted"][0]["positions"][0]["k_raw"] == pytest.approx(k_raw, abs=1e-9)
    sheet = openpyxl.load_workbook(folder / "rekap.xlsx")["Total"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("Dasar WKE") + 1).value.startswith(basis)


def test_an_hr_export_the_pass_cannot_use_is_said_and_the_forms_go_on(prefect_api, tmp_path):
    from flows.pass_flow import abk_pass

    config = copy_shipped_config(tmp_path)
    (tmp_path / "pegawai.csv").write_text("Nama,Unit Kerja\nBudi,Dinas A\n", encoding="utf-8")   # no NIP, no Jabatan
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    write_form([worked_example()], inbox / "ABK Pengolah Data Formasi.docx", "docx")
    summary = abk_pass(inbox=str(inbox), outbox=str(outbox), config=str(config), tanggal=TANGGAL)
    written = json.loads((Path(summary["folder"]) / "summary.json").read_text())
    assert len(written["accepted"]) == 1 and written["totals"]["b"] == worked_example().header.bezetting
    assert written["people_export"]["used"] is False
    assert written["people_export"]["problems"] == [
        "pegawai.csv: kolom nip, jabatan tidak ditemukan (kolom yang ada: Nama, Unit Kerja); data pegawai tidak dipakai."]
    assert (Path(summary["folder"]) / "surat_usul_kebutuhan.pdf").exists()
