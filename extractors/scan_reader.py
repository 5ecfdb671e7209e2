"""Scanned forms to blocks: each page made ready (``scan_image``), read by tesseract, its words and ruling
lines written into a text-layer PDF (``scan_pdf``), and that PDF read by the PDF reader, so the header words,
the columns and the form's arithmetic are understood by the same code as a typed form.

A reading by OCR is never trusted on its own: the Submission says ``ocr`` and calculators.confirmation uses
it only where the form's own arithmetic holds (a person reviews the rest, with the reading in the laporan).

Tesseract runs as a program (Debian's tesseract-ocr with its Indonesian and OSD data), in a child process
with its own time bound; no model is fetched at run time.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from extractors import pdf_reader, scan_cells, scan_image, scan_ocr, scan_pdf
from extractors.blocks import Block
from extractors.submission import NO_TEXT_LAYER, TOO_LARGE, UNREADABLE, ExtractionError

# Page segmentation (tesseract --psm) of the text outside the tables: one block (6 keeps "Label : value" on
# one line; 3 and 11 split it, tried on scans of generated forms). The cells are read by scan_cells.
PAGE_PSM = "6"
_COLON_MISREADINGS = {"1", "|", "l", "I", "i", "!", ";", ">", "°", "'", "."}
_COLON_ALIGN_PX = 8
_MIN_LONG_SIDE = 1000            # pixels: an A4 page at 85 dpi; below it no 10-point figure is legible
_MAX_PIXELS = 60_000_000          # an image larger than this is no page scan (A3 at 400 dpi is 31 Mpx)
_INK = (0.002, 0.35)              # share of dark pixels of a page that holds print at all
# OCR reads a page in 4-6 s on one core of a busy machine (benchmarks/scans.py): a scan of this many pages
# still fits in Limits.timeout_s (60 s), the bound of every file. An ABK form is one to three pages.
MAX_SCANNED_PAGES = 8


def read_scan(path, limits) -> tuple[list[Block], list[scan_pdf.ScannedPage]]:
    """Blocks of an image file (.png, .jpg) or of a PDF whose pages are only pictures, and the pages as OCR
    saw them (for row_pictures.attach)."""
    path = Path(path)
    if not scan_ocr.available():
        raise ExtractionError(NO_TEXT_LAYER, "berkas hasil pindai tidak dapat dibaca: OCR (tesseract) tidak "
                                             "terpasang; kirim berkas Word/Excel atau PDF yang disimpan langsung "
                                             "dari aplikasinya.")
    pictures = _pdf_pages(path) if _is_pdf(path) else [_image(path)]
    pages = []
    for number, (picture, dpi) in enumerate(pictures, start=1):
        if number > MAX_SCANNED_PAGES:
            raise ExtractionError(TOO_LARGE, f"hasil pindai berisi lebih dari {MAX_SCANNED_PAGES} halaman; pecah "
                                             "menjadi beberapa berkas per jabatan.")
        pages.append(read_page(picture, dpi))
    if not any(page.words for page in pages):
        raise ExtractionError(NO_TEXT_LAYER, "hasil pindai tidak berisi tulisan yang terbaca.")
    with tempfile.TemporaryDirectory(prefix="abk-ocr-") as folder:
        layer = Path(folder) / "teks.pdf"
        scan_pdf.write(pages, layer)
        blocks, _ = pdf_reader.read(layer, limits)
    return blocks, pages


def read_page(picture: Image.Image, dpi: float | None) -> scan_pdf.ScannedPage:
    grey = scan_image.to_dpi(scan_image.greyscale(picture), dpi)
    ink = scan_image.dark(np.asarray(grey)).mean()
    if not _INK[0] <= ink <= _INK[1]:
        return scan_pdf.ScannedPage(grey.width, grey.height, scan_image.DPI, [], [])
    small = grey.resize((max(1, grey.width // 2), max(1, grey.height // 2)))
    grey = scan_image.turned(grey, scan_ocr.orientation(small, scan_image.DPI // 2))
    page = scan_image.prepare(grey, scan_image.DPI)
    boxes = scan_image.cells(page.rules)
    found = scan_cells.words(page.image, boxes)
    outside = page.image.copy()
    if boxes:
        draw = ImageDraw.Draw(outside)
        for x0, top, x1, bottom in boxes:
            draw.rectangle((x0, top, x1, bottom), fill=255)
    found += _colons([scan_pdf.Word(b.text, b.left, b.top, b.width, b.height, ("halaman",) + b.line)
                      for b in scan_ocr.words([outside], PAGE_PSM, scan_image.DPI)])
    return scan_pdf.ScannedPage(page.width, page.height, scan_image.DPI, found, page.rules, boxes, page.picture)


def _colons(words: list[scan_pdf.Word]) -> list[scan_pdf.Word]:
    """The colons between header labels and values stand one under the other; tesseract reads some of them as
    "1", "|" or ">". A lone such mark in the column of the page's colons is a colon."""
    centres = [w.left + w.width / 2 for w in words if w.text == ":"]
    for word in words:
        middle = word.left + word.width / 2
        if word.text in _COLON_MISREADINGS and sum(abs(middle - c) <= _COLON_ALIGN_PX for c in centres) >= 2:
            word.text = ":"
    return words


def _is_pdf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return b"%PDF-" in handle.read(1024)


def _image(path: Path) -> tuple[Image.Image, float | None]:
    try:
        image = Image.open(path)
        if image.width * image.height > _MAX_PIXELS:
            raise ExtractionError(TOO_LARGE, f"gambar {image.width}×{image.height} piksel melebihi batas "
                                             f"{_MAX_PIXELS // 1_000_000} megapiksel.")
        image.load()
    except ExtractionError:
        raise
    except Image.DecompressionBombError:
        raise ExtractionError(TOO_LARGE, f"gambar melebihi batas {_MAX_PIXELS // 1_000_000} megapiksel.") from None
    except Exception as exc:  # Pillow raises many kinds on a damaged picture
        raise ExtractionError(UNREADABLE, f"gambar rusak atau terpotong ({type(exc).__name__}).") from None
    if max(image.size) < _MIN_LONG_SIDE:
        raise ExtractionError(UNREADABLE, f"gambar {image.width}×{image.height} piksel terlalu kecil untuk dibaca; "
                                          "pindai formulirnya dengan resolusi minimal 150 dpi.")
    dpi = image.info.get("dpi")
    return image, float(dpi[0]) if dpi and dpi[0] else None


def _pdf_pages(path: Path):
    """Each page of a PDF drawn at ``scan_image.DPI``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as exc:
        raise ExtractionError(UNREADABLE, f"PDF rusak atau terpotong ({type(exc).__name__}).") from None
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            scale = scan_image.DPI / 72
            if width * height * scale * scale > _MAX_PIXELS:
                scale = (_MAX_PIXELS / (width * height)) ** 0.5
            yield page.render(scale=scale, grayscale=False).to_pil(), scale * 72
            page.close()
    finally:
        document.close()
