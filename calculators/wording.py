"""How findings name things for the sender, in Bahasa Indonesia."""
from __future__ import annotations

from decimal import Decimal

from extractors.submission import Form, Row

COLUMN_NAMES = {
    "uraian": "Uraian Tugas",
    "satuan": "Satuan Hasil",
    "norma_waktu_menit": "Waktu Penyelesaian",
    "volume": "Volume/Beban Kerja",
    "wke_menit": "Waktu Kerja Efektif",
    "periode": "Periode",
    "beban": "Beban Kerja",
    "standar_kemampuan": "Standar Kemampuan",
    "jumlah_alat": "Jumlah Peralatan",
    "rasio_pegawai_per_alat": "Rasio Pegawai per Alat",
    "shift": "Shift",
    "pegawai_tercetak": "Pegawai yang Dibutuhkan",
    "nama_jabatan": "Nama Jabatan",
    "unit_kerja": "Unit Kerja",
}


def form_name(form: Form) -> str:
    name = form.header.nama_jabatan or "tanpa nama jabatan"
    return f"formulir {form.index + 1} ({name})"


def row_name(row: Row) -> str:
    return f"baris {row.number}"


def rows_words(lines: list[int]) -> str:
    """Row numbers as a reader scans them: "baris 4", "baris 1–7", "baris 1, 3 dan 5–7"."""
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in spans]
    return "baris " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1])


def column(key: str) -> str:
    return f"kolom {COLUMN_NAMES.get(key, key)}"


def num(value: Decimal | int | None, places: int | None = None) -> str:
    """Indonesian notation: 75.000 and 0,125 (unrounded unless ``places`` is given)."""
    if value is None:
        return "-"
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return indonesian(format(value.normalize() if places is None else value, "f"))


def num_short(value: Decimal) -> str:
    """A figure with two decimals only when it has a fraction: 72.000 and 319,15."""
    return num(value) if Decimal(value) == Decimal(value).to_integral_value() else num(value, 2)


def indonesian(text: str) -> str:
    """A plain decimal string ("-75000.125") in Indonesian notation ("-75.000,125")."""
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def where(form: Form, row: Row | None = None, key: str | None = None) -> str:
    parts = [form_name(form)]
    if row is not None:
        parts.append(row_name(row))
    if key is not None:
        parts.append(column(key))
    return ", ".join(parts)
