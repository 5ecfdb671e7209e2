"""A page with no ruled table: words aligned in columns become a grid, other lines paragraphs.

pdfplumber's "text" table strategy cuts words apart when a column's text is ragged, so columns are
found here from the gaps between phrases instead: a phrase is a run of words closer than a few spaces;
the table is the run of lines with three or more phrases; its columns are the x ranges covered by
the phrases of its fullest lines (the body rows), and a phrase wider than one column (a merged header)
sits in its first column with ``None`` in the columns it covers. Lines above the first data row are
folded into one header row; a body line with nothing in the first column continues the row above it
(an uraian wrapped over two lines).
"""
from __future__ import annotations

import re
import statistics

from extractors import header_fields
from extractors.blocks import Block, Grid, Paragraph

_LINE_TOLERANCE = 3          # points: words whose tops differ less are on one line
_MIN_COLUMNS = 3
_NUMBER = re.compile(r"^\(?[\d.,]+\)?(\s*(menit|jam|%))?$", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_KEY_VALUE = re.compile(r"^[^:]{1,60}:")
_ITEM = re.compile(r"^\s*(\(?\d{1,2}[.)]|\(?[a-z][.)])\s", re.IGNORECASE)


def blocks(page, location: str) -> list[Block]:
    lines = _lines(page)
    if not lines:
        return []
    start, end = _table_span(lines)
    if start is None:
        return _outside(lines, location, page.width)
    table = lines[start:end]
    columns = _columns(table)
    if len(columns) < _MIN_COLUMNS:
        return _outside(lines, location, page.width)
    grid = Grid(_rows(table, columns), location=location, notes={"borderless": True})
    return _outside(lines[:start], location, page.width) + [grid] + _outside(lines[end:], location, page.width)


def text_blocks(page, location: str) -> list[tuple[float, Block]]:
    """The text of a page (or of the part outside its ruled tables) as blocks with their tops: a
    "label    value" line, whose two parts only a wide gap separates, keeps them apart as cells."""
    return _placed(_lines(page), location, page.width)


def _outside(lines, location: str, width: float) -> list[Block]:
    return [block for _, block in _placed(lines, location, width)]


def _placed(lines, location: str, width: float) -> list[tuple[float, Block]]:
    """Lines outside the table: paragraphs, except runs of "label    value" lines (a borderless
    two-column header table), which keep their two cells as a grid."""
    out: list[tuple[float, Block]] = []
    previous = None                           # the last line that started a block, and the last line read
    margin = min((line[0]["x0"] for line in lines), default=0)
    for line in lines:
        if out and previous and isinstance(out[-1][1], Paragraph) and _wrapped_to_margin(previous, line, margin,
                                                                                          width):
            out[-1][1].text = f"{out[-1][1].text} {_text(line)}"   # "Label : value" went on at the left margin
            previous = (previous[0], line)
            continue
        if out and previous and _wrapped_value(previous, line):
            block = out[-1][1]                # a value too long for its column goes on under itself
            if isinstance(block, Grid):
                block.rows[-1][-1] = f"{block.rows[-1][-1]} {line[0]['text']}"
            else:
                block.text = f"{block.text} {line[0]['text']}"
            previous = (previous[0], line)
            continue
        if out and previous and _wrapped_label(previous, line, out[-1][1]):
            block, phrase = out[-1][1], line[0]["text"]
            if isinstance(block, Grid):
                block.rows[-1][0] = f"{block.rows[-1][0]} {phrase}"
            else:
                label, value = block.text.split(":", 1)
                block.text = f"{label.strip()} {phrase} :{value}"
            previous = (previous[0], line)
            continue
        previous = (line, line)
        if len(line) == 2 and not _is_key_value(line):
            if out and isinstance(out[-1][1], Grid) and out[-1][1].notes.get("pairs"):
                out[-1][1].rows.append([p["text"] for p in line])
            else:
                out.append((line[0]["top"], Grid([[p["text"] for p in line]], location=location,
                                                  notes={"borderless": True, "pairs": True})))
        else:
            out.append((line[0]["top"], Paragraph(_text(line), location=location)))
    return out


def _wrapped_to_margin(previous, line, margin: float, width: float) -> bool:
    """A line at the left margin right under a line of a "Label : value" paragraph, whose first word would
    not have fitted after that line (the right margin taken as wide as the left), is more of that value,
    unless it starts an item of its own."""
    start, last = previous
    if not _KEY_VALUE.match(_text(start)) or _is_key_value(line) or _ITEM.match(_text(line)):
        return False
    height = max(last[0]["bottom"] - last[0]["top"], 1)
    first = line[0]
    word = first["text"].split()[0]
    word_width = (first["x1"] - first["x0"]) * len(word) / max(len(first["text"]), 1)
    return abs(first["x0"] - margin) <= 2 and last[-1]["x1"] + 0.3 * height + word_width >= width - margin - 2 \
        and 0 < first["top"] - last[0]["top"] <= 2 * height


def _wrapped_label(previous, line, block) -> bool:
    """A one-phrase line under the label of a "label    value" row (or "label : value" line), that makes
    the label one the header knows ("Jumlah Pegawai Saat" / "Ini"), ends the label: a narrow label column
    wrapped it."""
    start, last = previous
    if len(line) != 1 or len(start) < 2:
        return False
    if isinstance(block, Grid) and block.notes.get("pairs"):
        text = block.rows[-1][0]
    elif isinstance(block, Paragraph) and ":" in block.text:
        text = block.text.split(":", 1)[0]
    else:
        return False
    label, phrase = start[0], line[0]
    height = max(last[0]["bottom"] - last[0]["top"], 1)
    if not label["x0"] - 2 <= phrase["x0"] <= label["x1"] or not 0 < phrase["top"] - last[0]["top"] <= 2 * height:
        return False
    joined = header_fields.field_of(f"{text} {phrase['text']}")
    return joined is not None and header_fields.field_of(text) in (None, joined)


def _wrapped_value(previous, line) -> bool:
    """A one-phrase line that starts exactly under the value of a "label  :  value" line just above it
    (not under the label: that is the next paragraph) continues that value."""
    start, last = previous
    if len(line) != 1 or len(start) < 2:
        return False
    value, phrase = start[-1], line[0]
    height = max(last[0]["bottom"] - last[0]["top"], 1)
    return abs(phrase["x0"] - value["x0"]) <= 2 and phrase["x0"] > start[0]["x0"] + 5 \
        and 0 < phrase["top"] - last[0]["top"] <= 2 * height


def _lines(page) -> list[list[dict]]:
    """Lines top to bottom, each a list of phrases {x0, x1, text} left to right."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        phrases: list[dict] = []
        for word in row:
            gap_limit = word["size"] * 0.6          # a space is about 0.28 em; a column gap is wider
            if phrases and word["x0"] - phrases[-1]["x1"] <= gap_limit:
                phrases[-1]["text"] += " " + word["text"]
                phrases[-1]["x1"] = word["x1"]
            else:
                phrases.append({"x0": word["x0"], "x1": word["x1"], "text": word["text"], "top": word["top"],
                                "bottom": word["bottom"]})
        lines.append(phrases)
    return lines


def _text(line: list[dict]) -> str:
    return " ".join(p["text"] for p in line)


def _is_key_value(line: list[dict]) -> bool:
    """ "Nama Jabatan : X" spread over three phrases is a header field, not a table row."""
    texts = [p["text"] for p in line]
    return len(texts) <= 3 and (":" in texts or bool(_KEY_VALUE.match(_text(line))))


def _table_span(lines) -> tuple[int | None, int]:
    """The lines of the borderless table: from its header down to its last data line (a line with
    three or more phrases, two of them numbers), then a closing "Jumlah  1,288" line that follows at
    once. Justified prose has wide gaps too, but no column of numbers, so it never makes a table."""
    data = [i for i, line in enumerate(lines) if len(line) >= _MIN_COLUMNS and _numeric_count(line) >= 2
            and not _is_key_value(line) and not _is_number_row(line)]
    if not data:
        return None, 0
    start, end = data[0], data[-1] + 1
    steps = [lines[i + 1][0]["top"] - lines[i][0]["top"] for i in range(start, end - 1)]
    spacing = max(statistics.median(steps) if steps else _line_height(lines[start]), 1)
    while start > 0 and len(lines[start - 1]) >= 2 and not _is_key_value(lines[start - 1]) \
            and lines[start][0]["top"] - lines[start - 1][0]["top"] <= 2.5 * spacing:
        start -= 1                                     # the header, one or more lines, right above
    if end - start < 2:
        return None, 0
    while end < len(lines) and len(lines[end]) >= 2 and not _is_key_value(lines[end]) \
            and lines[end][0]["top"] - lines[end - 1][0]["top"] <= 2.5 * spacing:
        end += 1
    return start, end


def _line_height(line) -> float:
    return max(p["bottom"] - p["top"] for p in line) * 1.5


def _columns(table) -> list[dict]:
    """Columns from the data lines (the narrowest truth: one value per column), each with its x range
    and how its values are aligned, which decides where a header printed in a gap belongs."""
    data = [line for line in table if _numeric_count(line) >= 2 and not _is_number_row(line)]
    if len(data) < 2:
        most = max(len(line) for line in table)
        data = [line for line in table if len(line) >= max(_MIN_COLUMNS, most - 1)]
    members: list[list[dict]] = []
    for phrase in sorted((p for line in data for p in line), key=lambda p: p["x0"]):
        if members and phrase["x0"] <= max(p["x1"] for p in members[-1]) + 1:
            members[-1].append(phrase)
        else:
            members.append([phrase])
    columns = []
    for group in members:
        spread = {side: max(p[side] for p in group) - min(p[side] for p in group) for side in ("x0", "x1")}
        columns.append({"x0": min(p["x0"] for p in group), "x1": max(p["x1"] for p in group),
                        "align": "left" if spread["x0"] < spread["x1"] - 1 else
                                 "right" if spread["x1"] < spread["x0"] - 1 else "centre"})
    # A column empty in every data row (Keterangan) exists only in the header: a header phrase that
    # would share a column with another phrase of its own line gets a column of its own.
    for line in table:
        if line in data:
            continue
        claimed: set[int] = set()
        for phrase in line:
            first, last = _place(phrase, columns)
            overlaps = phrase["x0"] < columns[first]["x1"] and phrase["x1"] > columns[first]["x0"]
            if first in claimed and not overlaps:
                at = next((i for i, c in enumerate(columns) if c["x0"] >= phrase["x1"]), len(columns))
                columns.insert(at, {"x0": phrase["x0"], "x1": phrase["x1"], "align": "centre"})
                claimed = {i + 1 if i >= at else i for i in claimed} | {at}
            else:
                claimed.update(range(first, last + 1))
    return columns


def _is_number_row(line) -> bool:
    """The "(1) (2) (3) ..." row under a header: centred like the header, not aligned like the values."""
    return len(line) >= _MIN_COLUMNS and all(_COLUMN_NUMBER.match(p["text"]) for p in line)


def _numeric_count(line) -> int:
    return sum(1 for p in line if _NUMBER.match(p["text"]))


def _place(phrase, columns) -> tuple[int, int]:
    """First and last column the phrase overlaps; a phrase in the gap between two columns (a centred
    header over left- or right-aligned values) goes where the values' alignment says it belongs."""
    hit = [i for i, c in enumerate(columns) if phrase["x0"] < c["x1"] and phrase["x1"] > c["x0"]]
    if hit:
        return hit[0], hit[-1]
    after = next((i for i, c in enumerate(columns) if c["x0"] >= phrase["x1"]), len(columns))
    if after == 0:
        return 0, 0
    if after == len(columns):
        return after - 1, after - 1
    left, right = columns[after - 1], columns[after]
    if left["align"] == "left" and right["align"] != "right":
        choice = after - 1
    elif right["align"] == "right" and left["align"] != "left":
        choice = after
    else:
        centre = (phrase["x0"] + phrase["x1"]) / 2
        choice = min((after - 1, after), key=lambda i: abs((columns[i]["x0"] + columns[i]["x1"]) / 2 - centre))
    return choice, choice


def _cells(line, columns) -> list[str | None]:
    cells: list[str | None] = [""] * len(columns)
    for phrase in line:
        first, last = _place(phrase, columns)
        cells[first] = f"{cells[first]} {phrase['text']}".strip() if cells[first] else phrase["text"]
        for i in range(first + 1, last + 1):
            cells[i] = None
    return cells


def _is_data(cells) -> bool:
    return sum(1 for c in cells if c and _NUMBER.match(c)) >= 2


def _rows(table, columns) -> list[list[str | None]]:
    numeric = _numeric_columns(table, columns)
    rows: list[list[str | None]] = []
    header: list[str | None] | None = None
    in_body = False
    for line in table:
        cells = _cells(line, columns)
        if _is_number_row(line):
            rows += [header, cells] if header is not None else [cells]
            header, in_body = None, True
            continue
        if not in_body and not _is_data(cells):
            header = cells if header is None else _join(header, cells)
            continue
        if header is not None:
            rows.append(header)
            header = None
        in_body = True
        if rows and not cells[0] and all(not c or not numeric[i] for i, c in enumerate(cells)):
            rows[-1] = _join(rows[-1], cells)        # a wrapped uraian
        else:
            rows.append(cells)
    if header is not None:
        rows.append(header)
    return rows


def _numeric_columns(table, columns) -> list[bool]:
    """Columns whose values are mostly numbers: a line with text only outside them (cells[0] empty)
    is an uraian wrapped onto a second line, even when that text ends in a number ("tahap 17")."""
    counts = [[0, 0] for _ in columns]
    for line in table:
        for phrase in line:
            first, _ = _place(phrase, columns)
            counts[first][0 if _NUMBER.match(phrase["text"]) else 1] += 1
    return [number > text for number, text in counts]


def _join(upper: list[str | None], lower: list[str | None]) -> list[str | None]:
    out: list[str | None] = []
    for a, b in zip(upper, lower):
        if a is None and b is None:
            out.append(None)
        else:
            out.append(" ".join(t for t in (a, b) if t) or "")
    return out
