"""The unit tree of a peta jabatan: perangkat daerah at the top, sub-units below, positions in each."""
from __future__ import annotations

from dataclasses import dataclass, field

from calculators.coverage import Missing
from calculators.results import Rekap, RekapRow
from calculators.structure import STRUKTURAL, jenis_jabatan
from extractors.submission import UNIT_SEPARATOR, Header
from report_templates.context import signed

# Sub-units of one perangkat daerah drawn side by side on one sheet; more go to further sheets, so
# a large unit is split over pages instead of shrunk until it cannot be read.
UNITS_PER_PAGE = {"A3": 5, "F4": 4, "A4": 3}
PAPER = {"A3": "420mm 297mm", "A4": "297mm 210mm", "F4": "330mm 215mm"}


@dataclass
class Unit:
    nama: str
    positions: list[dict] = field(default_factory=list)
    children: list["Unit"] = field(default_factory=list)
    b: int = 0
    k: int = 0

    def child(self, nama: str) -> "Unit":
        for unit in self.children:
            if unit.nama == nama:
                return unit
        self.children.append(Unit(nama))
        return self.children[-1]


def box(row: RekapRow) -> dict:
    return {"nama": row.nama_jabatan, "kelas": row.kelas_jabatan or "-", "b": row.b, "k": row.k,
            "selisih": signed(row.selisih), "struktural": (row.jenis_jabatan or "").startswith("struktural"),
            "belum": False}


def missing_box(missing: Missing) -> dict:
    """A listed position no accepted form covers yet: drawn where it belongs, marked, without a K; its kelas
    and jenis from the list (an SOTK table says which are struktural) and its B from the HR export."""
    return {"nama": missing.nama_jabatan, "kelas": missing.kelas or "-", "b": "-" if missing.b is None else missing.b,
            "k": "-", "selisih": "", "belum": True,
            "struktural": jenis_jabatan(Header(nama_jabatan=missing.nama_jabatan, jenis_jabatan=missing.jenis or None,
                                               jenjang=missing.jenjang or None)) == STRUKTURAL}


def trees(rekap: Rekap, missing: tuple[Missing, ...] = ()) -> list[Unit]:
    """One tree per perangkat daerah: the positions of the accepted forms, and the listed ones still
    without a form."""
    tops: dict[str, Unit] = {}

    def place(path: list[str], position: dict) -> None:
        unit = tops.setdefault(path[0], Unit(path[0]))
        for name in path[1:]:
            unit = unit.child(name)
        unit.positions.append(position)

    for row in rekap.rows:
        place(list(reversed(row.position.form.header.unit_kerja)) or [row.perangkat_daerah], box(row))
    for position in missing:
        place(list(reversed(position.unit_kerja.split(UNIT_SEPARATOR))), missing_box(position))
    for top in tops.values():
        _totals(top)
        _structural_first(top)
    return list(tops.values())


def pages(rekap: Rekap, paper: str, missing: tuple[Missing, ...] = ()) -> list[dict]:
    """One sheet per perangkat daerah, or several when its sub-units do not fit side by side."""
    per_page = UNITS_PER_PAGE[paper]
    sheets = []
    for top in trees(rekap, missing):
        chunks = [top.children[i:i + per_page] for i in range(0, len(top.children), per_page)] or [[]]
        for n, chunk in enumerate(chunks, start=1):
            sheets.append({"top": top, "children": chunk, "part": n, "parts": len(chunks)})
    return sheets


def _totals(unit: Unit) -> None:
    for child in unit.children:
        _totals(child)
    counted = [p for p in unit.positions if not p.get("belum")]
    unit.b = sum(p["b"] for p in counted) + sum(c.b for c in unit.children)
    unit.k = sum(p["k"] for p in counted) + sum(c.k for c in unit.children)


def _structural_first(unit: Unit) -> None:
    unit.positions.sort(key=lambda p: not p["struktural"])
    # The secretariat is drawn first, as on every peta jabatan; other units keep the order they came in.
    unit.children.sort(key=lambda c: not c.nama.casefold().startswith("sekretariat"))
    for child in unit.children:
        _structural_first(child)
