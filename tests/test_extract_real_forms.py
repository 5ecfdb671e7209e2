"""Real Anjab-ABK PDFs exported by another application (PANDAWA) read as a careful human reads them.

The files live outside the repository, in ``../shared/real-forms/`` (real positions of the Sekretariat
Jenderal DPD RI, not ours to redistribute); these tests skip when that folder is absent. What is expected
is what its README says a human reads in them: the ABK table of a combined Anjab-ABK document, times in
minutes although the header says JAM (the printed needs and WKE 75000 prove it), the uraian without its
"Tahapan" steps, unit levels marked "---" dropped.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import calculators
from calculators.settings import Rules
from extractors import Limits, extract

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-forms"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real forms not present at {REAL}")

PENELAAH = {
    "file": "pandawa_penelaah-teknis-kebijakan.pdf",
    "nama": "Penelaah Teknis Kebijakan",
    "units": ["Kepala Subbagian", "Kepala Bagian/Kepala Bidang/Kepala Kantor"],
    "rows": [(12, 1080, "0.1728"), (4, 3600, "0.192"), (24, 4800, "1.536"), (24, 4800, "1.536"),
             (12, 3300, "0.528"), (2, 300, "0.008"), (2, 300, "0.008")],
    "total": "3.9808", "k": 4,
}
KEPALA = {
    "file": "pandawa_kepala-bagian-organisasi.pdf",
    "nama": "KEPALA BAGIAN ORGANISASI DAN KETATALAKSANAAN",
    "units": ["Biro Organisasi, Keanggotaan, dan Kepegawaian", "Deputi Bidang Administrasi"],
    "rows": [(36, 1500, "0.72")] + [(1, m, None) for m in (120, 120, 150, 90, 300, 300, 600, 1500, 1200, 1800, 900,
                                                          180, 1500, 1500, 840, 60, 720, 150, 900, 900, 720, 60,
                                                          60, 60)] + [(2, 60, "0.0016")],
    "total": "0.9180", "k": 1,
}


# Reading the KEPALA file takes 12-25 s: slow; the PENELAAH file (about 2 s) stays in the fast loop.
@pytest.fixture(scope="module", params=[PENELAAH, pytest.param(KEPALA, marks=pytest.mark.slow)],
                ids=lambda case: case["file"])
def case(request):
    expected = request.param
    submission = extract(REAL / expected["file"], Limits())
    return expected, submission, calculators.assess(submission, Rules())


def test_one_form_with_the_header_a_human_reads(case):
    expected, submission, _ = case
    assert len(submission.forms) == 1
    header = submission.forms[0].header
    assert header.nama_jabatan == expected["nama"]
    assert header.unit_kerja == expected["units"]
    assert header.ikhtisar_jabatan and header.ikhtisar_jabatan.endswith("Sekretariat Jenderal DPD RI tercapai.")


def test_every_task_row_in_minutes_with_its_volume(case):
    expected, submission, _ = case
    form = submission.forms[0]
    got = [(row.volume, row.norma_waktu_menit, row.wke_menit) for row in form.rows]
    assert got == [(Decimal(v), Decimal(m), Decimal(75000)) for v, m, _ in expected["rows"]]
    for row, (_, _, need) in zip(form.rows, expected["rows"]):
        if need is not None:
            assert row.pegawai_tercetak == Decimal(need), row.line
    assert form.printed_total == Decimal(expected["total"]) and form.printed_k == expected["k"]


def test_uraian_is_the_task_sentence_without_its_steps(case):
    _, submission, _ = case
    for row in submission.forms[0].rows:
        assert "Tahapan" not in row.uraian and "\ufffd" not in row.uraian
        assert row.uraian[:1].isupper() and not row.uraian.endswith((";", ":"))
        assert row.satuan, f"row {row.line}: HASIL KERJA stands in for the satuan"


def test_accepted_with_the_printed_need_and_the_unit_decision_said(case):
    expected, _, assessment = case
    assert assessment.accepted, assessment.message
    position = assessment.positions[0]
    assert abs(position.k_raw - Decimal(expected["total"])) < Decimal("0.00005")
    assert position.k == expected["k"]
    errors = [f for f in assessment.findings if f.severity == "error"]
    assert not errors
    mismatches = [f for f in assessment.findings if f.code == "printed_value_mismatch"]
    assert not mismatches, "every printed need and the total agree with the reading in minutes"
    decided = [f for f in assessment.findings if f.code == "time_unit_from_arithmetic"]
    assert len(decided) == 1 and "menit" in decided[0].message and "JAM" in decided[0].message
