"""Calculation rules of an instansi: working-time regime, rounding, structural positions, bands.

Pure data. ``flows.config`` builds a ``Rules`` from the instansi's configuration file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ROUNDING_MODES = ("half_up", "ceil", "floor", "none")
PERIOD_ORDER = ("tahun", "bulan", "minggu", "hari")
SELISIH_CONVENTIONS = ("b_minus_k", "k_minus_b")
# A WKE printed on a form: computed with as printed (docs/domain.md: the form's own arithmetic, a difference from
# the regime a warning), or recomputed under the instansi's regime with the unit's figure kept beside it.
PRINTED_WKE_POLICIES = ("as_printed", "regime")


@dataclass(frozen=True)
class Regime:
    """A working-time regime: effective minutes a year and how many of each period a year holds."""

    name: str
    annual_minutes: Decimal
    factors: dict[str, Decimal]          # periode -> periods per year
    legal_basis: str = ""

    def period_wke(self, periode: str) -> Decimal:
        """Effective minutes in one period (e.g. 300 a day under Perka BKN 19/2011)."""
        return self.annual_minutes / self.factors[periode]

    @property
    def hours(self) -> Decimal:
        return self.annual_minutes / 60


PERMENPAN_2020 = Regime(
    name="permenpan_rb_1_2020",
    annual_minutes=Decimal(75000),
    factors={"hari": Decimal(235), "minggu": Decimal(47), "bulan": Decimal(12), "tahun": Decimal(1)},
    legal_basis="Peraturan Menteri PANRB Nomor 1 Tahun 2020",
)
PERKA_BKN_2011 = Regime(
    name="perka_bkn_19_2011",
    annual_minutes=Decimal(72000),
    factors={"hari": Decimal(240), "minggu": Decimal(48), "bulan": Decimal(12), "tahun": Decimal(1)},
    legal_basis="Peraturan Kepala BKN Nomor 19 Tahun 2011",
)
BUILTIN_REGIMES = {r.name: r for r in (PERMENPAN_2020, PERKA_BKN_2011)}


@dataclass(frozen=True)
class Band:
    grade: str               # "A".."E"
    lower: Decimal           # lower bound of EJ for this band
    label: str               # "sangat baik", ...
    lower_inclusive: bool = True


DEFAULT_BANDS = (
    Band("A", Decimal("1.00"), "sangat baik", lower_inclusive=False),
    Band("B", Decimal("0.90"), "baik"),
    Band("C", Decimal("0.70"), "cukup"),
    Band("D", Decimal("0.50"), "sedang"),
    Band("E", Decimal("0"), "kurang"),
)


@dataclass(frozen=True)
class Rules:
    regime: Regime = PERMENPAN_2020
    rounding: str = "half_up"
    # K of a structural position (JPT/Administrator/Pengawas) per box; None computes it like any other.
    structural_k: int | None = 1
    selisih: str = "b_minus_k"
    bands: tuple[Band, ...] = field(default=DEFAULT_BANDS)
    printed_wke: str = "as_printed"
    # Names (or parts of names) of the jabatan the instansi proposes as PPPK ([usulan] pppk); the rest as PNS.
    pppk_jabatan: tuple[str, ...] = ()
