"""One basis per position, stated truly (#13): a form printed with the old 72,000-minute WKE is computed as
printed (domain.md) or, by the instansi's choice, under its regime; the letter, the rekap and the trace
say which, position by position."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import calculators
from calculators.config import ConfigError, rules_from_config
from calculators.settings import Rules
from tests.calc_builders import WORKED, submission, task_form


def _positions(rules: Rules):
    old = task_form(WORKED)                                          # printed 72,000 a year, 300 a day
    new = task_form([(n, v, 75000 if w == 72000 else 319) for n, v, w in WORKED], name="Pengolah Data Baru")
    return [calculators.assess(submission(form), rules).positions[0] for form in (old, new)]


def test_as_printed_computes_the_form_s_own_wke_and_says_so_for_that_position_only():
    old, new = _positions(Rules())
    assert old.k_raw == D("1.2875") and not old.on_regime
    assert old.wke_basis == "WKE tercetak pada formulir, 72.000 menit setahun, Peraturan Kepala BKN Nomor 19 Tahun 2011"
    assert new.on_regime and new.wke_basis.startswith("1.250 jam (75.000 menit) setahun")
    assert calculators.explain(old)[0].endswith("WKE: " + old.wke_basis + ".")


def test_regime_recomputes_every_row_and_keeps_the_unit_s_own_figure_beside_it():
    old, _ = _positions(Rules(printed_wke="regime"))
    assert old.k_raw == D("78300") / 75000 + D(60) * 235 / 75000      # 1.044 + 0.188
    assert old.on_regime and old.wke_basis.startswith("1.250 jam")
    assert [r.wke_tercetak for r in old.rows][:2] == [D(72000), D(72000)]
    assert sum(r.own_need for r in old.rows) == D("1.2875")           # what the form's own arithmetic gives
    codes = [f.code for f in old.findings]
    assert "printed_value_mismatch" not in codes                       # the form agrees with itself
    differs = next(f for f in old.findings if f.code == "wke_differs_from_regime")
    assert "dihitung ulang dengan WKE rezim" in differs.message
    assert "formulir mencetak WKE 72.000" in calculators.explain(old)[1]


@pytest.mark.parametrize("policy", ["as_printed", "regime"])
def test_the_letter_states_the_basis_used_for_each_position(policy):
    from calculators.consolidation import consolidate
    from report_templates.context import basis_sentence

    rules = Rules(printed_wke=policy)
    positions = _positions(rules)
    rekap = consolidate(positions, rules, "Kabupaten Contoh")
    sentence = basis_sentence(rekap, rules)
    assert sentence.startswith("Kebutuhan dihitung dengan waktu kerja efektif 1.250 jam (75.000 menit) setahun")
    if policy == "as_printed":
        assert "kecuali 1 jabatan yang formulirnya mencantumkan WKE sendiri" in sentence
        assert "(Pengolah Data pada " in sentence and "72.000 menit setahun" in sentence
    else:
        assert "kecuali" not in sentence


def test_the_policy_is_checked_in_the_configuration():
    assert rules_from_config({"printed_wke": "regime"}).printed_wke == "regime"
    assert rules_from_config({}).printed_wke == "as_printed"
    with pytest.raises(ConfigError, match="printed_wke"):
        rules_from_config({"printed_wke": "tercetak"})


def test_a_structural_position_s_k_of_1_is_said_to_be_the_rule_not_a_rounding():
    form = task_form([(60, 10, 75000)], name="Kepala Bagian Umum")          # k_raw 0.008
    position = calculators.assess(submission(form), Rules()).positions[0]
    assert position.structural and position.k == 1
    finding = next(f for f in position.findings if f.code == "below_full_workload")
    assert "menurut aturan, bukan hasil pembulatan" in finding.message and "dibulatkan" not in finding.message


@pytest.mark.parametrize("name, level", [("Analis SDM Aparatur Ahli Pertama", "Ahli Pertama"),
                                         ("Pranata Komputer Terampil", "Terampil"),
                                         ("Arsiparis Ahli Madya", "Ahli Madya"), ("Pengadministrasi Umum", None)])
def test_the_jenjang_of_a_jabatan_fungsional_comes_from_its_name_when_no_label_gives_it(name, level):
    from calculators.consolidation import consolidate

    rules = Rules()
    position = calculators.assess(submission(task_form([(60, 10, 75000)], name=name)), rules).positions[0]
    row = consolidate([position], rules, "Kabupaten Contoh").rows[0]
    assert row.jenis_jabatan == (f"fungsional {level}" if level else "pelaksana")


def test_a_wke_printed_on_many_rows_is_one_finding_naming_them_all_and_what_to_write():
    rows = [(60, 100, 72000)] * 7 + [(60, 100, 75000), (30, 10, 72000)]
    position = calculators.assess(submission(task_form(rows)), Rules()).positions[0]
    [finding] = [f for f in position.findings if f.code == "wke_differs_from_regime"]
    assert "baris 1–7 dan 9," in finding.message
    assert "isi 75.000 menit / 1.250 jam per tahun" in finding.message
    assert finding.row == 1 and finding.column == "wke_menit"


def test_row_numbers_are_written_as_ranges():
    from calculators.wording import rows_words

    assert rows_words([4]) == "baris 4"
    assert rows_words([3, 1, 2]) == "baris 1–3"
    assert rows_words([1, 3, 5, 6, 7, 7]) == "baris 1, 3 dan 5–7"


def test_no_internal_name_reaches_the_unit_s_findings():
    for form in (task_form([(60, 10, 75000)]), task_form([(60, 10, 75000)], name="Kepala Bagian Umum"),
                 task_form([(10, 300)], approach="hasil_kerja")):
        position = calculators.assess(submission(form), Rules()).positions[0]
        assert position.findings and not any("k_raw" in f.message for f in position.findings)


def test_a_position_is_computed_at_one_precision_whoever_calls_it():
    from decimal import localcontext

    form = task_form([(1, 1, 3)] * 3)                   # 1/3 three times: exact only with enough digits
    with localcontext() as ctx:
        ctx.prec = 6                                     # a caller's own, coarser context
        direct = calculators.position(form, Rules())
        assert ctx.prec == 6                             # and it is given back
    assert direct.k_raw == calculators.assess(submission(form), Rules()).positions[0].k_raw


def test_a_form_for_a_position_the_list_does_not_know_is_told_the_closest_listed_names():
    from calculators.coverage import PositionList
    from calculators.organisation import Organisation

    listed = Organisation(listed=PositionList(frozenset({("Sub Bagian Umum / Dinas A", "Pengolah Data Kepegawaian"),
                                     ("Sub Bagian Umum / Dinas A", "Pengadministrasi Umum"),
                                     ("Dinas A", "Kepala Dinas A")})))
    own_words = task_form([(60, 10, 75000)], name="Pengolah Data Pegawai")
    assessment = calculators.assess(submission(own_words), Rules(), listed)
    [finding] = [f for f in assessment.findings if f.code == "position_not_listed"]
    assert assessment.accepted and finding.severity == "warning"
    assert "'Pengolah Data Kepegawaian' pada 'Sub Bagian Umum / Dinas A'" in finding.message
    assert "Kepala Dinas A" not in finding.message                         # not alike: not suggested
    typed_by_hand = task_form([(60, 10, 75000)], name="  pengadministrasi   UMUM", unit=("Sub Bagian Umum", "Dinas A"))
    assert not [f for f in calculators.assess(submission(typed_by_hand), Rules(), listed).findings
                if f.code == "position_not_listed"]
    assert not [f for f in calculators.assess(submission(own_words), Rules()).findings
                if f.code == "position_not_listed"]                       # no list, no such finding
