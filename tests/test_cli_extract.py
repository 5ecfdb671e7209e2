"""`abk extract` as ../shared/cli-contract.md defines it: one JSON object, exit codes 0, 3, 2."""
from __future__ import annotations

import json

import pytest

from flows.cli import main
from tests.forms import worked_example, write_form


def _extract(capsys, *args) -> tuple[int, dict | None]:
    code = main(["extract", *args])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip().startswith("{") else None)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_the_worked_example_gives_1_2875_and_k_1(tmp_path, capsys, fmt):
    path = write_form([worked_example()], tmp_path / f"Pengolah Data Formasi.{fmt}", fmt)
    code, result = _extract(capsys, str(path), "--json")
    assert code == 0
    assert result["status"] == "accepted" and result["reason"] is None
    [form] = result["forms"]
    assert form["approach"] == "tugas_per_tugas"
    assert form["header"]["nama_jabatan"] == "Pengolah Data Formasi"
    assert form["k_raw"] == 1.2875 and form["k"] == 1 and form["ocr"] is False
    assert [r["norma_waktu_menit"] for r in form["rows"]] == [15, 30, 30, 30, 3000, 6000, 60, 20]
    assert [r["volume"] for r in form["rows"]] == [600, 600, 600, 600, 1, 2, 5, 3]
    assert form["rows"][-1]["periode"] == "hari" and form["rows"][0]["periode"] == "tahun"
    assert [r["pegawai"] for r in form["rows"]][:4] == [0.125, 0.25, 0.25, 0.25]


def test_a_file_that_is_not_a_form_is_rejected_with_exit_3(tmp_path, capsys):
    path = tmp_path / "surat.pdf"
    path.write_bytes(b"bukan pdf sama sekali")
    code, result = _extract(capsys, str(path), "--json")
    assert code == 3
    assert result["status"] == "rejected" and result["reason"] == "unreadable"
    assert result["message"] and result["forms"] == []


def test_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "tidak-ada.docx"), "--json"]) == 2


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_a_file_name_that_is_not_utf8_gets_valid_json(tmp_path, capsysbinary):
    import os

    raw = os.fsdecode(b"ABK laporan \xff\x92.docx")               # cp1252 bytes from a Windows share
    path = write_form([worked_example()], tmp_path / raw, "docx")
    assert main(["extract", str(path), "--json"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")            # strict: a lone surrogate would fail here
    assert json.loads(out)["file"].endswith("ABK laporan ÿ’.docx")


def test_extracting_one_form_does_not_read_the_tables_of_the_configuration(tmp_path, capsys):
    from tests.shipped_config import copy_shipped_config

    config = copy_shipped_config(tmp_path)
    (tmp_path / "daftar_jabatan.csv").write_text("bagian,nama\nDinas A,Kepala\n", encoding="utf-8")  # a broken list
    write_form([worked_example()], tmp_path / "a.docx", "docx")
    code, data = _extract(capsys, str(tmp_path / "a.docx"), "--json", "--config", str(config))
    assert code == 0 and data["status"] == "accepted"
    assert main(["status", "--inbox", str(tmp_path / "inbox"), "--config", str(config)]) == 2   # a pass needs it
    assert "letter.daftar_jabatan" in capsys.readouterr().err
