"""A scanned or photographed page made ready for OCR: grey with coloured ink dropped, at a known resolution,
upright, deskewed, and its ruling lines found (as segments for the table reader) and erased (tesseract reads
digits beside a rule as "|1" or loses the cell altogether).

Plain numpy and Pillow, which the PDF reader already brings; nothing here runs tesseract.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

# Every page is brought to this resolution: tesseract reads 10-point print best at about 300 dpi, and the
# thresholds below are in pixels of it.
DPI = 300
# The long side of an A4 page in inches: an image that says nothing of its resolution (a phone photo, a
# screenshot) is taken to be a whole A4 page.
_A4_LONG_IN = 11.69
# A run of ink this long is a rule, not print: across, longer than the bars of "4444" in 10-point print
# (0.3 in, and their run is almost unbroken); down, longer than any letter (a 12-point "|" is 0.17 in) and
# no longer than the shortest rule a form draws (between the two rows of a two-row header).
_MIN_RULE_IN = {True: 0.5, False: 0.2}
_RULE_FILL = 0.9            # share of a rule's window that must be ink (noise and a stamp leave gaps)
_MAX_RULE_PX = 12           # thicker than this is a filled area (a shaded header), not a rule
_SKEW_RANGE = 5.0           # degrees searched either way; a page worse than this is not a careful scan
_SKEW_STEP = 0.1
_RULE_JOIN_PX = 10          # pixels: rules whose ends are this close meet (2.4 pt, under pdfplumber's own 3 pt snap)


@dataclass
class Rule:
    """A ruling line of the page in pixels: horizontal (y, x0..x1) or vertical (x, y0..y1)."""
    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Page:
    image: Image.Image       # grey, upright, deskewed, rules erased: what tesseract reads
    rules: list[Rule]
    width: int
    height: int
    picture: Image.Image | None = None    # grey, upright, deskewed, as scanned: what a person compares with


def greyscale(image: Image.Image) -> Image.Image:
    """Grey where coloured ink counts as paper: the brightest channel of each pixel. Black print stays
    black in every channel; a blue or red stamp or signature is bright in at least one and fades out."""
    image = ImageOps.exif_transpose(image)            # a phone photo stores its turn in EXIF
    if image.mode in ("L", "1", "I;16", "I"):
        return image.convert("L")
    rgb = np.asarray(image.convert("RGB"))
    return Image.fromarray(rgb.max(axis=2))


def to_dpi(image: Image.Image, dpi: float | None) -> Image.Image:
    """Scaled to ``DPI``; without a believable resolution the long side is taken as A4's."""
    if not dpi or dpi < 50 or dpi > 1200:
        dpi = max(image.size) / _A4_LONG_IN
    scale = DPI / dpi
    if abs(scale - 1) < 0.02:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.LANCZOS)


def dark(grey: np.ndarray) -> np.ndarray:
    """Ink by Otsu's threshold (the split of the grey histogram with the largest between-class variance),
    never lighter than mid-grey so a page of paper alone has no ink."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight / total - mean) ** 2 / (weight * (total - weight))
    threshold = int(np.nanargmax(between[:255])) if total else 128
    return grey <= min(threshold, 160)


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) that makes the page's rows of ink horizontal: the shear whose
    row profile is sharpest (text lines and rules then fall into few rows), on a page reduced 4 times."""
    small = ink[::4, ::4]
    ys, xs = np.nonzero(small)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    best, best_score = 0.0, -1.0
    height = small.shape[0]
    for angle in np.arange(-_SKEW_RANGE, _SKEW_RANGE + _SKEW_STEP / 2, _SKEW_STEP):
        shifted = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        shifted -= shifted.min()
        profile = np.bincount(shifted, minlength=height)
        score = float(np.sum(profile.astype(np.float64) ** 2))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def deskew(image: Image.Image) -> Image.Image:
    angle = skew_angle(dark(np.asarray(image)))
    if abs(angle) < _SKEW_STEP / 2:
        return image
    # The shear found tilts rows by +angle; turning the page by -angle straightens them (Pillow turns
    # counter-clockwise for a positive angle, with y pointing down).
    return image.rotate(-angle, resample=Image.BICUBIC, expand=True, fillcolor=255)


def rules(ink: np.ndarray) -> tuple[list[Rule], np.ndarray]:
    """The ruling lines of the page and the mask of their pixels."""
    horizontal = _runs(ink, int(_MIN_RULE_IN[True] * DPI))
    vertical = _runs(ink.T, int(_MIN_RULE_IN[False] * DPI)).T
    found = _segments(horizontal, True) + _segments(vertical.T, False)
    return found, horizontal | vertical


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels in a horizontal window of ``length`` that is almost all ink."""
    rows, cols = ink.shape
    if cols <= length:
        return np.zeros_like(ink)
    sums = np.cumsum(ink, axis=1, dtype=np.int32)
    sums = np.concatenate([np.zeros((rows, 1), np.int32), sums], axis=1)
    full = (sums[:, length:] - sums[:, :-length]) >= int(length * _RULE_FILL)   # window starting at each x
    # A pixel is rule when any full window covers it: windows starting from x - length + 1 to x.
    starts = np.concatenate([np.zeros((rows, 1), np.int32), np.cumsum(full, axis=1, dtype=np.int32)], axis=1)
    x = np.arange(cols)
    last = np.minimum(x, full.shape[1] - 1) + 1
    first = np.clip(x - length + 1, 0, full.shape[1])
    covered = starts[:, last] - starts[:, first]
    return (covered > 0) & ink


def _segments(mask: np.ndarray, horizontal: bool) -> list[Rule]:
    """Rules from a mask of rule pixels laid out horizontally: bands of adjacent rows, each split where
    its pixels leave a gap wider than a rule may have."""
    found = []
    active = np.nonzero(mask.any(axis=1))[0]
    if not len(active):
        return found
    bands = np.split(active, np.nonzero(np.diff(active) > 1)[0] + 1)
    for band in bands:
        if len(band) > _MAX_RULE_PX:
            continue
        columns = np.nonzero(mask[band[0]:band[-1] + 1].any(axis=0))[0]
        pieces = np.split(columns, np.nonzero(np.diff(columns) > _MIN_RULE_IN[False] * DPI / 4)[0] + 1)
        for piece in pieces:
            if len(piece) and piece[-1] - piece[0] >= _MIN_RULE_IN[horizontal] * DPI:
                found.append(Rule(horizontal, float(band.mean()), float(piece[0]), float(piece[-1])))
    return found


def prepare(image: Image.Image, dpi: float | None) -> Page:
    """The page as tesseract should see it and the rules the table reader should see."""
    grey = deskew(to_dpi(greyscale(image), dpi))
    pixels = np.asarray(grey)
    ink = dark(pixels)
    found, mask = rules(ink)
    # A rule's antialiased edge is lighter than its core: erase a pixel around it too.
    grown = mask.copy()
    grown[1:, :] |= mask[:-1, :]
    grown[:-1, :] |= mask[1:, :]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    # Black on white, no grey: tesseract reads the antialiased edge of a lone "1" as "fi" and "276" as "216",
    # and the same cells thresholded correctly (tried on scans of generated forms).
    clean = np.where(ink & ~grown, np.uint8(0), np.uint8(255))
    return Page(Image.fromarray(clean), found, grey.width, grey.height, grey)


def turned(image: Image.Image, degrees: int) -> Image.Image:
    """The page turned clockwise by ``degrees`` (a multiple of 90): tesseract's OSD says "Rotate: 90" of a
    page fed sideways."""
    return image.rotate(-degrees, expand=True) if degrees % 360 else image


def cells(found: list[Rule]) -> list[tuple[float, float, float, float]]:
    """The table cells (x0, top, x1, bottom in pixels) the rules enclose, found as the PDF reader will find
    them later: pdfplumber's own merging of edges, their crossings and the smallest boxes they close."""
    from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges

    over = _RULE_JOIN_PX
    edges = []
    for rule in found:
        if rule.horizontal:
            edges.append({"x0": rule.start - over, "x1": rule.end + over, "top": rule.at, "bottom": rule.at,
                          "width": rule.end - rule.start + 2 * over, "height": 0, "orientation": "h",
                          "object_type": "line"})
        else:
            edges.append({"x0": rule.at, "x1": rule.at, "top": rule.start - over, "bottom": rule.end + over,
                          "width": 0, "height": rule.end - rule.start + 2 * over, "orientation": "v",
                          "object_type": "line"})
    edges = merge_edges(edges, _RULE_JOIN_PX, _RULE_JOIN_PX, _RULE_JOIN_PX, _RULE_JOIN_PX)
    return intersections_to_cells(edges_to_intersections(edges, _RULE_JOIN_PX, _RULE_JOIN_PX))
