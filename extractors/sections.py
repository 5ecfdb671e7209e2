"""The sections of a document around its ABK table, by their titles.

A combined Anjab-ABK document numbers its sections ("6. TUGAS POKOK", "7. HASIL KERJA", ...); the ABK
table stands under the first kind of title, and the tables under the others (Hasil Kerja, Bahan Kerja,
Korelasi Jabatan, ...) have a NO column and sometimes a time or a volume, but are no task tables. A
workbook may open with an instruction sheet that shows a sample table.
"""
from __future__ import annotations

import re

_NUMBERING = r"^\s*((\d{1,2}|[ivx]{1,4}|[a-z])[.)]?\s*)?"
_ANJAB = re.compile(
    _NUMBERING + r"(hasil kerja|bahan kerja|perangkat kerja|tanggung ?jawab|wewenang|korelasi jabatan|"
    r"kondisi lingkungan kerja|lingkungan kerja|risiko bahaya|resiko bahaya|syarat jabatan|"
    r"prestasi (kerja )?yang diharapkan|butir informasi lain)\s*:?\s*$", re.IGNORECASE)
_ABK = re.compile(_NUMBERING + r"(tugas pokok|uraian tugas|analisis beban kerja|beban kerja|abk)\b", re.IGNORECASE)
_INSTRUCTIONS = re.compile(r"^\W*(petunjuk|cara (pengisian|mengisi)|panduan|instruksi|contoh( pengisian)?|"
                           r"keterangan pengisian)\b", re.IGNORECASE)


def anjab_title(text: str) -> bool:
    """A numbered title of an Anjab section whose tables are not the ABK table ("7. HASIL KERJA :")."""
    return bool(_ANJAB.match(text or ""))


def abk_title(text: str) -> bool:
    """A title that opens the ABK part ("6. TUGAS POKOK :", "ANALISIS BEBAN KERJA")."""
    return bool(_ABK.match(text or ""))


def explains(sheet: str | None, first_text: str) -> bool:
    """An instruction sheet ("Petunjuk Pengisian", "Contoh"), by its sheet name or its first words."""
    return bool(sheet and _INSTRUCTIONS.match(sheet)) or bool(_INSTRUCTIONS.match(first_text or ""))


def lone_text(cells: list[str | None]) -> str | None:
    """The text of a row holding one text only (a title written in a table's first cell)."""
    texts = [c.strip() for c in cells if c and c.strip()]
    return texts[0] if len(texts) == 1 else None
