"""A page with no ruled table: words aligned in columns become a grid, other lines paragraphs.

pdfplumber's "text" table strategy cuts words apart when a column's text is ragged, so the table is
found here from its data lines instead: a line with three or more phrases, two of them numbers (justified
prose has wide gaps too, but no column of numbers). The columns are the x ranges the data lines' phrases
cover; a header phrase wider than one column (a merged header) sits in its first column with ``None`` in
the columns it covers, unless its words fall in different columns ("No Uraian Tugas" set close together).

A row whose uraian wraps over several lines keeps its figures on one of them (the data line): on the
first when cells are aligned to the top, in the middle or on the last when they are centred or aligned
to the bottom. Which one the table does shows at its ends (text lines before the first data line that are
not header, or after the last); the text lines between two data lines are shared out accordingly.
"""
from __future__ import annotations

import re
import statistics

from extractors.blocks import Block, Grid
from extractors.columns import header_score
from extractors.pdf_lines import cut_word, is_key_value, lines, outside

_MIN_COLUMNS = 3
_NUMBER = re.compile(r"^\(?[\d.,]+\)?(\s*(menit|jam|%))?$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-•·*–](\s+|$)")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def blocks(page, location: str) -> list[Block]:
    page_lines = lines(page)
    if not page_lines:
        return []
    span = _table_span(page_lines)
    if span is None:
        return outside(page_lines, location, page.width)
    start, end, columns = span
    grid = Grid(_rows(page_lines[start:end], columns), location=location, notes={"borderless": True})
    return outside(page_lines[:start], location, page.width) + [grid] \
        + outside(page_lines[end:], location, page.width)


def _is_data(line) -> bool:
    return len(line) >= _MIN_COLUMNS and _numeric_count(line) >= 2 and not is_key_value(line) \
        and not _is_number_row(line)


def _table_span(page_lines) -> tuple[int, int, list[dict]] | None:
    """(start, end, columns) of the table: from its header down to its last data line, with the text lines
    of wrapped cells above and below the data lines, and closing lines ("Jumlah  1,288") right under it."""
    data = [i for i, line in enumerate(page_lines) if _is_data(line)]
    if not data:
        return None
    start, end = data[0], data[-1] + 1
    columns = _columns([page_lines[i] for i in data])
    if len(columns) < _MIN_COLUMNS:
        return None
    steps = [page_lines[i + 1][0]["top"] - page_lines[i][0]["top"] for i in range(start, end - 1)]
    spacing = max(statistics.median(steps) if steps else _line_height(page_lines[start]), 1)
    left, right = columns[0]["x0"] - 2, columns[-1]["x1"] + 2

    def belongs(line, neighbour) -> bool:
        close = abs(line[0]["top"] - neighbour[0]["top"]) <= 2.5 * spacing
        inside = all(left - 10 <= p["x0"] <= right for p in line)   # a title may be wider than its figures
        return close and inside and not is_key_value(line) and (len(line) >= 2 or _in_text_column(line, columns))

    while start > 0 and belongs(page_lines[start - 1], page_lines[start]):
        start -= 1                                     # the header and the first row's wrapped text, right above
    start = _header_above(page_lines, start, columns, spacing)
    while end < len(page_lines) and belongs(page_lines[end], page_lines[end - 1]):
        end += 1
    if end - start < 2:
        return None
    return start, end, _header_columns(page_lines[start:end], columns)


def _header_above(page_lines, start: int, columns, spacing: float) -> int:
    """A header set apart from the body (a rule and padding between them): up to four lines just above,
    close to each other, that together name an uraian and figures of a task table."""
    found = start
    for size in range(1, 5):
        top = start - size
        if top < 0 or is_key_value(page_lines[top]):
            break
        gap = page_lines[top + 1][0]["top"] - page_lines[top][0]["top"]
        if gap > (6 if top + 1 == start else 2.5) * spacing:
            break
        titles = [" ".join(cell for cell in column if cell) for column in
                  zip(*(_cells(line, columns) for line in page_lines[top:start]))]
        if header_score(titles) >= 2:
            found = top                                # and on, while the lines above are more of it
    return found


def _in_text_column(line, columns) -> bool:
    """A one-phrase line inside a column other than the first (a wrapped uraian, not a title)."""
    first, last = _place(line[0], columns)
    return len(line) == 1 and first == last and first > 0


def _line_height(line) -> float:
    return max(p["bottom"] - p["top"] for p in line) * 1.5


def _columns(data) -> list[dict]:
    """Columns from the data lines (the narrowest truth: one value per column), each with its x range,
    how its values are aligned (which decides where a header printed in a gap belongs) and whether its
    values are numbers."""
    members: list[list[dict]] = []
    for phrase in sorted((p for line in data for p in line), key=lambda p: p["x0"]):
        if members and phrase["x0"] <= max(p["x1"] for p in members[-1]) + 1:
            members[-1].append(phrase)
        else:
            members.append([phrase])
    columns = []
    for group in members:
        spread = {side: max(p[side] for p in group) - min(p[side] for p in group) for side in ("x0", "x1")}
        numbers = sum(1 for p in group if _NUMBER.match(p["text"]))
        columns.append({"x0": min(p["x0"] for p in group), "x1": max(p["x1"] for p in group),
                        "align": "left" if spread["x0"] < spread["x1"] - 1 else
                                 "right" if spread["x1"] < spread["x0"] - 1 else "centre",
                        "numeric": numbers > len(group) - numbers})
    return columns


def _header_columns(table, columns) -> list[dict]:
    """A column empty in every data row (Keterangan) exists only in the header: a header phrase that
    would share a column with another phrase of its own line gets a column of its own."""
    columns = list(columns)
    for line in table:
        if _is_data(line):
            continue
        claimed: set[int] = set()
        for phrase in _split(line, columns):
            first, last = _place(phrase, columns)
            overlaps = phrase["x0"] < columns[first]["x1"] and phrase["x1"] > columns[first]["x0"]
            if first in claimed and not overlaps:
                at = next((i for i, c in enumerate(columns) if c["x0"] >= phrase["x1"]), len(columns))
                columns.insert(at, {"x0": phrase["x0"], "x1": phrase["x1"], "align": "centre", "numeric": False})
                claimed = {i + 1 if i >= at else i for i in claimed} | {at}
            else:
                claimed.update(range(first, last + 1))
    return columns


def _is_number_row(line) -> bool:
    """The "(1) (2) (3) ..." row under a header: centred like the header, not aligned like the values."""
    return len(line) >= _MIN_COLUMNS and all(_COLUMN_NUMBER.match(p["text"]) for p in line)


def _numeric_count(line) -> int:
    return sum(1 for p in line if _NUMBER.match(p["text"]))


def _overlapped(item, columns) -> list[int]:
    return [i for i, c in enumerate(columns) if item["x0"] < c["x1"] and item["x1"] > c["x0"]]


def _place(phrase, columns) -> tuple[int, int]:
    """First and last column the phrase overlaps; a phrase in the gap between two columns (a centred
    header over left- or right-aligned values) goes where the values' alignment says it belongs."""
    hit = _overlapped(phrase, columns)
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


def _split(line, columns) -> list[dict]:
    """The line's phrases, a phrase cut where its words fall in different columns ("No Uraian Tugas" set
    with one space between the two titles); a word over a gap goes with the word after it."""
    out = []
    for phrase in line:
        words = phrase.get("words") or [phrase]
        owners = [hit[0] if len(hit := _overlapped(w, columns)) == 1 else None for w in words]
        if len({o for o in owners if o is not None}) < 2:
            out.append(phrase)
            continue
        for i in range(len(owners) - 2, -1, -1):
            owners[i] = owners[i] if owners[i] is not None else owners[i + 1]
        owners = [o if o is not None else owners[i - 1] for i, o in enumerate(owners)]
        part: list[dict] = []
        for word, owner, following in zip(words, owners, owners[1:] + [None]):
            part.append(word)
            if following != owner:
                out.append({"x0": part[0]["x0"], "x1": part[-1]["x1"], "top": phrase["top"],
                            "bottom": phrase["bottom"], "text": " ".join(w["text"] for w in part), "words": part})
                part = []
    return out


def _cells(line, columns) -> list[str | None]:
    cells: list[str | None] = [""] * len(columns)
    for phrase in _split(line, columns):
        first, last = _place(phrase, columns)
        cells[first] = f"{cells[first]} {phrase['text']}".strip() if cells[first] else phrase["text"]
        for i in range(first + 1, last + 1):
            cells[i] = None
    return cells


def _rows(table, columns) -> list[list[str | None]]:
    """The header row (and a number row), then one row per data line with the text lines of its wrapped
    cells, then rows of their own (closing lines with a figure)."""
    kinds = [_kind(line, columns) for line in table]
    first_data = kinds.index("data")
    header_end = max((i for i in range(first_data) if kinds[i] in ("own", "number")), default=-1)
    while header_end + 1 < first_data and _header_wrap(table, header_end, first_data):
        header_end += 1                                  # a title wrapped onto a line of its own
    rows: list[list[str | None]] = []
    header = [_cells(line, columns) for line, kind in zip(table[:header_end + 1], kinds) if kind != "number"]
    if header:
        rows.append(_join_all(header, "\n"))               # line breaks kept: a title cut inside a word reads whole
    rows += [_cells(line, columns) for line, kind in zip(table[:header_end + 1], kinds) if kind == "number"]
    body, body_kinds = table[header_end + 1:], kinds[header_end + 1:]
    starts = [_starts_cell(line, columns) for line in body]
    for group in _groups(body_kinds, starts):
        rows.append(_join_all([_cells(body[i], columns) for i in group]))
    return rows


def _header_wrap(table, header_end: int, first_data: int) -> bool:
    """Whether the text line under the header is more of the header (a title wrapped in its column) rather
    than the first row's text above its figures: it is set like the header (bold or not) where the data
    line is not, or else it stands nearer the header than the data line."""
    line, header, data = table[header_end + 1], table[header_end], table[first_data]
    if header_end < 0:
        return False
    bold = [_bold(x) for x in (line, header, data)]
    if bold[1] != bold[2]:
        return bold[0] == bold[1]
    return line[0]["top"] - header[0]["top"] < data[0]["top"] - line[0]["top"]


def _bold(line) -> bool:
    words = [w for p in line for w in p.get("words", [])]
    return bool(words) and all("bold" in str(w.get("fontname", "")).casefold() for w in words)


def _starts_cell(line, columns) -> bool | None:
    """Whether the line's text in the first column of text (the uraian) starts a cell: a capital, a
    numbering or a bullet, as the first line of an uraian does ("Menyusun ...", "1. ...", "- ..."); a
    wrapped line goes on in lower case. None when the line has nothing in that column."""
    first_text = next((i for i, c in enumerate(columns) if i > 0 and not c["numeric"]), None)
    text = " ".join(p["text"] for p in _split(line, columns) if _place(p, columns)[0] == first_text)
    words = re.sub(r"^\s*[-•·*–]\s*", "", text)                 # a bullet alone says nothing
    return bool(re.match(r"[A-Z0-9(\"'“]", words)) if words.strip() else None


def _kind(line, columns) -> str:
    """data (a row's figures), number (the "(1) (2) ..." row), text (more of a wrapped cell: text only in
    columns of text), own (a line of its own: a header line, a closing "Jumlah" with its figure)."""
    if _is_number_row(line):
        return "number"
    if _is_data(line):
        return "data"
    placed = [_place(p, columns) for p in _split(line, columns)]
    if all(first == last and not columns[first]["numeric"] for first, last in placed) \
            and not any(first == 0 for first, _ in placed if len(placed) > 1):
        return "text"
    return "own"


def _groups(kinds: list[str], starts: list[bool | None]) -> list[list[int]]:
    """The lines of each body row. A cell starts with a capital (or a numbering) and goes on in lower
    case, so the text lines between two data lines go up to the first, except from the last line that
    starts a cell, which opens the second's row; a data line whose own uraian starts its cell takes none.
    Where no line says so, the table's alignment decides: text lines go with the data line above them
    when cells are aligned to the top, below when aligned to the bottom, around them when centred (as many
    under the data line as over it) — top when the data lines mostly start their cells, else middle when
    text follows the last data line, else bottom. Lines under a line of its own (a group or closing row)
    that go on in lower case stay with it."""
    anchors = [i for i, kind in enumerate(kinds) if kind != "text"]
    if not anchors:
        return []
    data = [i for i in anchors if kinds[i] == "data"]
    last_data = data[-1] if data else anchors[-1]
    trailing = 0
    while last_data + 1 + trailing < len(kinds) and kinds[last_data + 1 + trailing] == "text":
        trailing += 1
    votes = [starts[i] for i in data if starts[i] is not None]
    mode = "top" if 2 * sum(votes) > len(votes) else "middle" if trailing else "bottom"
    above = {anchors[0]: list(range(0, anchors[0]))}
    below: dict[int, list[int]] = {}
    for a, b in zip(anchors, anchors[1:] + [len(kinds)]):
        between = list(range(a + 1, b))
        opening = [n for n, i in enumerate(between) if starts[i]]
        if b == len(kinds) or kinds[b] != "data" or starts[b]:
            count = len(between)                         # a closing line keeps its own wrapped words
        elif opening:
            count = opening[-1]
        elif mode == "top":
            count = len(between)
        elif kinds[a] != "data" or mode == "bottom":
            count = 0
        else:
            count = min(len(above.get(a, [])), len(between))
        below[a], above[b] = between[:count], between[count:]
    return [sorted(above.get(a, []) + [a] + below.get(a, [])) for a in anchors]


def body_rows(page_lines, columns) -> list[list[str | None]]:
    """Rows of a table body whose rows have no rules between them, in columns known from its rules."""
    columns = [{**c, "numeric": _mostly_numbers(page_lines, c, columns)} for c in columns]
    kinds = [_kind(line, columns) for line in page_lines]
    starts = [_starts_cell(line, columns) for line in page_lines]
    return [_join_all([_cells(page_lines[i], columns) for i in group]) for group in _groups(kinds, starts)]


def _mostly_numbers(page_lines, column, columns) -> bool:
    texts = [p["text"] for line in page_lines for p in _split(line, columns) if _place(p, columns)[0] ==
             columns.index(column)]
    return bool(texts) and 2 * sum(1 for t in texts if _NUMBER.match(t)) > len(texts)


def _join_all(rows: list[list[str | None]], separator: str = " ") -> list[str | None]:
    """The lines of one row, cell by cell; a word a narrow cell cut ("pemberkas" / "an") is made whole."""
    out = rows[0]
    for lower in rows[1:]:
        if separator == " ":     # a bullet centred beside a wrapped cell lands on a middle line: it opens the cell
            lower = [_BULLET.sub("", b) if a and b else b for a, b in zip(out, lower)]
        out = [None if a is None and b is None else
               a + b if separator == " " and a and b and cut_word(a, b) else
               separator.join(t for t in (a, b) if t) or "" for a, b in zip(out, lower)]
    return out
