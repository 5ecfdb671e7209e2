"""The trace of a K in words: how every number in the letter can be defended line by line."""
from __future__ import annotations

from calculators.results import PositionResult
from calculators.rounding import DESCRIBED
from calculators.wording import num, num_short


def explain(position: PositionResult) -> list[str]:
    approach = position.form.approach
    lines = [f"Metode: {approach.replace('_', ' ')}; WKE: {position.wke_basis}."]
    for r in position.rows:
        row = r.row
        label = f"{row.no if row.no is not None else row.line}. {row.uraian}"
        if approach == "tugas_per_tugas":
            unit_own = (f"; formulir mencetak WKE {num_short(r.wke_tercetak)}, hasil menurut formulir "
                        f"{num(r.own_need, 4)}" if r.wke_tercetak is not None and r.wke_tercetak != r.wke_menit else "")
            lines.append(f"{label}: {num(row.norma_waktu_menit)} menit × {num(row.volume)} ÷ "
                         f"{num_short(r.wke_menit)} (WKE per {r.periode}) = {num(r.pegawai, 4)}{unit_own}")
        elif approach == "peralatan_kerja":
            lines.append(f"{label}: {num(row.jumlah_alat)} alat × {num(row.rasio_pegawai_per_alat, 4)} pegawai per "
                         f"alat × {num(row.shift or 1)} shift = {num(r.pegawai, 4)}")
        elif r.per_year:
            lines.append(f"{label}: {num(row.beban)} per {row.periode} ÷ {num(row.standar_kemampuan)} per "
                         f"{row.periode_standar}, setahun: {num(row.beban)} × {num(r.per_year[0])} ÷ "
                         f"({num(row.standar_kemampuan)} × {num(r.per_year[1])}) = {num(r.pegawai, 4)}")
        else:
            lines.append(f"{label}: {num(row.beban)} ÷ {num(row.standar_kemampuan)} = {num(r.pegawai, 4)}")
    lines.append(f"Jumlah kebutuhan sebelum dibulatkan = {num(position.k_raw, 4)}")
    if position.structural:
        lines.append(f"Jabatan struktural: K = {position.k} per jabatan.")
    else:
        lines.append(f"K = {position.k} ({DESCRIBED[position.rounding]}).")
    ej = "n/a (B = 0)" if position.efisiensi is None else f"{num(position.efisiensi, 2)} ({position.band})"
    lines.append(f"B = {position.bezetting}; EJ = {ej}.")
    return lines
