"""From a document's blocks to its ABK forms: header fields, the task table, its columns and rows.

One code path for every format. A form is a task table plus the header fields seen since the
previous table; a table that continues one (split over pages, header repeated or not) joins it.
Combined Anjab-ABK documents put other tables after the ABK table (Hasil Kerja, Bahan Kerja, Korelasi
Jabatan, ...), each under its numbered section title: tables in those sections are not task tables.
"""
from __future__ import annotations

import re
from extractors import header_fields as hf
from extractors import sections, task_rows
from extractors.form_header import BELOW, TITLE, PendingHeader, complete, header_of
from extractors.blocks import Block, Grid, Paragraph
from extractors.columns import classify, classify_header, header_score, is_number_row, is_sub_header, \
    merge_header_rows, resolve, retype
from extractors.numbers import parse_int
from extractors.submission import NOT_AN_ABK_FORM, ExtractionError, Form
from extractors.table_body import Table, read_closing_grid, read_rows, restore_numbered

class _Reader:
    def __init__(self):
        self.forms: list[Form] = []
        self.pending = PendingHeader()
        self.table: Table | None = None
        self.header: PendingHeader | None = None
        self.in_anjab_section = False

    def close(self) -> None:
        if self.table is not None:
            self.forms += _forms(self.table, self.header or PendingHeader(), len(self.forms))
        self.table, self.header = None, None

    def field(self, found: tuple[str, str]) -> None:
        if found[0] == "nama_jabatan" and found[1]:
            self.close()
            self.in_anjab_section = False                  # a new position's form begins
        self.pending.add(*found)

    def paragraph(self, text: str) -> None:
        if self.pending.continue_value(hf.clean(text)):
            return
        if sections.anjab_title(text):
            self.in_anjab_section = True
            return
        found = hf.from_paragraph(text)
        title = TITLE.match(text)
        if title and not found:
            self.pending.add("judul_jabatan", hf.clean(title["name"]))
            return
        if sections.abk_title(text) and not (found and found[1]):
            self.in_anjab_section = False                  # "6. TUGAS POKOK :" titles the ABK table
        elif found:
            self.field(found)

    def grid(self, block: Grid, queue: list[Block]) -> None:
        self.pending.below = None
        sheet = re.match(r"lembar '(.*)'$", block.location or "")
        first = next((c for row in block.rows for c in row if c and c.strip()), "")
        if sections.explains(sheet and sheet[1], first):
            return
        rows = block.rows
        while rows and sections.lone_text(rows[0]) and (sections.anjab_title(sections.lone_text(rows[0]))
                                                        or sections.abk_title(sections.lone_text(rows[0]))):
            self.in_anjab_section = sections.anjab_title(sections.lone_text(rows[0]))
            rows = rows[1:]                                 # a section's title in a sheet's first cell
        block = Grid(rows, location=block.location, notes=block.notes, continued=block.continued)
        start = _header_row(block.rows, strict=self.in_anjab_section)
        table = self.table
        if start is None:
            if table is not None and not table.closed and not self.pending and read_closing_grid(block, table):
                return
            if table is not None and not table.closed and not self.pending and not self.in_anjab_section \
                    and _continues(block, table):
                _read_rest(block, read_rows(block, table), queue)
                return
            self.header_cells(block, block.rows, queue)
            return
        index, depth = start
        self.header_cells(block, block.rows[:index])     # header cells above the table in the same grid
        titles = [r for r in block.rows[index:index + depth] if not is_number_row(r)]  # "(1) (2) ..." names nothing
        columns = resolve(classify_header(titles))
        body = Grid(block.rows[index + depth:], location=block.location, notes=block.notes)
        columns = retype(columns, body.rows)
        table = self.table
        if table is not None and not table.closed and not self.pending \
                and [c.kind for c in columns] == [c.kind for c in table.columns]:
            _read_rest(body, read_rows(body, table, under_header=True), queue)  # repeated header
            return
        self.close()
        self.table = Table(columns, len(columns), location=block.location,
                           objek=any(w in " ".join(c.text for c in columns) for w in ("objek", "obyek")))
        self.header, self.pending = self.pending, PendingHeader()
        _read_rest(body, read_rows(body, self.table, under_header=True), queue)

    def header_cells(self, block: Grid, rows, queue: list[Block] | None = None) -> None:
        """Header fields in table rows; a row holding only a value under the previous row's value goes on
        with it (a unit kerja written one unit a row); the next form's Nama Jabatan after another field
        starts a grid of its own (``queue``)."""
        last = None                                        # (field, column of its value)
        for at, cells in enumerate(rows):
            blocks_of_labels = [c for c in cells
                                if c and sum(1 for line in c.split("\n") if hf.from_paragraph(line)) > 1]
            if blocks_of_labels:                           # "NAMA JABATAN: ...\nUNIT KERJA: ..." in one cell
                for line in "\n".join(blocks_of_labels).split("\n"):
                    self.paragraph(line)
                last = None
                continue
            found = hf.from_cells(cells)
            if found and found[0] == "nama_jabatan" and found[1] and at and queue is not None:
                queue.append(Grid(rows[at:], location=block.location, notes=block.notes))
                return                                     # the next form on the sheet starts here
            if found:
                self.field(found)
                filled = [i for i, c in enumerate(cells) if c and c.strip()]
                last = (found[0], filled[-1]) if found[0] in BELOW and filled else None
                continue
            filled = [i for i, c in enumerate(cells) if c and c.strip() and c.strip() != ":"]
            title = TITLE.match(cells[filled[0]]) if len(filled) == 1 else None
            if title:
                self.pending.add("judul_jabatan", hf.clean(title["name"]))
            elif last and filled == [last[1]]:
                self.pending.extend(last[0], hf.clean(cells[last[1]]))
            else:
                last = None

    def finish(self) -> list[Form]:
        self.close()
        if self.forms and self.pending:                  # "17. KELAS JABATAN : Kelas 7" after the last table
            complete(self.forms[-1].header, header_of(self.pending))
        return [f for f in self.forms if f.rows or f.header.nama_jabatan]


def forms_from_blocks(blocks: list[Block]) -> list[Form]:
    reader = _Reader()
    queue = list(reversed(blocks))
    while queue:
        block = queue.pop()
        if isinstance(block, Paragraph):
            reader.paragraph(block.text)
        else:
            reader.grid(block, queue)
    forms = reader.finish()
    if not forms:
        raise ExtractionError(NOT_AN_ABK_FORM, "tidak ditemukan tabel uraian tugas ABK (kolom Uraian Tugas dengan "
                                               "waktu penyelesaian dan volume, atau standar kemampuan).")
    return forms


def _header_row(rows: list[list[str | None]], strict: bool = False) -> tuple[int, int] | None:
    """(index, depth) of the task table's header: the first row naming an uraian and a numeric column,
    plus a second header row when one follows and tells more (a kind or a unit the first row leaves open:
    "Waktu" over "Penyelesaian", "(jam)"); a column-number row is folded into the depth. ``strict``
    (inside an Anjab section such as "Prestasi Kerja yang Diharapkan", whose table has a time and a
    volume too): only a header that also names the need, the WKE or a standard opens a task table."""
    for i, cells in enumerate(rows[:60]):
        if not any(c and c.strip() for c in cells):
            continue                                       # an empty row is no header, whatever follows it
        merged = merge_header_rows(rows[i:i + 2]) if i + 1 < len(rows) and is_sub_header(rows[i + 1]) else None
        single = [c or "" for c in cells]
        if merged and not header_score(single) and header_score([c or "" for c in rows[i + 1]]) >= 2:
            merged = None                                  # a title row ("5. TUGAS POKOK") over a whole header
        if header_score(single) >= 2 or (merged and header_score(merged) >= 2) or (
                header_score(single) >= 1 and merged and header_score(merged) >= 2):
            depth = 2 if merged and header_score(merged) >= header_score(single) \
                and _meaning(merged) != _meaning(single) else 1
            if i + depth < len(rows) and is_number_row(rows[i + depth]):
                depth += 1
            kinds = {c.kind for c in map(classify, merge_header_rows(rows[i:i + depth]))}
            if strict and not kinds & {"pegawai", "wke", "standar", "rasio"}:
                return None
            return i, depth
    return None


def _meaning(titles: list[str]) -> list[tuple[str, str]]:
    return [(c.kind, c.unit) for c in map(classify, titles)]


def _continues(grid: Grid, table: Table) -> bool:
    width = max((len(r) for r in grid.rows), default=0)
    return width == table.width or grid.continued


def _read_rest(grid: Grid, stop: int | None, queue: list[Block]) -> None:
    """The rows of a grid after its table ended (the next form on the same sheet) are read as a grid of their own."""
    if stop is not None:
        queue.append(Grid(grid.rows[stop:], location=grid.location, notes=grid.notes))


def _forms(table: Table, pending: PendingHeader, index: int) -> list[Form]:
    """The form of a task table. A table with a "Nama Jabatan" column lists several positions: a form for
    each run of rows under one name (an equipment form gives each position one row with its equipment,
    ratio and B; a unit's recap lists each position's tasks, the name written once or on every row),
    under the unit its "Unit Kerja" column or else the header names."""
    if not any(c.kind == "jabatan" for c in table.columns):
        return [_form(table, pending, index)]
    groups: list[tuple[tuple[str, str], list[dict]]] = []
    for cells in table.cells:
        name, unit = (hf.value_of(cells[kind][1]) if kind in cells else "" for kind in ("jabatan", "unit"))
        key = (name or groups[-1][0][0], unit or groups[-1][0][1]) if groups else (name, unit)
        if groups and key == groups[-1][0]:
            groups[-1][1].append(cells)
        else:
            groups.append((key, [cells]))
    forms = []
    for (name, unit), rows in groups:
        one = Table(table.columns, table.width, cells=rows, location=table.location, objek=table.objek)
        form = _form(one, pending, index + len(forms))
        form.header.nama_jabatan = name or None
        form.header.unit_kerja = hf.unit_path(unit) if unit else form.header.unit_kerja
        b = next((parse_int(cells["bezetting"][1]) for cells in rows if "bezetting" in cells), None)
        form.header.bezetting = b if b is not None else form.header.bezetting
        forms.append(form)
    return forms


def _form(table: Table, pending: PendingHeader, index: int) -> Form:
    restore_numbered(table)
    approach = task_rows.approach_of(table)
    rows, readings = task_rows.build(table, approach)
    wke = task_rows.annual_wke(pending.values.get("wke"))
    for row in rows if wke is not None else ():
        if row.wke_menit is None and row.periode in (None, "tahun"):
            row.wke_menit = wke                            # "Waktu Kerja Efektif : 1.250 jam/tahun" above the table
    total, rounded, bezetting = task_rows.printed_figures(table)
    header = header_of(pending)
    if header.bezetting is None:
        header.bezetting = bezetting                       # "Jumlah Pegawai Saat Ini" under the table
    return Form(approach, header, rows, index=index, printed_total=total, printed_k=rounded,
                location=table.location, readings=readings)
