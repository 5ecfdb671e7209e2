"""From positions to the rekap the letter and the peta need: per unit, perangkat daerah, instansi."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from calculators.precision import staffing_arithmetic
from calculators.results import PositionResult, Rekap, RekapRow, Totals
from calculators.settings import Rules
from calculators.structure import STRUKTURAL, jenis_jabatan, jenjang, perangkat_daerah
from calculators.wording import same_words

_KIND_ORDER = {STRUKTURAL: 0, "fungsional": 1, "pelaksana": 2}


@staffing_arithmetic
def consolidate(positions: list[PositionResult], rules: Rules, instansi_nama: str) -> Rekap:
    rows = sorted((_row(p, rules, instansi_nama) for p in positions), key=_order)
    per_pd: dict[str, Totals] = defaultdict(Totals)
    per_unit: dict[str, Totals] = defaultdict(Totals)
    workload: dict[str, Decimal] = defaultdict(Decimal)
    staffed: dict[str, int] = defaultdict(int)
    total = Totals()
    for row in rows:
        for totals in (per_pd[row.perangkat_daerah], per_unit[row.unit_kerja], total):
            _add(totals, row)
        workload[row.unit_kerja] += row.position.k_raw
        staffed[row.unit_kerja] += row.b
    eu = {unit: (workload[unit] / staffed[unit] if staffed[unit] else None) for unit in per_unit}
    return Rekap(rows, dict(per_pd), dict(per_unit), total, eu, _five_years(rows))


def selisih(b: int, k: int, convention: str) -> int:
    return b - k if convention == "b_minus_k" else k - b


def selisih_formula(convention: str) -> str:
    """The same sign in words, for the documents."""
    return "B − K" if convention == "b_minus_k" else "K − B"


def _row(position: PositionResult, rules: Rules, instansi_nama: str) -> RekapRow:
    header = position.form.header
    b, k = position.bezetting, position.k
    as_pppk = by_pppk(header.nama_jabatan or "", rules)
    kind = jenis_jabatan(header)
    level = jenjang(header)
    if level and kind == "fungsional":
        kind = f"fungsional {level}"
    return RekapRow(
        perangkat_daerah=perangkat_daerah(header.unit_kerja) or instansi_nama,
        unit_kerja=header.unit_kerja_path or instansi_nama,
        nama_jabatan=header.nama_jabatan or "",
        jenis_jabatan=kind,
        kelas_jabatan=header.kelas_jabatan,
        pendidikan=header.pendidikan,
        b=b, k=k, selisih=selisih(b, k, rules.selisih),
        kekurangan=max(k - b, 0), kelebihan=max(b - k, 0), usulan=max(k - b, 0),
        usulan_pppk=max(k - b, 0) if as_pppk else 0,
        efisiensi=position.efisiensi,
        file_name=position.file_name or "",
        position=position,
        pppk=as_pppk,
    )


def by_pppk(jabatan: str, rules: Rules) -> bool:
    """Whether the instansi proposes this jabatan as PPPK: its name holds one of the configured names."""
    return any(same_words(p) in same_words(jabatan) for p in rules.pppk_jabatan)


def _order(row: RekapRow):
    units = list(reversed(row.position.form.header.unit_kerja))      # top-down
    return (row.perangkat_daerah.casefold(), [u.casefold() for u in units],
            _KIND_ORDER.get(jenis_jabatan(row.position.form.header), 3), row.nama_jabatan.casefold())


def _add(totals: Totals, row: RekapRow) -> None:
    totals.b += row.b
    totals.k += row.k
    totals.selisih += row.selisih
    totals.kekurangan += row.kekurangan
    totals.kelebihan += row.kelebihan
    totals.usulan += row.usulan
    totals.usulan_pppk += row.usulan_pppk


FIVE_YEARS = 5


def _five_years(rows: list[RekapRow]) -> dict[int, dict[str, int]]:
    """Per year: people leaving (BUP retirements, ending PPPK contracts) to be replaced on top of
    today's shortage, which is counted in the first year; split PNS/PPPK by the jabatan, as the usulan is."""
    leaving = [(row, kind, year, count) for row in rows
               for kind, data in (("pensiun", row.position.form.header.pensiun),
                                  ("pppk_berakhir", row.position.form.header.pppk_berakhir))
               for year, count in data.items()]
    if not leaving:
        return {}
    first, last = min(y for _, _, y, _ in leaving), max(y for _, _, y, _ in leaving)
    years = {year: dict.fromkeys(("kekurangan", "pensiun", "pppk_berakhir", "jumlah", "pns", "pppk"), 0)
             for year in range(first, max(last, first + FIVE_YEARS - 1) + 1)}    # every year said, none left out
    needs = [(row, "kekurangan", first, row.kekurangan) for row in rows] + leaving
    for row, kind, year, count in needs:
        data = years[year]
        data[kind] += count
        data["jumlah"] += count
        data["pppk" if row.pppk else "pns"] += count
    return years
