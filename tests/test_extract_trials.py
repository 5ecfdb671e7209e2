"""Forms a new user made in layouts of public applications and templates, read as a careful human reads
them (tests/fixtures/trials/README.md): one test per file, failing with every difference named."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

import calculators
from calculators.settings import Rules
from extractors import extract
from extractors.submission import ExtractionError

FOLDER = Path(__file__).parent / "fixtures" / "trials"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "").replace("\u00a0", " ")).strip().casefold()


def _close(got, expected, tolerance: str) -> bool:
    return got is not None and abs(Decimal(got) - Decimal(str(expected))) <= Decimal(tolerance)


def _form_problems(name: str, expected: dict, position) -> list[str]:
    form, header = position.form, position.form.header
    tag, problems = f"{name} [{expected['nama_jabatan']}]", []
    if _norm(header.nama_jabatan) != _norm(expected["nama_jabatan"]):
        problems.append(f"{tag}: nama_jabatan {header.nama_jabatan!r}")
    if _norm(header.unit_kerja_path) != _norm(expected["unit_kerja"]):
        problems.append(f"{tag}: unit_kerja {header.unit_kerja_path!r}, expected {expected['unit_kerja']!r}")
    if form.approach != expected["approach"]:
        problems.append(f"{tag}: approach {form.approach}, expected {expected['approach']}")
    if expected.get("bezetting") is not None and header.bezetting != expected["bezetting"]:
        problems.append(f"{tag}: B {header.bezetting}, expected {expected['bezetting']}")
    if expected["approach"] == "tugas_per_tugas":
        if len(position.rows) != len(expected["rows"]):
            problems.append(f"{tag}: {len(position.rows)} rows, expected {len(expected['rows'])}")
        for n, (got, (uraian, minutes, volume, _, need)) in enumerate(zip(position.rows, expected["rows"]), 1):
            if _norm(got.row.uraian) != _norm(uraian):
                problems.append(f"{tag} row {n}: uraian {got.row.uraian!r}, expected {uraian!r}")
            if not _close(got.row.norma_waktu_menit, minutes, "0.000001"):
                problems.append(f"{tag} row {n}: {got.row.norma_waktu_menit} minutes, expected {minutes}")
            if not _close(got.pegawai, need, "0.0001"):
                problems.append(f"{tag} row {n}: need {got.pegawai}, expected {need} (volume {volume})")
    if not _close(position.k_raw, expected["k_raw"], "0.001") or position.k != expected["k"]:
        problems.append(f"{tag}: k_raw {position.k_raw} K {position.k}, expected {expected['k_raw']} K {expected['k']}")
    return problems


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_form_made_by_a_new_user_reads_as_a_careful_human_reads_it(name):
    expected = EXPECTED[name]
    try:
        assessment = calculators.assess(extract(FOLDER / name), Rules())
        status, reason = ("accepted" if assessment.accepted else "rejected"), assessment.reason
    except ExtractionError as exc:
        assessment, status, reason = None, "rejected", exc.reason
    assert (status, reason) == (expected["status"], expected["reason"]), \
        f"{name}: {assessment.message if assessment else reason}"
    if status == "rejected":
        return
    by_name = {_norm(p.form.header.nama_jabatan): p for p in assessment.positions}
    assert len(assessment.positions) == len(expected["forms"]), sorted(by_name)
    problems = []
    for form in expected["forms"]:
        position = by_name.get(_norm(form["nama_jabatan"]))
        if position is None:
            problems.append(f"{name}: no form named {form['nama_jabatan']!r} among {sorted(by_name)}")
            continue
        problems += _form_problems(name, form, position)
    assert not problems, "\n".join(problems)
