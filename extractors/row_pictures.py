"""Each task row of a scanned form gets the picture of its line in the scan, so that a person reviewing a
reading (needs_review) sees what the paper says right beside what was read.

A row is found where its uraian's first words were read (the reading was made from those very words), in
the cell that holds them; the row's band is that cell's height across the whole table. Rows are found in
reading order, so two tasks that start alike are not given the same picture.
"""
from __future__ import annotations

import io
import re

from extractors.submission import Form, Row

WIDTH = 900            # pixels of a row's picture: legible figures at a fraction of the page's size
_WORDS = 3             # first words of the uraian that locate its row
_SAME_LINE_PX = 8      # cells whose tops differ by less belong to one table row
_MARGIN_PX = 4


def attach(forms: list[Form], pages: list) -> None:
    """Set ``image`` (PNG) on every row whose place in ``pages`` (scan_pdf.ScannedPage) is found."""
    after = (0, -1.0)
    for form in forms:
        for row in form.rows:
            found = _place(row, pages, after)
            if found is None:
                continue
            index, band = found
            row.image = _png(pages[index].picture, band)
            after = (index, band[1])


def _key(text: str) -> str:
    return re.sub(r"\W", "", text.casefold())


def _place(row: Row, pages: list, after: tuple[int, float]) -> tuple[int, tuple[float, float, float, float]] | None:
    wanted = [k for k in (_key(t) for t in (row.uraian or "").split()) if k][:_WORDS]
    if not wanted:
        return None
    for index in range(after[0], len(pages)):
        page = pages[index]
        if page.picture is None:
            continue
        words = [w for w in page.words if _key(w.text)]
        for i, word in enumerate(words):
            if _key(word.text) != wanted[0] or (index == after[0] and word.top <= after[1]):
                continue
            # The uraian may wrap after its first word or two: the cell's words follow in reading order.
            if [_key(w.text) for w in words[i:i + len(wanted)]] != wanted:
                continue
            band = _band(page.cells, word.left + word.width / 2, word.top + word.height / 2)
            if band is not None:
                return index, band
    return None


def _band(cells: list, x: float, y: float) -> tuple[float, float, float, float] | None:
    """The table row through the cell holding (x, y): its top and bottom, from the leftmost cell to the
    rightmost of that row."""
    holder = next(((x0, top, x1, bottom) for x0, top, x1, bottom in cells if x0 <= x <= x1 and top <= y <= bottom),
                  None)
    if holder is None:
        return None
    line = [c for c in cells if abs(c[1] - holder[1]) < _SAME_LINE_PX]
    return min(c[0] for c in line), holder[1], max(c[2] for c in line), holder[3]


def _png(picture, band: tuple[float, float, float, float]) -> bytes:
    x0, top, x1, bottom = band
    crop = picture.crop((int(max(0, x0 - _MARGIN_PX)), int(max(0, top - _MARGIN_PX)),
                         int(min(picture.width, x1 + _MARGIN_PX)), int(min(picture.height, bottom + _MARGIN_PX))))
    if crop.width > WIDTH:
        crop = crop.resize((WIDTH, max(1, round(crop.height * WIDTH / crop.width))))
    out = io.BytesIO()
    crop.save(out, format="PNG", optimize=True)
    return out.getvalue()
