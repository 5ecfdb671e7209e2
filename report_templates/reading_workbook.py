"""A form as it was read, written back as an ABK form workbook the unit can correct and send in again.

For a scan whose reading the form's own arithmetic did not confirm (needs_review): the cells that
disagree are marked and say why; a person compares them with the paper, corrects them, saves, and drops
the workbook into the inbox, where it is read like any Excel form. The layout is one our readers
understand by its header words, so what is written here reads back as the same submission."""
from __future__ import annotations

from decimal import Decimal

from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from calculators.results import Finding, Severity
from calculators.wording import COLUMN_NAMES
from extractors.submission import Approach, Form, Row

FLAGGED = PatternFill("solid", fgColor="F8C9C4")
HEADER = PatternFill("solid", fgColor="DDE4EE")
BOLD = Font(bold=True)
TITLE = {Approach.TUGAS_PER_TUGAS: "PENDEKATAN TUGAS PER TUGAS JABATAN",
         Approach.HASIL_KERJA: "PENDEKATAN HASIL KERJA", Approach.OBJEK_KERJA: "PENDEKATAN OBJEK KERJA",
         Approach.PERALATAN_KERJA: "PENDEKATAN PERALATAN KERJA"}


def _columns(form: Form) -> list[tuple[str, str]]:
    """(row attribute, header words) of the form's method, in the order forms print them."""
    periode = [("periode", "Periode")] if any(r.periode for r in form.rows) else []
    need = [("pegawai_tercetak", "Pegawai yang Dibutuhkan")]
    if form.approach == Approach.TUGAS_PER_TUGAS:
        wke = [("wke_menit", "Waktu Kerja Efektif (menit)")] if any(r.wke_menit for r in form.rows) else []
        return [("uraian", "Uraian Tugas"), ("satuan", "Satuan Hasil"),
                ("norma_waktu_menit", "Waktu Penyelesaian (menit)"), ("volume", "Volume Beban Kerja"),
                *periode, *wke, *need]
    if form.approach == Approach.PERALATAN_KERJA:
        return [("uraian", "Jenis Peralatan"), ("jumlah_alat", "Jumlah Peralatan"),
                ("rasio_pegawai_per_alat", "Rasio Pegawai per Alat"), ("shift", "Shift"), *need]
    uraian = "Objek Kerja" if form.approach == Approach.OBJEK_KERJA else "Uraian Tugas"
    return [("uraian", uraian), ("satuan", "Satuan Hasil"), ("beban", "Beban Kerja"), *periode,
            ("standar_kemampuan", "Standar Kemampuan"), *need]


def reading_workbook(forms: list[Form], findings: list[Finding], source: str, created: datetime, save) -> None:
    """The workbook of ``forms`` as read, the cells named by ``findings`` marked, handed to ``save``."""
    book = Workbook()
    book.remove(book.active)
    # Fixed timestamps (with render._office pinning the zip's): the same reading gives the same bytes.
    book.properties.created = book.properties.modified = created
    book.properties.creator = "abk-formasi"
    for form in forms:
        sheet = book.create_sheet(f"Formulir {form.index + 1}")
        _form(sheet, form, [f for f in findings if f.form == form.index], source)
    save(book)


def _form(sheet, form: Form, findings: list[Finding], source: str) -> None:
    # Warnings leave a reading usable; the cells marked are the ones that stopped it.
    flagged = {(f.row, f.column): f.message for f in findings if f.column and f.severity == Severity.ERROR}
    columns = _columns(form)
    _append(sheet, [f"Bacaan dari '{source}'. Sel berwarna merah tidak cocok dengan hitungan formulir itu sendiri "
                    "atau tidak terbaca: bandingkan dengan formulir aslinya, perbaiki, simpan, lalu kirim berkas "
                    "ini kembali sebagai kiriman unit."])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns) + 1)
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 45
    _append(sheet, [])
    _append(sheet, [None, "INFORMASI JABATAN DAN ANALISIS BEBAN KERJA", TITLE.get(form.approach, "")])
    h = form.header
    for label, value in (("Nama Jabatan", h.nama_jabatan), ("Unit Kerja", h.unit_kerja_path),
                         ("Instansi", h.instansi), ("Kode Jabatan", h.kode_jabatan),
                         ("Kelas Jabatan", h.kelas_jabatan), ("Jenis Jabatan", h.jenis_jabatan),
                         ("Jumlah Pemangku Jabatan", h.bezetting), ("Tahun", h.tahun)):
        if value not in (None, ""):
            _append(sheet, [None, label, ":", *_value(value)])
    _append(sheet, [])
    _append(sheet, ["No", *[words for _, words in columns]])
    top = sheet.max_row
    sheet.row_dimensions[top].height = 45
    for cell in sheet[top]:
        cell.font, cell.fill = BOLD, HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in form.rows:
        _append(sheet, [row.number, *[_cell(row, key) for key, _ in columns]])
        for i, (key, _) in enumerate(columns, start=2):
            message = flagged.get((row.number, key)) or _unread(row, key)
            if message:
                cell = sheet.cell(sheet.max_row, i)
                cell.fill = FLAGGED
                cell.comment = Comment(message, "abk")
    if form.printed_total is not None or any(c is None for c, _ in flagged):
        _append(sheet, [None, "Jumlah", *[None] * (len(columns) - 2), *_value(form.printed_total)])
        total = sheet.cell(sheet.max_row, len(columns) + 1)
        if (None, "pegawai_tercetak") in flagged:
            total.fill, total.comment = FLAGGED, Comment(flagged[(None, "pegawai_tercetak")], "abk")
    for letter, width in zip("ABCDEFGHI", (6, 48, 18, 16, 16, 16, 16, 16, 16)):
        sheet.column_dimensions[letter].width = width
    # Printed to compare with the paper: landscape, one page wide.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _cell(row: Row, key: str):
    value = getattr(row, key)
    if key == "uraian" and row.tahapan:
        return f"{value}\nTahapan :\n{row.tahapan}"
    if value is None and key in row.unreadable:
        return str(row.unreadable[key])            # what was seen, so the reader names it again until corrected
    if key == "standar_kemampuan" and value is not None and row.periode_standar:
        return str(f"{_plain(value)} per {row.periode_standar}")
    return _value(value)[0]


def _unread(row: Row, key: str) -> str | None:
    if getattr(row, key, None) is None and key in row.unreadable:
        return f"{COLUMN_NAMES.get(key, key)} tidak terbaca sebagai angka: '{row.unreadable[key]}'."
    return None


def _value(value) -> list:
    if isinstance(value, Decimal):
        return [int(value) if value == value.to_integral_value() else value]
    return [value]


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def _append(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = TYPE_STRING          # text from a form is never a formula, whatever it starts with
