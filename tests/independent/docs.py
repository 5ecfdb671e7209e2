"""A small document model (paragraphs, tables with merged cells, page breaks, sheets) and its three
renderers: Word (python-docx), Excel (openpyxl) and PDF (HTML through WeasyPrint).

A layout describes a form once as blocks; the renderer decides what each block becomes in its format.
"""
from __future__ import annotations

import html
import re
from datetime import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


@dataclass
class Cell:
    text: str = ""
    num: Decimal | int | None = None   # stored as a number in Excel unless the workbook stores text
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    html: str | None = None            # rich content for the PDF (lists), else text with line breaks


def C(text: str = "", num=None, cs: int = 1, rs: int = 1, bold: bool = False, html_: str | None = None) -> Cell:
    return Cell(text, num, cs, rs, bold, html_)


@dataclass
class Para:
    text: str
    bold: bool = False
    center: bool = False


@dataclass
class Table:
    rows: list[list[Cell]]
    header_rows: int = 1               # repeated on every page (docx, pdf)
    grid: bool = True                  # ruled table; False: a borderless key-value table
    widths: list[float] | None = None  # relative column widths (pdf, xlsx)


@dataclass
class Break:
    orientation: str = "portrait"      # a new page (docx: a new section) in this orientation


@dataclass
class Sheet:
    name: str                          # xlsx: a new worksheet; docx/pdf: a new page


@dataclass
class Document:
    blocks: list = field(default_factory=list)
    orientation: str = "portrait"
    numbers_as_text: bool = False      # xlsx: every value typed as text, as pasted from Word
    font_pt: float = 9


def place(rows: list[list[Cell]]) -> tuple[list[tuple[int, int, Cell]], int]:
    """HTML table layout: each origin cell with its grid position, and the number of columns."""
    taken: set[tuple[int, int]] = set()
    placed, ncols = [], 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        ncols = max([ncols] + [cc + 1 for rr, cc in taken if rr == r])
    return placed, ncols


# ---- Word -----------------------------------------------------------------------------------------

def to_docx(doc: Document, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    d.styles["Normal"].font.size = Pt(doc.font_pt + 1)
    d.styles["Normal"].paragraph_format.space_after = Pt(2)

    def orient(section, orientation: str) -> None:
        width, height = Cm(21), Cm(29.7)
        section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if orientation == "landscape" else (width, height)
        section.left_margin = section.right_margin = Cm(1.8)

    orient(d.sections[0], doc.orientation)
    current = doc.orientation
    for block in doc.blocks:
        if isinstance(block, Para):
            for line in block.text.split("\n"):
                p = d.add_paragraph()
                p.add_run(line).bold = block.bold
                if block.center:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(block, (Break, Sheet)):
            current = block.orientation if isinstance(block, Break) else current
            orient(d.add_section(WD_SECTION.NEW_PAGE), current)
        elif isinstance(block, Table):
            placed, ncols = place(block.rows)
            table = d.add_table(rows=len(block.rows), cols=ncols)
            if block.grid:
                table.style = "Table Grid"
            for r in range(min(block.header_rows, len(block.rows))):
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                tr_pr.append(flag)
            for r, c, cell in placed:
                target = table.cell(r, c)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                lines = cell.text.split("\n")
                target.paragraphs[0].text = ""
                for i, line in enumerate(lines):
                    p = target.paragraphs[0] if i == 0 else target.add_paragraph()
                    run = p.add_run(line)
                    run.bold = cell.bold or (block.grid and r < block.header_rows)
                    run.font.size = Pt(doc.font_pt)
            d.add_paragraph()
    stamp = datetime(*FIXED_TIME)
    d.core_properties.created = d.core_properties.modified = stamp
    d.core_properties.author = d.core_properties.last_modified_by = "Tim Anjab-ABK"
    d.save(str(path))


# ---- Excel ----------------------------------------------------------------------------------------

def to_xlsx(doc: Document, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ABK"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    r = 1
    first = True
    for block in doc.blocks:
        if isinstance(block, Sheet):
            if not first:
                ws = wb.create_sheet(block.name)
            else:
                ws.title = block.name
            r = 1
        elif isinstance(block, Para):
            for line in block.text.split("\n"):
                cell = ws.cell(r, 1, line)
                cell.font = Font(bold=block.bold)
                r += 1
        elif isinstance(block, Break):
            r += 1
        elif isinstance(block, Table):
            placed, ncols = place(block.rows)
            for gr, gc, cell in placed:
                value = cell.text
                if cell.num is not None and not doc.numbers_as_text:
                    value = cell.num
                target = ws.cell(r + gr, 1 + gc, value if value != "" else None)
                target.alignment = Alignment(wrap_text=True, vertical="top")
                if cell.bold or (block.grid and gr < block.header_rows):
                    target.font = Font(bold=True)
                if block.grid:
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            ws.cell(r + gr + dr, 1 + gc + dc).border = box
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(start_row=r + gr, start_column=1 + gc,
                                   end_row=r + gr + cell.rowspan - 1, end_column=1 + gc + cell.colspan - 1)
            if block.widths:
                for i, w in enumerate(block.widths):
                    letter = get_column_letter(i + 1)
                    ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, w)
            r += len(block.rows)
        first = False
    wb.properties.created = wb.properties.modified = datetime(*FIXED_TIME)
    wb.properties.creator = "Tim Anjab-ABK"
    wb.save(str(path))


# ---- PDF ------------------------------------------------------------------------------------------

CSS = """
@page portrait { size: A4 portrait; margin: 1.6cm 1.8cm; }
@page landscape { size: A4 landscape; margin: 1.2cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: %(pt)spt; color: #000; }
.portrait { page: portrait; } .landscape { page: landscape; }
.sec + .sec { break-before: page; }
p { margin: 2px 0; }
table { border-collapse: collapse; width: 100%%; margin: 4px 0 10px 0; }
table.grid th, table.grid td { border: 0.7px solid #000; padding: 3px; vertical-align: top; }
table.grid th { background: #d9d9d9; font-weight: bold; text-align: center; vertical-align: middle; }
table.kv td { padding: 1px 4px; vertical-align: top; }
tr { break-inside: avoid; }
ol { margin: 0; padding-left: 1.4em; }
"""


def _cell_html(cell: Cell, tag: str) -> str:
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    body = cell.html if cell.html is not None else html.escape(cell.text).replace("\n", "<br>")
    if cell.bold:
        body = f"<b>{body}</b>"
    return f"<{tag}{attrs}>{body}</{tag}>"


def to_html(doc: Document) -> str:
    sections: list[tuple[str, list[str]]] = [(doc.orientation, [])]
    for block in doc.blocks:
        if isinstance(block, Break):
            sections.append((block.orientation, []))
        elif isinstance(block, Sheet):
            if sections[-1][1]:
                sections.append((sections[-1][0], []))
        elif isinstance(block, Para):
            text = html.escape(block.text).replace("\n", "<br>")
            style = ' style="text-align:center"' if block.center else ""
            sections[-1][1].append(f"<p{style}>{'<b>' + text + '</b>' if block.bold else text or '&nbsp;'}</p>")
        elif isinstance(block, Table):
            cls = "grid" if block.grid else "kv"
            cols = ""
            if block.widths:
                total = sum(block.widths)
                cols = "<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">'
                                              for w in block.widths) + "</colgroup>"
            head = "".join("<tr>" + "".join(_cell_html(c, "th" if block.grid else "td") for c in row) + "</tr>"
                           for row in block.rows[:block.header_rows])
            body = "".join("<tr>" + "".join(_cell_html(c, "td") for c in row) + "</tr>"
                           for row in block.rows[block.header_rows:])
            sections[-1][1].append(f'<table class="{cls}">{cols}<thead>{head}</thead><tbody>{body}</tbody></table>')
    parts = "".join(f'<div class="sec {o}">{"".join(b)}</div>' for o, b in sections if b)
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS % {'pt': doc.font_pt}}</style></head>" \
           f"<body>{parts}</body></html>"


def to_pdf(doc: Document, path: Path) -> None:
    import weasyprint

    weasyprint.HTML(string=to_html(doc)).write_pdf(str(path))


FIXED_TIME = (2025, 1, 6, 8, 0, 0)


def _fix_zip_times(path: Path) -> None:
    """Office files are zips stamped with the time of writing; fix the stamps so files are identical."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            if name == "docProps/core.xml":   # openpyxl stamps the save time whatever the properties say
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2025-01-06T08:00:00Z", data)
            out.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)


def render(doc: Document, fmt: str, path: Path) -> None:
    {"docx": to_docx, "xlsx": to_xlsx, "pdf": to_pdf}[fmt](doc, path)
    if fmt != "pdf":
        _fix_zip_times(path)
