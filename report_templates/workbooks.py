"""The rekap and peta jabatan workbooks. Text from a form is always written as text: a cell value
starting with = + - @ could otherwise run as a formula when the workbook is opened."""
from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from calculators.efficiency import band
from calculators.redistribution import redistribution
from calculators.results import Rekap
from calculators.settings import Rules
from report_templates import rekap_chart

REKAP_COLUMNS = ["No", "Perangkat Daerah", "Unit Kerja", "Jabatan", "Jenis", "Kelas", "Pendidikan", "B", "K",
                 "Selisih", "Kekurangan", "Kelebihan", "Usulan", "k_raw", "EJ", "Band", "Dasar WKE", "Jumlah Baris",
                 "Berkas Sumber", "Dibaca dari"]
UNIT_SHEET = "Per Unit Kerja"
UNIT_COLUMNS = ["Perangkat Daerah", "Unit Kerja", "Jabatan", "B", "K", "Selisih", "Kekurangan", "Kelebihan", "Usulan",
                "EU", "Kategori EU"]
BEZETTING_SHEET = "Template Bezetting"
BEZETTING_COLUMNS = ["Perangkat Daerah", "Unit Penempatan", "Jabatan", "Kelas", "Kualifikasi Pendidikan",
                     "Kebutuhan (ABK)", "ASN Saat Ini", "Usulan Formasi", "Usulan PNS", "Usulan PPPK"]
FIVE_YEAR_SHEET = "Proyeksi 5 Tahun"
PER_POSITION_YEARS_SHEET = "Proyeksi per Jabatan"
FIVE_YEAR_COLUMNS = ["Tahun", "Kekurangan", "Pensiun (BUP)", "PPPK Berakhir", "Jumlah", "Usulan PNS", "Usulan PPPK"]
MOVES_SHEET = "Redistribusi"
MOVES_COLUMNS = ["Jabatan", "Kelas", "Dari Perangkat Daerah", "Dari Unit Kerja", "Kelebihan di Sana",
                 "Ke Perangkat Daerah", "Ke Unit Kerja", "Kekurangan di Sana", "Dapat Dipindahkan"]
PETA_COLUMNS = ["Perangkat Daerah", "Unit Kerja", "Jabatan", "Jenis", "Kelas", "B", "K", "±"]


def rekap_workbook(target, rekap: Rekap, rules: Rules, created: datetime) -> None:
    book = _book(created)
    total = book.create_sheet("Total")
    _table(total, REKAP_COLUMNS, [_rekap_values(i, r, rules) for i, r in enumerate(rekap.rows, start=1)])
    _sum_row(total, rekap.total, offset=8)
    # The chart goes second, right after "Total": "Total" stays the sheet the file opens on and the
    # first sheet that scripts read by position (pandas.read_excel's default), and the chart is one
    # tab away, before the per-unit detail sheets.
    rekap_chart.chart_sheet(book.create_sheet(rekap_chart.SHEET), rekap.per_perangkat_daerah, _put)
    _unit_sheet(book.create_sheet(UNIT_SHEET), rekap, rules)
    _moves_sheet(book.create_sheet(MOVES_SHEET), rekap)
    names: set[str] = {"Total", rekap_chart.SHEET, UNIT_SHEET, MOVES_SHEET}
    _bezetting_sheet(book.create_sheet(BEZETTING_SHEET), rekap)
    names.add(BEZETTING_SHEET)
    if rekap.lima_tahun:
        sheet = book.create_sheet(FIVE_YEAR_SHEET)
        _table(sheet, FIVE_YEAR_COLUMNS, [[year, *(v[k] for k in ("kekurangan", "pensiun", "pppk_berakhir", "jumlah", "pns", "pppk"))]
                                          for year, v in rekap.lima_tahun.items()])
        _per_position_years(book.create_sheet(PER_POSITION_YEARS_SHEET), rekap)
        names |= {FIVE_YEAR_SHEET, PER_POSITION_YEARS_SHEET}
    for perangkat, totals in rekap.per_perangkat_daerah.items():
        sheet = book.create_sheet(_sheet_name(perangkat, names))
        rows = [r for r in rekap.rows if r.perangkat_daerah == perangkat]
        _table(sheet, REKAP_COLUMNS, [_rekap_values(i, r, rules) for i, r in enumerate(rows, start=1)])
        _sum_row(sheet, totals, offset=8)
    book.save(target)


def _per_position_years(sheet, rekap: Rekap) -> None:
    """Per position and per year: today's shortage, then who leaves each year (BUP, PPPK contracts), and the
    five years' sum: what the position needs proposed over the period."""
    years = list(rekap.lima_tahun)
    columns = ["Perangkat Daerah", "Unit Kerja", "Jabatan", "Kekurangan Saat Ini"]
    columns += [f"{kind} {y}" for y in years for kind in ("Pensiun", "PPPK Berakhir")] + ["Jumlah 5 Tahun", "Usulan Sebagai"]
    rows = []
    for r in rekap.rows:
        header = r.position.form.header
        leaving = [n for y in years for n in (header.pensiun.get(y, 0), header.pppk_berakhir.get(y, 0))]
        rows.append([r.perangkat_daerah, r.unit_kerja, r.nama_jabatan, r.kekurangan, *leaving,
                     r.kekurangan + sum(leaving), "PPPK" if r.pppk else "PNS"])
    _table(sheet, columns, rows)


def _bezetting_sheet(sheet, rekap: Rekap) -> None:
    """Per position, what the e-Formasi application of KemenPAN-RB asks an instansi to enter in its
    'Template Bezzeting': the ABK result, the ASN there now, those reaching retirement in each of the next
    five years, and the proposal (a public guide to the application lists these items:
    dapodikbangkalan.net/386/panduan-pengisian-e-formasi-kementerian-panrb.html). The application's own
    import file is not published; this sheet is for copying into it, one position per row."""
    years = list(rekap.lima_tahun) or []
    _table(sheet, BEZETTING_COLUMNS + [f"Pensiun {y}" for y in years],
           [[r.perangkat_daerah, r.unit_kerja, r.nama_jabatan, r.kelas_jabatan, r.pendidikan or "", r.k, r.b,
             r.usulan, r.usulan - r.usulan_pppk, r.usulan_pppk]
            + [r.position.form.header.pensiun.get(y, 0) for y in years] for r in rekap.rows])


def _moves_sheet(sheet, rekap: Rekap) -> None:
    """The same jabatan and kelas over-staffed in one perangkat daerah and short in another: who could move
    before anyone new is proposed. A sentence says so when there is none."""
    moves = redistribution(rekap.rows)
    _table(sheet, MOVES_COLUMNS, [[m.nama_jabatan, m.kelas_jabatan, m.dari.perangkat_daerah, m.dari.unit_kerja,
                                   m.dari.kelebihan, m.ke.perangkat_daerah, m.ke.unit_kerja, m.ke.kekurangan,
                                   m.jumlah] for m in moves])
    if not moves:
        _put(sheet.cell(2, 1), "Tidak ada jabatan dan kelas yang sama yang berlebih di satu perangkat daerah dan "
                               "kurang di perangkat daerah lain.")


def _unit_sheet(sheet, rekap: Rekap, rules: Rules) -> None:
    """Per unit kerja, in the order of the organisation: its totals and its efisiensi unit (EU, the same
    measure as EJ over all the unit's positions), with the band it falls in."""
    positions: dict[str, list] = {}
    for r in rekap.rows:
        positions.setdefault(r.unit_kerja, []).append(r)
    rows = []
    for unit, held in positions.items():
        t, eu = rekap.per_unit[unit], rekap.efisiensi_unit.get(unit)
        grade = band(eu, rules.bands)
        rows.append([held[0].perangkat_daerah, unit, len(held), t.b, t.k, t.selisih, t.kekurangan, t.kelebihan,
                     t.usulan, _number(eu, 2) if eu is not None else "n/a",
                     f"{grade.grade} ({grade.label})" if grade else ""])
    _table(sheet, UNIT_COLUMNS, rows)
    _sum_row(sheet, rekap.total, offset=4)


def peta_workbook(target, rekap: Rekap, created: datetime) -> None:
    book = _book(created)
    sheet = book.create_sheet("Peta Jabatan")
    rows = [[r.perangkat_daerah, r.unit_kerja, r.nama_jabatan, r.jenis_jabatan or "", r.kelas_jabatan, r.b, r.k,
             r.selisih] for r in rekap.rows]
    _table(sheet, PETA_COLUMNS, rows)
    _sum_row(sheet, rekap.total, offset=6, with_detail=False)
    book.save(target)


def _rekap_values(i: int, r, rules: Rules) -> list:
    p = r.position
    return [i, r.perangkat_daerah, r.unit_kerja, r.nama_jabatan, r.jenis_jabatan or "", r.kelas_jabatan,
            r.pendidikan or "", r.b, r.k, r.selisih, r.kekurangan, r.kelebihan, r.usulan, _number(p.k_raw, 4),
            _number(p.efisiensi, 2) if p.efisiensi is not None else "n/a", p.band or "", p.wke_basis, len(p.rows),
            r.file_name, "pindaian (OCR)" if p.ocr else "berkas"]


def _number(value: Decimal, places: int) -> float:
    return float(value.quantize(Decimal(1).scaleb(-places)))


def _book(created: datetime) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    # Fixed timestamps: the same inputs give the same bytes.
    book.properties.created = book.properties.modified = created
    book.properties.creator = "abk-formasi"
    return book


def _table(sheet, columns: list[str], rows: list[list]) -> None:
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([None] * len(values))
        for col, value in enumerate(values, start=1):
            _put(sheet.cell(sheet.max_row, col), value)
    for col, name in enumerate(columns, start=1):
        # Wide enough for the longest text in the column (names of units and positions are long),
        # capped so one long unit path does not push the numbers off screen.
        longest = max([len(name)] + [len(str(r[col - 1])) for r in rows if r[col - 1] is not None])
        sheet.column_dimensions[get_column_letter(col)].width = max(6, min(48, longest + 2))
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"


def _put(cell, value) -> None:
    if isinstance(value, str):
        cell.value = value
        cell.data_type = TYPE_STRING         # never a formula, whatever the text starts with
    else:
        cell.value = value


def _sum_row(sheet, totals, offset: int, with_detail: bool = True) -> None:
    values = [totals.b, totals.k, totals.selisih] + ([totals.kekurangan, totals.kelebihan, totals.usulan]
                                                      if with_detail else [])
    row = sheet.max_row + 1
    sheet.cell(row, 1, "Jumlah").font = Font(bold=True)
    for i, value in enumerate(values):
        sheet.cell(row, offset + i, value).font = Font(bold=True)


def _sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel opens: none of []:*?/\\, no apostrophe at either end, at most 31 characters, not
    the reserved "History", and unique in the workbook regardless of case (as Excel compares them)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'").strip()[:31].strip("'").strip() \
        or "Perangkat Daerah"
    if base.casefold() == "history":
        base = f"{base} (PD)"
    candidate, n = base, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate
