"""The Excel reader reads a sheet whole or refuses it: a table cut at a fixed row or column would be
accepted with a smaller K."""
from __future__ import annotations

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from extractors import Limits, extract
from extractors.submission import TOO_LARGE, ExtractionError

HEAD = ["No", "Uraian Tugas", "Satuan", "Waktu Penyelesaian (menit)", "Volume", "WKE"]


def _workbook(path, rows: int, extra_columns: int = 0):
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = "Nama Jabatan : Analis Data", "Unit Kerja : Dinas X"
    sheet.append(HEAD + [""] * extra_columns + (["Keterangan"] if extra_columns else []))
    for i in range(1, rows + 1):
        sheet.append([i, f"Tugas {i}", "Dokumen", 60, 10, 75000])
    sheet.cell(300000, 3).fill = PatternFill("solid", fgColor="FFFF00")   # a format far below the table
    book.save(path)
    return path


@pytest.mark.slow   # about 10 s
def test_a_table_past_the_old_cut_of_5000_rows_and_60_columns_is_read_whole(tmp_path):
    form = extract(_workbook(tmp_path / "panjang.xlsx", 5100, extra_columns=70), Limits(max_rows=6000)).forms[0]
    assert len(form.rows) == 5100 and form.rows[-1].uraian == "Tugas 5100"


def test_more_task_rows_than_the_limit_is_too_large_with_a_message(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract(_workbook(tmp_path / "panjang.xlsx", 2001))
    assert caught.value.reason == TOO_LARGE and "2001 baris tugas" in caught.value.message
