"""Which rows of a task table are tasks, and what the others say.

A row is a task when the unit wrote something a task needs: an uraian with a value in an input column
(time, volume, standard, equipment), or a number in an input column. Blank rows, template rows whose only
content is a prefilled WKE or a formula's 0, group rows ("A. Tugas Pokok"), sub-steps and notes are not
tasks; in a numbered table, neither is an unnumbered row with only some of the inputs (the sub-step
"1) Memberi nomor surat  0,25" under its task). A closing row ("Jumlah", "Jumlah Pegawai yang
Dibutuhkan", "Pembulatan", "Efisiensi Jabatan", "Jumlah Pegawai Saat Ini") is read for the cross-check
and closes the table: what follows it (notes, signatures written in the table's columns) is not a task
either, unless it is numbered and filled like one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import header_fields
from extractors import sections
from extractors.blocks import Grid
from extractors.columns import INPUTS, NUMERIC, Column, header_score, is_bullet, is_number_row, is_sub_header
from extractors.numbers import parse_int, parse_quantity, parse_time

# Closing rows by what they print; the first pattern that matches the row's words wins.
_CLOSING = (
    ("rounded", re.compile(r"pembulatan|dibulatkan|\bbulat\b")),
    ("bezetting", re.compile(r"pegawai (yang )?(ada|saat ini|sekarang|tersedia|existing)|bezetting|pemangku|"
                             r"\(b\)\s*$")),
    ("other", re.compile(r"efisiensi|prestasi kerja|\b(ej|pj)\b|selisih|kekurangan|kelebihan|keterangan")),
    ("workload", re.compile(r"beban kerja|jumlah waktu|total waktu|jam kerja")),
    ("total", re.compile(r"^(sub\s*)?(jumlah|total)\b|pegawai yang dibutuhkan|kebutuhan pegawai")),
)
_CLOSING_START = re.compile(r"^(sub\s*)?(jumlah|total|pembulatan|dibulatkan|kebutuhan pegawai|efisiensi|selisih|"
                            r"catatan|keterangan|mengetahui)\b")
_SUBTOTAL = re.compile(r"^sub\s*(jumlah|total)\b")
BLANK_TEXTS = ("-", "–", "—", "…")


@dataclass
class Table:
    columns: list[Column]
    width: int
    cells: list[dict] = field(default_factory=list)   # each task row's cells: kind -> (Column, text)
    skipped: list[tuple[int, dict]] = field(default_factory=list)  # numbered rows without values: (index, cells)
    printed: dict[str, str] = field(default_factory=dict)  # closing rows' figures as printed: total, rounded, bezetting
    closed: bool = False                    # a closing row was read; only a new header opens a table again
    location: str | None = None
    objek: bool = False
    cut: bool = False                       # a page break cut the last row (its rest opens the next part)
    where: str | None = None                # the location of the part read last


def read_rows(grid: Grid, table: Table, under_header: bool = False) -> int | None:
    """Read the body rows of ``grid`` into ``table``; the index of the row where the table ended when a
    form's header field (the next form's "Nama Jabatan : ...") follows it in the same grid, else None.

    A row may break across pages (Word's default): when a part of the table opens a new page, or the
    reader saw the previous part's last row cut open, a first row with no number and no figures is the
    rest of the row before. ``under_header``: the grid starts right under the table's header."""
    kinds = [c.kind for c in table.columns]
    needed = [k for k in INPUTS if k in kinds and k != "shift"]
    after_header = under_header
    rest_of_cut = table.cut or (bool(table.cells) and grid.location != table.where)
    table.cut, table.where = grid.notes.get("cut_row", False), grid.location
    for at, cells in enumerate(grid.rows):
        cells = list(cells) + [None] * (table.width - len(cells))
        texts = [(c or "").strip() for c in cells[:table.width]]
        if not any(texts) or is_number_row(cells):
            continue
        if sections.anjab_title(sections.lone_text(texts) or ""):
            return at                                      # "7. HASIL KERJA": the Anjab goes on, the table ended
        by_kind = _by_kind(table.columns, texts)
        numeric = {k: v for k, v in by_kind.items() if k in NUMERIC}
        if rest_of_cut and table.cells and not table.closed and not numeric and "no" not in by_kind:
            last = table.cells[-1]
            for kind, (column, text) in by_kind.items():   # the rest of a row cut by the page break
                before = last.get(kind)
                last[kind] = (column, f"{before[1]}\n{text}" if before else text)
            rest_of_cut = False
            continue
        rest_of_cut = False
        if after_header and is_sub_header(cells) and not any(re.search(r"\d", t) for _, t in numeric.values()):
            continue                                       # a second header row that adds nothing, or repeated
        after_header = False
        words = " ".join(t for k, t in zip(kinds, texts) if t and (k not in NUMERIC or _number(t) is None))
        number = parse_int(by_kind["no"][1].rstrip(".")) if "no" in by_kind else None
        inputs = any(_number(t) is not None for k, (_, t) in by_kind.items() if k in INPUTS)
        figures = [t for t in texts if _number(t) is not None]
        closing = _closing(words, inputs, bool(figures)) if number is None else None
        if closing:
            _read_closing(table, closing, numeric, figures, words)
            continue
        if "uraian" in by_kind and header_score(texts) >= 2:
            after_header = True
            continue                                       # a repeated header inside the table
        if (table.cells or table.closed) and sum(_number(t) is not None for _, t in numeric.values()) <= 1 \
                and header_fields.from_cells(cells):
            return at                                      # the header of the next form ("Jabatan | X")
        filled = {k: t for k, (_, t) in by_kind.items() if k in INPUTS and t not in BLANK_TEXTS}
        has_uraian = bool(header_fields.clean(by_kind.get("uraian", (None, ""))[1]).strip(" .:-"))
        is_task = any(_number(t) is not None for t in filled.values()) or (has_uraian and bool(filled))
        if is_task and number is None and "no" in kinds and not all(k in filled for k in needed):
            continue                                       # an unnumbered sub-step under a numbered task
        if table.closed and not (is_task and number is not None):
            continue                                       # notes and signatures after the closing rows
        if not is_task:
            if has_uraian and number is not None:
                table.skipped.append((len(table.cells), by_kind))
            continue                                       # a group row, a sub-step, a note, a template row
        table.closed = False                               # numbered and filled: the table goes on after a subtotal
        table.cells.append(by_kind)
    return None


def restore_numbered(table: Table) -> None:
    """A numbered row with an uraian but no values, standing where the numbering of the tasks around it
    expects a task, is a task the unit left empty: it is kept (and judged) rather than dropped."""
    inserted = 0
    for index, by_kind in table.skipped:
        at, number = index + inserted, _no(by_kind)
        before = _no(table.cells[at - 1]) if at > 0 else 0
        last = at == len(table.cells)
        if before is not None and number == before + 1 and (last or _no(table.cells[at]) == number + 1):
            table.cells.insert(at, by_kind)
            inserted += 1
    table.skipped = []


def _no(by_kind: dict) -> int | None:
    return parse_int(by_kind["no"][1].rstrip(".")) if "no" in by_kind else None


def _by_kind(columns: list[Column], texts: list[str]) -> dict:
    """The first text of each kind; an uraian under one title over a bullet column and a text column is
    the text without its bullet."""
    by_kind = {}
    for column, text in zip(columns, texts):
        if column.kind == "uraian" and text and is_bullet(text) and sum(c.kind == "uraian" for c in columns) > 1:
            continue
        if column.kind == "uraian" and text and "uraian" in by_kind:
            by_kind["uraian"] = (column, f"{by_kind['uraian'][1]} {text}")
        elif text and column.kind not in by_kind:
            by_kind[column.kind] = (column, text)
    return by_kind


def _number(text: str):
    time = parse_time(text)
    if time is not None:
        return time[0]
    quantity = parse_quantity(text)
    return quantity[0] if quantity else None


def _closing(words: str, inputs: bool, figures: bool) -> str | None:
    """The kind of closing row. A row with task figures (a Jumlah row may sum the volumes) must begin with
    the closing words, so that a task about "kebutuhan pegawai" stays a task; so must a row without any
    figure, so that a group row "B. Analisis Beban Kerja Tambahan" does not close the table."""
    text = " ".join(header_fields.clean(words).casefold().split())
    if not text or (inputs or not figures) and not _CLOSING_START.match(text):
        return None
    for kind, pattern in _CLOSING:
        if pattern.search(text):
            return kind
    return None


def _read_closing(table: Table, kind: str, numeric: dict, figures: list[str], words: str) -> None:
    """A closing row gives the form's own figures for the cross-check: the one in the need column, or the
    row's only figure. A workload total ("Total beban kerja  113.559") gives the need only in its column."""
    if kind == "total" and _SUBTOTAL.match(" ".join(words.casefold().split())):
        return                                             # a subtotal neither closes nor totals the table
    table.closed = True
    if kind == "other":
        return
    need = numeric["pegawai"][1] if "pegawai" in numeric and _number(numeric["pegawai"][1]) is not None else None
    if kind == "workload":
        kind, need, figures = "total", need, []
    if need is not None or len(figures) == 1:
        table.printed[kind] = need if need is not None else figures[0]


def read_closing_grid(grid: Grid, table: Table) -> bool:
    """A small table of closing rows printed apart under the task table ("Pegawai Yang Dibutuhkan | 1,79",
    "... (Pembulatan) | 2"): read into ``table``; False, and nothing read, when any row is something else."""
    found = []
    for cells in grid.rows:
        texts = [(c or "").strip() for c in cells]
        if not any(texts):
            continue
        figures = [t for t in texts if _number(t) is not None]
        words = " ".join(t for t in texts if t and _number(t) is None)
        kind = _closing(words, False, bool(figures))
        if kind is None or len(figures) != 1:
            return False
        found.append((kind, figures, words))
    for kind, figures, words in found:
        _read_closing(table, kind, {}, figures, words)
    return bool(found)
