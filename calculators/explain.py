"""The trace of a K in words: how every number in the letter can be defended line by line."""
from __future__ import annotations

from calculators.methods import METHODS
from calculators.results import PositionResult, RowResult
from calculators.rounding import DESCRIBED
from calculators.notation import num, num_short
from extractors.submission import Approach


def formula(result: RowResult, approach: str) -> str:
    """A row's arithmetic in words, up to its result: the laporan's Rumus column and the trace say it alike."""
    row = result.row
    if METHODS[approach].timed:
        return (f"{num(row.norma_waktu_menit)} menit × {num(row.volume)} ÷ {num_short(result.wke_menit)} "
                f"(WKE per {result.periode})")
    if approach == Approach.PERALATAN_KERJA:
        return (f"{num(row.jumlah_alat)} alat × {num(row.rasio_pegawai_per_alat, 4)} pegawai per alat × "
                f"{num(row.shift or 1)} shift")
    if result.per_year:
        return (f"{num(row.beban)} per {row.periode} ÷ {num(row.standar_kemampuan)} per {row.periode_standar}, "
                f"setahun: {num(row.beban)} × {num(result.per_year[0])} ÷ ({num(row.standar_kemampuan)} × "
                f"{num(result.per_year[1])})")
    return f"{num(row.beban)} ÷ {num(row.standar_kemampuan)}"


def explain(position: PositionResult) -> list[str]:
    approach = position.form.approach
    lines = [f"Metode: {approach.replace('_', ' ')}; WKE: {position.wke_basis}."]
    for r in position.rows:
        own = (f"; formulir mencetak WKE {num_short(r.wke_tercetak)}, hasil menurut formulir {num(r.own_need, 4)}"
               if r.wke_tercetak is not None and r.wke_tercetak != r.wke_menit else "")
        lines.append(f"{r.row.number}. {r.row.uraian}: {formula(r, approach)} = {num(r.pegawai, 4)}{own}")
    lines.append(f"Jumlah kebutuhan sebelum dibulatkan = {num(position.k_raw, 4)}")
    if position.structural:
        lines.append(f"Jabatan struktural: K = {position.k} per jabatan.")
    else:
        lines.append(f"K = {position.k} ({DESCRIBED[position.rounding]}).")
    ej = "n/a (B = 0)" if position.efisiensi is None else f"{num(position.efisiensi, 2)} ({position.band})"
    lines.append(f"B = {position.bezetting}; EJ = {ej}.")
    return lines
