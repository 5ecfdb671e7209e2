"""A text-layer PDF from what OCR read on scanned pages: each word at its place on the page and each ruling
line found in the image as a vector line, so that the PDF reader finds the table, its cells and the header
lines exactly as it does in a PDF saved from a word processor.

The PDF is an intermediate file that nobody sees: its words are drawn in Helvetica (one of the fonts every
PDF reader knows, so pdfminer has its widths without an embedded font), each stretched (Tz) to the width
OCR gave it, and the scan itself is left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.fontmetrics import FONT_METRICS

_WIDTHS = FONT_METRICS["Helvetica"][1]
_RULE_OVERSHOOT_PT = 1.5      # rules are drawn a little longer so that rules that meet in the scan cross here
_SIZE_OF_LINE = 0.95          # a text line's box (ascender to descender) against the font size


@dataclass
class Word:
    text: str
    left: float               # pixels of the page image, y down
    top: float
    width: float
    height: float
    line: tuple               # the OCR line the word belongs to (words of one line share a baseline)


@dataclass
class ScannedPage:
    width: int                # pixels
    height: int
    dpi: float
    words: list[Word]
    rules: list               # scan_image.Rule
    cells: list = field(default_factory=list)    # table cells (x0, top, x1, bottom), pixels
    picture: object = None    # the page as scanned, upright and deskewed (PIL image): each row's picture is cut from it


def write(pages: list[ScannedPage], path: Path) -> None:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")                                  # filled in once the pages are known
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        scale = 72 / page.dpi
        width, height = page.width * scale, page.height * scale
        content = _content(page, scale, height)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 %d 0 R >> "
                        b">> /Contents %d 0 R >>" % (pages_id, width, height, font, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    Path(path).write_bytes(bytes(out))


def _content(page: ScannedPage, scale: float, height: float) -> bytes:
    parts = [b"0 G 0.5 w"]
    over = _RULE_OVERSHOOT_PT
    for rule in page.rules:
        if rule.horizontal:
            y = height - rule.at * scale
            parts.append(b"%.2f %.2f m %.2f %.2f l S" % (rule.start * scale - over, y, rule.end * scale + over, y))
        else:
            x = rule.at * scale
            parts.append(b"%.2f %.2f m %.2f %.2f l S" % (x, height - rule.start * scale + over,
                                                          x, height - rule.end * scale - over))
    lines: dict[tuple, list[Word]] = {}
    for word in page.words:
        lines.setdefault(word.line, []).append(word)
    for words in lines.values():
        words.sort(key=lambda w: w.left)
        top = min(w.top for w in words)
        bottom = max(w.top + w.height for w in words)
        size = max(4.0, (bottom - top) * scale / _SIZE_OF_LINE)
        # Most of a line's box is above the baseline: Helvetica's descent is a fifth of its size.
        baseline = height - bottom * scale + size * 0.207 * _SIZE_OF_LINE
        for i, word in enumerate(words):
            text = word.text.encode("cp1252", errors="replace")
            natural = sum(_WIDTHS.get(chr(b) if b < 128 else bytes([b]).decode("cp1252", "replace"), 556)
                          for b in text) * size / 1000
            stretch = 100 * word.width * scale / natural if natural else 100
            # A space after every word but the last of its line: the table reader splits words at spaces, and
            # a gap between two OCR boxes can be narrower than its tolerance.
            shown = text + (b" " if i + 1 < len(words) else b"")
            parts.append(b"BT /F1 %.2f Tf %.1f Tz 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (
                size, stretch, word.left * scale, baseline, _escape(shown)))
    return b"\n".join(parts)


def _escape(text: bytes) -> bytes:
    return text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
