"""Text PDF to blocks with pdfplumber: ruled tables as grids, other text as lines, in reading order.

A page with no ruled table but words aligned in columns (a borderless table) is read by
``pdf_borderless``. The page count is taken from the document catalog before any page is built, so
a PDF of 100,000 pages is refused in milliseconds.
"""
from __future__ import annotations

import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from extractors import header_fields, pdf_borderless, pdf_lines
from extractors.blocks import Block, Grid, Paragraph
from extractors.submission import ENCRYPTED, NO_TEXT_LAYER, TOO_LARGE, UNREADABLE, ExtractionError

# A table whose top edge is this close to the top of its page, with no text above it, continues the
# table of the page before (running headers sit in the margin above it).
_TOP_SHARE = 0.2
_FOOTER_CHARS = 40    # "Halaman 2 dari 3" and the like, allowed between a table and its continuation
_SNAP = 2             # points: a rule this close to a table's edge is that edge
_TAIL = 2048          # "%%EOF" must be near the end of a complete PDF


def read(path, limits) -> tuple[list[Block], int]:
    _check_complete(path)
    try:
        pdf = pdfplumber.open(str(path))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise ExtractionError(ENCRYPTED, "PDF dilindungi kata sandi; kirim ulang tanpa kata sandi.") from None
        raise _broken(cause) from None
    except Exception as exc:  # pdfminer raises many kinds on a broken header or xref
        raise _broken(exc) from None
    with pdf:
        pages = _page_count(pdf)
        if pages > limits.max_pages:
            raise ExtractionError(TOO_LARGE, f"PDF berisi {pages} halaman, melebihi batas {limits.max_pages} halaman.")
        blocks: list[Block] = []
        any_text = False
        try:
            page_list = pdf.pages
        except Exception as exc:
            raise _broken(exc) from None
        if len(page_list) > limits.max_pages:        # a catalog that under-declares its pages
            raise ExtractionError(TOO_LARGE, f"PDF berisi {len(page_list)} halaman, melebihi batas "
                                             f"{limits.max_pages} halaman.")
        for number, page in enumerate(page_list, start=1):
            try:
                page_blocks = _page_blocks(page, number, blocks)
            except Exception as exc:
                raise ExtractionError(UNREADABLE, f"halaman {number} PDF tidak dapat dibaca "
                                                  f"({type(exc).__name__}).") from None
            finally:
                page.close()
            any_text |= page_blocks is not None
            blocks.extend(page_blocks or [])
        if not any_text:
            raise ExtractionError(NO_TEXT_LAYER, "PDF hanya berisi gambar (hasil pindai) tanpa lapisan teks; kirim "
                                                 "berkas Word/Excel atau PDF yang disimpan langsung dari aplikasinya.")
        return blocks, len(page_list)


def _check_complete(path) -> None:
    """A PDF cut short in transfer can still parse (pdfminer rebuilds a lost xref) and yield a
    table missing its last rows; a partial table must never be accepted, so the end marker is required."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(0, handle.tell() - _TAIL))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise ExtractionError(UNREADABLE, "PDF terpotong atau tidak utuh (penanda akhir berkas tidak ada); "
                                          "kirim ulang berkasnya.")


def _page_count(pdf) -> int:
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception as exc:
        raise _broken(exc) from None
    if not isinstance(count, int) or count < 0:
        raise ExtractionError(UNREADABLE, "PDF rusak: jumlah halaman tidak terbaca.")
    return count


def _broken(exc: BaseException) -> ExtractionError:
    return ExtractionError(UNREADABLE, f"PDF rusak atau terpotong ({type(exc).__name__}).")


def _has_doubled_chars(chars) -> bool:
    """A cheap look before pdfplumber's dedupe_chars, which costs a sixth of reading a page and finds
    nothing on almost every form: the same letter again within 1 pt (dedupe_chars' tolerance)."""
    seen: dict[tuple, list] = {}
    for char in chars:
        x, y = char["x0"], char["top"]
        gx, gy = int(x), int(y)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for text, ox, oy in seen.get((gx + dx, gy + dy), ()):
                    if text == char["text"] and abs(ox - x) <= 1 and abs(oy - y) <= 1:
                        return True
        seen.setdefault((gx, gy), []).append((char["text"], x, y))
    return False


def _page_blocks(page, number: int, before: list[Block]) -> list[Block] | None:
    """The page's blocks in reading order; None when the page has no text at all."""
    if not page.chars:
        return None
    if _has_doubled_chars(page.chars):  # bold faked by printing a word twice would double every letter
        page = page.dedupe_chars()
    location = f"halaman {number}"
    tables, cut = _tables(page)
    if not tables:
        return pdf_borderless.blocks(page, location)
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox, strict=False)
    lines = pdf_lines.text_blocks(outside, location)
    items = [(t.bbox[1], Grid(_cell_texts(page, t), location=location,
                              notes={"cut_row": True} if any(abs(t.bbox[3] - y) < 1 for y in cut) else {}))
             for t in tables]
    first = items[0]
    first[1].continued = number > 1 and _continues(first[1], first[0], lines, page.height, before, number)
    return [block for _, block in sorted(items + lines, key=lambda item: item[0])]


def _tables(page) -> tuple[list, set[float]]:
    """The ruled tables of the page, top to bottom, and the bottoms of those whose last row a page break
    cut: Word, LibreOffice and browsers let a row break across pages, leaving its part on this page open
    at the bottom (its rest, open at the top, starts the next page). The open side gets its rule back."""
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    tables = page.find_tables(settings)
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    closing, cut = [], set()
    for table in tables:
        x0, top, x1, bottom = table.bbox
        inside = [e for e in verticals if x0 - 1 <= e["x0"] <= x1 + 1]
        below = [e["bottom"] for e in inside if e["top"] <= bottom + _SNAP and e["bottom"] > bottom + _SNAP]
        above = [e["top"] for e in inside if e["bottom"] >= top - _SNAP and e["top"] < top - _SNAP]
        for ends, y in ((below, max(below, default=0)), (above, min(above, default=0))):
            if len(ends) >= 2:          # both sides of at least one cell go on past the last rule
                closing.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0,
                                "object_type": "line", "orientation": "h"})
                if ends is below:
                    cut.add(y)
    if closing:
        tables = page.find_tables({**settings, "explicit_horizontal_lines": closing})
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])), cut


def _cell_texts(page, table) -> list[list[str | None]]:
    """The table's cell texts, with words that a narrow cell broke over two lines made whole again. A row
    that holds several lines of figures in its cells is a body without rules between its rows (a Dompdf or
    HTML print rules the columns only): its lines are made rows again, in the columns the rules give."""
    rows = [list(r) for r in table.extract()]
    merged = [r for r, cells in enumerate(rows) if _stacked_figures(cells)]
    if merged:
        return _split_merged(page, table, rows, merged)
    _share_tall_cells(page, table, rows)
    chars = [ch for ch in page.chars if ch["text"].strip()]
    for r, row in enumerate(table.rows):
        if not any(text and "\n" in text for text in rows[r]):
            continue
        top, bottom = row.bbox[1], row.bbox[3]
        in_row = [ch for ch in chars if top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
        for c, bbox in enumerate(row.cells):
            text = rows[r][c] if c < len(rows[r]) else None
            if bbox is None or not text or "\n" not in text:
                continue
            inside = [ch for ch in in_row if bbox[0] <= (ch["x0"] + ch["x1"]) / 2 <= bbox[2]]
            rows[r][c] = _rejoin(text, inside, bbox)
    return rows


def _share_tall_cells(page, table, rows: list[list[str | None]]) -> None:
    """A cell that runs down beside several rows (the uraian column left without rules between rows, or a
    task whose one uraian covers several outputs): each row takes the lines beside it when every row has
    some, else every row takes the whole text."""
    heights = []
    for row in table.rows:
        bottoms = [bbox[3] for bbox in row.cells if bbox is not None]
        heights.append((row.bbox[1], min(bottoms) if bottoms else row.bbox[3]))
    for r, row in enumerate(table.rows):
        for c, bbox in enumerate(row.cells):
            if bbox is None or bbox[3] <= heights[r][1] + 1:
                continue
            covered = [r] + [k for k in range(r + 1, len(table.rows)) if table.rows[k].cells[c] is None
                             and heights[k][0] < bbox[3] - 1]
            if len(covered) < 2 or not all(_has_figure(rows[k]) for k in covered):
                continue                                   # a header title over two header rows stays one
            parts = [(page.crop((bbox[0], heights[k][0], bbox[2], heights[k][1]), strict=False).extract_text()
                      or "").strip() for k in covered]
            for k, part in zip(covered, parts):
                rows[k][c] = part if all(parts) else rows[r][c]


def _has_figure(cells: list[str | None]) -> bool:
    return any(re.fullmatch(r"\s*[\d.,]+\s*", text or "") for text in cells)


def _stacked_figures(cells: list[str | None]) -> bool:
    """At least two cells each holding two or more lines of figures."""
    def figures(text: str | None) -> int:
        return sum(1 for line in (text or "").split("\n") if re.fullmatch(r"\s*[\d.,]+\s*", line))
    return sum(1 for text in cells if figures(text) >= 2) >= 2


def _split_merged(page, table, rows, merged: list[int]) -> list[list[str | None]]:
    out = []
    for r, cells in enumerate(rows):
        if r not in merged:
            out.append(cells)
            continue
        # The row's own cells: the table's column groups would take a merged header's width.
        columns = [{"x0": bbox[0] + 0.5, "x1": bbox[2] - 0.5, "align": "left"} if bbox else
                   {"x0": 0, "x1": 0, "align": "left"} for bbox in table.rows[r].cells]
        x0, top, x1, bottom = table.rows[r].bbox
        region = page.crop((max(x0, 0), max(top, 0), min(x1, page.width), min(bottom, page.height)), strict=False)
        out += pdf_borderless.body_rows(pdf_lines.lines(region), columns)
    return out


def _rejoin(text: str, chars: list[dict], bbox) -> str:
    """A line that is one word reaching the cell's right edge, where not even the next line's first letter
    would have fitted, and a next line that starts with the few letters a cut leaves, was cut inside the
    word ("Rekomend" / "asi"): joined without a space. Geometry alone cannot tell a word that just filled
    the line ("Memeriksa" / "dan memaraf")."""
    lines = pdf_lines.in_lines(chars, key=lambda ch: (ch["top"], ch["x0"]))
    texts = text.split("\n")
    if not chars or len(lines) != len(texts):
        return text
    left = min(ch["x0"] for ch in chars)
    right = bbox[2] - max(0.0, left - bbox[0])                        # the text area, padded alike both sides
    out = texts[0]
    for i in range(1, len(texts)):
        previous, line = texts[i - 1].strip(), texts[i].strip()
        first = min(lines[i], key=lambda ch: ch["x0"])
        start, end = min(ch["x0"] for ch in lines[i - 1]), max(ch["x1"] for ch in lines[i - 1])
        cut = " " not in previous and pdf_lines.cut_word(previous, line) \
            and start - left < 1 and right - end < first["x1"] - first["x0"]     # the line spans the whole area
        out += ("" if cut else "\n") + texts[i]
    return out


def _continues(grid: Grid, top: float, lines, height: float, before: list[Block], number: int) -> bool:
    at = next((i for i in range(len(before) - 1, -1, -1)
               if isinstance(before[i], Grid) and not before[i].notes.get("pairs")), None)
    if at is None or before[at].location != f"halaman {number - 1}":
        return False
    previous, after = before[at], before[at + 1:]
    if any(len(_text(b)) > _FOOTER_CHARS or isinstance(b, Grid) and any(header_fields.from_cells(r) for r in b.rows)
           for b in after):
        return False                    # real text or a form's header came between the two tables, not a footer
    if top > height * _TOP_SHARE or any(y < top and y > height * 0.05 for y, _ in lines):
        return False
    return _width(grid) == _width(previous)


def _text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else " ".join(c or "" for r in block.rows for c in r)


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)
