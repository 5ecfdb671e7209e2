"""Reading the instansi configuration: the one error type and reader every table is checked with, and the
[calculation] table itself, key by key (a bad key stops start-up)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from calculators.settings import (BUILTIN_REGIMES, DEFAULT_BANDS, PRINTED_WKE_POLICIES, ROUNDING_MODES,
                                  SELISIH_CONVENTIONS, Band, Regime, Rules)

_KEYS = {"regime", "rounding", "structural_k", "selisih", "custom_regime", "efficiency_bands", "printed_wke"}
_CUSTOM_KEYS = {"hours_per_year", "minutes_per_year", "days_per_year", "weeks_per_year", "months_per_year"}


class ConfigError(Exception):
    """A configuration value that cannot be used, named by its dotted key (and its file, once known)."""

    def __init__(self, key: str, message: str, path: Path | None = None):
        super().__init__(key, message, path)
        self.key, self.message, self.path = key, message, path

    def __str__(self) -> str:
        return f"{self.path}: {self.key}: {self.message}" if self.path else f"{self.key}: {self.message}"


class ConfigReader:
    """Typed look-ups into a parsed TOML table that fail with the dotted key's name."""

    def __init__(self, data: dict, path: Path | None = None, prefix: str = ""):
        self.data, self.path, self.prefix = data, path, prefix

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(self.prefix + key, message, self.path)

    def get(self, key: str, kind: type | tuple, default=None, required: bool = False):
        node = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if required:
                    raise self.error(key, "wajib diisi")
                return default
            node = node[part]
        if not isinstance(node, kind) or isinstance(node, bool) and kind is not bool:
            raise self.error(key, f"nilai {node!r} bukan {_kind_name(kind)}")
        return node

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.get(key, str, default, required)
        if required and not (value or "").strip():
            raise self.error(key, "wajib diisi")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.get(key, str, default)
        if value not in options:
            raise self.error(key, f"nilai {value!r} tidak dikenal; pilih salah satu dari {', '.join(options)}")
        return value

    def positive(self, key: str, default: int) -> int:
        value = self.get(key, int, default)
        if value <= 0:
            raise self.error(key, f"nilai {value!r} harus lebih dari 0")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, "harus berupa daftar teks")
        return tuple(values)


def _kind_name(kind) -> str:
    names = {str: "teks", int: "bilangan bulat", list: "daftar", dict: "tabel", bool: "true/false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " atau ".join(names.get(k, k.__name__) for k in kinds)


def rules_from_config(calculation: dict, path: Path | None = None) -> Rules:
    r = ConfigReader(calculation, path, "calculation.")
    for key in calculation:
        if key not in _KEYS:
            raise r.error(key, f"kunci tidak dikenal; yang dikenal: {', '.join(sorted(_KEYS))}")
    default = Rules()                     # the defaults live in Rules alone
    regime_name = r.text("regime", default.regime.name)
    if regime_name == "custom":
        regime = _custom(r, calculation.get("custom_regime"))
    elif regime_name in BUILTIN_REGIMES:
        regime = BUILTIN_REGIMES[regime_name]
    else:
        raise r.error("regime", f"rezim {regime_name!r} tidak dikenal; pilih {', '.join(BUILTIN_REGIMES)} atau custom")
    rounding = r.choice("rounding", ROUNDING_MODES, default.rounding)
    selisih = r.choice("selisih", SELISIH_CONVENTIONS, default.selisih)
    structural = calculation.get("structural_k", default.structural_k)
    if structural == "compute":
        structural = None
    elif isinstance(structural, bool) or not isinstance(structural, int) or structural < 1:
        raise r.error("structural_k", f"nilai {structural!r} harus bilangan bulat ≥ 1 atau \"compute\"")
    bands = _bands(r, calculation.get("efficiency_bands"))
    printed_wke = r.choice("printed_wke", PRINTED_WKE_POLICIES, default.printed_wke)
    return Rules(regime=regime, rounding=rounding, structural_k=structural, selisih=selisih, bands=bands,
                 printed_wke=printed_wke)


def _positive(r: ConfigReader, table: dict, key: str, default) -> Decimal:
    value = table.get(key, default)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal(0)
    if isinstance(value, bool) or not number.is_finite() or number <= 0:
        raise r.error(f"custom_regime.{key}", f"nilai {value!r} harus angka lebih dari 0")
    return number


def _custom(r: ConfigReader, table) -> Regime:
    if not isinstance(table, dict):
        raise r.error("custom_regime", "wajib diisi bila regime = \"custom\"")
    for key in table:
        if key not in _CUSTOM_KEYS:
            raise r.error(f"custom_regime.{key}", "kunci tidak dikenal")
    if "minutes_per_year" in table:
        minutes = _positive(r, table, "minutes_per_year", None)
    elif "hours_per_year" in table:
        minutes = _positive(r, table, "hours_per_year", None) * 60
    else:
        raise r.error("custom_regime.hours_per_year", "wajib diisi (atau minutes_per_year)")
    factors = {"hari": _positive(r, table, "days_per_year", 235), "minggu": _positive(r, table, "weeks_per_year", 47),
               "bulan": _positive(r, table, "months_per_year", 12), "tahun": Decimal(1)}
    return Regime("custom", minutes, factors, "ketentuan instansi")


def _bands(r: ConfigReader, table) -> tuple[Band, ...]:
    if table is None:
        return DEFAULT_BANDS
    if not isinstance(table, list) or not table:
        raise r.error("efficiency_bands", "harus daftar [[calculation.efficiency_bands]]")
    bands = []
    for i, entry in enumerate(table):
        key = f"efficiency_bands[{i}]"
        if not isinstance(entry, dict) or not {"grade", "lower", "label"} <= set(entry):
            raise r.error(key, "setiap pita perlu grade, lower dan label")
        try:
            lower = Decimal(str(entry["lower"]))
        except InvalidOperation:
            raise r.error(f"{key}.lower", f"nilai {entry['lower']!r} bukan angka") from None
        bands.append(Band(str(entry["grade"]), lower, str(entry["label"]),
                          lower_inclusive=bool(entry.get("lower_inclusive", True))))
    return tuple(bands)
