"""Consolidation per unit, perangkat daerah and instansi; the 5-year view; the selisih convention."""
from __future__ import annotations

from decimal import Decimal as D

import calculators
from calculators.settings import Rules
from tests.calc_builders import submission, task_form


def _positions(*forms, rules=Rules()):
    return calculators.assess(submission(*forms), rules).positions


def test_totals_per_unit_perangkat_daerah_and_instansi():
    forms = [
        task_form([(150000, 1, 75000)], name="Analis", unit=("Seksi A", "Dinas X"), b=1),       # K 2
        task_form([(75000, 1, 75000)], name="Pengemudi", unit=("Seksi A", "Dinas X"), b=3),     # K 1
        task_form([(225000, 1, 75000)], name="Pengolah", unit=("Sub Bagian B", "Badan Y"), b=0),  # K 3
    ]
    rekap = calculators.consolidate(_positions(*forms), Rules(), "Kabupaten Contoh")
    assert (rekap.total.b, rekap.total.k, rekap.total.kekurangan, rekap.total.kelebihan) == (4, 6, 4, 2)
    assert rekap.total.selisih == -2 and rekap.total.usulan == 4
    assert rekap.per_perangkat_daerah["Dinas X"].k == 3 and rekap.per_perangkat_daerah["Badan Y"].k == 3
    assert rekap.per_unit["Seksi A / Dinas X"].b == 4
    assert rekap.efisiensi_unit["Seksi A / Dinas X"] == D(3) / D(4)
    assert rekap.efisiensi_unit["Sub Bagian B / Badan Y"] is None
    assert [r.perangkat_daerah for r in rekap.rows] == ["Badan Y", "Dinas X", "Dinas X"]
    other = calculators.consolidate(_positions(*forms), Rules(selisih="k_minus_b"), "Kabupaten Contoh")
    assert other.total.selisih == 2


def test_the_five_year_view_adds_retirements_and_ending_contracts():
    form = task_form([(150000, 1, 75000)], b=1, pensiun={2027: 1, 2029: 2}, pppk_berakhir={2028: 1})
    rekap = calculators.consolidate(_positions(form), Rules(), "K")
    assert rekap.lima_tahun[2027] == {"kekurangan": 1, "pensiun": 1, "pppk_berakhir": 0, "jumlah": 2, "pns": 2, "pppk": 0}
    assert rekap.lima_tahun[2029]["jumlah"] == 2


def test_each_year_of_the_five_is_split_pns_and_pppk_by_the_jabatan_as_the_usulan_is():
    forms = [task_form([(150000, 1, 75000)], name="Pengemudi", b=1, pensiun={2027: 1}, pppk_berakhir={2028: 2}),
             task_form([(225000, 1, 75000)], name="Analis", b=1, pensiun={2028: 1}, pppk_berakhir={2029: 1})]
    rules = Rules(pppk_jabatan=("pengemudi",))
    rekap = calculators.consolidate(_positions(*forms, rules=rules), rules, "K")
    years = rekap.lima_tahun
    # 2027: Pengemudi short 1 + 1 retiring (PPPK), Analis short 2 (PNS); 2028: 2 PPPK contracts + 1 PNS retiring
    assert (years[2027]["pns"], years[2027]["pppk"]) == (2, 2)
    assert (years[2028]["pns"], years[2028]["pppk"]) == (1, 2)
    assert (years[2029]["pns"], years[2029]["pppk"]) == (1, 0)
    assert all(v["pns"] + v["pppk"] == v["jumlah"] for v in years.values())
    assert years[2027]["pppk"] - 1 == rekap.total.usulan_pppk        # the first year holds today's usulan split


def test_the_same_jabatan_and_kelas_over_staffed_in_one_perangkat_daerah_and_short_in_another_can_move():
    from calculators.redistribution import redistribution
    from calculators.settings import Rules
    from tests.calc_builders import submission, task_form

    def position(name, unit, b, workload, kelas=7):
        form = task_form([(workload, 1, 75000)], name=name, unit=unit, b=b, kelas_jabatan=kelas)
        return calculators.assess(submission(form), Rules()).positions[0]

    rekap = calculators.consolidate([
        position("Pengadministrasi Umum", ("Sekretariat", "Dinas A"), 5, 150000),     # K 2: 3 too many
        position("pengadministrasi  umum", ("Sekretariat", "Dinas B"), 1, 300000),    # K 4: 3 short
        position("Pengadministrasi Umum", ("Seksi X", "Dinas A"), 0, 75000),          # short, same dinas
        position("Pengadministrasi Umum", ("Sekretariat", "Dinas C"), 0, 75000, 5),  # another kelas
    ], Rules(), "Kab")
    [move] = redistribution(rekap.rows)
    assert (move.dari.perangkat_daerah, move.ke.perangkat_daerah, move.jumlah) == ("Dinas A", "Dinas B", 3)
