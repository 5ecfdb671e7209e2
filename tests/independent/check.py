"""What a careful reader expects of a file of the independent corpus, compared with what the project reads
through its public interface (``extractors.extract`` and ``calculators.assess``): a list of problems, each
naming the file, the layout, the form, the row and the field. Used by its test and by the benchmark."""
from __future__ import annotations

import re
from decimal import Decimal

import calculators
from calculators.settings import Rules
from extractors import extract
from extractors.submission import ExtractionError

from .model import Case, ExpectedForm

K_RAW_TOLERANCE = Decimal("1e-9")


def norm(text) -> str:
    """Whitespace collapsed, case folded, trailing punctuation of a sentence (;:.,) dropped."""
    return re.sub(r"\s+", " ", str(text or "")).strip().rstrip(";:.,").strip().casefold()


def as_decimal(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def check_form(where: str, expected: ExpectedForm, form, position, problems: list[str]) -> None:
    def problem(msg: str) -> None:
        problems.append(f"{where}, form {expected.nama_jabatan!r}: {msg}")

    if form.approach != expected.approach:
        problem(f"approach {form.approach!r}, expected {expected.approach!r}")
    units = [norm(u) for u in (form.header.unit_kerja or [])]
    if units != [norm(u) for u in expected.unit_kerja]:
        problem(f"unit_kerja {form.header.unit_kerja!r}, expected {expected.unit_kerja!r}")
    if expected.printed_total is not None and as_decimal(form.printed_total) != expected.printed_total:
        problem(f"printed_total {form.printed_total!r}, expected {expected.printed_total}")
    rows = list(form.rows)
    if len(rows) != len(expected.rows):
        problem(f"{len(rows)} rows, expected {len(expected.rows)}; read uraian "
                f"{[r.uraian for r in rows]!r}, expected {[r.uraian for r in expected.rows]!r}")
    for i, (got, want) in enumerate(zip(rows, expected.rows), 1):
        if want.uraian is not None and norm(got.uraian) != norm(want.uraian):
            problem(f"row {i} field uraian {got.uraian!r}, expected {want.uraian!r}")
        for field in ("norma_waktu_menit", "volume", "wke_menit", "beban", "standar_kemampuan", "jumlah_alat",
                      "rasio_pegawai_per_alat"):
            wanted = getattr(want, "norma_menit" if field == "norma_waktu_menit" else field)
            if wanted is None:
                continue
            value = as_decimal(getattr(got, field, None))
            if value != wanted:
                problem(f"row {i} ({want.uraian or ''}) field {field} {value!r}, expected {wanted}")
    if position is None:
        problem("no assessed position")
        return
    if abs(position.k_raw - expected.k_raw) > K_RAW_TOLERANCE:
        problem(f"k_raw {position.k_raw}, expected {expected.k_raw}")
    if position.k != expected.k:
        problem(f"K {position.k}, expected {expected.k} (k_raw {expected.k_raw})")


def check_accepted(case: Case, where: str) -> list[str]:
    try:
        submission = extract(case.path)
    except ExtractionError as error:
        return [f"{where}: rejected by the extractor ({error.reason}: {error.message}); expected accepted"]
    assessment = calculators.assess(submission, Rules())
    problems: list[str] = []
    if not assessment.accepted:
        errors = [f"{f.code} (row {f.row}, {f.column}): {f.message}" for f in assessment.findings
                  if f.severity == "error"]
        problems.append(f"{where}: rejected ({assessment.reason}); errors {errors}; expected accepted")
    forms = list(submission.forms)
    names = [norm(f.header.nama_jabatan) for f in forms]
    if len(forms) != len(case.forms):
        problems.append(f"{where}: {len(forms)} forms {[f.header.nama_jabatan for f in forms]!r}, expected "
                        f"{len(case.forms)} {[e.nama_jabatan for e in case.forms]!r}")
    positions = {id(p.form): p for p in assessment.positions}
    for index, expected in enumerate(case.forms):
        if norm(expected.nama_jabatan) in names:
            form = forms[names.index(norm(expected.nama_jabatan))]
        elif index < len(forms):
            form = forms[index]
            problems.append(f"{where}, form {index + 1}: nama_jabatan {form.header.nama_jabatan!r}, expected "
                            f"{expected.nama_jabatan!r}")
        else:
            problems.append(f"{where}: form {expected.nama_jabatan!r} not found")
            continue
        check_form(where, expected, form, positions.get(id(form)), problems)
    return problems


def names_row(text: str, row: int) -> bool:
    return re.search(rf"(?<![\d.,]){row}(?![\d.,]*\d)", text or "") is not None


def check_rejected(case: Case, where: str) -> list[str]:
    expected = f"rejected with {case.reason}" + (f" naming row {case.reject_row}" if case.reject_row else "")
    try:
        submission = extract(case.path)
    except ExtractionError as error:
        problems = []
        if error.reason != case.reason:
            problems.append(f"{where}: extractor reason {error.reason!r} ({error.message}); expected {expected}")
        if case.reject_row and not names_row(error.message, case.reject_row):
            problems.append(f"{where}: message {error.message!r} does not name row {case.reject_row}")
        return problems
    assessment = calculators.assess(submission, Rules())
    if assessment.accepted:
        return [f"{where}: accepted; expected {expected}"]
    problems = []
    if assessment.reason != case.reason:
        problems.append(f"{where}: reason {assessment.reason!r} ({assessment.message}); expected {expected}")
    if case.reject_row:
        errors = [f for f in assessment.findings if f.severity == "error"]
        if not any(f.row == case.reject_row or names_row(f.message, case.reject_row) for f in errors):
            problems.append(f"{where}: no error names row {case.reject_row}: "
                            f"{[(f.code, f.row, f.message) for f in errors]}")
    return problems


def problems(case: Case) -> list[str]:
    where = f"{case.path.name} [{case.layout}]"
    return check_accepted(case, where) if case.accepted else check_rejected(case, where)
