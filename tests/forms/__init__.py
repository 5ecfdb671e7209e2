"""Generated ABK forms with known contents: the ground truth of the extractor tests, the demo's samples
and the benchmark corpus.

``write_form`` prints ``Form`` objects in a chosen ``Layout``; what it prints is exactly the forms given
(a form the layout cannot print exactly, e.g. 20 minutes in a jam column, is refused: pass
``as_printed(form, layout)``, the ground truth as printed). ``CorpusItem.forms`` is always as printed.
"""
from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extractors.submission import Form
from tests.forms.content import random_form, random_layout, worked_example
from tests.forms.layout import Layout, as_printed, fmt, printed
from tests.forms.writers import docx_to_pdf, recalculate_xlsx, write_docx, write_pdf, write_xlsx

__all__ = ["Layout", "CorpusItem", "as_printed", "fmt", "random_form", "random_layout", "recalculate_xlsx",
           "worked_example", "write_corpus", "write_form", "write_samples"]
_WRITERS = {"docx": write_docx, "pdf": write_pdf, "xlsx": write_xlsx}


def write_form(forms: list[Form], path: Path, fmt: str, layout: Layout = Layout()) -> Path:
    path = Path(path)
    _WRITERS[fmt]([printed(f, layout) for f in forms], path, layout)
    return path


@dataclass
class CorpusItem:
    path: Path
    forms: list[Form]
    layout: Layout
    fmt: str


APPROACHES = ["tugas_per_tugas"] * 7 + ["hasil_kerja", "objek_kerja", "peralatan_kerja"]


def write_corpus(folder: Path, n: int, seed: int = 0, formats=("docx", "pdf", "xlsx"),
                 libreoffice_share: float = 0.0) -> list[CorpusItem]:
    """``n`` files over the formats and layout variants; about one in eight holds two forms.

    ``libreoffice_share`` of the PDFs are made from Word through LibreOffice, converted in one batch.
    """
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    items, conversions = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            fmt = formats[i % len(formats)]
            approach = rng.choice(APPROACHES)
            layout = random_layout(rng, fmt)
            if fmt == "pdf" and rng.random() < libreoffice_share:
                layout = Layout(**{**layout.__dict__, "pdf_engine": "libreoffice", "split_table": False})
            count = 2 if rng.random() < 0.125 else 1
            rows = rng.choice([None, None, rng.randint(20, 45)])
            forms = [as_printed(random_form(rng, approach, rows), layout) for _ in range(count)]
            path = folder / f"form_{i:04d}.{fmt}"
            if layout.pdf_engine == "libreoffice" and fmt == "pdf":
                conversions.append((write_form(forms, Path(tmp) / f"{i}.docx", "docx", layout), path))
            else:
                write_form(forms, path, fmt, layout)
            items.append(CorpusItem(path, forms, layout, fmt))
        docx_to_pdf(conversions)
    return items


def write_samples(folder: Path, libreoffice: bool = True) -> list[Path]:
    from tests.forms.samples import write_samples as _write

    return _write(folder, libreoffice)
