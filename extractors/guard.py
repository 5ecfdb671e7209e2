"""A file in, a normalised submission or a verdict out: the checks made before any parser touches the
file, the reader its real format names (``formats``), the form understanding, and the verdicts for what
a parser breaks on.

The extension is a claim, the first bytes are the truth: a .pdf that is really text, or a .docx that
is really a picture, is unreadable; a Word 97 .doc is unsupported whatever it is called. The checks
read only the first bytes and a zip's central directory, so they are cheap and safe on any input.
"""
from __future__ import annotations

import importlib
import os
import zipfile
from pathlib import Path

from extractors.formats import BY_NAME, BY_SUFFIX, FORMATS, Limits
from extractors.submission import (NO_TEXT_LAYER, TOO_LARGE, UNREADABLE, UNSUPPORTED_FORMAT, ExtractionError,
                                   Submission)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# The PDF specification lets a header sit anywhere in the first 1024 bytes (some mail gateways and
# scanners prepend junk); readers accept that, so do we.
_PDF_HEADER_WINDOW = 1024
# A real docx/xlsx inflates 5-30 times; past this ratio, at a size worth worrying about, it is a bomb.
_MAX_RATIO = 150
_RATIO_FLOOR = 2**20
_MAX_MEMBERS = 5000

_SAVE_AS = "simpan ulang sebagai .docx atau .xlsx lalu kirim kembali."
_OFFERED = [f.offered for f in FORMATS]
_UNKNOWN = f"format berkas tidak didukung; kirim {', '.join(_OFFERED[:-1])} atau {_OFFERED[-1]}."


def extract(path, limits: Limits = Limits()) -> Submission:
    """Guard, read by the real format (a PDF without text and a picture by OCR, marked ``ocr`` for the
    calculators to confirm), understand; ExtractionError for a file that cannot be used."""
    # Imported here, not above: the flows import this package for Limits and need no form understanding.
    from extractors import row_pictures
    from extractors.understand import forms_from_blocks

    path = Path(path)
    kind = check(path, limits)
    fmt = BY_NAME[kind]
    scanned = None
    try:
        if fmt.ocr:
            blocks, scanned = _read_scan(fmt.reader, path, limits)
        else:
            try:
                blocks, pages = fmt.read(path, limits)
            except ExtractionError as exc:
                if exc.reason != NO_TEXT_LAYER or fmt.scanned_reader is None:
                    raise
                blocks, scanned = _read_scan(fmt.scanned_reader, path, limits)
        forms = forms_from_blocks(blocks)
        if scanned is not None:
            pages = len(scanned)
            row_pictures.attach(forms, scanned)
        rows = sum(len(form.rows) for form in forms)
        if rows > limits.max_rows:
            raise ExtractionError(TOO_LARGE, f"berkas berisi {rows} baris tugas, melebihi batas {limits.max_rows} "
                                             "baris; pecah menjadi beberapa berkas per jabatan.")
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(UNREADABLE, "struktur berkas terlalu dalam untuk dibaca.") from None
    except MemoryError:
        raise
    except Exception as exc:  # a damaged file can break a parser anywhere; the sender gets a sentence
        raise unexpected(exc, limits) from None
    return Submission(file_name=str(path), format=kind, forms=forms, pages=pages, ocr=scanned is not None)


def _read_scan(module: str, path: Path, limits: Limits):
    """Blocks and pages of a scan, by a reader that reads pixels (extractors.scan_reader)."""
    return importlib.import_module(module).read_scan(path, limits)


def unexpected(exc: BaseException, limits: Limits) -> ExtractionError:
    """A parser's failure as a verdict, named by its type only (parser texts can quote paths and bytes).
    A parser that ran out of memory says so in its own words (lxml: "Memory allocation failed"): that is
    the same cause as a MemoryError, and gets the same code wherever the file is read."""
    if isinstance(exc, MemoryError) or "memory" in str(exc).casefold():
        return memory_error(limits)
    return ExtractionError(UNREADABLE, f"berkas tidak dapat dibaca: kesalahan pembaca ({type(exc).__name__}).")


def memory_error(limits: Limits) -> ExtractionError:
    return ExtractionError(TOO_LARGE, f"membaca berkas ini melebihi batas memori {limits.memory_mb} MB.")


def check(path: Path, limits) -> str:
    """The name of the real format (one of ``formats.FORMATS``) of a file that may be parsed, or ExtractionError."""
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
    claimed = BY_SUFFIX.get(path.suffix.lower())
    real = sniff(path, head, limits)
    if real is None:
        if claimed:
            raise ExtractionError(UNREADABLE, f"isi berkas bukan {claimed.label} seperti nama berkasnya.")
        raise ExtractionError(UNSUPPORTED_FORMAT, _UNKNOWN)
    if claimed and claimed.name != real:
        raise ExtractionError(UNREADABLE, f"isi berkas adalah {BY_NAME[real].label}, bukan {claimed.label} seperti "
                                          "nama berkasnya; perbaiki ekstensinya lalu kirim ulang.")
    return real


def sniff(path: Path, head: bytes, limits) -> str | None:
    """The format the bytes are, None when they are none we read; legacy and OpenDocument raise."""
    if head.startswith(_OLE2):
        raise ExtractionError(UNSUPPORTED_FORMAT, f"format Word/Excel 97-2003 (.doc/.xls) tidak didukung; {_SAVE_AS}")
    for fmt in FORMATS:
        if fmt.magic and fmt.magic in head[:fmt.magic_window + len(fmt.magic)]:
            return fmt.name
    if head.startswith(_ZIP):
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
    for fmt in FORMATS:
        if fmt.zip_member in names:
            return fmt.name
    if "mimetype" in names and "content.xml" in names:
        raise ExtractionError(UNSUPPORTED_FORMAT, f"format OpenDocument (.odt/.ods) tidak didukung; {_SAVE_AS}")
    return None


def _mb(size: int) -> str:
    """Megabytes with one decimal, rounded up so that a size just over a limit never prints as equal."""
    tenths = -(-size * 10 // 2**20)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"
