"""Understanding a form from its blocks, whatever the file format: which rows are tasks, what the columns
mean, what the form's own arithmetic says about its units, and where the header's values stand.

Each test builds the blocks a reader would hand over (paragraphs and grids of cell texts), so a failure
points at the understanding, not at a file format.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

import calculators
from calculators.settings import BUILTIN_REGIMES, PERIOD_ORDER, Rules
from extractors.arithmetic import STANDARD_WKE_MINUTES, wke_reading
from extractors.blocks import Grid, Paragraph
from extractors.numbers import parse_minutes, parse_quantity
from extractors.submission import ExtractionError, Submission
from extractors.understand import forms_from_blocks

D = Decimal
HEAD = ["No", "Uraian Tugas", "Satuan Hasil", "Waktu Penyelesaian (menit)", "Waktu Kerja Efektif", "Volume",
        "Pegawai yang Dibutuhkan"]
HEADER = [Paragraph("Nama Jabatan : Analis Data"), Paragraph("Unit Kerja : Sub Bagian Umum / Sekretariat / Dinas X")]
TASKS = [["1", "Menyusun laporan", "Laporan", "60", "75000", "100", "0,08"],
         ["2", "Mengolah data", "Data", "30", "75000", "500", "0,2"]]


def form_of(*rows, head=HEAD, before=HEADER, after=()):
    forms = forms_from_blocks([*before, Grid([head, *rows]), *after])
    assert len(forms) == 1, [f.header.nama_jabatan for f in forms]
    return forms[0]


def volumes(form):
    return [row.volume for row in form.rows]


def assess(form):
    return calculators.assess(Submission("f.docx", "docx", [form]), Rules())


# --- rows that are not tasks ------------------------------------------------------------------------

def test_closing_rows_are_read_and_end_the_table():
    form = form_of(*TASKS,
                   ["", "Jumlah Pegawai yang Dibutuhkan", "", "", "", "", "0,28"],
                   ["", "Pembulatan", "", "", "", "", "1"],
                   ["", "Efisiensi Jabatan (EJ)", "", "", "", "", "0,28"],
                   ["", "Jumlah Pegawai Saat Ini", "", "", "", "", "2"],
                   ["", "Catatan: waktu dalam menit", "", "", "", "", ""],
                   ["", "Mengetahui,", "", "", "Kepala Dinas X", "", ""],
                   ["", "", "", "", "NIP. 19700101 199503 1 001", "", ""])
    assert volumes(form) == [D(100), D(500)]
    assert (form.printed_total, form.printed_k, form.header.bezetting) == (D("0.28"), D(1), 2)
    assert assess(form).accepted


def test_blank_and_template_rows_are_not_tasks():
    form = form_of(TASKS[0], ["", "", "", "", "", "", ""], ["", "", "", "", "75000", "", "0"],
                   ["", "", "", "-", "75000", "-", "-"], TASKS[1], ["", "", "", "", "75.000", "", "#DIV/0!"])
    assert volumes(form) == [D(100), D(500)]
    assert assess(form).accepted


def test_group_rows_and_sub_steps_are_not_tasks():
    form = form_of(["A.", "TUGAS POKOK", "", "", "", "", ""], TASKS[0], ["", "a. mengumpulkan bahan", "", "", "", "",
                                                                      ""], TASKS[1])
    assert [row.no for row in form.rows] == [1, 2]


def test_a_numbered_task_left_empty_is_kept_and_rejected_by_its_row():
    form = form_of(TASKS[0], ["2", "Menyusun jadwal", "Dokumen", "", "", "", ""],
                   ["3", "Mengolah data", "Data", "30", "75000", "500", "0,2"])
    assert [row.no for row in form.rows] == [1, 2, 3]
    verdict = assess(form)
    assert not verdict.accepted and verdict.reason == "invalid_value"
    assert {f.row for f in verdict.findings if f.severity == "error"} == {2}


def test_a_task_with_words_for_a_number_is_rejected_by_its_row_and_column():
    form = form_of(TASKS[0], ["2", "Mengolah data", "Data", "30", "75000", "dua ratus", ""])
    verdict = assess(form)
    assert verdict.reason == "invalid_value"
    error = next(f for f in verdict.findings if f.severity == "error")
    assert (error.row, error.column) == (2, "volume") and "dua ratus" in error.message


def test_a_task_about_kebutuhan_pegawai_is_a_task_even_without_a_number_column():
    head = ["Uraian Tugas", "Satuan", "Waktu (menit)", "Volume", "WKE"]
    form = form_of(["Menyusun analisis kebutuhan pegawai", "Dokumen", "600", "2", "75000"],
                   ["Jumlah", "", "", "", ""], head=head)
    assert volumes(form) == [D(2)]


def test_numbered_tasks_after_a_subtotal_go_on():
    form = form_of(TASKS[0], ["", "Sub Jumlah", "", "", "", "", "0,08"], TASKS[1],
                   ["", "Jumlah", "", "", "", "", "0,28"])
    assert volumes(form) == [D(100), D(500)] and form.printed_total == D("0.28")


# --- columns ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Hasil Kerja", "Output", "Satuan Output", "Satuan Hasil", "KELUARAN"])
def test_the_satuan_column_under_other_names(title):
    head = ["NO", "URAIAN TUGAS", title, "JUMLAH HASIL", "WAKTU PENYELESAIAN", "WAKTU EFEKTIF", "KEBUTUHAN PEGAWAI"]
    form = form_of(["1", "Menyusun laporan", "Laporan", "100", "60", "75000", "0,08"], head=head)
    assert form.rows[0].satuan == "Laporan" and form.rows[0].uraian == "Menyusun laporan"


def test_hasil_kerja_alone_names_the_rows_of_the_hasil_kerja_method():
    head = ["No", "Hasil Kerja", "Satuan", "Beban Kerja", "Standar Kemampuan", "Kebutuhan Pegawai"]
    form = form_of(["1", "Surat keluar", "Surat", "500", "100", "5"], head=head)
    assert form.approach == "hasil_kerja"
    assert (form.rows[0].uraian, form.rows[0].beban, form.rows[0].standar_kemampuan) == ("Surat keluar", D(500), D(100))


def test_a_workload_column_counted_in_time_is_not_the_volume():
    head = ["No", "Uraian Tugas", "Volume Kerja", "Norma Waktu (menit)", "Beban Kerja (menit)", "WKE"]
    form = form_of(["1", "Menyusun laporan", "100", "60", "6000", "75000"], head=head)
    assert (form.rows[0].volume, form.rows[0].norma_waktu_menit) == (D(100), D(60))


# --- times, numbers and the form's own arithmetic ------------------------------------------------------

@pytest.mark.parametrize("text,minutes", [("1 jam", 60), ("15 jam", 900), ("1 jam 30 menit", 90), ("2,5 jam", 150),
                                          ("90 menit", 90), ("2 JAM", 120), ("1j 30m", 90), ("± 30 menit", 30),
                                          ("1/2 jam", 30), ("½ jam", 30), ("3/4 jam", 45)])
def test_times_written_with_words(text, minutes):
    assert parse_minutes(text) == minutes
    form = form_of(["1", "Menyusun laporan", "Laporan", text, "75000", "10", ""])
    assert form.rows[0].norma_waktu_menit == minutes


@pytest.mark.parametrize("text", ["dua jam", "1 30 menit", "2 jam 2 jam", "12 x 3"])
def test_times_that_mean_nothing_sure_are_not_read(text):
    assert parse_minutes(text) is None


def test_counts_with_their_satuan_or_period():
    assert parse_quantity("12 dokumen") == (D(12), None)
    assert parse_quantity("30 Data/Hari") == (D(30), "hari")
    assert parse_quantity("5 per bulan") == (D(5), "bulan")
    assert parse_quantity("dua ratus") is None


def test_a_jam_label_over_minutes_is_read_as_the_printed_needs_say():
    head = ["NO", "URAIAN TUGAS", "HASIL KERJA", "JUMLAH HASIL", "WAKTU PENYELESAIAN (JAM)", "WAKTU EFEKTIF",
            "KEBUTUHAN PEGAWAI"]
    form = form_of(["1.", "Menyiapkan bahan", "Draf", "12", "1080", "75000", "0.1728"],
                   ["2.", "Mengelola data", "Dokumen", "24", "4800", "75000", "1.536"],
                   ["Jumlah Pegawai Yang Dibutuhkan", None, None, None, None, None, "1.7088"], head=head)
    assert [row.norma_waktu_menit for row in form.rows] == [D(1080), D(4800)]
    assert [row.pegawai_tercetak for row in form.rows] == [D("0.1728"), D("1.536")]   # a dot-decimal table
    assert [r.code for r in form.readings] == ["time_unit_from_arithmetic"]
    verdict = assess(form)
    assert verdict.accepted and verdict.positions[0].k_raw == D("1.7088")
    assert not [f for f in verdict.findings if f.code == "printed_value_mismatch"]


def test_a_jam_label_over_hours_stays_hours():
    head = ["No", "Uraian Tugas", "Satuan", "Jumlah Hasil", "Waktu Penyelesaian (jam)", "Waktu Efektif",
            "Kebutuhan Pegawai"]
    form = form_of(["1", "Menyusun laporan", "Laporan", "100", "2", "1250", "0,16"], head=head)
    assert (form.rows[0].norma_waktu_menit, form.rows[0].wke_menit) == (D(120), D(75000))
    assert form.readings == []


def test_with_nothing_printed_to_decide_the_label_stands():
    head = ["No", "Uraian Tugas", "Satuan", "Volume", "Waktu (jam)"]
    form = form_of(["1", "Menyusun laporan", "Laporan", "100", "2"], head=head)
    assert form.rows[0].norma_waktu_menit == D(120) and form.readings == []


def test_a_minutes_label_over_hours_is_read_as_the_total_says():
    head = ["No", "Uraian Tugas", "Satuan", "Volume", "Waktu Penyelesaian (menit)"]
    form = form_of(["1", "Menyusun laporan", "Laporan", "100", "2"], ["2", "Mengolah data", "Data", "500", "1,5"],
                   ["", "Jumlah", "", "", "0,76"], head=head)
    assert [row.norma_waktu_menit for row in form.rows] == [D(120), D(90)]
    assert form.readings and "jam" in form.readings[0].message


@pytest.mark.parametrize("printed,minutes", [("75000", 75000), ("75.000", 75000), ("1.250", 75000), ("1250", 75000),
                                             ("300", 300), ("6250", 6250), ("5", 300), ("1200", 72000)])
def test_a_bare_wke_is_read_in_the_unit_that_makes_it_a_standard_figure(printed, minutes):
    from extractors.numbers import parse_number
    assert wke_reading(parse_number(printed), None, "menit", labelled=False)[0] == minutes


@pytest.mark.parametrize("hours", ["104,17", "1.250", "25", "5", "5,32", "1.200", "100", "26,59"])
@pytest.mark.parametrize("unit", [None, "jam"])
def test_a_standard_wke_written_in_hours_is_that_standard_exactly(hours, unit):
    from extractors.numbers import parse_number
    minutes, read_unit = wke_reading(parse_number(hours), unit, "jam")
    assert read_unit == "jam" and minutes in STANDARD_WKE_MINUTES
    assert abs(minutes - parse_number(hours) * 60) < 1                # the figure it stands for, not another


def test_an_hours_wke_that_is_no_standard_or_whole_minutes_is_hours_times_sixty():
    from extractors.numbers import parse_number
    assert wke_reading(parse_number("1.322"), "jam", "jam")[0] == 1322 * 60
    assert wke_reading(parse_number("26,6"), "jam", "jam")[0] == 1596      # as a form prints 1.596 minutes


def test_the_standard_wke_figures_are_those_of_the_regimes():
    figures = {regime.period_wke(p) for regime in BUILTIN_REGIMES.values() for p in PERIOD_ORDER}
    assert figures == set(STANDARD_WKE_MINUTES)


# --- the header ---------------------------------------------------------------------------------------

def test_label_and_value_in_one_cell_and_later_values_win_over_a_cover_sheet():
    cover = Grid([["Diisi oleh unit kerja"], ["Nama Jabatan : diisi dengan nama jabatan"],
                  ["Unit Kerja : Dinas X"], ["Kolom Waktu Penyelesaian diisi dalam menit"]], location="lembar 'Sampul'")
    header = Grid([["NAMA JABATAN : Analis Data", None, None], ["UNIT KERJA : Seksi Data / Dinas X", None, None]])
    form = form_of(*TASKS, before=[cover, header])
    assert form.header.nama_jabatan == "Analis Data"
    assert form.header.unit_kerja == ["Seksi Data", "Dinas X"]


@pytest.mark.parametrize("sheet,first", [("Petunjuk", "Isilah formulir berikut"), ("Sheet1", "PETUNJUK PENGISIAN"),
                                         ("Contoh", "Contoh pengisian formulir")])
def test_an_instruction_sheet_with_a_sample_table_is_no_form(sheet, first):
    sample = Grid([[first, None, None, None, None, None, None], ["Nama Jabatan : Pengadministrasi Umum"], HEAD,
                   ["1", "Mengagendakan surat masuk", "Surat", "5", "75000", "1000", "0,07"]],
                  location=f"lembar '{sheet}'")
    form = form_of(*TASKS, before=[sample, *HEADER])
    assert form.header.nama_jabatan == "Analis Data" and volumes(form) == [D(100), D(500)]


def test_unit_levels_drop_dashes_and_the_positions_own_line_and_the_ikhtisar_stands_below_its_label():
    before = [Paragraph("1. NAMA JABATAN : Penelaah Teknis Kebijakan"), Paragraph("2. KODE JABATAN : ---"),
              Paragraph("3. UNIT KERJA :"), Paragraph("a. JPT Utama : ---"), Paragraph("b. JPT Madya : ---"),
              Paragraph("c. JPT Pratama : Biro Umum"), Paragraph("d. Administrator : Bagian Tata Usaha"),
              Paragraph("e. Pengawas :"), Paragraph("f. Pelaksana : Penelaah Teknis Kebijakan"),
              Paragraph("g. Jabatan Fungsional : ---"), Paragraph("4. IKHTISAR JABATAN :"),
              Paragraph("Melaksanakan dukungan teknis dalam rangka"), Paragraph("penyiapan bahan."),
              Paragraph("5. KUALIFIKASI JABATAN :"), Paragraph("6. TUGAS POKOK :")]
    after = [Paragraph("17. KELAS JABATAN :"), Paragraph("Kelas 7 (Tujuh)")]
    form = form_of(*TASKS, before=before, after=after)
    header = form.header
    assert header.unit_kerja == ["Bagian Tata Usaha", "Biro Umum"]
    assert header.kode_jabatan is None
    assert header.ikhtisar_jabatan == "Melaksanakan dukungan teknis dalam rangka penyiapan bahan."
    assert header.kelas_jabatan == 7


def test_uraian_keeps_the_task_sentence_and_its_steps_apart():
    cell = ("Menyiapkan bahan penyusunan rencana kegiatan;\nTahapan :\n1. Mengumpulkan bahan\n"
            "2. Menyusun draf")
    form = form_of(["1", cell, "Dokumen", "60", "75000", "10", ""])
    row = form.rows[0]
    assert row.uraian == "Menyiapkan bahan penyusunan rencana kegiatan"
    assert row.tahapan == "1. Mengumpulkan bahan 2. Menyusun draf"


# --- combined Anjab-ABK documents ---------------------------------------------------------------------

def test_later_anjab_tables_with_a_no_column_are_neither_continuation_nor_forms():
    after = [Paragraph("7. HASIL KERJA :"), Grid([["NO", "HASIL KERJA", "SATUAN HASIL"], ["1.", "Laporan", "Dokumen"]]),
             Paragraph("12. KORELASI JABATAN :"),
             Grid([["1.", "Kepala Biro", "Biro Umum", "Konsultasi", "", "", "2"]]),     # as wide as the task table
             Paragraph("16. PRESTASI KERJA YANG DIHARAPKAN :"),
             Grid([["NO", "HASIL KERJA", "SATUAN HASIL", "JUMLAH HASIL", "WAKTU PENYELESAIAN", "KETERANGAN"],
                   ["1", "Laporan", "Dokumen", "12", "60", ""]])]
    form = form_of(*TASKS, after=after)
    assert volumes(form) == [D(100), D(500)]


def test_a_table_split_by_a_page_with_its_header_repeated_is_one_table():
    blocks = [*HEADER, Grid([HEAD, TASKS[0]], location="halaman 1"), Paragraph("Halaman 1 dari 2"),
              Grid([HEAD, TASKS[1], ["", "Jumlah", "", "", "", "", "0,28"]], location="halaman 2")]
    forms = forms_from_blocks(blocks)
    assert len(forms) == 1 and volumes(forms[0]) == [D(100), D(500)]


def test_two_forms_one_under_the_other_on_one_sheet():
    sheet = Grid([["Nama Jabatan", ":", "Analis Data", None, None, None, None],
                  ["Unit Kerja", ":", "Dinas X", None, None, None, None], HEAD, *TASKS,
                  ["", "Jumlah", "", "", "", "", "0,28"], ["", "", "", "", "", "", ""],
                  ["Nama Jabatan", ":", "Pengolah Data", None, None, None, None],
                  ["Unit Kerja", ":", "Dinas X", None, None, None, None], HEAD, TASKS[1]])
    forms = forms_from_blocks([sheet])
    assert [f.header.nama_jabatan for f in forms] == ["Analis Data", "Pengolah Data"]
    assert [volumes(f) for f in forms] == [[D(100), D(500)], [D(500)]]


def test_a_document_without_a_task_table_is_not_an_abk_form():
    with pytest.raises(ExtractionError) as caught:
        forms_from_blocks([Paragraph("INFORMASI JABATAN"), Paragraph("1. NAMA JABATAN : Analis"),
                           Grid([["NO", "HASIL KERJA", "SATUAN HASIL"], ["1", "Laporan", "Dokumen"]])])
    assert caught.value.reason == "not_an_abk_form"


# --- layouts from other applications ---------------------------------------------------------------

def test_unnumbered_sub_steps_under_numbered_tasks_are_not_tasks():
    head = ["NO", "URAIAN TUGAS", "SATUAN HASIL", "WAKTU PENYELESAIAN (Jam)", "WAKTU KERJA EFEKTIF (Jam)",
            "BEBAN KERJA", "PEGAWAI YANG DIBUTUHKAN"]
    form = form_of(["1", "Mengagendakan surat keluar", "Surat", "0.25", "1,250", "48", "0.010"],
                   ["", "1) Memberi nomor surat", "", "0.25", "", "", ""],
                   ["2", "Menyiapkan rapat", "Notulen", "5.5", "1,250", "150", "0.660"],
                   ["", "1) Menyiapkan undangan", "", "2", "", "", ""], head=head)
    assert [(r.norma_waktu_menit, r.volume, r.wke_menit) for r in form.rows] == [(15, 48, 75000), (330, 150, 75000)]


def test_the_average_of_minimum_maximum_and_average_times_is_the_norma():
    head = [["NO", "URAIAN TUGAS", "VOLUME KEGIATAN 1 TAHUN", "WAKTU PELAKSANAAN (MENIT)", None, None,
             "JML WAKTU DIPERLUKAN (JAM)", "TENAGA"],
            [None, None, None, "Minimal", "Maksimal", "Rata-rata", None, None]]
    grid = Grid([*head, ["1", "Pelayanan administrasi umum", "", "", "", "", "315", ""],
                 ["1.1", "Mengumpulkan data", "120", "30", "60", "45", "90", "0,072"],
                 ["1.2", "Menyiapkan dokumen", "150", "75", "105", "90", "225", "0,18"],
                 ["JUMLAH", None, None, None, None, None, "315", "0,252"]])
    form = forms_from_blocks([*HEADER, grid])[0]
    assert [(r.norma_waktu_menit, r.volume) for r in form.rows] == [(45, 120), (90, 150)]
    assert form.printed_total == D("0.252") and assess(form).positions[0].k_raw == D("0.252")


def test_a_table_of_positions_gives_a_form_per_position():
    before = [Paragraph("1. UNIT ORGANISASI : DINAS PERHUBUNGAN"), Paragraph("2. UNIT KERJA : UPT TERMINAL")]
    head = ["NO", "NAMA JABATAN", "JUMLAH PEMANGKU JAB", "ALAT/OBYEK/TARGET KERJA", "JUMLAH ALAT YG AKTIF", "RASIO",
            "JML KEB PEG"]
    forms = forms_from_blocks([*before, Grid([head, ["1.", "Pengemudi", "12", "Bus", "20", "1/1", "20"],
                                              ["2.", "Mekanik", "2", "Bus", "20", "1/5", "4"]])])
    assert [(f.header.nama_jabatan, f.header.bezetting, f.approach) for f in forms] == [
        ("Pengemudi", 12, "peralatan_kerja"), ("Mekanik", 2, "peralatan_kerja")]
    assert forms[1].header.unit_kerja == ["UPT TERMINAL", "DINAS PERHUBUNGAN"]
    verdict = calculators.assess(Submission("f.xlsx", "xlsx", forms), Rules())
    assert [p.k for p in verdict.positions] == [20, 4]


def test_closing_figures_printed_apart_or_beside_a_workload_total():
    blocks = [*HEADER, Grid([HEAD, *TASKS]), Grid([["Pegawai Yang Dibutuhkan", "0,28"],
                                                   ["Pegawai Yang Dibutuhkan (Pembulatan)", "1"]])]
    form = forms_from_blocks(blocks)[0]
    assert (form.printed_total, form.printed_k) == (D("0.28"), D(1))
    head = HEAD + ["Beban/th (menit)"]
    form = form_of([*TASKS[0], "6000"], [*TASKS[1], "15000"],
                   ["Total beban kerja", "", "", "", "", "", "0,28", "21000"], head=head)
    assert form.printed_total == D("0.28")


def test_a_wke_printed_in_the_header_is_the_rows_wke_and_a_satuan_waktu_column_gives_periods():
    head = ["Uraian Tugas", "Hasil Kerja", "Jumlah Hasil", "Waktu Penyelesaian", "Satuan Waktu", "Kebutuhan Pegawai"]
    before = [*HEADER, Paragraph("Waktu Kerja Efektif : 1.200 jam/tahun")]
    form = form_of(["Mengarsipkan surat", "Berkas", "600", "30", "Tahun", "0,25"],
                   ["Melayani tamu", "Tamu", "20", "20", "Bulan", "0,0667"], head=head, before=before)
    assert [(r.periode, r.wke_menit) for r in form.rows] == [("tahun", 72000), ("bulan", None)]


def test_analisis_beban_kerja_as_the_label_of_the_position():
    before = [Paragraph("OPD : Dinas Pertanian"), Paragraph("Unit Kerja : Sub Bagian Umum / Sekretariat"),
              Paragraph("Analisis Beban Kerja : Pengadministrasi Umum")]
    form = form_of(*TASKS, before=before)
    assert form.header.nama_jabatan == "Pengadministrasi Umum"
    assert form.header.unit_kerja == ["Sub Bagian Umum", "Sekretariat", "Dinas Pertanian"]


def test_a_dash_for_a_volume_is_nil_and_an_empty_volume_is_missing():
    form = form_of(TASKS[0], ["2", "Mengolah data", "Data", "30", "75000", "-", ""])
    verdict = assess(form)
    assert form.rows[1].volume == 0 and verdict.accepted
    assert [f.code for f in verdict.findings if f.row == 2] == ["zero_volume"]
    form = form_of(TASKS[0], ["2", "Mengolah data", "Data", "30", "75000", "", ""])
    assert not assess(form).accepted


def test_a_recap_of_a_units_positions_gives_a_form_per_position():
    head = ["No", "Unit Kerja", "Nama Jabatan", "Uraian Tugas", "Satuan", "Norma Waktu (menit)", "Volume", "WKE"]
    grid = Grid([head, ["1", "Seksi Data / Dinas X", "Analis Data", "Menyusun laporan", "Laporan", "60", "100",
                        "75000"],
                 ["2", None, None, "Mengolah data", "Data", "30", "500", "75000"],
                 ["3", "Seksi Umum / Dinas X", "Pengadministrasi Umum", "Mengagendakan surat", "Surat", "5", "2000",
                  "75000"]])
    forms = forms_from_blocks([grid])
    assert [(f.header.nama_jabatan, f.header.unit_kerja, len(f.rows)) for f in forms] == [
        ("Analis Data", ["Seksi Data", "Dinas X"], 2), ("Pengadministrasi Umum", ["Seksi Umum", "Dinas X"], 1)]


def test_a_unit_kerja_written_one_unit_a_row_under_its_label():
    header = Grid([["Nama Jabatan", ":", "Analis Kepegawaian"], ["Unit Kerja", ":", "Sub Bidang Mutasi"],
                   ["", "", "Bidang Mutasi dan Promosi"], ["", None, "Badan Kepegawaian Daerah"],
                   ["Jumlah Pegawai", ":", "2"]])
    form = form_of(*TASKS, before=[header])
    assert form.header.unit_kerja == ["Sub Bidang Mutasi", "Bidang Mutasi dan Promosi", "Badan Kepegawaian Daerah"]
    assert form.header.bezetting == 2


def test_hours_computed_by_a_spreadsheet_are_read_to_the_minute():
    head = ["No", "Uraian Tugas", "Hasil Kerja", "Jumlah Hasil", "Waktu Penyelesaian (Jam)", "Waktu Efektif (Jam)"]
    form = form_of(["1", "Mengentri data", "Data", "1200", "0,08333333333333333", "1250"], head=head)
    assert (form.rows[0].norma_waktu_menit, form.rows[0].wke_menit) == (5, 75000)


@pytest.mark.parametrize("head,row", [
    (["No", "Hasil Kerja", "Satuan", "Beban Kerja per Tahun", "Standar Kemampuan per Hari"], ["1", "Data", "Data",
                                                                                            "48.000", "30"]),
    (["No", "Hasil Kerja", "Satuan", "Beban Kerja", "Standar Kemampuan"], ["1", "Data", "Data", "48.000/tahun",
                                                                         "30 Data/Hari"]),
])
def test_a_workload_a_year_and_a_standard_a_day_are_brought_to_one_period(head, row):
    form = form_of(row, head=head)
    verdict = assess(form)
    assert (form.rows[0].periode, form.rows[0].periode_standar) == ("tahun", "hari")
    assert abs(verdict.positions[0].k_raw - D(48000) / (D(30) * 235)) < D("1e-20")   # 6,81, not 1.600
    assert verdict.positions[0].k == 7
    assert any("setahun: 48.000 × 1 ÷ (30 × 235)" in line for line in calculators.explain(verdict.positions[0]))
