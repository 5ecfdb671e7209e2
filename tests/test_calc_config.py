"""The [calculation] table: regimes as data, and a bad key named at start-up."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from calculators import ConfigError, rules_from_config


def test_defaults_and_builtin_regimes():
    assert rules_from_config({}).regime.annual_minutes == 75000
    perka = rules_from_config({"regime": "perka_bkn_19_2011"}).regime
    assert [perka.period_wke(p) for p in ("hari", "minggu", "bulan", "tahun")] == [300, 1500, 6000, 72000]


def test_a_custom_regime_of_1322_hours():
    regime = rules_from_config({"regime": "custom", "custom_regime": {"hours_per_year": 1322}}).regime
    assert regime.annual_minutes == D(79320) and regime.factors["hari"] == 235


@pytest.mark.parametrize("table, key", [
    ({"rounding": "setengah"}, "calculation.rounding"),
    ({"regime": "lama"}, "calculation.regime"),
    ({"regime": "custom"}, "calculation.custom_regime"),
    ({"regime": "custom", "custom_regime": {"hours_per_year": -5}}, "calculation.custom_regime.hours_per_year"),
    ({"structural_k": 0}, "calculation.structural_k"),
    ({"selisih": "kiri"}, "calculation.selisih"),
    ({"pembulatan": "x"}, "calculation.pembulatan"),
    ({"efficiency_bands": [{"grade": "A"}]}, "calculation.efficiency_bands[0]"),
])
def test_an_invalid_value_names_its_key(table, key):
    with pytest.raises(ConfigError) as caught:
        rules_from_config(table)
    assert caught.value.key == key and caught.value.message
