"""The form generator prints what its ground truth says, read back with the plain libraries (not the extractors)."""
from __future__ import annotations

import random
import re
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pdfplumber
import pytest
from docx import Document

from tests.forms import (Layout, as_printed, fmt, random_form, random_layout, worked_example, write_corpus, write_form,
                         write_samples)
from tests.forms.samples import sample_set

D = Decimal
WORKED_VALUES = ["0,125", "0,250", "0,042", "0,167", "0,004", "0,200", "72.000", "300", "3.000", "6.000", "1,288"]


def docx_tables(path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(str(path)).tables]


def pdf_pages(path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_indonesian_notation():
    assert fmt(D(1250)) == "1.250"
    assert fmt(D(75000)) == "75.000"
    assert fmt(D("0.125")) == "0,125"
    assert fmt(D("0.0416"), 3) == "0,042"
    assert fmt(D("1.2875"), 3) == "1,288"          # half up, as domain.md prints it
    assert fmt(D("0.50")) == "0,5"
    assert fmt(D(1234567)) == "1.234.567"


def test_worked_example_is_domain_md():
    form = worked_example()
    assert len(form.rows) == 8
    assert [r.wke_menit for r in form.rows] == [D(72000)] * 7 + [D(300)]
    assert form.rows[0].pegawai_tercetak == D("0.125") and form.printed_total == D("1.288")


def test_worked_example_docx(tmp_path):
    path = write_form([worked_example()], tmp_path / "ABK Pengolah Data Formasi.docx", "docx",
                      Layout(header_rows=2, kop=True))
    tables = docx_tables(path)
    task = next(t for t in tables if any("Uraian Tugas" in c for c in t[0]))
    cells = [c for row in task for c in row]
    for value in WORKED_VALUES:
        assert value in cells, value
    assert "Pengolah Data Formasi" in [c for t in tables for row in t for c in row]
    # a real two-row merged header: "Waktu" spans two columns, the other titles span both rows
    xml = Document(str(path)).tables[-1]._tbl.xml
    assert '<w:gridSpan w:val="2"/>' in xml and '<w:vMerge w:val="restart"/>' in xml
    assert "<w:tblHeader/>" in xml
    assert task[0].count("Waktu") == 2 and task[1][3].startswith("Penyelesaian")


def test_worked_example_pdf_has_text_layer(tmp_path):
    path = write_form([worked_example()], tmp_path / "we.pdf", "pdf", Layout(header_rows=2))
    text = pdf_pages(path)[0]
    for value in WORKED_VALUES + ["Pengolah Data Formasi", "Tugas kedinasan lain"]:
        assert value in text, value
    with pdfplumber.open(str(path)) as pdf:
        assert pdf.pages[0].lines or pdf.pages[0].rects          # ruled table


@pytest.mark.parametrize("repeat", [True, False])
def test_long_pdf_table_over_pages(tmp_path, repeat):
    form = random_form(random.Random(3), n_rows=50)
    path = write_form([form], tmp_path / "long.pdf", "pdf", Layout(repeat_header=repeat))
    pages = pdf_pages(path)
    assert len(pages) >= 2
    with_header = [p for p in pages if "Uraian Tugas" in p]
    assert len(with_header) == (len([p for p in pages if re.search(r"^\d+ ", p, re.M)]) if repeat else 1)
    assert form.rows[-1].uraian.split()[0] in pages[-1] or form.rows[-1].uraian.split()[0] in pages[-2]


def test_xlsx_formulas_have_cached_values(tmp_path):
    form = worked_example()
    path = write_form([form], tmp_path / "we.xlsx", "xlsx", Layout(xlsx_formulas=True, header_rows=2))
    formulas = openpyxl.load_workbook(path).active
    values = openpyxl.load_workbook(path, data_only=True).active
    cells = [(f, v) for f_row, v_row in zip(formulas.iter_rows(), values.iter_rows()) for f, v in zip(f_row, v_row)]
    computed = [(f.value, v.value) for f, v in cells if isinstance(f.value, str) and f.value.startswith("=")]
    assert len(computed) == 9                              # 8 rows and the Jumlah
    assert [D(str(v)) for _, v in computed] == [r.pegawai_tercetak for r in form.rows] + [D("1.288")]
    assert computed[0][0].startswith("=ROUND(") and computed[-1][0].startswith("=SUM(")
    assert any(str(r).count(":") for r in formulas.merged_cells.ranges)
    typed = [v.value for _, v in cells]
    assert 72000 in typed and 300 in typed


def test_xlsx_header_styles_and_forms_per_sheet(tmp_path):
    forms = [worked_example(), random_form(random.Random(1))]
    one_each = write_form(forms, tmp_path / "a.xlsx", "xlsx", Layout(header_style="cells_above"))
    assert len(openpyxl.load_workbook(one_each).worksheets) == 2
    same = write_form(forms, tmp_path / "b.xlsx", "xlsx", Layout(multi="same", header_style="paragraphs"))
    sheets = openpyxl.load_workbook(same).worksheets
    texts = [c.value for row in sheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    assert len(sheets) == 1
    assert "Nama Jabatan : Pengolah Data Formasi" in texts
    assert f"Nama Jabatan : {forms[1].header.nama_jabatan}" in texts


def test_jam_layout_prints_exact_hours():
    layout = Layout(time_unit="jam")
    with pytest.raises(ValueError):                        # 20 minutes is no exact figure in jam
        write_form([worked_example()], "unused.docx", "docx", layout)
    form = as_printed(worked_example(), layout)
    assert form.rows[-1].norma_waktu_menit == D("19.8")   # 0,33 jam, the ground truth as printed
    assert form.rows[0].norma_waktu_menit == D(15)        # 0,25 jam is exact and kept


def test_jam_and_periode_columns_docx(tmp_path):
    layout = Layout(time_unit="jam", periode="both")
    form = as_printed(worked_example(), layout)
    assert [r.periode for r in form.rows] == ["tahun"] * 7 + ["hari"]
    cells = [c for row in docx_tables(write_form([form], tmp_path / "j.docx", "docx", layout))[-1] for c in row]
    assert "Waktu Penyelesaian (jam)" in cells and "1.200" in cells and "0,25" in cells and "5" in cells
    assert "Tahunan" in cells and "Harian" in cells
    instead = as_printed(worked_example(), Layout(periode="instead"))
    assert all(r.wke_menit is None for r in instead.rows)


def test_inline_units_and_variants_docx(tmp_path):
    layout = Layout(time_unit="inline", labels="variant", unit_style="levels", volume_before_wke=True,
                    extra_column=True, keterangan=False, number_row="plain", uraian_style="breaks", group_row=True)
    path = write_form([worked_example()], tmp_path / "v.docx", "docx", layout)
    tables = docx_tables(path)
    header = {row[0]: row[-1] for row in tables[0]}
    assert header["Jabatan"] == "Pengolah Data Formasi"
    assert header["Unit Kerja Eselon II"].startswith("Badan Kepegawaian")
    assert header["Unit Kerja Eselon IV"] == "Sub Bidang Formasi"
    task = tables[-1]
    assert task[0] == ["No", "Uraian Tugas", "Dasar Hukum", "Satuan Hasil", "Waktu Penyelesaian", "Beban Kerja",
                       "Waktu Kerja Efektif (menit)", "Pegawai yang Dibutuhkan"]
    assert task[1] == [str(i) for i in range(1, 9)]
    assert task[2][:2] == ["A.", "Tugas Pokok"]
    cells = [c for row in task for c in row]
    assert "15 menit" in cells and "50 jam" in cells and "Keterangan" not in cells
    assert "Memeriksa data usulan\nformasi" in cells     # a line break inside the uraian


def test_split_docx_table_and_outline_numbers(tmp_path):
    form = random_form(random.Random(5), n_rows=10)
    path = write_form([form], tmp_path / "s.docx", "docx", Layout(split_table=True, uraian_style="outline"))
    parts = [t for t in docx_tables(path) if t[0][0] == "No"]
    assert len(parts) == 2
    assert sum(len(t) - 2 for t in parts) == 10 + 1     # rows + Jumlah, each part under its own header
    assert parts[0][2][1] == f"1. {form.rows[0].uraian}"
    paragraphs = [p.text for p in Document(str(path)).paragraphs]
    assert "Lanjutan uraian tugas:" in paragraphs


def test_other_approaches_print_their_columns(tmp_path):
    rng = random.Random(2)
    equipment = random_form(rng, "peralatan_kerja")
    equipment.rows[0].rasio_pegawai_per_alat = D("0.2")
    objek = random_form(rng, "objek_kerja")
    path = write_form([equipment, objek], tmp_path / "o.pdf", "pdf")
    pages = pdf_pages(path)
    assert "Jenis Peralatan" in pages[0] and "1 : 5" in pages[0]
    assert "Uraian Objek Kerja" in pages[1] and "Standar Kemampuan" in pages[1]


def test_samples(tmp_path):
    paths = write_samples(tmp_path, libreoffice=False)
    assert len(paths) == len(sample_set()) >= 8 and all(p.exists() for p in paths)
    assert {p.suffix for p in paths} == {".docx", ".pdf", ".xlsx"}
    assert any(len(forms) == 2 for _, forms, _, _ in sample_set())
    bad = next(p for p in paths if "Pengadministrasi Perkantoran - Kecamatan" in p.name)
    assert "dua ratus" in [c for t in docx_tables(bad) for row in t for c in row]
    worked = next(p for p in paths if "Pengolah Data Formasi" in p.name)
    assert "0,125" in [c for t in docx_tables(worked) for row in t for c in row]
    tops = {forms[0].header.unit_kerja[-1] for _, forms, _, _ in sample_set()}
    assert len(tops) == 3
    import pdfplumber
    scanned = next(p for p in paths if p.name.startswith("Pindaian"))
    with pdfplumber.open(scanned) as pdf:                    # pictures only: the demo's form read by OCR
        assert pdf.pages[0].images and not pdf.pages[0].chars


def test_corpus_is_reproducible_and_as_printed(tmp_path):
    items = write_corpus(tmp_path / "a", 6, seed=7)
    again = write_corpus(tmp_path / "b", 6, seed=7)
    assert [i.forms for i in items] == [i.forms for i in again]
    assert {i.fmt for i in items} == {"docx", "pdf", "xlsx"}
    for item in items:
        assert item.path.exists() and item.path.stat().st_size > 0
        assert all(as_printed(f, item.layout) == f for f in item.forms)


def test_random_layouts_print_every_row(tmp_path):
    """Whatever the layout, every row's uraian and printed need is in the file."""
    rng = random.Random(11)
    for n in range(6):
        fmt_ = ("docx", "xlsx")[n % 2]
        layout = replace(random_layout(rng, fmt_), uraian_style="plain", xlsx_formulas=False)
        form = as_printed(random_form(rng), layout)
        path = write_form([form], tmp_path / f"r{n}.{fmt_}", fmt_, layout)
        if fmt_ == "docx":
            cells = {c for t in docx_tables(path) for row in t for c in row}
            needs = {fmt(r.pegawai_tercetak, 3) for r in form.rows}
        else:
            cells = {c.value for s in openpyxl.load_workbook(path).worksheets for row in s.iter_rows() for c in row}
            needs = {float(r.pegawai_tercetak) if r.pegawai_tercetak % 1 else int(r.pegawai_tercetak)
                     for r in form.rows}
        assert {r.uraian for r in form.rows} <= cells
        assert needs <= cells
