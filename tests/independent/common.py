"""Pieces several layouts share: unit kerja in its printed styles, Tahapan, closing rows, Anjab tables."""
from __future__ import annotations

import html
import math
from decimal import ROUND_HALF_UP, Decimal

from .docs import C, Para, Table
from .model import Header, Position
from .numbers import fixed

LEVELS = ("JPT Utama", "JPT Madya", "JPT Pratama", "Administrator", "Pengawas", "Pelaksana", "Jabatan Fungsional")


def unit_path(units: tuple[str, ...], top_down: bool = False, sep: str = " / ") -> str:
    return sep.join(reversed(units) if top_down else units)


def unit_levels(h: Header, empty: str = "---") -> list[tuple[str, str]]:
    """The a.-g. block: the top unit at JPT Pratama, the next ones at Administrator and Pengawas;
    the position's own name on Pelaksana or Jabatan Fungsional; other levels empty."""
    values = dict.fromkeys(LEVELS, empty)
    top_down = list(reversed(h.units))
    for level, unit in zip(("JPT Pratama", "Administrator", "Pengawas"), top_down):
        values[level] = unit
    if h.jenis == "pelaksana":
        values["Pelaksana"] = h.nama
    elif h.jenis == "fungsional":
        values["Jabatan Fungsional"] = h.nama
    return [(f"{'abcdefg'[i]}. {level}", values[level]) for i, level in enumerate(LEVELS)]


def tahapan_text(uraian: str, steps: tuple[str, ...], label: str = "Tahapan :") -> str:
    if not steps:
        return uraian
    return uraian + "\n" + label + "\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))


def tahapan_html(uraian: str, steps: tuple[str, ...]) -> str:
    body = html.escape(uraian)
    if steps:
        body += "<p>Tahapan :</p><ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in steps) + "</ol>"
    return body


def need4(value: Decimal, locale: str = "en") -> str:
    """A printed need: at most 4 decimals, trailing zeros dropped (as JavaScript prints a number)."""
    q = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return fixed(q.normalize() if q != 0 else Decimal(0), locale=locale)


def total4(value: Decimal) -> tuple[str, Decimal]:
    """toFixed(4) of a total and the Decimal a reader takes from it."""
    q = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return format(q, "f"), q


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ceil(value: Decimal) -> int:
    return math.ceil(value)


def kv(rows: list[tuple[str, str]], sep: str = ":") -> Table:
    """A borderless label | : | value table."""
    return Table([[C(label), C(sep), C(value)] for label, value in rows], header_rows=0, grid=False,
                 widths=[30, 2, 68])


def anjab_tail_tables(p: Position, start: int = 7) -> list:
    """The Anjab sections that follow the ABK table: every one a table with a NO column."""
    h = p.header
    own = h.units[0]
    n = start
    blocks: list = []

    def section(title: str, head: list[str], rows: list[list[str]], widths: list[float]) -> None:
        nonlocal n
        blocks.append(Para(f"{n}. {title} :"))
        body = [[C(f"{i}."), *[C(v) for v in row]] for i, row in enumerate(rows, 1)]
        blocks.append(Table([[C(x) for x in ["NO", *head]], *body], widths=widths))
        n += 1

    section("HASIL KERJA", ["HASIL KERJA", "SATUAN HASIL"],
            [["Dokumen bahan dan data yang sudah diolah", "Dokumen"], ["Laporan pelaksanaan tugas", "Laporan"],
             ["Notulensi rapat", "Notulen"]], [5, 60, 35])
    section("BAHAN KERJA", ["BAHAN KERJA", "PENGGUNAAN DALAM TUGAS"],
            [["Disposisi pimpinan", "Pedoman pelaksanaan tugas"], ["Peraturan perundang-undangan",
                                                                   "Acuan penyusunan dokumen"],
             ["Data dan laporan unit kerja", "Bahan pengolahan data"]], [5, 45, 50])
    section("PERANGKAT KERJA", ["PERANGKAT KERJA", "PENGGUNAAN UNTUK TUGAS"],
            [["Komputer/laptop", "Mengolah data"], ["Printer", "Mencetak dokumen"], ["Jaringan internet",
                                                                                    "Mengirim laporan"]],
            [5, 45, 50])
    section("TANGGUNG JAWAB", ["URAIAN"],
            [["Kebenaran data yang diolah"], ["Ketepatan waktu penyampaian laporan"],
             ["Kerahasiaan dokumen"]], [5, 95])
    section("WEWENANG", ["URAIAN"], [["Meminta data kepada unit terkait"], ["Menolak berkas yang tidak lengkap"]],
            [5, 95])
    section("KORELASI JABATAN", ["Jabatan", "Unit Kerja/Instansi", "Dalam Hal"],
            [[f"Kepala {own}", h.instansi, "Menerima arahan dan menyampaikan laporan"],
             ["Pengolah Data", own, "Koordinasi pelaksanaan tugas"],
             ["Pengadministrasi Umum", h.units[-1], "Pertukaran data dan informasi"]], [5, 30, 35, 30])
    section("KONDISI LINGKUNGAN KERJA", ["ASPEK", "FAKTOR"],
            [["Tempat kerja", "Di dalam ruangan"], ["Suhu", "Sejuk"], ["Penerangan", "Terang"]], [5, 40, 55])
    return blocks
