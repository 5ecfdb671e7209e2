"""The checks a reviewer makes (docs/domain.md), as coded findings that name form, row, column and value.

Errors make the file unusable (it is quarantined); warnings travel with an accepted file into the
laporan so the sender can correct the next version.
"""
from __future__ import annotations

from decimal import Decimal
from bisect import bisect_left

from calculators.methods import METHODS
from calculators.periods import same_wke
from calculators.results import ERROR, WARNING, Code, Finding, RowResult
from calculators.settings import Regime
from calculators.notation import num, num_short
from calculators.wording import column, form_name, rows_words, same_words, where
from extractors.submission import Form, Reason

# Reason codes of the contract, chosen from the first error of a file.
REASON_OF = {
    Code.REQUIRED_FIELD_EMPTY: Reason.MISSING_REQUIRED_FIELD,
    Code.NO_TASK_ROWS: Reason.NOT_AN_ABK_FORM,
}
DEFAULT_REASON = Reason.INVALID_VALUE
TOLERANCE = Decimal("0.01")
# How much work a row counts: 0 says the task is not done this period (templates list every task of the
# position), which leaves the row out; a time, a standard or a ratio of 0 means nothing and is an error.
_COUNTS = ("volume", "beban", "jumlah_alat")
MIXUP_FACTOR = 60


def header_findings(form: Form) -> list[Finding]:
    findings = []
    if not (form.header.nama_jabatan or "").strip():
        findings.append(Finding(Code.REQUIRED_FIELD_EMPTY, ERROR,
                                f"{form_name(form)}: Nama Jabatan tidak ditemukan atau kosong.",
                                column="nama_jabatan", form=form.index))
    if not form.header.unit_kerja:
        findings.append(Finding(Code.REQUIRED_FIELD_EMPTY, ERROR,
                                f"{form_name(form)}: Unit Kerja tidak ditemukan atau kosong.",
                                column="unit_kerja", form=form.index))
    if not form.rows:
        findings.append(Finding(Code.NO_TASK_ROWS, ERROR,
                                f"{form_name(form)}: tabel tugas tidak berisi satu baris tugas pun.",
                                form=form.index))
    elif all(any(getattr(row, key) == 0 for key in _COUNTS) for row in form.rows):
        findings.append(Finding(Code.ALL_VOLUMES_ZERO, ERROR,
                                f"{form_name(form)}: semua baris tugas bervolume 0; tidak ada beban kerja yang "
                                "dapat dihitung.", form=form.index))
    return findings


def reading_findings(form: Form) -> list[Finding]:
    """What the extractor decided where the form contradicted itself, so the sender can correct it."""
    return [Finding(reading.code, WARNING, f"{form_name(form)}: {reading.message}", column=reading.column,
                    form=form.index) for reading in form.readings]


def row_findings(form: Form, regime: Regime) -> list[Finding]:
    """Values that make a row unusable (errors) and row-level doubts (warnings)."""
    findings = []
    seen: dict[str, int] = {}
    for row in form.rows:
        line = row.number
        if not row.uraian.strip():
            findings.append(Finding(Code.URAIAN_EMPTY, ERROR, f"{where(form, row, 'uraian')}: uraian tugas kosong.",
                                    row=line, column="uraian", form=form.index))
        else:
            key = same_words(row.uraian)
            if key in seen:
                findings.append(Finding(Code.DUPLICATE_TASK, WARNING,
                                        f"{where(form, row, 'uraian')}: tugas '{row.uraian}' sudah tercantum "
                                        f"pada baris {seen[key]}.", row=line, column="uraian", form=form.index))
            else:
                seen[key] = line
        # The satuan and the person-year are what a task row is measured by; a row of the other methods
        # counts outputs, objects or equipment, where a need above 1 is what the row is for.
        if METHODS[form.approach].timed and not (row.satuan or "").strip():
            findings.append(Finding(Code.SATUAN_EMPTY, WARNING, f"{where(form, row, 'satuan')}: satuan hasil kosong.",
                                    row=line, column="satuan", form=form.index))
        for key in METHODS[form.approach].required + ("shift",):
            value = getattr(row, key)
            if key in row.unreadable:
                findings.append(Finding(Code.UNUSABLE_VALUE, ERROR,
                                        f"{where(form, row, key)}: nilai '{row.unreadable[key]}' bukan angka.",
                                        row=line, column=key, form=form.index))
            elif value is None and key != "shift":
                findings.append(Finding(Code.UNUSABLE_VALUE, ERROR, f"{where(form, row, key)}: nilai kosong.",
                                        row=line, column=key, form=form.index))
            elif value is not None and value == 0 and key in _COUNTS:
                findings.append(Finding(Code.ZERO_VOLUME, WARNING,
                                        f"{where(form, row, key)}: nilai 0, tugas ini tidak dikerjakan dalam periode "
                                        "ini; barisnya tidak dihitung.", row=line, column=key, form=form.index))
            elif value is not None and value <= 0:
                findings.append(Finding(Code.UNUSABLE_VALUE, ERROR,
                                        f"{where(form, row, key)}: nilai {num(value)} harus lebih dari 0.",
                                        row=line, column=key, form=form.index))
        if METHODS[form.approach].timed and row.norma_waktu_menit is not None:
            if row.norma_waktu_menit > regime.annual_minutes:
                findings.append(Finding(
                    Code.NORMA_EXCEEDS_YEAR, ERROR,
                    f"{where(form, row, 'norma_waktu_menit')}: waktu penyelesaian {num(row.norma_waktu_menit)} menit "
                    f"melebihi waktu kerja efektif setahun ({num(regime.annual_minutes)} menit).",
                    row=line, column="norma_waktu_menit", form=form.index))
    return findings


def result_findings(form: Form, rows: list[RowResult], k_raw: Decimal, regime: Regime) -> list[Finding]:
    """Doubts that need the computation: printed values, periods, WKE, unit mix-ups, totals."""
    findings = _wke_findings(form, rows, regime)
    for result in rows:
        row, line = result.row, result.row.number
        if METHODS[form.approach].timed:
            norma = row.norma_waktu_menit
            if norma > result.wke_menit and norma <= regime.annual_minutes:
                findings.append(Finding(
                    Code.NORMA_EXCEEDS_PERIOD_WKE, WARNING,
                    f"{where(form, row, 'norma_waktu_menit')}: waktu penyelesaian {num(norma)} menit lebih lama dari "
                    f"WKE periodenya ({num(result.wke_menit, 2)} menit per {result.periode}).",
                    row=line, column="norma_waktu_menit", form=form.index))
        if result.pegawai > 1 and METHODS[form.approach].timed:
            findings.append(Finding(
                Code.ROW_EXCEEDS_PERSON_YEAR, WARNING,
                f"{where(form, row)}: satu tugas ini saja membutuhkan {num(result.pegawai, 3)} pegawai "
                "(lebih dari satu orang setahun penuh); periksa volume dan waktunya.",
                row=line, form=form.index))
        # The printed need is the form's own arithmetic: checked against the form's own WKE, also when the
        # row is recomputed under the regime.
        if row.pegawai_tercetak is not None and abs(row.pegawai_tercetak - result.own_need) > TOLERANCE:
            findings.append(Finding(
                Code.PRINTED_VALUE_MISMATCH, WARNING,
                f"{where(form, row, 'pegawai_tercetak')}: tercetak {num(row.pegawai_tercetak)}, hasil hitung "
                f"{num(result.own_need, 4)}.", row=line, column="pegawai_tercetak", form=form.index))
    findings += _mixups(form, rows)
    own_total = sum((r.own_need for r in rows), Decimal(0))
    if form.printed_total is not None and abs(form.printed_total - own_total) > TOLERANCE:
        findings.append(Finding(
            Code.PRINTED_VALUE_MISMATCH, WARNING,
            f"{form_name(form)}, baris Jumlah: tercetak {num(form.printed_total)}, hasil hitung {num(own_total, 4)}.",
            column="pegawai_tercetak", form=form.index))
    if METHODS[form.approach].timed and Decimal(0) < k_raw < 1:
        hours = k_raw * regime.hours
        findings.append(Finding(
            Code.BELOW_FULL_WORKLOAD, WARNING,
            f"{form_name(form)}: beban kerja {num(hours, 0)} jam setahun, di bawah {num(regime.hours)} jam "
            f"(kebutuhan hasil hitung {num(k_raw, 4)} pegawai); kebutuhan dibulatkan menjadi 1 pegawai.",
            form=form.index))
    elif Decimal(0) < k_raw < 1:
        findings.append(Finding(Code.BELOW_FULL_WORKLOAD, WARNING,
                                f"{form_name(form)}: kebutuhan hasil hitung {num(k_raw, 4)} pegawai, kurang dari 1; "
                                "kebutuhan menjadi 1 pegawai.", form=form.index))
    return findings


def _wke_findings(form: Form, rows: list[RowResult], regime: Regime) -> list[Finding]:
    """One finding per WKE printed against the regime, naming every row that prints it and what to write
    instead, so the unit corrects the whole column at once."""
    if not METHODS[form.approach].timed:
        return []
    differing: dict[tuple[Decimal, str], list[RowResult]] = {}
    for result in rows:
        printed = result.wke_tercetak
        if printed is not None and not same_wke(printed, regime.period_wke(result.periode)):
            differing.setdefault((printed, result.periode), []).append(result)
    findings = []
    for (printed, periode), group in differing.items():
        first = group[0].row
        lines = [r.row.number for r in group]
        wanted = regime.period_wke(periode)
        done = ("baris dihitung sesuai yang tercetak" if group[0].wke_source == "tercetak" else
                "sesuai kebijakan instansi, baris dihitung ulang dengan WKE rezim; angka unit tetap dicatat")
        findings.append(Finding(
            Code.WKE_DIFFERS_FROM_REGIME, WARNING,
            f"{form_name(form)}, {rows_words(lines)}, {column('wke_menit')}: WKE tercetak {num(printed)} menit per "
            f"{periode} berbeda dari rezim yang dipakai; isi {num_short(wanted)} menit / {num_short(wanted / 60)} jam "
            f"per {periode}. Sekarang {done}.",
            row=first.number, column="wke_menit", form=form.index))
    return findings


def _mixups(form: Form, rows: list[RowResult]) -> list[Finding]:
    """A time 60× below its peers is most likely hours typed into a minutes column ("2" for 2 jam).

    Only that direction: long times are normal for rare big tasks (the worked example drafts for
    3,000 and 6,000 minutes), and minutes typed as hours blow a row past a full person-year, which
    ``row_exceeds_person_year`` already reports. The median of the other rows comes from one sorted
    list, so a form of thousands of rows costs n log n, not n²."""
    if not METHODS[form.approach].timed or len(rows) < 3:
        return []
    ordered = sorted(r.row.norma_waktu_menit for r in rows)
    findings = []
    for result in rows:
        norma, row = result.row.norma_waktu_menit, result.row
        typical = _median_without(ordered, bisect_left(ordered, norma))
        if norma * MIXUP_FACTOR <= typical:
            line = row.number
            findings.append(Finding(
                Code.TIME_UNIT_DOUBTFUL, WARNING,
                f"{where(form, row, 'norma_waktu_menit')}: {num(norma)} menit, sedangkan baris lain umumnya "
                f"{num(typical)} menit; apakah tertukar antara jam dan menit?",
                row=line, column="norma_waktu_menit", form=form.index))
    return findings


def _median_without(ordered: list[Decimal], skip: int) -> Decimal:
    """The median of a sorted list with its element at ``skip`` left out."""
    size = len(ordered) - 1

    def at(j: int) -> Decimal:
        return ordered[j] if j < skip else ordered[j + 1]
    middle = size // 2
    return at(middle) if size % 2 else (at(middle - 1) + at(middle)) / 2


def reason_for(findings: list[Finding]) -> str | None:
    errors = [f for f in findings if f.severity == ERROR]
    if not errors:
        return None
    return REASON_OF.get(errors[0].code, DEFAULT_REASON)


