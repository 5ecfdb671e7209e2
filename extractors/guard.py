"""Checks made before any parser touches a file: size, real format, and a zip's declared size.

The extension is a claim, the first bytes are the truth: a .pdf that is really text, or a .docx that
is really a picture, is unreadable; a Word 97 .doc is unsupported whatever it is called. Everything
here reads only the first bytes and a zip's central directory, so it is cheap and safe on any input.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from extractors.submission import TOO_LARGE, UNREADABLE, UNSUPPORTED_FORMAT, ExtractionError

_CLAIMS = {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The PDF specification lets a header sit anywhere in the first 1024 bytes (some mail gateways and
# scanners prepend junk); readers accept that, so do we.
_PDF_HEADER_WINDOW = 1024
# A real docx/xlsx inflates 5-30 times; past this ratio, at a size worth worrying about, it is a bomb.
_MAX_RATIO = 150
_RATIO_FLOOR = 2**20
_MAX_MEMBERS = 5000

_SAVE_AS = "simpan ulang sebagai .docx atau .xlsx lalu kirim kembali."


def check(path: Path, limits) -> str:
    """The real format ("pdf", "docx", "xlsx") of a file that may be parsed, or ExtractionError."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(_PDF_HEADER_WINDOW)
    except IsADirectoryError:
        raise ExtractionError(UNREADABLE, "yang dikirim adalah folder, bukan berkas.") from None
    except OSError as exc:
        raise ExtractionError(UNREADABLE, f"berkas tidak dapat dibuka ({type(exc).__name__}).") from None
    if size == 0:
        raise ExtractionError(UNREADABLE, "berkas kosong (0 byte).")
    if size > limits.max_bytes:
        raise ExtractionError(TOO_LARGE, f"ukuran berkas {_mb(size)} MB melebihi batas {_mb(limits.max_bytes)} MB.")
    claimed = _CLAIMS.get(path.suffix.lower())
    real = sniff(path, head, limits)
    if real is None:
        if claimed:
            raise ExtractionError(UNREADABLE, f"isi berkas bukan {_NAMES[claimed]} seperti nama berkasnya.")
        raise ExtractionError(UNSUPPORTED_FORMAT, "format berkas tidak didukung; kirim .docx, .xlsx atau PDF.")
    if claimed and claimed != real:
        raise ExtractionError(UNREADABLE, f"isi berkas adalah {_NAMES[real]}, bukan {_NAMES[claimed]} seperti "
                                          "nama berkasnya; perbaiki ekstensinya lalu kirim ulang.")
    return real


def sniff(path: Path, head: bytes, limits) -> str | None:
    """The format the bytes are, None when they are none we read; legacy and OpenDocument raise."""
    if head.startswith(_OLE2):
        raise ExtractionError(UNSUPPORTED_FORMAT, f"format Word/Excel 97-2003 (.doc/.xls) tidak didukung; {_SAVE_AS}")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path, limits)
    return None


def _zip_kind(path: Path, limits) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ExtractionError(UNREADABLE, "berkas rusak atau terpotong (arsip zip tidak utuh).") from None
    if len(infos) > _MAX_MEMBERS:
        raise ExtractionError(TOO_LARGE, f"berkas berisi {len(infos)} bagian, melebihi batas {_MAX_MEMBERS}.")
    declared = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos) or 1
    if declared > limits.max_uncompressed_bytes:
        raise ExtractionError(TOO_LARGE, f"isi berkas terurai menjadi {_mb(declared)} MB, melebihi batas "
                                         f"{_mb(limits.max_uncompressed_bytes)} MB.")
    if declared > _RATIO_FLOOR and declared / compressed > _MAX_RATIO:
        raise ExtractionError(TOO_LARGE, f"isi berkas dimampatkan {declared // compressed} kali lipat, tidak wajar "
                                         "untuk dokumen (kemungkinan bom zip).")
    names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        raise ExtractionError(UNSUPPORTED_FORMAT, f"format OpenDocument (.odt/.ods) tidak didukung; {_SAVE_AS}")
    return None


def _mb(size: int) -> str:
    """Megabytes with one decimal, rounded up so that a size just over a limit never prints as equal."""
    tenths = -(-size * 10 // 2**20)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"
