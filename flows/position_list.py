"""The instansi's list of positions (daftar jabatan, or its SOTK table), read from the table planners keep it
in: a CSV or an Excel sheet (read with pandas, its columns found by their header words), or a previous pass's
summary.json. Besides unit and name, a list may give each position's kelas, jenis and kualifikasi pendidikan."""
from __future__ import annotations

import json
import re
from pathlib import Path

from calculators.coverage import Listed
from calculators.wording import same_words
from extractors.submission import UNIT_SEPARATOR
from flows.tables import EXCEL, column_by_header, read_table

# Header words that name each column, as planners write them ("Unit Kerja", "NAMA_JABATAN", "Jabatan").
COLUMNS = {"unit_kerja": ("unit kerja", "unit organisasi", "satuan kerja", "unit"),
           "nama_jabatan": ("nama jabatan", "jabatan")}
# An SOTK table often names the perangkat daerah in a column of its own and the unit below it in another
# (empty for the head of the perangkat daerah): the two make the unit path forms write.
PERANGKAT_DAERAH = ("perangkat daerah", "opd", "skpd", "unit induk", "unor induk")
OPTIONAL = {"kelas": ("kelas jabatan", "kelas"), "jenis": ("jenis jabatan", "jenis"),
            "pendidikan": ("kualifikasi pendidikan", "pendidikan"), "jenjang": ("jenjang jabatan", "jenjang")}


class PositionListError(ValueError):
    """A list that cannot be used, said in Bahasa Indonesia with the row and column where possible."""


def read_position_list(path: Path) -> dict[tuple[str, str], Listed]:
    """(unit kerja path, own unit first; nama jabatan) of every listed position, with what the list says of it."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        summary = json.loads(path.read_text(encoding="utf-8"))
        return {(p["unit_kerja"], p["nama_jabatan"]): Listed() for a in summary["accepted"] for p in a["positions"]}
    if suffix not in EXCEL + (".csv",):
        raise PositionListError("daftar jabatan harus berupa .csv, .xlsx atau summary.json sebuah pass")
    frame = read_table(path)
    found = {key: column_by_header(frame, words) for key, words in COLUMNS.items()}
    absent = [key for key, column in found.items() if column is None]
    if absent:
        raise PositionListError(f"kolom {' dan '.join(absent)} tidak ditemukan; kolom yang ada: "
                                f"{', '.join(map(str, frame.columns))}")
    extra = {key: column_by_header(frame, words) for key, words in OPTIONAL.items()}
    top = column_by_header(frame, PERANGKAT_DAERAH)
    positions = {}
    for number, row in enumerate(frame.to_dict("records"), start=2):
        unit, jabatan = (" ".join(str(row[found[key]]).split()) for key in ("unit_kerja", "nama_jabatan"))
        if top is not None:
            unit = _under(unit, " ".join(str(row[top]).split()))
        if not unit and not jabatan:
            continue                                  # a blank line between groups
        if not unit or not jabatan:
            empty = found["unit_kerja"] if not unit else found["nama_jabatan"]
            raise PositionListError(f"baris {number}, kolom {empty}: kosong")
        given = {key: " ".join(str(row[column]).split()) if column else "" for key, column in extra.items()}
        kelas = re.fullmatch(r"\d{1,2}(\.0)?", given["kelas"])
        if given["kelas"] and not kelas:
            raise PositionListError(f"baris {number}, kolom {extra['kelas']}: kelas '{given['kelas']}' bukan angka 1-17")
        positions[(unit, jabatan)] = Listed(int(float(given["kelas"])) if kelas else None, given["jenis"],
                                            given["pendidikan"], given["jenjang"])
    return positions


def _under(unit: str, perangkat: str) -> str:
    """The unit path with its perangkat daerah on top, unless the unit column already ends with it."""
    if not perangkat or (unit and same_words(unit.split(UNIT_SEPARATOR.strip())[-1]) == same_words(perangkat)):
        return unit
    return f"{unit}{UNIT_SEPARATOR}{perangkat}" if unit else perangkat
