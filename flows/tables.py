"""The tables an instansi keeps beside its forms (the list of positions, the HR export): CSV or Excel,
read with pandas as text, their columns found by the words of their headers."""
from __future__ import annotations

import re
from pathlib import Path

import pandas

EXCEL = (".xlsx", ".xlsm")


def read_table(path: Path) -> pandas.DataFrame:
    """Every cell as text ("" when empty). A CSV may use a comma or the semicolon Excel writes in id-ID."""
    if path.suffix.lower() in EXCEL:
        return pandas.read_excel(path, dtype=str, keep_default_na=False)
    return pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=None, engine="python")


def column_by_header(frame: pandas.DataFrame, words: tuple[str, ...]) -> str | None:
    """The first column whose header is one of ``words`` (case, spacing and underscores aside), trying the
    most specific words first."""
    headers = {re.sub(r"[\s_]+", " ", str(c)).strip().casefold(): c for c in frame.columns}
    return next((headers[w] for w in words if w in headers), None)
