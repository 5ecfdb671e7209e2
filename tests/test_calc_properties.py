"""Invariants of the calculation, checked on generated forms (hypothesis)."""
from __future__ import annotations

from decimal import Decimal as D, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.precision import PRECISION
from calculators.settings import PERKA_BKN_2011, PERMENPAN_2020, Regime, Rules
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


PERIODS = ["hari", "minggu", "bulan", "tahun"]
periodic_rows = st.lists(st.tuples(st.integers(1, 600), st.integers(1, 500), st.sampled_from(PERIODS)),
                         min_size=1, max_size=8)
regimes = st.sampled_from([PERMENPAN_2020, PERKA_BKN_2011])


def _periodic_form(data):
    """A form whose rows give a period and no printed WKE, so the regime sets each row's WKE."""
    form = task_form([(n, v) for n, v, _ in data])
    for row, (_, _, periode) in zip(form.rows, data):
        row.periode = periode
    return form


def _close(a, b):
    # Equal but for rounding in the last digits (period WKEs such as 75000/235 do not terminate).
    return abs(a - b) <= max(abs(a), abs(b)) * D("1e-25")


@settings(max_examples=40, deadline=None)
@given(periodic_rows, regimes)
def test_a_task_per_period_weighs_the_same_as_its_yearly_count(data, regime):
    # v times a day under a regime of 235 days is 235·v times a year: the period only scales the volume.
    yearly = [(n, v * regime.factors[periode], "tahun") for n, v, periode in data]
    rules = Rules(regime=regime)
    assert _close(_position(_periodic_form(data), rules).k_raw, _position(_periodic_form(yearly), rules).k_raw)


@settings(max_examples=40, deadline=None)
@given(periodic_rows, regimes, st.integers(2, 5))
def test_more_working_minutes_a_year_need_proportionally_fewer_people(data, regime, scale):
    # Same periods a year, each period `scale` times longer: every row's need, and k_raw, divide by `scale`.
    longer = Regime("lebih_panjang", regime.annual_minutes * scale, dict(regime.factors))
    form = _periodic_form(data)
    base, scaled = _position(form, Rules(regime=regime)).k_raw, _position(form, Rules(regime=longer)).k_raw
    assert _close(scaled * scale, base) and scaled < base
