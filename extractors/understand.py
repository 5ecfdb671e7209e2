"""From a document's blocks to its ABK forms: header fields, the task table, its columns and rows.

One code path for every format. A form is a task table plus the header fields seen since the
previous table; a table that continues one (split over pages, header repeated or not) joins it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractors import header_fields as hf
from extractors.blocks import Block, Grid, Paragraph
from extractors.columns import NUMERIC, Column, classify, header_score, is_number_row, is_sub_header, \
    merge_header_rows
from extractors.numbers import parse_int, parse_minutes, parse_number, parse_ratio
from extractors.submission import NOT_AN_ABK_FORM, ExtractionError, Form, Header, Row

_PERIODS = {"hari": "hari", "harian": "hari", "minggu": "minggu", "mingguan": "minggu", "bulan": "bulan",
            "bulanan": "bulan", "tahun": "tahun", "tahunan": "tahun"}
_TOTAL = re.compile(r"^\s*(jumlah|total)\b", re.IGNORECASE)
_ROUNDED = re.compile(r"^\s*(kebutuhan pegawai|jumlah kebutuhan|pembulatan)|dibulatkan", re.IGNORECASE)
_OUTLINE = re.compile(r"^\s*(\d{1,2}(\.\d{1,2})*[.)]|[a-z][.)]|-|•)\s+", re.IGNORECASE)
# Annual WKE figures printed in hours by hour-based forms (1,250 jam under PermenPAN-RB 1/2020).
_ANNUAL_HOURS = {Decimal(1250), Decimal(1200), Decimal(1322)}


@dataclass
class _Table:
    columns: list[Column]
    width: int
    rows: list[Row] = field(default_factory=list)
    printed_total: Decimal | None = None
    printed_k: Decimal | None = None
    location: str | None = None
    objek: bool = False
    # the last row's cells by kind, and whether a page break cut that row (its rest opens the next part)
    last: dict = field(default_factory=dict)
    cut: bool = False
    where: str | None = None             # the location of the part read last


@dataclass
class _Pending:
    values: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: str) -> None:
        if name.startswith("level:"):
            self.levels.setdefault(name[6:], value)
        elif value and name not in self.values:
            self.values[name] = value

    def __bool__(self) -> bool:
        return bool(self.values or self.levels)


def forms_from_blocks(blocks: list[Block]) -> list[Form]:
    forms: list[Form] = []
    pending = _Pending()
    table: _Table | None = None
    header: _Pending | None = None

    def close():
        nonlocal table, header
        if table is not None:
            forms.append(_form(table, header or _Pending(), len(forms)))
        table, header = None, None

    queue = list(reversed(blocks))
    while queue:
        block = queue.pop()
        if isinstance(block, Paragraph):
            found = hf.from_paragraph(block.text)
            if found:
                if found[0] == "nama_jabatan" and table is not None:
                    close()
                pending.add(*found)
            continue
        start = _header_row(block.rows)
        if start is None:
            if table is not None and not pending and _continues(block, table):
                _read_rest(block, _read_rows(block, table), queue)
                continue
            for cells in block.rows:
                found = hf.from_cells(cells)
                if found:
                    if found[0] == "nama_jabatan" and table is not None:
                        close()
                    pending.add(*found)
            continue
        index, depth = start
        for cells in block.rows[:index]:                 # header cells above the table in the same grid
            found = hf.from_cells(cells)
            if found:
                if found[0] == "nama_jabatan" and table is not None:
                    close()
                pending.add(*found)
        titles = [r for r in block.rows[index:index + depth] if not is_number_row(r)]  # "(1) (2) ..." names nothing
        columns = [classify(text) for text in merge_header_rows(titles)]
        body = Grid(block.rows[index + depth:], location=block.location, notes=block.notes)
        if table is not None and not pending and [c.kind for c in columns] == [c.kind for c in table.columns]:
            _read_rest(body, _read_rows(body, table, under_header=True), queue)  # repeated header
            continue
        close()
        table = _Table(columns, len(columns), location=block.location,
                       objek=any(w in " ".join(c.text for c in columns) for w in ("objek", "obyek")))
        header, pending = pending, _Pending()
        _read_rest(body, _read_rows(body, table, under_header=True), queue)
    close()
    forms = [f for f in forms if f.rows or f.header.nama_jabatan]
    if not forms:
        raise ExtractionError(NOT_AN_ABK_FORM, "tidak ditemukan tabel uraian tugas ABK (kolom Uraian Tugas dengan "
                                               "waktu penyelesaian dan volume, atau standar kemampuan).")
    return forms


def _header_row(rows: list[list[str | None]]) -> tuple[int, int] | None:
    """(index, depth) of the task table's header: the first row naming an uraian and a numeric column,
    plus a second header row when one follows and tells more (a kind or a unit the first row leaves open:
    "Waktu" over "Penyelesaian", "(jam)"); a column-number row is folded into the depth."""
    for i, cells in enumerate(rows[:40]):
        if not any(c and c.strip() for c in cells):
            continue                                       # an empty row is no header, whatever follows it
        merged = merge_header_rows(rows[i:i + 2]) if i + 1 < len(rows) and is_sub_header(rows[i + 1]) else None
        single = [c or "" for c in cells]
        if header_score(single) >= 2 or (merged and header_score(merged) >= 2) or (
                header_score(single) >= 1 and merged and header_score(merged) >= 2):
            depth = 2 if merged and header_score(merged) >= header_score(single) \
                and _meaning(merged) != _meaning(single) else 1
            if i + depth < len(rows) and is_number_row(rows[i + depth]):
                depth += 1
            return i, depth
    return None


def _meaning(titles: list[str]) -> list[tuple[str, str]]:
    return [(c.kind, c.unit) for c in map(classify, titles)]


def _continues(grid: Grid, table: _Table) -> bool:
    width = max((len(r) for r in grid.rows), default=0)
    return width == table.width or grid.continued


def _read_rest(grid: Grid, stop: int | None, queue: list[Block]) -> None:
    """The rows of a grid after its table ended (the next form on the same sheet) are read as a grid of their own."""
    if stop is not None:
        queue.append(Grid(grid.rows[stop:], location=grid.location, notes=grid.notes))


def _read_rows(grid: Grid, table: _Table, under_header: bool = False) -> int | None:
    """Read the body rows of ``grid`` into ``table``; the index of the row where the table ended when a
    form's header field (the next form's "Nama Jabatan : ...") follows it in the same grid, else None.

    A row may break across pages (Word's default): when a part of the table opens a new page, or the
    reader saw the previous part's last row cut open, a first row with no number and no figures is the
    rest of the row before. ``under_header``: the grid starts right under the table's header."""
    kinds = [c.kind for c in table.columns]
    after_header = under_header
    rest_of_cut = table.cut or (bool(table.rows) and grid.location != table.where)
    table.cut, table.where = grid.notes.get("cut_row", False), grid.location
    for at, cells in enumerate(grid.rows):
        cells = list(cells) + [None] * (table.width - len(cells))
        texts = [(c or "").strip() for c in cells[:table.width]]
        if not any(texts) or is_number_row(cells):
            continue
        by_kind = {}
        for column, text in zip(table.columns, texts):
            if text and column.kind not in by_kind:
                by_kind[column.kind] = (column, text)
        label = " ".join(t for k, t in zip(kinds, texts) if k in ("no", "uraian") and t)
        numeric = {k: v for k, v in by_kind.items() if k in NUMERIC}
        if rest_of_cut and table.rows and not numeric and "no" not in by_kind:
            for kind, (column, text) in by_kind.items():   # the rest of a row cut by the page break
                before = table.last.get(kind)
                table.last[kind] = (column, f"{before[1]}\n{text}" if before else text)
            table.rows[-1] = _row(table.last, table.rows[-1].line)
            rest_of_cut = False
            continue
        rest_of_cut = False
        if after_header and is_sub_header(cells) and not any(re.search(r"\d", t) for _, t in numeric.values()):
            continue                                       # a second header row that adds nothing, or repeated
        after_header = False
        if _TOTAL.match(label) or (not by_kind.get("uraian") and _TOTAL.match(" ".join(texts))):
            table.printed_total = _printed(numeric, table.printed_total)
            continue
        if _ROUNDED.search(label):
            table.printed_k = _printed(numeric, table.printed_k)
            continue
        if "uraian" in by_kind and header_score(texts) >= 2:
            after_header = True
            continue                                       # a repeated header inside the table
        if table.rows and sum(parse_number(t) is not None for _, t in numeric.values()) <= 1 \
                and hf.from_cells(cells):
            return at                                      # the header of the next form ("Jabatan | X")
        if not numeric:
            continue                                       # a group row ("A. Tugas Pokok") or a note
        table.rows.append(_row(by_kind, len(table.rows) + 1))
        table.last = by_kind
    return None


def _printed(numeric: dict, previous):
    column_text = numeric.get("pegawai")
    value = parse_number(column_text[1]) if column_text else None
    return value if value is not None else previous


def _row(by_kind: dict, line: int) -> Row:
    row = Row(line=line, uraian=_uraian(by_kind.get("uraian", (None, ""))[1]))
    if "no" in by_kind:
        row.no = parse_int(by_kind["no"][1].rstrip("."))
    if "satuan" in by_kind:
        row.satuan = hf.clean(by_kind["satuan"][1])
    if "periode" in by_kind:
        row.periode = _period(by_kind["periode"][1])
    readers = {
        "norma": ("norma_waktu_menit", lambda col, text: parse_minutes(text, col.unit)),
        "wke": ("wke_menit", _wke),
        "volume": ("volume", lambda col, text: parse_number(text)),
        "standar": ("standar_kemampuan", lambda col, text: parse_number(text)),
        "jumlah_alat": ("jumlah_alat", lambda col, text: parse_number(text)),
        "rasio": ("rasio_pegawai_per_alat", lambda col, text: parse_ratio(text)),
        "shift": ("shift", lambda col, text: parse_number(text)),
        "pegawai": ("pegawai_tercetak", lambda col, text: parse_number(text)),
    }
    for kind, (name, read) in readers.items():
        if kind not in by_kind:
            continue
        column, text = by_kind[kind]
        value = read(column, text)
        if value is None:
            row.unreadable[name] = text
        setattr(row, name, value)
    return row


def _wke(column: Column, text: str) -> Decimal | None:
    value = parse_minutes(text, column.unit)
    if value is not None and column.unit == "menit" and value in _ANNUAL_HOURS and "menit" not in column.text:
        return value * 60                                  # "1.250" in an unlabelled WKE column means hours
    return value


def _period(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text.casefold())
    for word in words:
        if word in _PERIODS:
            return _PERIODS[word]
    return None


def _uraian(text: str) -> str:
    text = hf.clean(text)
    return _OUTLINE.sub("", text, count=1) if _OUTLINE.match(text) else text


def _form(table: _Table, pending: _Pending, index: int) -> Form:
    kinds = {c.kind for c in table.columns}
    if "norma" in kinds:
        approach = "tugas_per_tugas"
    elif kinds & {"jumlah_alat", "rasio"}:
        approach = "peralatan_kerja"
    else:
        approach = "objek_kerja" if table.objek else "hasil_kerja"
    if approach in ("hasil_kerja", "objek_kerja"):
        for row in table.rows:                              # "Beban Kerja" there is the workload, not a volume
            row.beban, row.volume = row.volume, None
            if "volume" in row.unreadable:
                row.unreadable["beban"] = row.unreadable.pop("volume")
    if approach == "peralatan_kerja":
        for row in table.rows:
            if row.jumlah_alat is None and row.volume is not None:
                row.jumlah_alat, row.volume = row.volume, None
    return Form(approach, _header(pending), table.rows, index=index, printed_total=table.printed_total,
                printed_k=table.printed_k, location=table.location)


def _header(pending: _Pending) -> Header:
    v = pending.values
    units = hf.unit_path(v["unit_kerja"]) if v.get("unit_kerja") else []
    levels = hf.assemble_levels(pending.levels)
    for level in levels:                                   # separate level lines complete a partial path
        if level.casefold() not in (u.casefold() for u in units):
            units.append(level)
    return Header(
        nama_jabatan=v.get("nama_jabatan") or None,
        unit_kerja=units,
        ikhtisar_jabatan=v.get("ikhtisar_jabatan"),
        instansi=v.get("instansi"),
        kode_jabatan=v.get("kode_jabatan"),
        kelas_jabatan=parse_int(v.get("kelas_jabatan")),
        bezetting=parse_int(v.get("bezetting")),
        tahun=parse_int(v.get("tahun")),
        jenis_jabatan=v.get("jenis_jabatan"),
        jenjang=v.get("jenjang"),
        pendidikan=v.get("pendidikan"),
    )
