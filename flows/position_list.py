"""The instansi's list of positions (daftar jabatan), read from the table planners keep it in: a CSV or an
Excel sheet (read with pandas, its columns found by their header words), or a previous pass's summary.json."""
from __future__ import annotations

import json
from pathlib import Path

from flows.tables import EXCEL, column_by_header, read_table

# Header words that name each column, as planners write them ("Unit Kerja", "NAMA_JABATAN", "Jabatan").
COLUMNS = {"unit_kerja": ("unit kerja", "unit organisasi", "satuan kerja", "unit"),
           "nama_jabatan": ("nama jabatan", "jabatan")}


class PositionListError(ValueError):
    """A list that cannot be used, said in Bahasa Indonesia with the row and column where possible."""


def read_position_list(path: Path) -> set[tuple[str, str]]:
    """(unit kerja path, own unit first; nama jabatan) of every listed position."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        summary = json.loads(path.read_text(encoding="utf-8"))
        return {(p["unit_kerja"], p["nama_jabatan"]) for a in summary["accepted"] for p in a["positions"]}
    if suffix not in EXCEL + (".csv",):
        raise PositionListError("daftar jabatan harus berupa .csv, .xlsx atau summary.json sebuah pass")
    frame = read_table(path)
    found = {key: column_by_header(frame, words) for key, words in COLUMNS.items()}
    absent = [key for key, column in found.items() if column is None]
    if absent:
        raise PositionListError(f"kolom {' dan '.join(absent)} tidak ditemukan; kolom yang ada: "
                                f"{', '.join(map(str, frame.columns))}")
    positions = set()
    for number, (unit, jabatan) in enumerate(zip(frame[found["unit_kerja"]], frame[found["nama_jabatan"]]), start=2):
        unit, jabatan = " ".join(unit.split()), " ".join(jabatan.split())
        if not unit and not jabatan:
            continue                                  # a blank line between groups
        if not unit or not jabatan:
            empty = found["unit_kerja"] if not unit else found["nama_jabatan"]
            raise PositionListError(f"baris {number}, kolom {empty}: kosong")
        positions.add((unit, jabatan))
    return positions

