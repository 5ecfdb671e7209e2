"""Every published answer of domain.md, and the rounding rule at its edges."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import calculators
from calculators.settings import PERKA_BKN_2011, Rules
from tests.calc_builders import WORKED, submission, task_form


def _position(form, rules=Rules()):
    return calculators.assess(submission(form), rules).positions[0]


@pytest.mark.parametrize("rules", [Rules(), Rules(regime=PERKA_BKN_2011)], ids=["permenpan", "perka_bkn"])
def test_the_worked_example_gives_1_2875_and_k_1(rules):
    position = _position(task_form(WORKED), rules)
    assert position.k_raw == D("1.2875")
    assert position.k == 1
    assert [r.pegawai.quantize(D("0.001")) for r in position.rows] == [
        D("0.125"), D("0.250"), D("0.250"), D("0.250"), D("0.042"), D("0.167"), D("0.004"), D("0.200")]
    assert [r.periode for r in position.rows][-1] == "hari"
    codes = {f.code for f in position.findings}
    assert ("wke_differs_from_regime" in codes) == (rules.regime.name != PERKA_BKN_2011.name)


def test_the_same_tasks_by_period_column_under_perka_bkn():
    form = task_form([(n, v) for n, v, _ in WORKED])
    for row in form.rows[:-1]:
        row.periode = "tahun"
    form.rows[-1].periode = "hari"
    assert _position(form, Rules(regime=PERKA_BKN_2011)).k_raw == D("1.2875")


@pytest.mark.parametrize("beban, standar, k_raw, k, approach", [
    (200, 30, "6.666666666666666666666666666666667", 7, "hasil_kerja"),
    (80, 25, "3.2", 3, "objek_kerja"),
    (500, 100, "5", 5, "hasil_kerja"),
    (150, 50, "3", 3, "objek_kerja"),
])
def test_hasil_and_objek_kerja(beban, standar, k_raw, k, approach):
    position = _position(task_form([(beban, standar)], approach=approach))
    assert position.k_raw == D(k_raw) and position.k == k


def test_the_44_bus_crew_are_three_positions_per_equipment_type():
    drivers = _position(task_form([(20, 1)], name="Pengemudi", approach="peralatan_kerja"))
    conductors = _position(task_form([(20, 1)], name="Kondektur", approach="peralatan_kerja"))
    mechanics = _position(task_form([(20, D(1) / D(5))], name="Mekanik", approach="peralatan_kerja"))
    assert (drivers.k, conductors.k, mechanics.k) == (20, 20, 4)
    assert drivers.k + conductors.k + mechanics.k == 44


def test_twenty_cars_and_shifts():
    assert _position(task_form([(20, 1)], approach="peralatan_kerja")).k == 20
    assert _position(task_form([(20, "0.2")], approach="peralatan_kerja")).k == 4
    assert _position(task_form([(20, 1, 2)], approach="peralatan_kerja")).k == 40


def test_a_position_below_a_full_workload_needs_one_with_a_warning():
    position = _position(task_form([(54300, 1, 75000)]))
    assert position.k_raw == D("0.724") and position.k == 1
    [warning] = [f for f in position.findings if f.code == "below_full_workload"]
    assert "905 jam" in warning.message and "1.250 jam" in warning.message


@pytest.mark.parametrize("workload, ej, grade", [
    (90000, "1.2", "A"), (75000, "1", "B"), (60000, "0.8", "C"), (37500, "0.5", "D"), (30000, "0.4", "E")])
def test_the_five_efficiency_bands(workload, ej, grade):
    position = _position(task_form([(workload, 1, 75000)]))
    assert position.efisiensi == D(ej) and position.band == grade


def test_efficiency_is_not_available_when_nobody_holds_the_position():
    position = _position(task_form([(75000, 1, 75000)], b=0))
    assert position.efisiensi is None and position.band is None


@pytest.mark.parametrize("k_raw, mode, k", [
    ("2.5", "half_up", 3), ("2.4999999", "half_up", 2), ("3.5", "half_up", 4), ("6.67", "half_up", 7),
    ("3.2", "half_up", 3), ("2.5", "floor", 2), ("2.01", "ceil", 3), ("2.99", "none", 2), ("0.2", "floor", 1),
    ("0", "half_up", 0)])
def test_rounding_once_with_decimal(k_raw, mode, k):
    assert calculators.round_need(D(k_raw), mode) == k


def test_structural_positions_count_one_per_box_unless_configured():
    form = task_form([(150000, 1, 75000)], name="Kepala Sub Bagian Umum")
    assert _position(form).k == 1 and _position(form).structural
    assert _position(form, Rules(structural_k=None)).k == 2
