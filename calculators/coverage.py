"""Which expected positions no accepted form covers yet: what the letter must say is still missing."""
from __future__ import annotations

from calculators.results import Rekap
from calculators.structure import perangkat_daerah
from extractors.submission import UNIT_SEPARATOR


def _key(unit_path: str, jabatan: str) -> tuple[str, str]:
    # Lists are typed by hand: case and spacing must not make a covered position look missing.
    return " ".join(unit_path.casefold().split()), " ".join(jabatan.casefold().split())


def missing_positions(rekap: Rekap, expected: set[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(perangkat daerah, unit path, nama jabatan) of each expected (unit path, jabatan) without an accepted
    form, in the order of the organisation."""
    present = {_key(r.unit_kerja, r.nama_jabatan) for r in rekap.rows}
    missing = {(perangkat_daerah(unit.split(UNIT_SEPARATOR)) or unit, unit, jabatan)
               for unit, jabatan in expected if _key(unit, jabatan) not in present}
    return sorted(missing, key=lambda m: (m[0].casefold(), m[1].split(UNIT_SEPARATOR)[::-1], m[2].casefold()))
