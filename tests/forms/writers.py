"""Writers of the printed model: Word (python-docx), PDF (HTML through WeasyPrint, or the Word file through
LibreOffice as units make PDFs), Excel (openpyxl)."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tests.forms.layout import Appendix, Cell, Layout, Printed

WIDTHS_MM = {"no": 10, "uraian": 75, "satuan": 22, "dasar": 35, "uraian_other": 75}
SIGNATURE = ["Contoh, 2 Januari 2025", "Kepala Unit Kerja", "", "", "NAMA PEJABAT", "NIP. 19700101 199503 1 001"]


def _parts(model: Printed, layout: Layout) -> list[list[list[Cell]]]:
    """The body, or its two halves when the layout splits the table."""
    rows = model.body
    if layout.split_table and len(rows) >= 4:
        half = len(rows) // 2
        return [rows[:half], rows[half:] + model.total_rows]
    return [rows + model.total_rows]


# --- Word -------------------------------------------------------------------------------------------

def write_docx(models: list[Printed], path: Path, layout: Layout) -> None:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(15))
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    document.styles["Normal"].paragraph_format.space_after = Pt(0)
    for i, model in enumerate(models):
        if i and layout.multi == "pages":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif i:
            document.add_paragraph("")
        _docx_kop(document, model)
        _docx_header(document, model, layout)
        document.add_paragraph("")
        for p, part in enumerate(_parts(model, layout)):
            if p:
                document.add_paragraph("")
                document.add_paragraph("Lanjutan uraian tugas:")
            _docx_table(document, model, part, layout)
        document.add_paragraph("")
        for line in _signature(model):
            paragraph = document.add_paragraph(line)
            paragraph.paragraph_format.left_indent = Mm(180)
        for table in model.appendix:
            _docx_appendix(document, table)
    document.core_properties.author = "Sub Bagian Umum dan Kepegawaian"
    document.save(str(path))


def _signature(model: Printed) -> list[str]:
    return SIGNATURE if model.signature is None else model.signature


def _docx_appendix(document, appendix: Appendix) -> None:
    document.add_paragraph("")
    document.add_paragraph().add_run(appendix.title).bold = True
    table = document.add_table(rows=1 + len(appendix.rows), cols=len(appendix.head))
    table.style = "Table Grid"
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for r, cells in enumerate([appendix.head] + appendix.rows):
        for cell, text in zip(_row_cells(table, r), cells):
            cell.paragraphs[0].add_run(text).bold = cells == appendix.head


def _docx_kop(document, model: Printed) -> None:
    for n, line in enumerate(model.kop):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = n < 2
        run.font.size = Pt(14 if n < 2 else 9)
        if n == len(model.kop) - 1:
            _bottom_rule(paragraph)
    if model.kop:
        document.add_paragraph("")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(model.title)
    run.bold, run.font.size = True, Pt(12)
    document.add_paragraph("")


def _bottom_rule(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thick"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _docx_header(document, model: Printed, layout: Layout) -> None:
    if layout.header_style == "paragraphs":
        for label, value in model.header:
            document.add_paragraph(f"{label} : {value}")
        return
    width = 3 if layout.header_style == "table3" else 2
    table = document.add_table(rows=len(model.header), cols=width)
    widths = (60, 5, 200) if width == 3 else (60, 205)
    _column_widths(table, widths)
    for r, (label, value) in enumerate(model.header):
        cells = [label, ":", value] if width == 3 else [label, value]
        for c, (cell, text) in enumerate(zip(_row_cells(table, r), cells)):
            cell.text = text
            cell.width = Mm(widths[c])


def _column_widths(table, widths_mm) -> None:
    # Word and LibreOffice lay out by the grid columns; per-cell widths alone are ignored by LibreOffice.
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)


def _row_cells(table, r: int) -> list[_Cell]:
    # table.cell() rebuilds the whole grid on every call (quadratic); unmerged rows map one-to-one.
    return [_Cell(tc, table) for tc in table.rows[r]._tr.tc_lst]


def _docx_table(document, model: Printed, part: list[list[Cell]], layout: Layout) -> None:
    table = document.add_table(rows=len(model.head) + len(part), cols=len(model.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _widths_mm(model.columns, 267)
    _column_widths(table, widths)
    for r, cells in enumerate(model.head):
        row = table.rows[r]
        if layout.repeat_header:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for c, (cell, text) in enumerate(zip(_row_cells(table, r), cells)):
            cell.width = Mm(widths[c])
            if text is not None:
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(text).bold = True
    for r, cells in enumerate(part, start=len(model.head)):
        for c, (cell, value) in enumerate(zip(_row_cells(table, r), cells)):
            cell.width = Mm(widths[c])
            if value.text:
                cell.text = value.text           # "\n" becomes a line break
                if value.value is not None or model.columns[c] == "no":
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT if value.value is not None \
                        else WD_ALIGN_PARAGRAPH.CENTER
    for r, cells in enumerate(model.head):              # the merges of the header, as cells really merged
        for c, text in enumerate(cells):
            if text is None and r == 0:
                table.cell(0, c - 1).merge(table.cell(0, c))
            elif text is None and model.head[0][c] is not None:
                table.cell(r - 1, c).merge(table.cell(r, c))


def _widths_mm(columns: list[str], total: float) -> list[float]:
    fixed = {c: WIDTHS_MM[c] for c in columns if c in WIDTHS_MM}
    rest = (total - sum(fixed.values())) / max(1, len(columns) - len(fixed))
    return [fixed.get(c, rest) for c in columns]


# --- PDF --------------------------------------------------------------------------------------------

CSS = """@page { size: A4 landscape; margin: 15mm }
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt }
.kop { text-align: center } .kop .l0, .kop .l1 { font-weight: bold; font-size: 13pt }
.kop .rule { border-bottom: 2.5pt solid #000; margin-bottom: 8pt; padding-bottom: 3pt; font-size: 8pt }
.title { text-align: center; font-weight: bold; font-size: 11pt; margin: 6pt 0 }
table.t { border-collapse: collapse; width: 100%; margin-top: 6pt }
table.t td, table.t th { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top }
table.t th { font-weight: bold; text-align: center; vertical-align: middle; background: #eee }
td.n { text-align: right } td.c { text-align: center }
table.h td { padding: 1pt 4pt; vertical-align: top } p { margin: 2pt 0 }
.pagebreak { page-break-before: always } .sign { margin-left: 62%; margin-top: 12pt }
"""
# Named pages: WeasyPrint starts a new page, of the named size, wherever the page name changes.
MIXED_CSS = """@page tall { size: A4 portrait; margin: 15mm } @page wide { size: A4 landscape; margin: 15mm }
.tall { page: tall } .wide { page: wide }
"""


def pdf_html(models: list[Printed], layout: Layout) -> str:
    css = CSS + (MIXED_CSS if layout.mixed_orientation else "")
    parts = [f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    tall, wide = ("<div class='tall'>", "<div class='wide'>") if layout.mixed_orientation else ("<div>", "<div>")
    for i, model in enumerate(models):
        parts.append(f"<div class='{'pagebreak' if i and layout.multi == 'pages' else 'form'}'>")
        parts.append(tall)
        if model.kop:
            parts.append("<div class='kop'>" + "".join(
                f"<div class='l{n}{' rule' if n == len(model.kop) - 1 else ''}'>{html.escape(line)}</div>"
                for n, line in enumerate(model.kop)) + "</div>")
        parts.append(f"<div class='title'>{html.escape(model.title)}</div>")
        if layout.header_style == "paragraphs":
            parts += [f"<p>{html.escape(label)} : {html.escape(value)}</p>" for label, value in model.header]
        else:
            parts.append("<table class='h'>")
            sep = "<td>:</td>" if layout.header_style == "table3" else ""
            parts += [f"<tr><td>{html.escape(label)}</td>{sep}<td>{html.escape(value)}</td></tr>"
                      for label, value in model.header]
            parts.append("</table>")
        parts.append("</div>" + wide)
        for p, part in enumerate(_parts(model, layout)):
            if p:
                parts.append("<p>Lanjutan uraian tugas:</p>")
            parts.append(_html_table(model, part, layout))
        parts.append("</div>")
        closing = [_html_appendix(table) for table in model.appendix]
        if _signature(model):
            closing.insert(0, "<div class='sign'>" + "<br>".join(html.escape(s) or "&nbsp;"
                                                                   for s in _signature(model)) + "</div>")
        if closing:         # an empty portrait block would still open a blank page of its own
            parts += [tall, *closing, "</div>"]
        parts.append("</div>")
    parts.append("</body></html>")
    return "".join(parts)


def _html_table(model: Printed, part: list[list[Cell]], layout: Layout) -> str:
    widths = _widths_mm(model.columns, 267)
    out = ["<table class='t'><colgroup>" + "".join(f"<col style='width:{w}mm'>" for w in widths) + "</colgroup>"]
    # Without <thead> the header is printed once only, as in a table typed without "repeat header rows".
    out.append("<thead>" if layout.repeat_header else "<tbody>")
    for r, cells in enumerate(model.head):
        out.append("<tr>")
        for c, text in enumerate(cells):
            if text is None:
                continue
            span = 1
            while r == 0 and c + span < len(cells) and cells[c + span] is None:
                span += 1
            rowspan = 1
            while r + rowspan < len(model.head) and model.head[r + rowspan][c] is None:
                rowspan += 1
            out.append(f"<th colspan='{span}' rowspan='{rowspan}'>{html.escape(text)}</th>")
        out.append("</tr>")
    out.append("</thead><tbody>" if layout.repeat_header else "")
    for cells in part:
        out.append("<tr>" + "".join(
            f"<td class='{'n' if cell.value is not None else 'c' if model.columns[c] == 'no' else ''}'>"
            f"{html.escape(cell.text).replace(chr(10), '<br>') or '&nbsp;'}</td>"
            for c, cell in enumerate(cells)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _html_appendix(appendix: Appendix) -> str:
    def row(cells: list[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{html.escape(text)}</{tag}>" for text in cells) + "</tr>"

    return (f"<p class='title'>{html.escape(appendix.title)}</p><table class='t'><thead>{row(appendix.head, 'th')}"
            f"</thead><tbody>{''.join(row(cells, 'td') for cells in appendix.rows)}</tbody></table>")


def write_pdf(models: list[Printed], path: Path, layout: Layout) -> None:
    if layout.pdf_engine == "libreoffice":
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / (Path(path).stem + ".docx")
            write_docx(models, source, layout)
            docx_to_pdf([(source, Path(path))])
    else:
        from weasyprint import HTML

        HTML(string=pdf_html(models, layout)).write_pdf(str(path))
    if layout.rotate:
        rotate_pages(Path(path), layout.rotate)


# Content matrices that draw a W x H page into an H x W media box which /Rotate turns back upright.
_UPRIGHT = {90: lambda w, h: (0, 1, -1, 0, h, 0), 270: lambda w, h: (0, -1, 1, 0, 0, w)}


def rotate_pages(path: Path, angles: tuple[int, ...]) -> None:
    """Give page i the /Rotate ``angles[i % len(angles)]`` with its content turned the other way, so that a
    viewer shows it as before: what scanners and "rotate page" tools save, the text running sideways in the
    file itself."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import NameObject, RectangleObject

    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for i, page in enumerate(writer.pages):
        angle = angles[i % len(angles)] % 360
        if not angle:
            continue
        left, bottom, right, top = (float(v) for v in page.mediabox)
        w, h = right - left, top - bottom
        page.add_transformation(Transformation().translate(-left, -bottom).transform(
            Transformation(_UPRIGHT[angle](w, h))))
        box = RectangleObject([0, 0, h, w])
        for name in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
            if name in page or name == "/MediaBox":
                page[NameObject(name)] = box
        page.rotation = angle
    with open(path, "wb") as out:
        writer.write(out)


def docx_to_pdf(pairs: list[tuple[Path, Path]]) -> None:
    """Convert Word files to PDF with one LibreOffice start for the whole batch (a start costs seconds)."""
    if not pairs:
        return
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for n, (source, _) in enumerate(pairs):     # unique plain names: soffice names outputs by stem
            sources.append(Path(tmp) / f"in{n}.docx")
            shutil.copyfile(source, sources[-1])
        _soffice(["--convert-to", "pdf", "--outdir", str(Path(tmp) / "out"), *map(str, sources)], tmp)
        for n, (_, target) in enumerate(pairs):
            shutil.move(Path(tmp) / "out" / f"in{n}.pdf", target)


def _soffice(args: list[str], profile_dir: str) -> None:
    # A private profile lets conversions run beside another soffice (other tests, a desktop session).
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile_dir}/profile", "--headless", *args],
                   check=True, capture_output=True, timeout=600)


# --- Excel ------------------------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)


def write_xlsx(models: list[Printed], path: Path, layout: Layout) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    if layout.instructions:
        notes = workbook.create_sheet("Petunjuk Pengisian")
        for r, line in enumerate(layout.instructions, start=1):
            for c, text in enumerate(line, start=1):
                notes.cell(r, c, text).font = Font(bold=r == 1)
        notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 40, 70
    cached: dict[int, dict[str, object]] = {}
    sheet, r = None, 1
    for i, model in enumerate(models):
        if sheet is None or layout.multi == "pages":
            sheet = workbook.create_sheet(_sheet_name(model, i))
            sheet.page_setup.orientation = "landscape"
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
            r = 1
        else:
            r += 3
        r = _xlsx_form(sheet, model, layout, r, cached.setdefault(len(workbook.worksheets), {}))
    workbook.save(str(path))
    if any(cached.values()):
        _store_cached_values(Path(path), cached)


def _sheet_name(model: Printed, i: int) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", model.header[0][1] if model.header else "")[:28].strip()
    return f"{i + 1}. {name}"[:31] if name else f"ABK {i + 1}"


def _xlsx_form(sheet, model: Printed, layout: Layout, r: int, cached: dict) -> int:
    width = len(model.columns)
    for n, line in enumerate(model.kop):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        cell = sheet.cell(r, 1, line)
        cell.font, cell.alignment = Font(bold=n < 2, size=13 if n < 2 else 9), Alignment(horizontal="center")
        r += 1
    sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    title = sheet.cell(r, 1, model.title)
    title.font, title.alignment = Font(bold=True, size=12), Alignment(horizontal="center")
    r += 2
    for label, value in model.header:
        if layout.header_style == "paragraphs":
            sheet.cell(r, 1, f"{label} : {value}")
        elif layout.header_style == "table2":
            sheet.cell(r, 1, label)
            sheet.cell(r, 2, value)
        elif layout.header_style == "cells_above":     # the label box and value box drawn over the columns
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            sheet.merge_cells(start_row=r, start_column=3, end_row=r, end_column=width)
            for c, text in ((1, label), (3, value)):
                sheet.cell(r, c, text).border = BOX
        else:
            sheet.cell(r, 1, label)
            sheet.cell(r, 2, ":")
            sheet.cell(r, 3, value)
        r += 1
    r += 1
    letters = {key: get_column_letter(c) for c, key in enumerate(model.columns, start=1)}
    for p, part in enumerate(_parts(model, layout)):
        if p:
            r += 1
            sheet.cell(r, 1, "Lanjutan uraian tugas:")
            r += 2
        r = _xlsx_head(sheet, model, r)
        first = r
        for cells in part:
            for c, value in enumerate(cells, start=1):
                cell = sheet.cell(r, c)
                cell.border = BOX
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if value.formula:
                    cell.value = "=" + value.formula.format(r=r, first=first, last=r - 1, c=_Letters(letters))
                    cached[cell.coordinate] = value.value
                    cell.number_format = "0.000"
                elif value.value is not None:
                    cell.value = int(value.value) if value.value == value.value.to_integral_value() \
                        else float(value.value)
                    cell.number_format = _number_format(value)
                elif value.text:
                    cell.value = value.text
            r += 1
    for key, letter in letters.items():
        sheet.column_dimensions[letter].width = {"no": 6, "uraian": 48, "dasar": 26}.get(key, 16)
    for appendix in model.appendix:
        r = _xlsx_appendix(sheet, appendix, r + 1)
    return r


def _xlsx_appendix(sheet, appendix: Appendix, r: int) -> int:
    sheet.cell(r, 1, appendix.title).font = Font(bold=True)
    for cells in [appendix.head] + appendix.rows:
        r += 1
        for c, text in enumerate(cells, start=1):
            cell = sheet.cell(r, c, text)
            cell.border, cell.font = BOX, Font(bold=cells == appendix.head)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return r + 1


class _Letters:
    """Lets a formula template say {c:norma} for the column letter of "norma"."""

    def __init__(self, letters: dict[str, str]):
        self.letters = letters

    def __format__(self, key: str) -> str:
        return self.letters[key]


def _number_format(value: Cell) -> str:
    """The cell shows what the paper form prints: as many decimals as the printed text."""
    places = len(value.text.partition(",")[2])
    return "#,##0" + ("." + "0" * places if places else "")


def _xlsx_head(sheet, model: Printed, r: int) -> int:
    for hr, cells in enumerate(model.head):
        sheet.row_dimensions[r + hr].height = 15 if hr and all(t is None or t[:1] in "(0123456789" for t in cells) \
            else 62 if len(model.head) == 1 or hr else 30
        for c, text in enumerate(cells, start=1):
            cell = sheet.cell(r + hr, c, text)
            cell.border = BOX
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for hr, cells in enumerate(model.head):
        for c, text in enumerate(cells, start=1):
            if text is None and hr == 0:
                sheet.merge_cells(start_row=r, start_column=c - 1, end_row=r, end_column=c)
            elif text is None and model.head[0][c - 1] is not None:
                sheet.merge_cells(start_row=r + hr - 1, start_column=c, end_row=r + hr, end_column=c)
    return r + len(model.head)


def _store_cached_values(path: Path, cached: dict[int, dict[str, object]]) -> None:
    """Put each formula's value beside it, as Excel does on save: openpyxl writes formulas without one.

    Cheaper than recalculating with LibreOffice (``recalculate_xlsx``) and exact by construction.
    """
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if match and cached.get(int(match[1])):
                values = cached[int(match[1])]
                text = data.decode("utf-8")
                text = re.sub(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>',
                              lambda m: f'<c r="{m[1]}"{m[2]}><f>{m[3]}</f><v>{values[m[1]]}</v></c>'
                              if m[1] in values else m[0], text)
                data = text.encode("utf-8")
            target.writestr(item, data)
    tmp.replace(path)


def recalculate_xlsx(paths: list[Path]) -> None:
    """Have LibreOffice recalculate and re-save workbooks in place (one start for the batch)."""
    if not paths:
        return
    with tempfile.TemporaryDirectory() as tmp:
        _soffice(["--convert-to", "xlsx", "--outdir", str(Path(tmp) / "out"), *map(str, paths)], tmp)
        for path in paths:
            shutil.move(Path(tmp) / "out" / Path(path).name, path)
