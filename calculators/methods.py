"""The four ways of docs/domain.md to turn a form's rows into a position's unrounded need (k_raw)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators import periods
from calculators.results import RowResult
from calculators.settings import Regime
from extractors.submission import Approach, Form, Row



@dataclass(frozen=True)
class Method:
    """What rows of one approach are measured by, and so which rules apply to them."""
    required: tuple[str, ...]     # the numbers a row needs; a row missing one (or with one ≤ 0) cannot be computed
    shown: tuple[str, ...]        # the row's own values in the public JSON (docs/cli-contract.md)
    # A time per item over a period's WKE (tugas per tugas): the satuan, norma, WKE and person-year checks
    # apply. The other methods count outputs, objects or equipment, where a need above 1 is what a row is for.
    timed: bool = False


_COUNTED = Method(("beban", "standar_kemampuan"), ("satuan", "beban", "standar_kemampuan"))
METHODS = {
    Approach.TUGAS_PER_TUGAS: Method(("norma_waktu_menit", "volume"), ("satuan", "norma_waktu_menit", "volume"),
                                     timed=True),
    Approach.HASIL_KERJA: _COUNTED,
    Approach.OBJEK_KERJA: _COUNTED,
    Approach.PERALATAN_KERJA: Method(("jumlah_alat", "rasio_pegawai_per_alat"),
                                     ("jumlah_alat", "rasio_pegawai_per_alat", "shift")),
}


def usable(row: Row, approach: str) -> bool:
    values = [getattr(row, key) for key in METHODS[approach].required]
    return all(v is not None and v > 0 for v in values) and (row.shift is None or row.shift > 0)


def row_result(row: Row, approach: str, regime: Regime, as_printed: bool = True) -> RowResult:
    if METHODS[approach].timed:
        period = periods.resolve(row.periode, row.wke_menit, regime, as_printed)
        pegawai = row.norma_waktu_menit * row.volume / period.wke_menit
        own = row.norma_waktu_menit * row.volume / period.printed if period.printed else pegawai
        return RowResult(row, period.periode, period.wke_menit, period.source, pegawai,
                         wke_tercetak=period.printed,
                         wke_regime=period.regime_match, pegawai_sendiri=own)
    if METHODS[approach] is _COUNTED:
        per_year = None
        if row.periode and row.periode_standar and row.periode != row.periode_standar:
            per_year = (regime.factors[row.periode], regime.factors[row.periode_standar])
            pegawai = row.beban * per_year[0] / (row.standar_kemampuan * per_year[1])
        else:
            pegawai = row.beban / row.standar_kemampuan
        return RowResult(row, row.periode or "tahun", regime.annual_minutes, "tidak dipakai", pegawai,
                         per_year=per_year)
    pegawai = row.jumlah_alat * row.rasio_pegawai_per_alat * (row.shift or Decimal(1))
    return RowResult(row, row.periode or "tahun", regime.annual_minutes, "tidak dipakai", pegawai)


def compute(form: Form, regime: Regime, as_printed: bool = True) -> tuple[list[RowResult], Decimal]:
    """Row results of every computable row and their sum, unrounded."""
    results = [row_result(row, form.approach, regime, as_printed) for row in form.rows if usable(row, form.approach)]
    return results, sum((r.pegawai for r in results), Decimal(0))
