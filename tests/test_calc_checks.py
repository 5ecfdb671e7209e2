"""Validation findings: codes, severities, and messages that name form, row, column and value."""
from __future__ import annotations

from decimal import Decimal as D

import calculators
from calculators.settings import Rules
from extractors.submission import Form, Header, Row, Submission
from tests.calc_builders import submission, task_form


def _assess(form):
    return calculators.assess(submission(form), Rules())


def _codes(assessment):
    return {(f.code, f.severity) for f in assessment.findings}


def test_a_value_that_is_not_a_number_rejects_the_file_naming_row_column_and_value():
    form = task_form([(30, 100, 75000), (30, None, 75000)])
    form.rows[1].unreadable["volume"] = "dua ratus"
    assessment = _assess(form)
    assert not assessment.accepted and assessment.reason == "invalid_value"
    [error] = [f for f in assessment.findings if f.severity == "error"]
    assert (error.row, error.column) == (2, "volume")
    assert "baris 2" in error.message and "Volume" in error.message and "'dua ratus'" in error.message
    assert "formulir 1 (Pengolah Data)" in error.message
    assert assessment.positions[0].k_raw == D(30 * 100) / D(75000)     # the good row is still shown


def test_missing_header_fields_are_missing_required_field():
    form = task_form([(30, 100, 75000)], name=None, unit=())
    assessment = _assess(form)
    assert assessment.reason == "missing_required_field"
    assert {f.column for f in assessment.findings if f.severity == "error"} == {"nama_jabatan", "unit_kerja"}


def test_zero_negative_and_longer_than_a_year_are_errors():
    assessment = _assess(task_form([(0, 5, 75000), (30, -1, 75000), (80000, 1, 75000)]))
    assert not assessment.accepted
    assert ("unusable_value", "error") in _codes(assessment)
    assert ("norma_exceeds_year", "error") in _codes(assessment)


def test_warnings_keep_the_file_accepted():
    form = task_form([(120, 100, 75000), (120, 100, 75000), (500, 1, 300), (2, 1, 75000)])
    form.rows[1].uraian = form.rows[0].uraian
    form.rows[0].satuan = ""
    form.rows[0].pegawai_tercetak = D("0.5")
    form.printed_total = D("9")
    assessment = _assess(form)
    assert assessment.accepted
    codes = {code for code, _ in _codes(assessment)}
    assert {"duplicate_task", "satuan_empty", "printed_value_mismatch", "norma_exceeds_period_wke",
            "time_unit_doubtful"} <= codes
    mixup = [f for f in assessment.findings if f.code == "time_unit_doubtful"]
    assert [f.row for f in mixup] == [4]


def test_a_row_above_a_full_person_year_is_reported():
    assessment = _assess(task_form([(60, 2000, 75000)]))
    assert ("row_exceeds_person_year", "warning") in _codes(assessment)


def test_a_file_without_forms_is_not_an_abk_form():
    assessment = calculators.assess(Submission("x.pdf", "pdf", []), Rules())
    assert not assessment.accepted and assessment.reason == "not_an_abk_form"


def test_a_form_without_rows_is_not_an_abk_form():
    form = Form("tugas_per_tugas", Header(nama_jabatan="A", unit_kerja=["B"]), [])
    assert calculators.assess(Submission("x", "pdf", [form]), Rules()).reason == "not_an_abk_form"


def test_explain_gives_the_trace():
    position = _assess(task_form([(15, 600, 72000)])).positions[0]
    lines = calculators.explain(position)
    assert any("15 menit × 600 ÷ 72.000" in line for line in lines)
    assert any("K = 1" in line for line in lines)


def test_jenis_jabatan_from_the_form_or_the_name():
    assert calculators.jenis_jabatan(Header(nama_jabatan="Kepala Seksi Pelayanan")) == "struktural"
    assert calculators.jenis_jabatan(Header(nama_jabatan="Analis SDM Aparatur Ahli Pertama")) == "fungsional"
    assert calculators.jenis_jabatan(Header(nama_jabatan="Pengadministrasi Umum")) == "pelaksana"
    assert calculators.jenis_jabatan(Header(nama_jabatan="Kepala X", jenis_jabatan="Pelaksana")) == "pelaksana"


def test_a_volume_of_zero_leaves_the_row_out_with_a_warning_but_all_zero_is_an_error():
    form = task_form([(60, 100, 75000), (30, 0, 75000)])
    assessment = _assess(form)
    assert assessment.accepted and assessment.positions[0].k_raw == D("0.08")
    zero = [f for f in assessment.findings if f.code == "zero_volume"]
    assert [(f.severity, f.row, f.column) for f in zero] == [("warning", 2, "volume")]
    assessment = _assess(task_form([(60, 0, 75000), (30, 0, 75000)]))
    assert not assessment.accepted and assessment.reason == "invalid_value"


def test_the_mixup_check_is_the_median_of_the_other_rows_also_on_a_form_of_20000_rows():
    import statistics

    from calculators.checks import _median_without

    values = [D(v) for v in (5, 1, 9, 3, 3, 120, 7)]
    ordered = sorted(values)
    for skip in range(len(ordered)):
        assert _median_without(ordered, skip) == statistics.median(ordered[:skip] + ordered[skip + 1:])
    rows = [(60 + i % 7, 3, 75000) for i in range(20000)] + [(1, 3, 75000)]
    assessment = _assess(task_form(rows))            # a median over all others per row took minutes here
    assert [f.row for f in assessment.findings if f.code == "time_unit_doubtful"] == [20001]


def test_a_row_of_the_other_methods_needing_several_people_is_no_doubt():
    for approach, rows in (("hasil_kerja", [(500, 100), (300, 50)]), ("peralatan_kerja", [(20, 1, 1), (20, 0.2, 1)])):
        assessment = _assess(task_form(rows, approach=approach))
        assert not {"row_exceeds_person_year", "satuan_empty"} & {code for code, _ in _codes(assessment)}, approach
