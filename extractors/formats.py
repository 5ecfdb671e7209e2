"""The file formats a form may come in, one entry each: how a file is recognised, what bounds reading
it, and its reader. Adding a format is adding an entry here (and its reader module).

The readers are named, not imported: importing ``extractors`` (the flows do, for ``Limits``) must not
load pdfplumber, python-docx and openpyxl; the extraction workers preload them from this table.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one file may cost. The work is bounded by bytes, rows and time; the page count only stops a
    PDF that declares absurdly many pages before any is parsed (a combined Anjab-ABK document of one
    position runs to 80 pages, about 8 s)."""

    max_bytes: int = 10 * 2**20
    max_pages: int = 300
    max_rows: int = 2000                 # task rows in all forms of one file
    max_uncompressed_bytes: int = 100 * 2**20
    # Also bounds a scan read by OCR: at 4-6 s a page (benchmarks/scans.py) scan_reader.MAX_SCANNED_PAGES
    # pages fit in it, so a scan needs no bound of its own.
    timeout_s: int = 60
    memory_mb: int = 1024


@dataclass(frozen=True)
class Format:
    name: str                        # what guard.check returns and Submission.format says
    label: str                       # how a message names it when the content and the file name disagree
    offered: str                     # how the refusal of an unknown format names it among those accepted
    suffixes: tuple[str, ...]        # the file names that claim it
    # A module whose read(path, limits) gives (blocks, page count or None); of a format read by OCR, whose
    # read_scan(path, limits) gives (blocks, scanned pages).
    reader: str
    # The bytes are the truth: either a signature within the first bytes, or a member a zip must hold.
    magic: bytes | None = None
    magic_window: int = 0            # bytes of junk a signature may follow (scanners and gateways prepend some)
    zip_member: str | None = None
    # The Limits that bound it besides those every file has (max_bytes, max_rows of task rows, timeout_s,
    # memory_mb): max_uncompressed_bytes is checked by guard on the zip, the others by the reader.
    limits: tuple[str, ...] = ()
    ocr: bool = False                # its reader reads pixels: the reading must be confirmed (calculators.confirmation)
    # A module that reads what the reader finds no text in (a PDF of scanned pages), by OCR (read_scan).
    scanned_reader: str | None = None

    def read(self, path, limits: Limits):
        return importlib.import_module(self.reader).read(path, limits)


# In the order the refusal of an unknown format lists them; zip members are tried in this order too.
FORMATS = (
    Format("docx", "Word (.docx)", ".docx", (".docx", ".docm"), "extractors.docx_reader",
           zip_member="word/document.xml", limits=("max_uncompressed_bytes", "max_rows")),
    Format("xlsx", "Excel (.xlsx)", ".xlsx", (".xlsx", ".xlsm"), "extractors.xlsx_reader",
           zip_member="xl/workbook.xml", limits=("max_uncompressed_bytes",)),
    Format("pdf", "PDF", "PDF", (".pdf",), "extractors.pdf_reader", magic=b"%PDF-", magic_window=1024,
           limits=("max_pages",), scanned_reader="extractors.scan_reader"),
    Format("png", "gambar PNG", ".png", (".png",), "extractors.scan_reader", magic=b"\x89PNG\r\n\x1a\n", ocr=True),
    Format("jpeg", "gambar JPEG", ".jpg", (".jpg", ".jpeg"), "extractors.scan_reader", magic=b"\xff\xd8\xff",
           ocr=True),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}
