"""The WKE a position was computed with, said in words, so that the letter, the rekap and the laporan
state the basis actually used for each position and never one that only the configuration names."""
from __future__ import annotations

from decimal import Decimal

from calculators.periods import same_wke
from calculators.results import RowResult
from calculators.settings import BUILTIN_REGIMES, Regime
from calculators.notation import num

def regime_words(regime: Regime) -> str:
    basis = f" ({regime.legal_basis})" if regime.legal_basis else ""
    return f"{num(regime.hours)} jam ({num(regime.annual_minutes)} menit) setahun{basis}"


def describe(rows: list[RowResult], regime: Regime) -> tuple[str, bool]:
    """(the basis in words, whether it is the regime's)."""
    own = [r for r in rows if r.wke_source == "tercetak" and not same_wke(r.wke_menit, regime.period_wke(r.periode))]
    if not own:
        return regime_words(regime), True
    yearly = {_yearly(r, regime) for r in own}
    matched = {r.wke_regime for r in own}
    if len(yearly) == 1:
        (minutes,) = yearly
        (name,) = matched if len(matched) == 1 else (None,)
        source = f", {BUILTIN_REGIMES[name].legal_basis}" if name in BUILTIN_REGIMES else ""
        return f"WKE tercetak pada formulir, {num(minutes)} menit setahun{source}", False
    return "WKE tercetak pada formulir, berbeda antarbaris (lihat rincian)", False


def _yearly(row: RowResult, regime: Regime) -> Decimal:
    periods = BUILTIN_REGIMES[row.wke_regime] if row.wke_regime in BUILTIN_REGIMES else regime
    return (row.wke_menit * periods.factors[row.periode]).quantize(Decimal(1))
