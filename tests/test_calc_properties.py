"""Invariants of the calculation, checked on generated forms (hypothesis)."""
from __future__ import annotations

from decimal import Decimal as D, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.assess import PRECISION
from calculators.settings import PERMENPAN_2020, Regime, Rules
from tests.calc_builders import submission, task_form

WKES = [75000, 6250, D(75000) / 47, D(75000) / 235]
rows = st.lists(st.tuples(st.integers(1, 6000), st.integers(1, 5000), st.sampled_from(WKES)), min_size=1, max_size=12)


def _position(form, rules=Rules()):
    return calculators.assess(submission(form), rules).positions[0]


@settings(max_examples=60, deadline=None)
@given(rows)
def test_the_total_is_the_sum_of_the_rows_and_order_does_not_matter(data):
    position = _position(task_form(data))
    with localcontext() as ctx:
        ctx.prec = PRECISION
        assert position.k_raw == sum(r.pegawai for r in position.rows)
    reordered = _position(task_form(list(reversed(data))))
    # Exact up to the last of 34 significant digits, where addition order may round differently.
    assert abs(reordered.k_raw - position.k_raw) < D("1e-25") and reordered.k == position.k


@settings(max_examples=60, deadline=None)
@given(rows, st.integers(0, 40), st.integers(1, 5000))
def test_k_never_decreases_when_a_volume_grows(data, index, extra):
    index %= len(data)
    grown = list(data)
    norma, volume, wke = grown[index]
    grown[index] = (norma, volume + extra, wke)
    assert _position(task_form(grown)).k >= _position(task_form(data)).k


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 600), st.integers(1, 500), st.sampled_from(["hari", "minggu", "bulan", "tahun"])),
                min_size=1, max_size=8))
def test_regimes_with_equal_annual_minutes_agree(data):
    same = Regime("salinan", PERMENPAN_2020.annual_minutes, dict(PERMENPAN_2020.factors))
    form = task_form([(n, v) for n, v, _ in data])
    for row, (_, _, periode) in zip(form.rows, data):
        row.periode = periode
    assert _position(form).k_raw == _position(form, Rules(regime=same)).k_raw
