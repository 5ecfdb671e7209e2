"""The HR export: people counted per position (B), retirements by BUP and PPPK contracts ending per year,
names never kept; a row or a file it cannot use is said with its row and column, and the forms go on."""
from __future__ import annotations

from datetime import date

import openpyxl

import calculators
from calculators.organisation import Organisation
from calculators.people import PNS, PPPK, Employee, bup, by_position
from calculators.settings import Rules
from flows.people_export import read_people
from tests.calc_builders import submission, task_form

UNIT = "Sub Bagian Umum / Dinas A"


def test_bup_follows_pp_11_2017_article_239():
    assert [bup(name) for name in ("Pengolah Data", "Analis SDM Aparatur Ahli Muda", "Kepala Sub Bagian Umum",
                                   "Arsiparis Ahli Madya", "Kepala Dinas Sosial", "Sekretaris Daerah",
                                   "Perencana Ahli Utama", "Pranata Komputer Terampil")] == [58, 58, 58, 60, 60, 60, 65, 58]
    assert bup("Pengolah Data", {"ahli_utama": 65, "ahli_madya": 60, "pimpinan_tinggi": 60, "lainnya": 56}) == 56


def test_a_departure_counts_in_the_year_the_position_is_first_without_its_holder():
    from calculators.people import vacant_from

    assert vacant_from(date(1969, 12, 31), 58) == date(2028, 1, 1)        # BUP in December: TMT pensiun in January
    assert vacant_from(date(1969, 11, 30), 58) == date(2027, 12, 1)
    assert vacant_from(date(1970, 1, 1), 58) == date(2028, 2, 1)
    people = [Employee(UNIT, "Pengolah Data", PNS, date(1969, 12, 31)), Employee(UNIT, "Pengolah Data", PNS, date(1969, 1, 1)),
              Employee(UNIT, "Pengolah Data", PPPK, akhir_kontrak=date(2027, 12, 31)),     # free from 1 January 2028
              Employee(UNIT, "Pengolah Data", PPPK, akhir_kontrak=date(2027, 12, 30)),
              Employee(UNIT, "Pengolah Data", PPPK, akhir_kontrak=date(2031, 12, 31))]     # after the window
    data = by_position(people, 2027)[("sub bagian umum", "dinas a", "pengolah data")]
    assert (data.pensiun, data.pppk_berakhir) == ({2028: 1, 2027: 1}, {2028: 1, 2027: 1})


def test_people_are_counted_per_position_with_who_leaves_in_the_five_years():
    people = [Employee(UNIT, "Pengolah Data", PNS, date(1970, 3, 1)),            # 58 in 2028
              Employee(UNIT.upper(), " pengolah  data", PNS, date(1990, 1, 1)),  # same position, typed otherwise
              Employee(UNIT, "Pengolah Data", PPPK, date(1995, 1, 1), akhir_kontrak=date(2029, 6, 30)),
              Employee(UNIT, "Pengolah Data", PNS, date(1960, 1, 1)),            # retired before the window
              Employee("Dinas A", "Kepala Dinas A", PNS, date(1967, 5, 5))]      # 60 in 2027
    counts = by_position(people, 2027)
    data = counts[("sub bagian umum", "dinas a", "pengolah data")]
    assert (data.b, data.pensiun, data.pppk_berakhir) == (4, {2028: 1}, {2029: 1})
    assert counts[("dinas a", "dinas a", "kepala dinas a")].pensiun == {2027: 1}
    deeper = by_position([Employee("Sub Bagian Umum / Sekretariat / Dinas A", "Pengolah Data", PNS)], 2027)
    assert deeper.keys() == {("sub bagian umum", "dinas a", "pengolah data")}   # levels between do not count


def test_a_form_s_b_comes_from_the_hr_export_and_a_difference_is_told():
    people = by_position([Employee(UNIT, "Pengolah Data", PNS, date(1970, 3, 1)),
                          Employee(UNIT, "Pengolah Data", PNS, date(1990, 1, 1))], 2027)
    form = task_form([(60, 1000, 75000)], b=3)                                  # k_raw 0.8 -> K 1
    assessment = calculators.assess(submission(form), Rules(), Organisation(people=people))
    position = assessment.positions[0]
    assert position.bezetting == 2 and position.form.header.pensiun == {2028: 1}
    [told] = [f for f in assessment.findings if f.code == "b_differs_from_people"]
    assert "formulir mencetak B = 3, data pegawai mencatat 2 orang" in told.message
    rekap = calculators.consolidate([position], Rules(), "Kab")
    assert rekap.lima_tahun[2028]["pensiun"] == 1
    elsewhere = task_form([(60, 1000, 75000)], name="Analis Data", b=1)
    [missing] = [f for f in calculators.assess(submission(elsewhere), Rules(), Organisation(people=people)).findings
                 if f.code == "position_not_in_people"]
    assert "B menurut formulir (1) dipakai" in missing.message


def _export(path, rows, header=("NIP Baru", "Nama", "Jabatan", "Unit Kerja", "Perangkat Daerah", "Jenis Pegawai",
                                 "Tgl Lahir", "Akhir Perjanjian Kerja")):
    book = openpyxl.Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def test_an_hr_export_is_read_by_its_header_words_and_its_bad_rows_are_named(tmp_path):
    path = _export(tmp_path / "siasn.xlsx", [
        ("197003012000031001", "Budi", "Pengolah Data", "Sub Bagian Umum", "Dinas A", "PNS", "", ""),
        ("199501012023212001", "Sari", "Pengolah Data", "Sub Bagian Umum", "Dinas A", "PPPK", "", "30-06-2029"),
        ("197003012000031001", "Budi lagi", "Pengolah Data", "Sub Bagian Umum", "Dinas A", "PNS", "", ""),
        ("196705052000031002", "Ani", "", "Dinas A", "Dinas A", "PNS", "", ""),
        ("1234", "Tono", "Kepala Dinas A", "Dinas A", "Dinas A", "PNS", "31-02-1967", ""),
    ])
    export = read_people(path)
    assert [(e.unit_kerja, e.jabatan, e.status, e.lahir, e.akhir_kontrak) for e in export.employees] == [
        (UNIT, "Pengolah Data", PNS, date(1970, 3, 1), None),                  # born as the NIP says
        (UNIT, "Pengolah Data", PPPK, date(1995, 1, 1), date(2029, 6, 30))]
    assert export.problems == [
        "siasn.xlsx, baris 4, kolom NIP Baru: NIP 1970…001 sudah ada pada baris 2; baris ini tidak dipakai.",
        "siasn.xlsx, baris 5, kolom Jabatan: kosong; baris ini tidak dipakai.",
        "siasn.xlsx, baris 6, kolom Tgl Lahir: tanggal '31-02-1967' tidak terbaca (tulis 31-12-1970); "
        "baris ini tidak dipakai."]
    assert not any("Budi" in p or "Tono" in p for p in export.problems)        # names never leave the file


def test_an_hr_export_without_its_columns_is_not_used_and_says_so(tmp_path):
    export = read_people(_export(tmp_path / "x.xlsx", [("Budi", "Dinas A")], header=("Nama", "Unit Kerja")))
    assert export.employees == []
    assert export.problems == ["x.xlsx: kolom nip, jabatan tidak ditemukan (kolom yang ada: Nama, Unit Kerja); "
                               "data pegawai tidak dipakai."]


def test_people_in_positions_the_list_does_not_know_are_said():
    from calculators.coverage import PositionList
    from calculators.organisation import people_outside_list

    people = by_position([Employee(UNIT, "Pengolah Data", PNS, date(1980, 1, 1)),
                          Employee(UNIT, "Operator Komputer", PNS, date(1980, 1, 1)),
                          Employee(UNIT, "Operator Komputer", PPPK, date(1990, 1, 1))], 2027)
    listed = PositionList(frozenset({("Sub Bagian Umum / Sekretariat / Dinas A", "pengolah data")}))
    assert people_outside_list(people, listed) == [
        "2 pegawai tercatat pada 1 jabatan yang tidak ada dalam daftar jabatan instansi: 'Operator Komputer' pada "
        "'Sub Bagian Umum / Dinas A' (2 orang). Samakan nama jabatan dan unit kerjanya dengan daftar itu."]
