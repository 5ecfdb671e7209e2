"""A reading by OCR is used only where the form's own arithmetic confirms it: a misread number, a lost row or
an unread need makes the file wait for a person (needs_review), never a wrong K."""
from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal

import pytest

import calculators
from calculators.confirmation import rounds_to
from calculators.results import Code
from calculators.settings import Rules
from extractors.submission import Reason, Submission
from tests.forms import worked_example

D = Decimal


def _scan(form) -> Submission:
    return Submission("pindaian.pdf", "pdf", [form], pages=1, ocr=True)


def _unconfirmed(assessment) -> list:
    return [(f.row, f.column) for f in assessment.findings if f.code == Code.READING_UNCONFIRMED]


def test_a_scan_whose_every_row_and_total_add_up_is_accepted_with_the_same_k_as_the_typed_form():
    typed = calculators.assess(Submission("ketik.docx", "docx", [worked_example()]), Rules())
    scanned = calculators.assess(_scan(worked_example()), Rules())
    assert scanned.accepted and _unconfirmed(scanned) == []
    assert [p.k_raw for p in scanned.positions] == [p.k_raw for p in typed.positions]


@pytest.mark.parametrize("field, misread", [("volume", D(608)), ("norma_waktu_menit", D(18)), ("volume", D(6000)),
                                            ("wke_menit", D(7200))])
def test_a_misread_number_on_a_row_sends_the_scan_to_review_naming_that_row(field, misread):
    form = worked_example()
    setattr(form.rows[0], field, misread)             # the printed need of row 1 stays as the paper says
    assessment = calculators.assess(_scan(form), Rules())
    assert not assessment.accepted and assessment.reason == Reason.NEEDS_REVIEW
    assert (1, "pegawai_tercetak") in _unconfirmed(assessment)
    assert "baris 1" in assessment.message


def test_the_same_misreading_in_a_typed_form_is_only_a_warning():
    form = worked_example()
    form.rows[0].volume = D(608)
    typed = calculators.assess(Submission("ketik.docx", "docx", [form]), Rules())
    assert typed.accepted and _unconfirmed(typed) == []


def test_a_row_the_reading_lost_shows_in_the_total():
    form = worked_example()
    form.rows.pop(3)                                   # 0.250 of the printed 1.288 is gone
    assessment = calculators.assess(_scan(form), Rules())
    assert assessment.reason == Reason.NEEDS_REVIEW and _unconfirmed(assessment) == [(None, "pegawai_tercetak")]


def test_what_was_not_read_cannot_confirm_anything():
    form = worked_example()
    form.rows[2].pegawai_tercetak = None
    no_total = replace(copy.deepcopy(worked_example()), printed_total=None)
    assert (3, "pegawai_tercetak") in _unconfirmed(calculators.assess(_scan(form), Rules()))
    assert _unconfirmed(calculators.assess(_scan(no_total), Rules())) == [(None, "pegawai_tercetak")]


def test_any_other_error_in_a_scan_also_waits_for_a_person():
    form = worked_example()
    form.rows[1].volume, form.rows[1].unreadable = None, {"volume": "6O0"}
    assessment = calculators.assess(_scan(form), Rules())
    assert assessment.reason == Reason.NEEDS_REVIEW


def test_a_total_may_add_the_rows_as_printed_or_as_computed():
    form = worked_example()
    exact = sum((r.norma_waktu_menit * r.volume / r.wke_menit for r in form.rows), D(0))
    for total in (D("1.288"), exact.quantize(D("0.001"))):
        assert calculators.assess(_scan(replace(form, printed_total=total)), Rules()).accepted


def test_a_printed_value_confirms_to_half_a_unit_of_its_last_digit():
    assert rounds_to(D("0.12549"), D("0.125")) and not rounds_to(D("0.1256"), D("0.125"))
    assert rounds_to(D("0.1255"), D("0.13")) and not rounds_to(D("0.1249"), D("0.13"))
    assert rounds_to(D("1"), D("1.0000")) and not rounds_to(D("1.0001"), D("1.0000"))


def test_a_figure_read_as_empty_where_the_other_rows_have_one_is_not_taken_for_the_regime_s():
    form = worked_example()
    form.rows[3].wke_menit = None          # the printed 72.000 not seen: the regime's WKE would stand in for it
    assessment = calculators.assess(_scan(form), Rules())
    assert assessment.reason == Reason.NEEDS_REVIEW and (4, "wke_menit") in _unconfirmed(assessment)
    typed = calculators.assess(Submission("ketik.docx", "docx", [form]), Rules())
    assert _unconfirmed(typed) == []                               # typed, an empty cell is the unit's choice
