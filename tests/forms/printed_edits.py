"""Edits of a printed model (``tests.forms.layout.Printed``) that keep track of the ground truth: which
body row prints which row of the form, each column's whole title, rows and titles changed in place.
The metamorphic transformations of ``tests.forms.transforms`` are written with these."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from extractors.submission import Form
from tests.forms.layout import Cell, Layout, Printed

D = Decimal
UNIT_NOTE = re.compile(r"\s*\((?:menit|jam)\)\s*$", re.IGNORECASE)


@dataclass
class Case:
    forms: list[Form]                   # the ground truth as printed: what must be read back
    layout: Layout
    fmt: str
    models: list[Printed]
    # Per model, the ground-truth row each body row prints (None: a blank, group or template row).
    sources: list[list[int | None]]
    names: tuple[str, ...] = ()
    case_insensitive: bool = False      # uraian and satuan compared without regard to letter case


def col(model: Printed, key: str) -> int | None:
    return model.columns.index(key) if key in model.columns else None


def is_number_row(cells: list[str | None]) -> bool:
    return all(t is None or re.fullmatch(r"\(?\d+\)?", t) for t in cells)


def titles(model: Printed) -> list[str]:
    """Each column's whole title, a two-row header read down ("Waktu" over "Penyelesaian (menit)")."""
    rows = [r for r in model.head if not is_number_row(r)]
    out = []
    for c in range(len(model.columns)):
        parts = []
        for r, cells in enumerate(rows):
            text, k = cells[c], c
            while text is None and r == 0 and k > 0:     # covered by a merge from the left
                k -= 1
                text = cells[k]
            if text and text not in parts:
                parts.append(text)
        out.append(" ".join(parts))
    return out


def flatten_head(model: Printed) -> None:
    """One title row (and the number row): renaming or moving columns cannot keep a merged header."""
    model.head = [titles(model)] + [r for r in model.head if is_number_row(r)]


def retitle(model: Printed, c: int, change: Callable[[str], str]) -> None:
    """Change the title cell of column ``c`` that names the unit, or else its lowest title cell."""
    rows = [r for r in model.head if not is_number_row(r)]
    holding = [r for r in rows if r[c] and UNIT_NOTE.search(r[c])] or [r for r in rows if r[c]][-1:]
    for row in holding:
        row[c] = change(row[c])


def with_unit(title: str, unit: str | None) -> str:
    return UNIT_NOTE.sub("", title) + (f" ({unit})" if unit else "")


def insert_row(case: Case, m: int, at: int, cells: list[Cell]) -> None:
    case.models[m].body.insert(at, cells)
    case.sources[m].insert(at, None)


def data_rows(case: Case, m: int):
    """(cells, ground-truth row) of every body row that prints a row of form ``m``."""
    return [(cells, case.forms[m].rows[s]) for cells, s in zip(case.models[m].body, case.sources[m])
            if s is not None]


def sources(model: Printed, form: Form) -> list[int | None]:
    no, out, n = col(model, "no"), [], 0
    for cells in model.body:
        if any(c.text for c in cells) and (no is None or cells[no].text != "A."):
            out.append(n)
            n += 1
        else:
            out.append(None)
    assert n == len(form.rows), "every ground-truth row is printed once"
    return out


def plain(text: str) -> str:
    """ "75.000" as typed without the thousands point: "75000" (Indonesian points only group thousands)."""
    return text.replace(".", "")


def rounded(total: Decimal) -> Decimal:
    return max(D(1), total.quantize(D(1), ROUND_HALF_UP))


def blank_row(model: Printed) -> list[Cell]:
    return [Cell("") for _ in model.columns]
