"""Tesseract, run as Debian's program: the words of a page or of a list of cut-out table cells, each with its
box. One process per call reads every image of the call, so its models are loaded once a page."""
from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from extractors.submission import TOO_LARGE, UNREADABLE, ExtractionError

LANGUAGES = "ind+eng"
TIMEOUT_S = 120               # one call; a page of cells takes 2-6 s on one core
_OSD_LANGUAGE = "osd"


@dataclass
class Box:
    text: str
    image: int                # which image of the call (0-based)
    left: int
    top: int
    width: int
    height: int
    line: tuple               # (block, paragraph, line) of tesseract within its image
    confidence: float


def available() -> bool:
    return shutil.which("tesseract") is not None


def words(images: list[Image.Image], psm: str, dpi: int, options: list[str] = ()) -> list[Box]:
    """The words tesseract reads in ``images`` with page segmentation ``psm`` (and further ``options``)."""
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="abk-ocr-") as folder:
        names = []
        for i, image in enumerate(images):
            name = Path(folder) / f"{i:04d}.png"
            image.save(name, dpi=(dpi, dpi))
            names.append(str(name))
        listing = Path(folder) / "daftar.txt"
        listing.write_text("\n".join(names) + "\n")
        out = _run([str(listing), "stdout", "--psm", psm, "-l", LANGUAGES, "--dpi", str(dpi),
                    "-c", "tessedit_create_tsv=1", *options])
    found = []
    for row in out.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        found.append(Box(cells[11].strip(), int(cells[1]) - 1, int(cells[6]), int(cells[7]), int(cells[8]),
                         int(cells[9]), (int(cells[2]), int(cells[3]), int(cells[4])), float(cells[10])))
    return found


def orientation(image: Image.Image, dpi: int) -> int:
    """Degrees to turn the page clockwise to stand it upright, by tesseract's OSD; 0 when it cannot tell."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    try:
        out = _run(["stdin", "stdout", "--psm", "0", "-l", _OSD_LANGUAGE, "--dpi", str(dpi)], buffer.getvalue())
    except ExtractionError:
        return 0                  # too little text to tell: read as it stands
    for line in out.splitlines():
        if line.startswith("Rotate:"):
            return int(line.split(":")[1])
    return 0


def _cpu_bound() -> None:
    # The kernel ends tesseract after TIMEOUT_S of CPU even when the reading worker that started it was
    # killed for overrunning its file's time (an orphan must not read on).
    resource.setrlimit(resource.RLIMIT_CPU, (TIMEOUT_S, TIMEOUT_S))


def _run(arguments: list[str], stdin: bytes | None = None) -> str:
    # One thread: the files of a pass are already read by one worker per core.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(["tesseract", *arguments], input=stdin, capture_output=True, timeout=TIMEOUT_S,
                              env=env, preexec_fn=_cpu_bound)
    except subprocess.TimeoutExpired:
        raise ExtractionError(TOO_LARGE, f"OCR satu halaman tidak selesai dalam {TIMEOUT_S} detik.") from None
    if done.returncode != 0:
        raise ExtractionError(UNREADABLE, f"OCR gagal membaca halaman (kode {done.returncode}).")
    return done.stdout.decode("utf-8", errors="replace")
