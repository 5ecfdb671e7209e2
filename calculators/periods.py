"""Which period a task row counts in, and with which effective working time (WKE).

A row's period comes from its period column, or is implied by the WKE printed on it (300 a day under
Perka BKN 19/2011, 6,250 a month under PermenPAN-RB 1/2020, ...). A printed WKE is used as printed, or,
under the instansi's policy ``printed_wke = "regime"``, replaced by the regime's WKE of that period.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators.settings import BUILTIN_REGIMES, PERIOD_ORDER, Regime

# A printed WKE within 1% of a period's WKE is that period's (forms round 319.15 to 319).
_TOLERANCE = Decimal("0.01")


def same_wke(wke: Decimal, expected: Decimal) -> bool:
    return abs(wke - expected) <= expected * _TOLERANCE


@dataclass(frozen=True)
class RowPeriod:
    periode: str
    wke_menit: Decimal         # effective minutes of one period, used to compute the row
    source: str                # "tercetak" when printed on the row, else the regime's name
    regime_match: str | None   # the regime whose period WKE the printed value matches, if any
    printed: Decimal | None = None   # the WKE the form printed, used or not


def resolve(periode: str | None, wke_printed: Decimal | None, regime: Regime, as_printed: bool = True) -> RowPeriod:
    if wke_printed is not None and wke_printed > 0:
        implied, matched = implied_period(wke_printed, regime)
        chosen = periode or implied or "tahun"
        if as_printed:
            return RowPeriod(chosen, wke_printed, "tercetak", matched, wke_printed)
        return RowPeriod(chosen, regime.period_wke(chosen), regime.name, matched, wke_printed)
    chosen = periode or "tahun"
    return RowPeriod(chosen, regime.period_wke(chosen), regime.name, regime.name)


def implied_period(wke: Decimal, regime: Regime) -> tuple[str | None, str | None]:
    """(period, regime name) whose period WKE matches ``wke``, the configured regime first."""
    candidates = [regime] + [r for r in BUILTIN_REGIMES.values() if r.name != regime.name]
    for candidate in candidates:
        for periode in PERIOD_ORDER:
            expected = candidate.period_wke(periode)
            if same_wke(wke, expected):
                return periode, candidate.name
    return None, None
