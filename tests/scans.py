"""Scans of generated forms: each PDF page drawn at a scanner's resolution, then what scanners, printers and
phones do to it (noise, blur, a page fed 2-3 degrees off or sideways, a stamp over the table), saved as an
image-only PDF or as a picture. The forms' ground truth is unchanged: a scan holds exactly what was printed.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont


# The same form scanned under the same condition is the same bytes (the demo's scanned sample is checked in).
_DATES = {"creationDate": datetime(2025, 1, 2).timetuple(), "modDate": datetime(2025, 1, 2).timetuple()}


@dataclass(frozen=True)
class Condition:
    """How one scan is made."""
    name: str
    dpi: int = 300
    noise: float = 0.0          # standard deviation of grey noise, in grey levels
    blur: float = 0.0           # Gaussian radius in pixels
    skew: float = 0.0           # degrees, counter-clockwise
    rotate: int = 0             # degrees clockwise the page was fed (90: sideways)
    stamp: bool = False         # a red round stamp over the table's right half
    shade: float = 0.0          # a phone photo's uneven light: the far corner this much darker (0-1)
    suffix: str = ".pdf"        # .pdf (image-only PDF), .png or .jpg


CONDITIONS = {c.name: c for c in [
    Condition("300 dpi bersih"),
    Condition("300 dpi derau ringan", noise=12),
    Condition("150 dpi", dpi=150, noise=6),
    Condition("miring 2,5°", noise=6, skew=2.5),
    Condition("diputar 90°", noise=6, rotate=90),
    Condition("stempel", noise=6, stamp=True),
    Condition("kabur", noise=6, blur=1.2),
    # A phone photo of a flat page: no resolution recorded, JPEG, light falling off across the page, 1° off.
    Condition("foto ponsel", dpi=250, noise=8, skew=1.0, shade=0.45, suffix=".jpg"),
]}


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def stamp(image: Image.Image, rng: random.Random) -> Image.Image:
    """A red round office stamp with its ring of text, half over the table's last columns, printed with
    partly transparent ink as a rubber stamp leaves it."""
    width, height = image.size
    radius = int(min(width, height) * 0.09)
    cx, cy = int(width * rng.uniform(0.72, 0.82)), int(height * rng.uniform(0.38, 0.5))
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ink = (200, 30, 40, 170)
    for r, w in ((radius, max(3, radius // 25)), (int(radius * 0.7), max(2, radius // 40))):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=w)
    font = ImageFont.load_default(size=max(10, radius // 6))
    text = "PEMERINTAH KABUPATEN CONTOH * DINAS * "
    for i, letter in enumerate(text):
        angle = 2 * math.pi * i / len(text) - math.pi / 2
        x = cx + radius * 0.85 * math.cos(angle)
        y = cy + radius * 0.85 * math.sin(angle)
        draw.text((x, y), letter, fill=ink, font=font, anchor="mm")
    draw.text((cx, cy), "CAP", fill=ink, font=ImageFont.load_default(size=max(12, radius // 3)), anchor="mm")
    return Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")


def degrade(image: Image.Image, condition: Condition, rng: random.Random) -> Image.Image:
    if condition.stamp:
        image = stamp(image, rng)
    if condition.blur:
        image = image.filter(ImageFilter.GaussianBlur(condition.blur))
    if condition.skew:
        image = image.rotate(condition.skew, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    if condition.rotate:
        image = image.rotate(-condition.rotate, expand=True)
    if condition.shade:
        pixels = np.asarray(image).astype(np.float32)
        h, w = pixels.shape[:2]
        light = 1 - condition.shade * np.add.outer(np.linspace(0, 0.5, h), np.linspace(0, 0.5, w))
        image = Image.fromarray(np.clip(pixels * light[..., None], 0, 255).astype(np.uint8))
    if condition.noise:
        pixels = np.asarray(image).astype(np.float32)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0, condition.noise, pixels.shape[:2])
        pixels += noise[..., None]
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return image


def scan(pdf: Path, target: Path, condition: Condition, seed: int = 0) -> Path:
    """``target`` (its suffix replaced by the condition's): the pages of ``pdf`` as ``condition`` scans them."""
    rng = random.Random(seed)
    pages = [degrade(page, condition, rng) for page in render_pages(pdf, condition.dpi)]
    target = Path(target).with_suffix(condition.suffix)
    if condition.suffix == ".pdf":
        pages[0].save(target, "PDF", resolution=condition.dpi, save_all=True, append_images=pages[1:], **_DATES)
    elif condition.shade:                       # a phone records no resolution
        pages[0].save(target, quality=85)
    else:
        pages[0].save(target, dpi=(condition.dpi, condition.dpi), **({"quality": 90} if condition.suffix == ".jpg"
                                                                    else {}))
    return target


def alter_cell(pdf: Path, target: Path, old: str, new: str, dpi: int = 300) -> Path:
    """An image-only PDF of ``pdf`` where the first printed ``old`` (a number in a cell) was overwritten
    with ``new``: white-out and a hand-typed figure, the misreading OCR must never let through."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        words = document.pages[0].extract_words()
    word = next(w for w in words if w["text"] == old)
    pages = render_pages(pdf, dpi)
    draw = ImageDraw.Draw(pages[0])
    scale = dpi / 72
    box = (word["x0"] * scale - 2, word["top"] * scale - 2, word["x1"] * scale + 2, word["bottom"] * scale + 2)
    draw.rectangle(box, fill="white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
                              int((word["bottom"] - word["top"]) * scale))
    draw.text((box[2] - 2, box[3]), new, fill="black", font=font, anchor="rd")
    pages[0].save(Path(target), "PDF", resolution=dpi, save_all=True, append_images=pages[1:], **_DATES)
    return Path(target)
