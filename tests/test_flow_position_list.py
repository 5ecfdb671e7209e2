"""The instansi's list of positions, as planners keep it: CSV (comma or semicolon) or Excel, columns found
by their header words; a list that cannot be used names its row and column."""
from __future__ import annotations

import openpyxl
import pytest

from flows.position_list import PositionListError, read_position_list

LISTED = {("Sub Bagian Umum / Dinas A", "Pengolah Data"), ("Dinas A", "Kepala Dinas A")}


def _xlsx(path, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_excel_list_is_read_by_its_header_words(tmp_path):
    path = _xlsx(tmp_path / "daftar.xlsx", ["No", "Nama Jabatan", "UNIT KERJA", "Kelas"],
                 [[1, "Pengolah Data", "Sub Bagian Umum /  Dinas A", 7], [2, " Kepala Dinas A", "Dinas A", 14],
                  [None, None, None, None]])
    assert set(read_position_list(path)) == LISTED


def test_a_csv_saved_by_excel_in_indonesian_uses_semicolons(tmp_path):
    path = tmp_path / "daftar.csv"
    path.write_text("\ufeffunit_kerja;jabatan\nSub Bagian Umum / Dinas A;Pengolah Data\nDinas A;Kepala Dinas A\n",
                    encoding="utf-8")
    assert set(read_position_list(path)) == LISTED


def test_a_list_without_the_columns_or_with_an_empty_cell_says_where(tmp_path):
    with pytest.raises(PositionListError, match="kolom unit_kerja tidak ditemukan; kolom yang ada: Jabatan, Kelas"):
        read_position_list(_xlsx(tmp_path / "a.xlsx", ["Jabatan", "Kelas"], [["Pengolah Data", 7]]))
    with pytest.raises(PositionListError, match="baris 3, kolom Nama Jabatan: kosong"):
        read_position_list(_xlsx(tmp_path / "b.xlsx", ["Unit Kerja", "Nama Jabatan"],
                                 [["Dinas A", "Kepala Dinas A"], ["Sub Bagian Umum / Dinas A", None]]))


def test_an_sotk_table_gives_each_position_its_kelas_jenis_and_pendidikan(tmp_path):
    from calculators.coverage import Listed

    path = _xlsx(tmp_path / "sotk.xlsx", ["Unit Kerja", "Nama Jabatan", "Kelas Jabatan", "Jenis Jabatan",
                                          "Kualifikasi Pendidikan"],
                 [["Dinas A", "Kepala Dinas A", 14, "JPT Pratama", "S-2"], ["Sub Bagian Umum / Dinas A",
                                                                              "Pengolah Data", None, None, None]])
    assert read_position_list(path) == {("Dinas A", "Kepala Dinas A"): Listed(14, "JPT Pratama", "S-2"),
                                        ("Sub Bagian Umum / Dinas A", "Pengolah Data"): Listed()}
    with pytest.raises(PositionListError, match="baris 2, kolom Kelas: kelas 'tinggi' bukan angka"):
        read_position_list(_xlsx(tmp_path / "b.xlsx", ["Unit Kerja", "Jabatan", "Kelas"], [["Dinas A", "Kepala", "tinggi"]]))


def test_an_sotk_with_the_perangkat_daerah_in_its_own_column_gives_the_same_unit_paths(tmp_path):
    path = _xlsx(tmp_path / "sotk.xlsx", ["No", "Perangkat Daerah", "Unit Kerja", "Nama Jabatan", "Jenjang"],
                 [[1, "Dinas A", None, "Kepala Dinas A", None], [2, "Dinas A", "Sub Bagian Umum", "Pengolah Data", None],
                  [3, "dinas a", "Sub Bagian Umum / Dinas A", "Analis Kepegawaian", "Ahli Muda"]])
    listed = read_position_list(path)
    assert set(listed) == LISTED | {("Sub Bagian Umum / Dinas A", "Analis Kepegawaian")}
    assert listed[("Sub Bagian Umum / Dinas A", "Analis Kepegawaian")].jenjang == "Ahli Muda"
