"""The text of a PDF page as lines of phrases, and the lines outside tables as paragraphs.

A phrase is a run of words closer than a few spaces; a wider gap separates columns ("Nama Jabatan   :
Analis"). A value or label too long for its place goes on on the next line: under itself, at the left
margin when it filled the line, or, for a label in a narrow column, under the label; those lines are
joined back so that the header reads as it was written.
"""
from __future__ import annotations

import re

from extractors import header_fields
from extractors.blocks import Block, Grid, Paragraph

LINE_TOLERANCE = 3           # points: words or characters whose tops differ less are on one line
_KEY_VALUE = re.compile(r"^[^:]{1,60}:")
_ITEM = re.compile(r"^\s*(\(?\d{1,2}[.)]|\(?[a-z][.)])\s", re.IGNORECASE)


def lines(page) -> list[list[dict]]:
    """Lines top to bottom, each a list of phrases {x0, x1, top, bottom, text, words} left to right."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
    out = []
    for row in in_lines(words, key=lambda w: (round(w["top"]), w["x0"])):
        row.sort(key=lambda w: w["x0"])
        phrases: list[dict] = []
        for word in row:
            gap_limit = word["size"] * 0.6          # a space is about 0.28 em; a column gap is wider
            if phrases and word["x0"] - phrases[-1]["x1"] <= gap_limit:
                phrases[-1]["text"] += " " + word["text"]
                phrases[-1]["x1"] = word["x1"]
                phrases[-1]["words"].append(word)
            else:
                phrases.append({"x0": word["x0"], "x1": word["x1"], "text": word["text"], "top": word["top"],
                                "bottom": word["bottom"], "words": [word]})
        out.append(phrases)
    return out


def in_lines(items, key) -> list[list[dict]]:
    """Words or characters grouped into lines, top to bottom, taken in the order ``key`` gives: one joins
    the line being built when its top is within LINE_TOLERANCE of the top of that line's first one."""
    rows: list[list[dict]] = []
    for item in sorted(items, key=key):
        if rows and abs(rows[-1][0]["top"] - item["top"]) <= LINE_TOLERANCE:
            rows[-1].append(item)
        else:
            rows.append([item])
    return rows


# Short words that stand alone at the start of a line after a wrap; any other short lower-case start
# under a line that ends in a letter is the rest of a word the line cut ("pemberkas" / "an").
_FUNCTION_WORDS = {"dan", "di", "ke", "ini", "itu", "per", "se", "ada", "yg", "dgn", "utk", "thd", "dll", "dsb",
                   "dr", "pd", "tsb", "a", "b", "c", "d", "e", "f"}


def cut_word(previous: str, following: str) -> bool:
    """Whether a line that ends with ``previous`` and the next that starts with ``following`` split one
    word: the line ends in a letter and the next starts in lower case with a fragment too short to be a
    word of its own (forced breaks leave the last few letters: "Rekomend" / "asi", "peminjama" / "n")."""
    words = following.split()
    if not words or not previous[-1:].isalpha() or not words[0][:1].islower():
        return False
    fragment = re.sub(r"\W+$", "", words[0])
    return 0 < len(fragment) <= 3 and fragment not in _FUNCTION_WORDS


def text(line: list[dict]) -> str:
    return " ".join(p["text"] for p in line)


def is_key_value(line: list[dict]) -> bool:
    """ "Nama Jabatan : X" spread over three phrases is a header field, not a table row."""
    texts = [p["text"] for p in line]
    return len(texts) <= 3 and (":" in texts or bool(_KEY_VALUE.match(text(line))))


def text_blocks(page, location: str) -> list[tuple[float, Block]]:
    """The text of a page (or of the part outside its ruled tables) as blocks with their tops: a
    "label    value" line, whose two parts only a wide gap separates, keeps them apart as cells."""
    return placed(lines(page), location, page.width)


def outside(page_lines, location: str, width: float) -> list[Block]:
    return [block for _, block in placed(page_lines, location, width)]


def placed(page_lines, location: str, width: float) -> list[tuple[float, Block]]:
    """Lines outside the table: paragraphs, except runs of "label    value" lines (a borderless
    two-column header table), which keep their two cells as a grid."""
    out: list[tuple[float, Block]] = []
    previous = None                           # the last line that started a block, and the last line read
    margin = min((line[0]["x0"] for line in page_lines), default=0)
    for line in page_lines:
        if out and previous and isinstance(out[-1][1], Paragraph) and _wrapped_to_margin(previous, line, margin,
                                                                                          width):
            out[-1][1].text = f"{out[-1][1].text} {text(line)}"   # "Label : value" went on at the left margin
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
        if len(line) == 2 and not is_key_value(line):
            if out and isinstance(out[-1][1], Grid) and out[-1][1].notes.get("pairs"):
                out[-1][1].rows.append([p["text"] for p in line])
            else:
                out.append((line[0]["top"], Grid([[p["text"] for p in line]], location=location,
                                                  notes={"borderless": True, "pairs": True})))
        else:
            out.append((line[0]["top"], Paragraph(text(line), location=location)))
    return out


def _wrapped_to_margin(previous, line, margin: float, width: float) -> bool:
    """A line at the left margin right under a line of a "Label : value" paragraph, whose first word would
    not have fitted after that line (the right margin taken as wide as the left), is more of that value,
    unless it starts an item of its own."""
    start, last = previous
    if not _KEY_VALUE.match(text(start)) or is_key_value(line) or _ITEM.match(text(line)):
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
        label_text = block.rows[-1][0]
    elif isinstance(block, Paragraph) and ":" in block.text:
        label_text = block.text.split(":", 1)[0]
    else:
        return False
    label, phrase = start[0], line[0]
    height = max(last[0]["bottom"] - last[0]["top"], 1)
    if not label["x0"] - 2 <= phrase["x0"] <= label["x1"] or not 0 < phrase["top"] - last[0]["top"] <= 2 * height:
        return False
    joined = header_fields.field_of(f"{label_text} {phrase['text']}")
    return joined is not None and header_fields.field_of(label_text) in (None, joined)


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
