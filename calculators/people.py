"""The instansi's people, from its HR export (SIASN/SIMPEG), as counts per position: who holds each
position today (B), who reaches the retirement age (BUP) in each of the coming years, whose PPPK
contract ends. Only counts leave this module's callers: documents never show a name or a NIP.

BUP, PP 11/2017 Pasal 239 (unchanged by PP 17/2020): 58 for pejabat administrasi (administrator, pengawas,
pelaksana) and for jabatan fungsional ahli pertama, ahli muda and keterampilan; 60 for pejabat pimpinan
tinggi and jabatan fungsional ahli madya; 65 for jabatan fungsional ahli utama. A PNS is discharged at
the end of the month in which the age is reached and the pension starts the first day of the next month
(TMT pensiun). A five-year proposal counts a departure in the year the position is first without its
holder: the TMT pensiun's year (someone reaching BUP in December leaves a vacancy in January), and for a
PPPK the year of the day after the contract's last day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from calculators.wording import same_words
from extractors.submission import UNIT_SEPARATOR

PNS, PPPK = "PNS", "PPPK"
DEFAULT_BUP = {"ahli_utama": 65, "ahli_madya": 60, "pimpinan_tinggi": 60, "lainnya": 58}
# Pimpinan tinggi in a region or ministry by the name of the position: the heads of a dinas, badan,
# inspektorat or secretariat at that level, asisten and staf ahli (the kelas of a position is not in
# every HR export, its name is).
_PIMPINAN_TINGGI = re.compile(r"^(sekretaris daerah|asisten\b|staf ahli\b|inspektur( daerah| provinsi| kabupaten| kota)?$|"
                              r"kepala (dinas|badan)\b|sekretaris dprd\b|direktur( jenderal| utama)?\b|"
                              r"deputi\b|sekretaris jenderal\b|inspektur jenderal\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Employee:
    unit_kerja: str               # unit path, own unit first, as forms write it
    jabatan: str
    status: str                   # PNS | PPPK
    lahir: date | None = None
    akhir_kontrak: date | None = None     # PPPK only


@dataclass
class PositionPeople:
    unit_kerja: str = ""          # as the export first wrote the position, to name it back
    jabatan: str = ""
    b: int = 0
    pensiun: dict[int, int] = field(default_factory=dict)          # year -> PNS reaching BUP that year
    pppk_berakhir: dict[int, int] = field(default_factory=dict)    # year -> PPPK contracts ending that year


def people_key(unit_path: str, jabatan: str) -> tuple[str, str, str]:
    """A position as an HR export can name it: its own unit, its perangkat daerah and its name. Exports
    give the unit (unor) and its top (unor induk), rarely the levels between, which forms write."""
    units = [same_words(u) for u in unit_path.split(UNIT_SEPARATOR)]
    return units[0], units[-1], same_words(jabatan)


def bup(jabatan: str, table: dict[str, int] = DEFAULT_BUP) -> int:
    name = same_words(jabatan)
    if "ahli utama" in name:
        return table["ahli_utama"]
    if "ahli madya" in name:
        return table["ahli_madya"]
    if _PIMPINAN_TINGGI.match(name):
        return table["pimpinan_tinggi"]
    return table["lainnya"]


def vacant_from(lahir: date, age: int) -> date:
    """TMT pensiun: the first day of the month after the one in which ``age`` is reached."""
    year, month = lahir.year + age, lahir.month + 1
    return date(year + month // 13, (month - 1) % 12 + 1, 1)


def by_position(people: list[Employee], first_year: int, years: int = 5,
                table: dict[str, int] = DEFAULT_BUP) -> dict[tuple[str, str, str], PositionPeople]:
    """Per position (people_key: case and spacing aside), B today and who leaves in each of ``years`` budget
    years from ``first_year``."""
    window = range(first_year, first_year + years)
    counts: dict[tuple[str, str], PositionPeople] = {}
    for person in people:
        held = counts.setdefault(people_key(person.unit_kerja, person.jabatan),
                                 PositionPeople(person.unit_kerja, person.jabatan))
        held.b += 1
        if person.status == PNS and person.lahir is not None:
            year = vacant_from(person.lahir, bup(person.jabatan, table)).year
            if year in window:
                held.pensiun[year] = held.pensiun.get(year, 0) + 1
        if person.status == PPPK and person.akhir_kontrak is not None:
            year = (person.akhir_kontrak + timedelta(days=1)).year
            if year in window:
                held.pppk_berakhir[year] = held.pppk_berakhir.get(year, 0) + 1
    return counts
