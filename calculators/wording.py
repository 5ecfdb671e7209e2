"""How findings name forms, rows and columns for the sender, in Bahasa Indonesia."""
from __future__ import annotations

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


def same_words(text: str) -> str:
    """A name as people compare names they typed by hand: case and spacing aside."""
    return " ".join(text.casefold().split())


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


def where(form: Form, row: Row | None = None, key: str | None = None) -> str:
    parts = [form_name(form)]
    if row is not None:
        parts.append(row_name(row))
    if key is not None:
        parts.append(column(key))
    return ", ".join(parts)
