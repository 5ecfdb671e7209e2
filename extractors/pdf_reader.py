"""Text PDF to blocks with pdfplumber: ruled tables as grids, other text as lines, in reading order.

A page with no ruled table but words aligned in columns (a borderless table) is read by
``pdf_borderless``. The page count is taken from the document catalog before any page is built, so
a PDF of 100,000 pages is refused in milliseconds.
"""
from __future__ import annotations

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from extractors import pdf_borderless
from extractors.blocks import Block, Grid, Paragraph
from extractors.submission import ENCRYPTED, NO_TEXT_LAYER, TOO_LARGE, UNREADABLE, ExtractionError

# A table whose top edge is this close to the top of its page, with no text above it, continues the
# table of the page before (running headers sit in the margin above it).
_TOP_SHARE = 0.2
_FOOTER_CHARS = 40    # "Halaman 2 dari 3" and the like, allowed between a table and its continuation
_TAIL = 2048          # "%%EOF" must be near the end of a complete PDF


def read(path, limits) -> tuple[list[Block], int]:
    _check_complete(path)
    try:
        pdf = pdfplumber.open(str(path))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise ExtractionError(ENCRYPTED, "PDF dilindungi kata sandi; kirim ulang tanpa kata sandi.") from None
        raise _broken(cause) from None
    except Exception as exc:  # pdfminer raises many kinds on a broken header or xref
        raise _broken(exc) from None
    with pdf:
        pages = _page_count(pdf)
        if pages > limits.max_pages:
            raise ExtractionError(TOO_LARGE, f"PDF berisi {pages} halaman, melebihi batas {limits.max_pages} halaman.")
        blocks: list[Block] = []
        any_text = False
        try:
            page_list = pdf.pages
        except Exception as exc:
            raise _broken(exc) from None
        if len(page_list) > limits.max_pages:        # a catalog that under-declares its pages
            raise ExtractionError(TOO_LARGE, f"PDF berisi {len(page_list)} halaman, melebihi batas "
                                             f"{limits.max_pages} halaman.")
        for number, page in enumerate(page_list, start=1):
            try:
                page_blocks = _page_blocks(page, number, blocks)
            except Exception as exc:
                raise ExtractionError(UNREADABLE, f"halaman {number} PDF tidak dapat dibaca "
                                                  f"({type(exc).__name__}).") from None
            finally:
                page.close()
            any_text |= page_blocks is not None
            blocks.extend(page_blocks or [])
        if not any_text:
            raise ExtractionError(NO_TEXT_LAYER, "PDF hanya berisi gambar (hasil pindai) tanpa lapisan teks; kirim "
                                                 "berkas Word/Excel atau PDF yang disimpan langsung dari aplikasinya.")
        return blocks, len(page_list)


def _check_complete(path) -> None:
    """A PDF cut short in transfer can still parse (pdfminer rebuilds a lost xref) and yield a
    table missing its last rows; a partial table must never be accepted, so the end marker is required."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(0, handle.tell() - _TAIL))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise ExtractionError(UNREADABLE, "PDF terpotong atau tidak utuh (penanda akhir berkas tidak ada); "
                                          "kirim ulang berkasnya.")


def _page_count(pdf) -> int:
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception as exc:
        raise _broken(exc) from None
    if not isinstance(count, int) or count < 0:
        raise ExtractionError(UNREADABLE, "PDF rusak: jumlah halaman tidak terbaca.")
    return count


def _broken(exc: BaseException) -> ExtractionError:
    return ExtractionError(UNREADABLE, f"PDF rusak atau terpotong ({type(exc).__name__}).")


def _page_blocks(page, number: int, before: list[Block]) -> list[Block] | None:
    """The page's blocks in reading order; None when the page has no text at all."""
    if not page.chars:
        return None
    page = page.dedupe_chars()         # bold faked by printing a word twice would double every letter
    location = f"halaman {number}"
    tables = sorted(page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}),
                    key=lambda t: (t.bbox[1], t.bbox[0]))
    if not tables:
        return pdf_borderless.blocks(page, location)
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    lines = [(line["top"], Paragraph(line["text"], location=location))
             for line in outside.extract_text_lines(return_chars=False) if line["text"].strip()]
    items = [(t.bbox[1], Grid([list(r) for r in t.extract()], location=location)) for t in tables]
    first = items[0]
    first[1].continued = number > 1 and _continues(first[1], first[0], lines, page.height, before, number)
    return [block for _, block in sorted(items + lines, key=lambda item: item[0])]


def _continues(grid: Grid, top: float, lines, height: float, before: list[Block], number: int) -> bool:
    at = next((i for i in range(len(before) - 1, -1, -1) if isinstance(before[i], Grid)), None)
    if at is None or before[at].location != f"halaman {number - 1}":
        return False
    previous, after = before[at], before[at + 1:]
    if any(len(b.text) > _FOOTER_CHARS for b in after):
        return False                    # real text came between the two tables, not just a page footer
    if top > height * _TOP_SHARE or any(y < top and y > height * 0.05 for y, _ in lines):
        return False
    return _width(grid) == _width(previous)


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)
