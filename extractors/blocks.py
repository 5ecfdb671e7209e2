"""What a format reader hands to the form understanding: the document's content in reading order.

Every reader (docx, pdf, xlsx) reduces its file to a sequence of paragraphs and grids; finding the
header fields, the task table and its columns is then done once, by meaning, in ``understand``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    location: str | None = None      # "halaman 2", "lembar 'ABK'", for messages


@dataclass
class Grid:
    """A table as cell text, row by row.

    ``None`` marks a position covered by a merged cell whose text sits in the cell to its left
    (horizontal merge) or above it (vertical merge); ``""`` is a real, empty cell.
    """

    rows: list[list[str | None]]
    location: str | None = None
    # Readers that know a grid continues the previous one (a table split over pages) may say so;
    # understanding also detects continuations on its own.
    continued: bool = False
    notes: dict = field(default_factory=dict)


Block = Paragraph | Grid
