"""The header of a form as it is read: fields gathered since the last table, and the Header they make.

A field given twice keeps the later value, the one nearer the table; a value may stand on the lines
below an empty "Label :" (the ikhtisar's paragraph), and a title may name the position when no label
does. The unit kerja is a path, or levels (JPT Pratama, Administrator, Pengawas), or both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import header_fields as hf
from extractors import sections
from extractors.numbers import parse_int
from extractors.submission import Header

# A line that starts another item rather than continuing a value: "5. KUALIFIKASI", "b. Diklat", "Label : x".
_ITEM = re.compile(r"^\s*(\(?\d{1,2}[.)]|\(?[a-z][.)])\s|^[^:]{1,60}:", re.IGNORECASE)
# Fields whose value may stand on the lines below an empty "Label :", and how many lines they take.
BELOW = {"ikhtisar_jabatan": 15, "unit_kerja": 4, "nama_jabatan": 1, "instansi": 2, "kelas_jabatan": 1,
         "pendidikan": 3}
# A title that names the position ("ANALISIS BEBAN KERJA JABATAN PENGADMINISTRASI UMUM"): its name when
# no label gives one.
TITLE = re.compile(r"^\s*(formulir\s+)?(analisis beban kerja|abk)(\s*\(abk\))?\s+(untuk\s+)?jabatan\s*:?\s*"
                   r"(?P<name>[^:]{3,120})$", re.IGNORECASE)
# Fields a form's trailing sections may give when its header did not (an Anjab ends with "Kelas Jabatan").
_TRAILING = ("kelas_jabatan", "kode_jabatan", "bezetting", "tahun", "jenjang", "jenis_jabatan", "pendidikan",
             "instansi")


@dataclass
class PendingHeader:
    """Header fields seen since the last table; a field given twice keeps the later value, the one
    nearer the table (an instruction sheet's "Nama Jabatan : ..." comes before the form's own)."""

    values: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    below: tuple[str, int] | None = None      # a field whose value stands on the next lines

    def add(self, name: str, value: str) -> None:
        self.below = (name, BELOW[name]) if not value and name in BELOW else None
        if not value:
            return
        if name.startswith("level:"):
            self.levels[name[6:]] = value
        else:
            self.values[name] = value

    def continue_value(self, text: str) -> bool:
        """A line under an empty "Label :" is its value (the ikhtisar's paragraph, a unit's name)."""
        if self.below is None or _ITEM.match(text) or sections.anjab_title(text):
            self.below = None
            return False
        name, left = self.below
        self.extend(name, text)
        self.below = (name, left - 1) if left > 1 else None
        return True

    def extend(self, name: str, text: str) -> None:
        before = self.values.get(name)
        self.values[name] = f"{before}\n{text}" if before and name == "unit_kerja" else \
            f"{before} {text}" if before else text

    def __bool__(self) -> bool:
        return bool(self.values or self.levels)


def header_of(pending: PendingHeader) -> Header:
    v = pending.values
    units = hf.unit_path(v["unit_kerja"]) if v.get("unit_kerja") else []
    for unit in hf.unit_path(v["unit_organisasi"]) if v.get("unit_organisasi") else []:
        if unit.casefold() not in (u.casefold() for u in units):   # "Unit Organisasi" above "Unit Kerja"
            units.append(unit)
    levels = hf.assemble_levels(pending.levels)
    for level in levels:                                   # separate level lines complete a partial path
        if level.casefold() not in (u.casefold() for u in units):
            units.append(level)
    return Header(
        nama_jabatan=v.get("nama_jabatan") or v.get("judul_jabatan") or None,
        unit_kerja=units,
        ikhtisar_jabatan=v.get("ikhtisar_jabatan"),
        instansi=v.get("instansi"),
        kode_jabatan=v.get("kode_jabatan"),
        kelas_jabatan=parse_int(v.get("kelas_jabatan")),
        bezetting=parse_int(v.get("bezetting")),
        tahun=parse_int(v.get("tahun")),
        jenis_jabatan=v.get("jenis_jabatan"),
        jenjang=v.get("jenjang"),
        pendidikan=v.get("pendidikan"),
    )


def complete(header: Header, trailing: Header) -> None:
    """Fields a form's trailing sections give when its header did not."""
    for name in _TRAILING:
        if getattr(header, name) is None and getattr(trailing, name) is not None:
            setattr(header, name, getattr(trailing, name))
