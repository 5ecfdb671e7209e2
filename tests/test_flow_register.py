"""The register of submissions and `abk status` built on it."""
from __future__ import annotations

import json

from flows.register import Entry, Register
from flows.position_list import read_position_list
from flows.status import status_report


def _entry(name, status, positions=(), **kw):
    return Entry(stored_as=f"diterima/{name}", sha256="ab" * 32, file_name=name, status=status,
                 positions=positions, **kw)


def test_recording_twice_keeps_one_row_per_file(tmp_path):
    register = Register.for_inbox(tmp_path)
    entries = [_entry("a.docx", "diterima", (("Dinas A", "Seksi X / Dinas A", "Pengolah Data", 1, 2),))]
    register.record(entries, "pass-1")
    register.record(entries, "pass-2")
    rows = register.status_rows()
    assert len(rows) == 1 and rows[0]["pass_name"] == "pass-1" and rows[0]["k"] == 2
    assert (tmp_path / ".register.sqlite").exists()


def test_status_counts_per_perangkat_daerah_and_lists_missing_positions(tmp_path):
    register = Register.for_inbox(tmp_path / "inbox")
    register.record([
        _entry("a.docx", "diterima", (("Dinas A", "Seksi X / Dinas A", "Pengolah Data", 1, 2),
                                      ("Dinas A", "Seksi X / Dinas A", "Analis", 0, 1))),
        _entry("b.docx", "diterima", (("Dinas A", "Seksi X / Dinas A", "Pengolah Data", 1, 3),)),
        Entry("karantina/000001_c.pdf", "cd" * 32, "c.pdf", "ditolak", "unreadable", "rusak"),
    ], "p")
    register.mark_superseded({("diterima/a.docx", "Seksi X / Dinas A", "Pengolah Data"): "diterima/b.docx"})
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps({"accepted": [{"positions": [
        {"unit_kerja": "Seksi X / Dinas A", "nama_jabatan": "Pengolah Data"},
        {"unit_kerja": "Seksi Y / Dinas A", "nama_jabatan": "Pengemudi"}]}]}))
    report = status_report(register, set(read_position_list(summary)))
    dinas = report["perangkat_daerah"]["Dinas A"]
    assert (dinas["dikirim"], dinas["diterima"], dinas["jabatan"]) == (2, 2, 2)
    assert dinas["belum_masuk"] == ["Pengemudi — Seksi Y / Dinas A"]
    assert report["tanpa_perangkat_daerah"]["ditolak"] == 1


def test_expected_positions_from_csv(tmp_path):
    path = tmp_path / "harapan.csv"
    path.write_text("unit_kerja,nama_jabatan\nSeksi X / Dinas A, Pengolah Data\n", encoding="utf-8")
    assert set(read_position_list(path)) == {("Seksi X / Dinas A", "Pengolah Data")}


def test_a_version_replaced_again_points_at_the_newest(tmp_path):
    register = Register.for_inbox(tmp_path)
    position = ("Dinas A", "Seksi X / Dinas A", "Pengolah Data", 1, 2)
    register.record([_entry(n, "diterima", (position,)) for n in ("a.docx", "b.docx", "c.docx")], "p")
    key = ("diterima/a.docx", "Seksi X / Dinas A", "Pengolah Data")
    register.mark_superseded({key: "diterima/b.docx"})
    register.mark_superseded({key: "diterima/b.docx"})                   # every pass hands the map again
    register.mark_superseded({key: "diterima/c.docx", ("diterima/b.docx",) + key[1:]: "diterima/c.docx"})
    newer = {row["stored_as"]: row["superseded_by"] for row in register.status_rows()}
    assert newer == {"diterima/a.docx": "diterima/c.docx", "diterima/b.docx": "diterima/c.docx",
                     "diterima/c.docx": None}
