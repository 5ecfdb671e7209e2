"""Excel (.xlsx) to blocks: each visible sheet one grid of its visible rows and columns, values as shown
(formulas by their cached value), merged ranges as None."""
from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from extractors.blocks import Block, Grid, Paragraph
from extractors.submission import TOO_LARGE, UNREADABLE, ExtractionError

NO_CACHED_VALUE = "rumus tanpa nilai tersimpan"
# A sheet is read whole or refused: a table cut at a fixed row would be accepted with a smaller K.
_MAX_ROWS, _MAX_COLS = 20000, 200


def read(path, limits) -> tuple[list[Block], None]:
    """The blocks, and no page count. ``limits`` is unused: a sheet is bounded by _MAX_ROWS and _MAX_COLS,
    the task rows by ``extract``."""
    try:
        values = load_workbook(str(path), data_only=True, read_only=False)
        formulas = load_workbook(str(path), data_only=False, read_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ExtractionError(UNREADABLE, f"berkas Excel rusak atau bukan .xlsx ({type(exc).__name__}).") from None
    blocks = []
    for sheet in values.worksheets:
        if sheet.sheet_state != "visible":
            continue
        blocks += _print_header(sheet)
        grid = _grid(sheet, formulas[sheet.title])
        if grid.rows:
            blocks.append(grid)
    return blocks, None


def _print_header(sheet) -> list[Paragraph]:
    """The lines a sheet prints at the top of each page (some units put the position's name there)."""
    location = f"lembar '{sheet.title}'"
    lines = []
    for header in (sheet.firstHeader, sheet.oddHeader):
        for part in (header.left, header.center, header.right):
            text = re.sub(r'&(".*?"|\d+|[A-Za-z&])', "", part.text or "")     # font, size and field codes
            lines += [line.strip() for line in text.split("\n") if line.strip()]
    return [Paragraph(line, location=location) for line in dict.fromkeys(lines)]


def _grid(sheet, formula_sheet) -> Grid:
    covered = set()
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add((row, col))
    max_row, max_col = _used_range(sheet, formula_sheet)
    if max_row > _MAX_ROWS or max_col > _MAX_COLS:
        raise ExtractionError(TOO_LARGE, f"lembar '{sheet.title}' terisi sampai baris {max_row} dan kolom {max_col}, "
                                         f"melebihi batas {_MAX_ROWS} baris dan {_MAX_COLS} kolom.")
    hidden_rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
    hidden_cols = {c for dim in sheet.column_dimensions.values() if dim.hidden
                   for c in range(dim.min or 0, (dim.max or dim.min or 0) + 1)}
    rows = []
    for r in range(1, max_row + 1):
        if r in hidden_rows:
            continue                                     # what the unit hid is not what it submits
        cells = []
        for c in range(1, max_col + 1):
            if c in hidden_cols:
                continue
            if (r, c) in covered:
                cells.append(None)
                continue
            value = sheet.cell(r, c).value
            if value is None:
                formula = formula_sheet.cell(r, c).value
                cells.append(NO_CACHED_VALUE if isinstance(formula, str) and formula.startswith("=") else "")
            else:
                cells.append(_text(value))
        rows.append(cells)
    while rows and not any(c for c in rows[-1]):
        rows.pop()
    while rows and not any(c for c in rows[0]):
        rows.pop(0)
    return Grid(rows, location=f"lembar '{sheet.title}'")


def _used_range(sheet, formula_sheet) -> tuple[int, int]:
    """The last row and column holding a value or a formula. openpyxl's max_row counts cells that only
    carry a format (a whole column coloured reaches row 1,048,576), so the cells themselves are looked at
    (``_cells``: openpyxl 3.1 keeps every existing cell there, by coordinate)."""
    rows = cols = 0
    for book_sheet in (sheet, formula_sheet):
        for (row, col), cell in book_sheet._cells.items():
            if cell.value is not None and cell.value != "":
                rows, cols = max(rows, row), max(cols, col)
    return rows, cols


def _text(value) -> str:
    """Cell values as text the number parser reads back exactly: 0.125 stays 0.125, never 0.12500000001."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips; a '.' with 3 digits must not read as thousands.
        text = repr(value)
        decimal = Decimal(text)
        if decimal == decimal.to_integral_value():
            return str(int(decimal))
        return format(decimal, "f").replace(".", ",")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)
