"""Word (.docx) to blocks: body paragraphs and tables in document order, merged cells as None."""
from __future__ import annotations

import zipfile

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from extractors.blocks import Block, Grid, Paragraph
from extractors.submission import TOO_LARGE, UNREADABLE, ExtractionError


def read(path, limits) -> tuple[list[Block], None]:
    """The blocks, and no page count (Word decides pages only when it prints). A file with more table rows
    than a form of ``limits.max_rows`` task rows could have is refused, counted in the XML before any row
    is built (30,000 rows took 11 s to build)."""
    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(UNREADABLE, f"berkas Word rusak atau bukan .docx ({type(exc).__name__}).") from None
    max_rows = limits.max_rows
    rows = sum(1 for _ in document.element.body.iter(qn("w:tr")))
    if rows > 2 * max_rows + 200:                      # headers, group rows and other tables besides the tasks
        raise ExtractionError(TOO_LARGE, f"berkas berisi {rows} baris tabel, melebihi batas {max_rows} baris "
                                         "tugas; pecah menjadi beberapa berkas per jabatan.")
    return list(_page_headers(document)) + list(_blocks(document)), None


def _page_headers(document: DocumentObject):
    """What the page header prints on every page (some units put the position's name and unit there),
    once, before the body."""
    seen = set()
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            if header.is_linked_to_previous or id(header._element) in seen:
                continue
            seen.add(id(header._element))
            yield from _blocks(header, header._element)


def _blocks(document, body=None):
    body = document.element.body if body is None else body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = DocxParagraph(child, document).text
            for line in text.split("\n"):
                if line.strip():
                    yield Paragraph(line)
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, document))


def _table(table: Table):
    rows, nested = [], []
    previous_row_ids: list = []
    for row in table.rows:
        cells, seen_in_row = [], []
        for i, cell in enumerate(row.cells):
            tc = cell._tc
            vertical = i < len(previous_row_ids) and previous_row_ids[i] is tc
            if seen_in_row and seen_in_row[-1] is tc or vertical:
                cells.append(None)                     # covered by a merged cell (left or above)
            else:
                cells.append(_cell_text(cell))
                nested.extend(cell.tables)
            seen_in_row.append(tc)
        previous_row_ids = seen_in_row
        rows.append(cells)
    yield Grid(rows)
    for inner in nested:
        yield from _table(inner)


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()
