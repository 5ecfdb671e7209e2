"""The cells of a scanned table read by OCR, each apart from its rules and its neighbours, and every figure
read three times.

A cell of several lines is read on its own as a block, so its lines never mix with a neighbour's (a header
cell of three lines beside one of two). The cells of one line in a table row are read together as one line,
set side by side with white between them: alone, tesseract reads a lone "1" as "al"; beside the row's other
figures, as 1. The cells of the columns that hold figures are read twice more, as figures only (tesseract's
character whitelist) and enlarged: a figure stands when two of the three readings give it, else the cell is
left as "?", unreadable, and the form goes to review instead of carrying a digit one reading made up.
"""
from __future__ import annotations

import re

import numpy as np
from PIL import Image, ImageOps

from extractors import scan_image, scan_ocr
from extractors.scan_pdf import Word

# Page segmentation (tesseract --psm), tried on scans of generated forms: a row of one-line cells as a line
# (7: a lone "1" survives, which 3 and 11 drop), a cell of several lines as a block (6).
LINE_PSM, BLOCK_PSM, RAW_LINE_PSM = "7", "6", "13"
# The second and third readings of a figure see it enlarged: tesseract's slips (7 read as 1, 4 as 1) change
# with the size of the print, so two readings at different sizes seldom make the same one.
_SECOND_SCALE, _THIRD_SCALE = 1.25, 1.5
_FIGURES_ONLY = ["-c", "tessedit_char_whitelist=0123456789.,"]
_FIGURE = re.compile(r"\d[\d.,]*")
_INSET = 3                        # pixels cut off a cell's edge, where the erased rule left its shadow
_PAD = 20                         # white around a cut-out cell: tesseract misses text touching the edge
_GAP = 60                         # white between the cells of a row set on one line: words never join
_MIN_CELL_INK = 30                # dark pixels below which a cell is empty (specks of noise)


def words(image: Image.Image, boxes) -> list[Word]:
    """The words of the cells ``boxes`` (x0, top, x1, bottom in pixels) of ``image`` at their place on it."""
    pixels = np.asarray(image)
    blocks, rows, cut = [], {}, {}
    for index, (x0, top, x1, bottom) in enumerate(boxes):
        x0, top, x1, bottom = (int(round(v)) for v in (x0 + _INSET, top + _INSET, x1 - _INSET, bottom - _INSET))
        if x1 - x0 < 4 or bottom - top < 4:
            continue
        crop = pixels[top:bottom, x0:x1]
        ink = crop < 128
        if ink.sum() < _MIN_CELL_INK:
            continue                                         # an empty cell, or specks
        lines = np.nonzero(ink.any(axis=1))[0]
        cut[index] = (index, x0, top, crop[lines[0]:lines[-1] + 1], lines[0])
        if np.count_nonzero(np.diff(lines) > 2):
            blocks.append((index, x0, top, crop))
        else:
            rows.setdefault(top, []).append(cut[index])
    by_cell: dict[int, list[Word]] = {}
    images = [ImageOps.expand(Image.fromarray(crop), border=_PAD, fill=255) for _, _, _, crop in blocks]
    for box in scan_ocr.words(images, BLOCK_PSM, scan_image.DPI):
        index, x0, top, _ = blocks[box.image]
        by_cell.setdefault(index, []).append(Word(box.text, box.left - _PAD + x0, box.top - _PAD + top, box.width,
                                                  box.height, ("sel", index) + box.line))
    for index, found in _read_rows(list(rows.values()), []).items():
        by_cell[index] = found
    figures = sorted(_figure_cells(boxes, by_cell))
    again_rows: dict[int, list] = {}
    for index in figures:
        again_rows.setdefault(cut[index][2], []).append(cut[index])
    second = _read_rows(list(again_rows.values()), _FIGURES_ONLY, _SECOND_SCALE)
    third = _read_alone([cut[index] for index in figures])
    for index in figures:
        by_cell[index] = _voted([by_cell.get(index, []), second.get(index, []), third.get(index, [])], boxes[index],
                                index)
    return [word for found in by_cell.values() for word in found]


def _read_rows(rows: list[list], options: list[str], scale: float = 1) -> dict[int, list[Word]]:
    """Each row's one-line cells read as one line (enlarged ``scale`` times); the words of each cell."""
    strips = [_strip(cells) for cells in rows if cells]
    images = [_scaled(strip, scale) for strip, _ in strips]
    by_cell: dict[int, list[Word]] = {}
    for box in scan_ocr.words(images, LINE_PSM, round(scan_image.DPI * scale), options):
        slots = strips[box.image][1]
        left, top_, width, height = (v / scale for v in (box.left, box.top, box.width, box.height))
        middle = left + width / 2
        start, index, x0, top = next((slot for slot in reversed(slots) if slot[0] <= middle), slots[0])
        by_cell.setdefault(index, []).append(Word(box.text, left - start + x0, top_ + top, width, height,
                                                  ("sel", index)))
    return by_cell


def _read_alone(cells: list) -> dict[int, list[Word]]:
    """Each cell read on its own as a raw line of figures (the third reading of a figure)."""
    images = [_scaled(ImageOps.expand(Image.fromarray(crop), border=_PAD, fill=255), _THIRD_SCALE)
              for *_, crop, _ in cells]
    by_cell: dict[int, list[Word]] = {}
    for box in scan_ocr.words(images, RAW_LINE_PSM, round(scan_image.DPI * _THIRD_SCALE), _FIGURES_ONLY):
        index = cells[box.image][0]
        by_cell.setdefault(index, []).append(Word(box.text, 0, 0, 0, 0, ("sel", index)))
    return by_cell


def _scaled(image: Image.Image, scale: float) -> Image.Image:
    if scale == 1:
        return image
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)


def _strip(cells) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """The one-line cells of a table row side by side on one white line, and where each begins on it:
    (x on the strip, cell, x on the page, top of the strip on the page)."""
    height = max(crop.shape[0] for *_, crop, _ in cells) + 2 * _PAD
    width = sum(crop.shape[1] + _GAP for *_, crop, _ in cells) + 2 * _PAD
    strip = np.full((height, width), 255, np.uint8)
    slots, x = [], _PAD
    for index, x0, top, crop, first in cells:
        h, w = crop.shape
        y = (height - h) // 2
        strip[y:y + h, x:x + w] = crop
        slots.append((x, index, x0, top + first - y))
        x += w + _GAP
    return Image.fromarray(strip), slots


def _figure_cells(boxes, by_cell: dict[int, list[Word]]) -> set[int]:
    """The cells that should hold figures: in the columns (cells between the same left and right rules) where
    at least two cells, and most of those written in, read as a figure, every written cell from the first
    figure down (the column's title and its "(4)" above stay text)."""
    columns: dict[tuple, list[int]] = {}
    for index, (x0, _, x1, _) in enumerate(boxes):
        if by_cell.get(index):
            columns.setdefault((round(x0), round(x1)), []).append(index)
    figures = set()
    for cells in columns.values():
        cells.sort(key=lambda i: boxes[i][1])
        numeric = [i for i in cells if _FIGURE.fullmatch(_text(by_cell[i]))]
        if len(numeric) >= 2 and 2 * len(numeric) > len(cells):
            figures |= set(cells[cells.index(numeric[0]):])
    return figures


def _voted(readings: list[list[Word]], box, index: int) -> list[Word]:
    """The cell's words as at least two of its three readings give them (the first reading's boxes, which are
    the ones at their place on the page, when it is among them); else "?": no figure two readings agree on."""
    texts = [_text(found) for found in readings]
    for text in texts:
        if text and texts.count(text) >= 2:
            return readings[0] if texts[0] == text else readings[1]
    x0, top, x1, bottom = box
    return [Word("?", x0 + _INSET + 2, top + _INSET + 2, 20, max(8, bottom - top - 2 * _INSET - 4), ("sel", index))]


def _text(found: list[Word]) -> str:
    return " ".join(word.text for word in sorted(found, key=lambda w: w.left))
