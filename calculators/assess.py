"""The verdict on one submitted file: every form computed and checked."""
from __future__ import annotations

from calculators import checks, confirmation, methods, wke_basis
from calculators.efficiency import band, efisiensi
from calculators.organisation import Organisation, checked_form
from calculators.precision import staffing_arithmetic
from calculators.results import ERROR, WARNING, Assessment, Code, Finding, PositionResult
from calculators.rounding import round_need
from calculators.settings import Rules
from calculators.structure import STRUKTURAL, jenis_jabatan
from calculators.notation import num
from extractors.submission import Form, Reason, Submission

@staffing_arithmetic
def assess(submission: Submission, rules: Rules, organisation: Organisation = Organisation()) -> Assessment:
    """Every form of the file computed and checked; against the instansi's list of positions and HR
    export when it gives them (calculators/organisation.py)."""
    positions = []
    for form in submission.forms:
        form, about_organisation = checked_form(form, organisation)
        positions.append(position(form, rules, submission.file_name, ocr=submission.ocr))
        positions[-1].findings += about_organisation
    findings = [f for p in positions for f in p.findings]
    if not submission.forms:
        findings.append(Finding(Code.NO_FORM, ERROR, "Tidak ada formulir ABK di dalam berkas."))
    reason = checks.reason_for(findings) if submission.forms else Reason.NOT_AN_ABK_FORM
    if submission.ocr and reason is not None:
        # Whatever failed in a scan may be a misreading rather than the form: a person looks at it.
        reason = Reason.NEEDS_REVIEW
    return Assessment(submission.file_name, reason is None, reason, _message(reason, findings, positions),
                      findings, positions)


@staffing_arithmetic
def position(form: Form, rules: Rules, file_name: str | None = None, ocr: bool = False) -> PositionResult:
    """``ocr``: the form was read from an image, and is used only where its own arithmetic confirms the reading."""
    rows, k_raw = methods.compute(form, rules.regime, as_printed=rules.printed_wke == "as_printed")
    findings = checks.header_findings(form) + checks.reading_findings(form) + checks.row_findings(form, rules.regime)
    findings += checks.result_findings(form, rows, k_raw, rules.regime)
    if ocr:
        findings += confirmation.unconfirmed(form, rows) + [confirmation.read_by_ocr(form)]
    structural = jenis_jabatan(form.header) == STRUKTURAL and rules.structural_k is not None
    k = rules.structural_k if structural else round_need(k_raw, rules.rounding)
    if structural:
        # Its K is set by rule, not rounded up from a small workload: say that rather than "dibulatkan".
        findings = [Finding(f.code, f.severity, f"{checks.form_name(form)}: kebutuhan hasil hitung {num(k_raw, 4)} pegawai; sebagai jabatan "
                            f"struktural K = {k} per jabatan menurut aturan, bukan hasil pembulatan.", f.row, f.column,
                            f.form) if f.code == Code.BELOW_FULL_WORKLOAD else f for f in findings]
    ej = efisiensi(k_raw, form.header.bezetting)
    grade = band(ej, rules.bands)
    basis, on_regime = wke_basis.describe(rows, rules.regime)
    return PositionResult(form, rows, k_raw, k, rules.rounding, rules.regime.name, rules.regime.annual_minutes,
                          ej, grade.grade if grade else None, structural, findings, file_name=file_name,
                          wke_basis=basis, on_regime=on_regime, ocr=ocr)


def rejected(file: str, reason: str, message: str) -> Assessment:
    """A file the extractor could not read as a form at all."""
    finding = Finding(reason, ERROR, message)
    return Assessment(file, False, reason, f"Ditolak: {message}", [finding], [])


def _message(reason: str | None, findings: list[Finding], positions: list[PositionResult]) -> str:
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    if reason is not None:
        first = errors[0].message if errors else "tidak ada formulir ABK."
        return f"Ditolak: {len(errors) or 1} kesalahan; yang pertama: {first}"
    needs = " dan ".join(num(p.k) for p in positions)
    tail = f"; {len(warnings)} peringatan" if warnings else ""
    return f"Diterima: {len(positions)} formulir, K = {needs}{tail}."


