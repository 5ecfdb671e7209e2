"""A form read by OCR is used only where its own arithmetic confirms the reading.

A misread digit in a typed or exported form cannot happen; in a scan it can, and it would go silently into
a letter to the Minister. The form prints, for every task row, the need its own numbers give (norma x
volume / WKE, or the method's equivalent) and the sum of those needs: a reading is confirmed when every
printed need is what the row's read numbers give, rounded as printed, and the printed total is their sum.
A misread number then shows as a row that does not add up, or a total that does not; a row the reading
lost shows in the total. What cannot be checked (a need or a total that was not read) is not confirmed.
"""
from __future__ import annotations

from decimal import Decimal

from calculators.notation import num
from calculators.results import ERROR, WARNING, Code, Finding, RowResult
from calculators.wording import form_name, where
from extractors.submission import Form

ASK = "bandingkan dengan formulir aslinya"
# The numbers a row's need is computed from, of every method.
FIGURES = ("norma_waktu_menit", "volume", "wke_menit", "beban", "standar_kemampuan", "jumlah_alat",
           "rasio_pegawai_per_alat", "shift")


def unconfirmed(form: Form, rows: list[RowResult]) -> list[Finding]:
    """One finding for every row, and for the total, that the form's own arithmetic does not confirm."""
    findings = []
    # A cell the form fills on other rows but that came out empty may be ink OCR did not see: a WKE cell read
    # as blank makes the row fall back to the regime's WKE, which may agree with the printed need by chance.
    filled = [key for key in FIGURES if any(getattr(r, key) is not None for r in form.rows)]
    for result in rows:                # a row that cannot be computed has an error of its own already
        row = result.row
        printed = row.pegawai_tercetak
        empty = [key for key in filled if getattr(row, key) is None]
        if empty:
            findings += [_finding(form, f"{where(form, row, key)}: kosong pada bacaan, padahal baris lain mengisinya; "
                                        f"{ASK}.", row.number, key) for key in empty]
        elif printed is None:
            findings.append(_finding(form, f"{where(form, row, 'pegawai_tercetak')}: tidak terbaca, sehingga angka "
                                           f"baris ini tidak dapat dipastikan dengan hitungan formulir; {ASK}.",
                                     row.number))
        elif not rounds_to(result.own_need, printed):
            findings.append(_finding(form, f"{where(form, row)}: kebutuhan pegawai terbaca {num(printed)}, padahal angka "
                                           f"yang terbaca pada baris ini memberi {num(result.own_need, 4)}; salah satu "
                                           f"angkanya salah terbaca atau salah hitung, {ASK}.", row.number))
    findings += _total(form, rows)
    return findings


def _total(form: Form, rows: list[RowResult]) -> list[Finding]:
    total = form.printed_total
    if total is None:
        return [_finding(form, f"{form_name(form)}, baris Jumlah: jumlah kebutuhan pegawai tidak terbaca, sehingga "
                               f"tidak dapat dipastikan bahwa semua baris terbaca; {ASK}.", None)]
    exact = sum((r.own_need for r in rows), Decimal(0))
    printed = [r.row.pegawai_tercetak for r in rows]
    # Forms add either the exact needs or the needs as printed on the rows.
    if rounds_to(exact, total) or (None not in printed and rounds_to(sum(printed, Decimal(0)), total)):
        return []
    return [_finding(form, f"{form_name(form)}, baris Jumlah: terbaca {num(total)}, padahal jumlah baris yang "
                           f"terbaca {num(exact, 4)}; ada baris atau angka yang salah terbaca, {ASK}.", None)]


def rounds_to(value: Decimal, printed: Decimal) -> bool:
    """``printed`` is ``value`` rounded to the digits it shows: within half a unit of its last digit."""
    half = Decimal(5).scaleb(printed.as_tuple().exponent - 1)
    return abs(value - printed) <= half


def _finding(form: Form, message: str, row: int | None, column: str = "pegawai_tercetak") -> Finding:
    return Finding(Code.READING_UNCONFIRMED, ERROR, message, row=row, column=column, form=form.index)


def read_by_ocr(form: Form) -> Finding:
    """Said wherever the form's figures go (laporan, register, summary), so nobody takes them for typed ones."""
    return Finding(Code.READ_BY_OCR, WARNING,
                   f"{form_name(form)}: dibaca dari gambar hasil pindai (OCR); angka-angkanya dipakai hanya bila "
                   "hitungan formulir itu sendiri memastikannya. Bila ada, kirim berkas Word, Excel atau PDF "
                   "aslinya.", form=form.index)
