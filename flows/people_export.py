"""The HR export (SIASN or the regional SIMPEG, xlsx or csv), read with pandas, its columns found by their
header words. What is kept per person is the position, the status and two dates; names are never read,
and the NIP only to find duplicates and a missing date of birth. A row that cannot be used is left out
and said, with its row and column; a file without the needed columns is not used at all, and said."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from calculators.people import PNS, PPPK, Employee
from extractors.submission import UNIT_SEPARATOR
from flows.tables import column_by_header, read_table

# Most specific words first; compared with case, spacing and underscores aside.
COLUMNS = {
    "nip": ("nip baru", "nip", "ni pppk"),
    "unit": ("unit kerja", "unit organisasi", "unor", "satuan kerja", "unit"),
    "perangkat_daerah": ("perangkat daerah", "unor induk", "instansi kerja", "opd", "skpd"),
    "jabatan": ("nama jabatan", "jabatan"),
    "status": ("status kepegawaian", "status pegawai", "jenis pegawai", "status asn", "status"),
    "lahir": ("tanggal lahir", "tgl lahir", "tgl. lahir"),
    "akhir": ("akhir perjanjian kerja", "tmt akhir kontrak", "akhir kontrak", "akhir perjanjian", "tmt akhir"),
}
REQUIRED = ("nip", "unit", "jabatan")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


@dataclass
class PeopleExport:
    employees: list[Employee] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)       # Bahasa Indonesia, each naming row and column


def read_people(path: Path) -> PeopleExport:
    name = path.name
    try:
        frame = read_table(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return PeopleExport(problems=[f"{name}: tidak dapat dibaca ({type(exc).__name__}); data pegawai tidak dipakai."])
    found = {key: column_by_header(frame, words) for key, words in COLUMNS.items()}
    absent = [key for key in REQUIRED if found[key] is None]
    if absent:
        return PeopleExport(problems=[f"{name}: kolom {', '.join(absent)} tidak ditemukan (kolom yang ada: "
                                      f"{', '.join(map(str, frame.columns))}); data pegawai tidak dipakai."])
    export, seen = PeopleExport(), {}
    for number, row in enumerate(frame.to_dict("records"), start=2):
        value = {key: " ".join(str(row[column]).split()) if column else "" for key, column in found.items()}
        if not any(value.values()):
            continue
        where = f"{name}, baris {number}"
        person, problem = _person(value, found, where)
        if problem:
            export.problems.append(problem)
            continue
        nip = value["nip"]
        if nip in seen:
            export.problems.append(f"{where}, kolom {found['nip']}: NIP {_masked(nip)} sudah ada pada baris {seen[nip]}; "
                                   "baris ini tidak dipakai.")
            continue
        seen[nip] = number
        export.employees.append(person)
    return export


def _person(value: dict, found: dict, where: str) -> tuple[Employee | None, str | None]:
    for key in REQUIRED:
        if not value[key]:
            return None, f"{where}, kolom {found[key]}: kosong; baris ini tidak dipakai."
    status = PPPK if re.search(r"pppk|p3k|perjanjian", value["status"], re.IGNORECASE) else PNS
    dates = {}
    for key in ("lahir", "akhir"):
        text = value[key]
        dates[key] = _date(text) if text else None
        if text and dates[key] is None:
            return None, f"{where}, kolom {found[key]}: tanggal '{text}' tidak terbaca (tulis 31-12-1970); baris ini tidak dipakai."
    lahir = dates["lahir"] or _born(value["nip"])
    if lahir is None and status == PNS:
        return None, (f"{where}: tanggal lahir tidak ada dan tidak terbaca dari NIP {_masked(value['nip'])}; "
                      "baris ini tidak dipakai.")
    unit = value["unit"]
    top = value["perangkat_daerah"]
    if top and not unit.casefold().endswith(top.casefold()):
        unit = f"{unit}{UNIT_SEPARATOR}{top}"              # the path forms write: own unit first, up to the top
    return Employee(unit, value["jabatan"], status, lahir, dates["akhir"]), None


def _date(text: str) -> date | None:
    """ISO (as Excel cells come out: 1970-12-31 00:00:00) or day first (31-12-1970, 31/12/1970)."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    found = _NUMERIC_DATE.match(text)
    if found:
        try:
            return date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        except ValueError:
            return None
    return None


def _born(nip: str) -> date | None:
    """A NIP (and a PPPK's NI) begins with the date of birth, YYYYMMDD."""
    digits = re.sub(r"\D", "", nip)
    if len(digits) != 18:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _masked(nip: str) -> str:
    # Messages go to logs and the Prefect UI: enough of the NIP to find the row, not the whole of it.
    return nip[:4] + "…" + nip[-3:] if len(nip) > 8 else nip

