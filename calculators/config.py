"""The [calculation] table of the instansi config, checked key by key (a bad key stops start-up)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from calculators.settings import (BUILTIN_REGIMES, DEFAULT_BANDS, PRINTED_WKE_POLICIES, ROUNDING_MODES,
                                  SELISIH_CONVENTIONS, Band, Regime, Rules)

_KEYS = {"regime", "rounding", "structural_k", "selisih", "custom_regime", "efficiency_bands", "printed_wke"}
_CUSTOM_KEYS = {"hours_per_year", "minutes_per_year", "days_per_year", "weeks_per_year", "months_per_year"}


class InvalidConfig(Exception):
    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def rules_from_config(calculation: dict) -> Rules:
    for key in calculation:
        if key not in _KEYS:
            raise InvalidConfig(f"calculation.{key}", f"kunci tidak dikenal; yang dikenal: {', '.join(sorted(_KEYS))}")
    regime_name = calculation.get("regime", "permenpan_rb_1_2020")
    if regime_name == "custom":
        regime = _custom(calculation.get("custom_regime"))
    elif regime_name in BUILTIN_REGIMES:
        regime = BUILTIN_REGIMES[regime_name]
    else:
        raise InvalidConfig("calculation.regime", f"rezim {regime_name!r} tidak dikenal; pilih "
                            f"{', '.join(BUILTIN_REGIMES)} atau custom")
    rounding = _choice(calculation, "rounding", ROUNDING_MODES, "half_up")
    selisih = _choice(calculation, "selisih", SELISIH_CONVENTIONS, "b_minus_k")
    structural = calculation.get("structural_k", 1)
    if structural == "compute":
        structural = None
    elif isinstance(structural, bool) or not isinstance(structural, int) or structural < 1:
        raise InvalidConfig("calculation.structural_k", f"nilai {structural!r} harus bilangan bulat ≥ 1 atau \"compute\"")
    bands = _bands(calculation.get("efficiency_bands"))
    printed_wke = _choice(calculation, "printed_wke", PRINTED_WKE_POLICIES, "as_printed")
    return Rules(regime=regime, rounding=rounding, structural_k=structural, selisih=selisih, bands=bands,
                 printed_wke=printed_wke)


def _choice(table: dict, key: str, options: tuple[str, ...], default: str) -> str:
    value = table.get(key, default)
    if value not in options:
        raise InvalidConfig(f"calculation.{key}", f"nilai {value!r} tidak dikenal; pilih {', '.join(options)}")
    return value


def _positive(table: dict, key: str, default) -> Decimal:
    value = table.get(key, default)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal(0)
    if isinstance(value, bool) or not number.is_finite() or number <= 0:
        raise InvalidConfig(f"calculation.custom_regime.{key}", f"nilai {value!r} harus angka lebih dari 0")
    return number


def _custom(table) -> Regime:
    if not isinstance(table, dict):
        raise InvalidConfig("calculation.custom_regime", "wajib diisi bila regime = \"custom\"")
    for key in table:
        if key not in _CUSTOM_KEYS:
            raise InvalidConfig(f"calculation.custom_regime.{key}", "kunci tidak dikenal")
    if "minutes_per_year" in table:
        minutes = _positive(table, "minutes_per_year", None)
    elif "hours_per_year" in table:
        minutes = _positive(table, "hours_per_year", None) * 60
    else:
        raise InvalidConfig("calculation.custom_regime.hours_per_year", "wajib diisi (atau minutes_per_year)")
    factors = {"hari": _positive(table, "days_per_year", 235), "minggu": _positive(table, "weeks_per_year", 47),
               "bulan": _positive(table, "months_per_year", 12), "tahun": Decimal(1)}
    return Regime("custom", minutes, factors, "ketentuan instansi")


def _bands(table) -> tuple[Band, ...]:
    if table is None:
        return DEFAULT_BANDS
    if not isinstance(table, list) or not table:
        raise InvalidConfig("calculation.efficiency_bands", "harus daftar [[calculation.efficiency_bands]]")
    bands = []
    for i, entry in enumerate(table):
        key = f"calculation.efficiency_bands[{i}]"
        if not isinstance(entry, dict) or not {"grade", "lower", "label"} <= set(entry):
            raise InvalidConfig(key, "setiap pita perlu grade, lower dan label")
        try:
            lower = Decimal(str(entry["lower"]))
        except InvalidOperation:
            raise InvalidConfig(f"{key}.lower", f"nilai {entry['lower']!r} bukan angka") from None
        bands.append(Band(str(entry["grade"]), lower, str(entry["label"]),
                          lower_inclusive=bool(entry.get("lower_inclusive", True))))
    return tuple(bands)
