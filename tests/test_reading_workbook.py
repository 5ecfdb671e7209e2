"""The workbook of a reading that needs review reads back as the same submission, with the doubtful cells
marked: what a person corrects and sends in again."""
from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from calculators.results import Code, Finding, Severity
from extractors import extract
from report_templates.reading_workbook import reading_workbook
from tests.forms import Layout, as_printed, random_form, write_form

ROW_FIELDS = ("no", "uraian", "tahapan", "satuan", "periode", "norma_waktu_menit", "volume", "wke_menit", "beban",
              "standar_kemampuan", "periode_standar", "jumlah_alat", "rasio_pegawai_per_alat", "shift",
              "pegawai_tercetak")
HEADER_FIELDS = ("nama_jabatan", "unit_kerja", "instansi", "kode_jabatan", "kelas_jabatan", "jenis_jabatan",
                 "bezetting", "tahun")


def _write(path, forms, findings) -> None:
    reading_workbook(forms, findings, "pindaian.pdf", datetime(2026, 12, 2), lambda book: book.save(path))


def _read(tmp_path, approach: str, seed: int):
    form = as_printed(random_form(random.Random(seed), approach), Layout())
    return extract(write_form([form], tmp_path / f"{approach}-{seed}.docx", "docx"))


def _same(one, two) -> list:
    differences = []
    for f1, f2 in zip(one.forms, two.forms, strict=True):
        differences += [(k, getattr(f1.header, k), getattr(f2.header, k)) for k in HEADER_FIELDS
                        if getattr(f1.header, k) != getattr(f2.header, k)]
        differences += [("approach", f1.approach, f2.approach)] if f1.approach != f2.approach else []
        differences += [("total", f1.printed_total, f2.printed_total)] if f1.printed_total != f2.printed_total else []
        for r1, r2 in zip(f1.rows, f2.rows, strict=True):
            differences += [(r1.number, k, getattr(r1, k), getattr(r2, k)) for k in ROW_FIELDS
                            if getattr(r1, k) != getattr(r2, k)]
    return differences


@pytest.mark.parametrize("approach", ["tugas_per_tugas", "hasil_kerja", "objek_kerja", "peralatan_kerja"])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_reading_written_as_a_workbook_reads_back_as_the_same_form(tmp_path, approach, seed):
    read = _read(tmp_path, approach, seed)
    if seed == 2:
        first = read.forms[0].rows[0]
        first.tahapan = "1. Menerima bahan 2. Menyusun konsep"      # as the readers give sub-steps
    path = tmp_path / "bacaan.xlsx"
    _write(path, read.forms, [])
    again = extract(path)
    assert _same(read, again) == []
    assert len(again.forms[0].rows) >= 3


def test_the_cells_the_arithmetic_disputes_and_the_unreadable_ones_are_marked_with_why(tmp_path):
    read = _read(tmp_path, "tugas_per_tugas", 3)
    form = read.forms[0]
    second = form.rows[1]
    second.volume, second.unreadable = None, {"volume": "1O0"}          # an O read for a zero
    form.rows[0].uraian = "=HYPERLINK(\"http://x\")"                        # text from a scan is never a formula
    findings = [Finding(Code.PRINTED_VALUE_MISMATCH, Severity.ERROR, "baris 1: tercetak 0,50, hasil hitung 0,05.",
                        row=form.rows[0].number, column="pegawai_tercetak"),
                Finding(Code.PRINTED_VALUE_MISMATCH, Severity.ERROR, "baris Jumlah: tercetak 2, hasil hitung 1,5.",
                        column="pegawai_tercetak"),
                Finding(Code.WKE_DIFFERS_FROM_REGIME, Severity.WARNING, "baris 3: WKE tercetak berbeda.",
                        row=form.rows[2].number, column="wke_menit")]          # a warning stops nothing: unmarked
    path = tmp_path / "bacaan.xlsx"
    _write(path, [form], findings)

    sheet = load_workbook(path).active
    marked = {(c.row, sheet.cell(c.row, 2).value, c.comment.text) for row in sheet.iter_rows() for c in row
              if c.comment is not None}
    texts = [text for _, _, text in marked]
    assert any("tercetak 0,50" in t for t in texts) and any("'1O0'" in t for t in texts)
    assert any("baris Jumlah" in t for t in texts)
    assert len(marked) == 3
    formula = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    again = extract(path)
    assert again.forms[0].rows[1].volume is None and again.forms[0].rows[1].unreadable["volume"] == "1O0"
    assert again.forms[0].rows[2].volume == form.rows[2].volume and isinstance(form.rows[2].volume, Decimal)
