"""A file in, a normalised submission out: guard, format reader, form understanding.

No Prefect here. ``extract`` runs in the calling process; ``extract_isolated`` and ``ExtractorPool``
run it in worker processes with memory and time limits.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.submission import TOO_LARGE, UNREADABLE, ExtractionError, Submission


@dataclass(frozen=True)
class Limits:
    """What one file may cost. The work is bounded by bytes, rows and time; the page count only stops a
    PDF that declares absurdly many pages before any is parsed (a combined Anjab-ABK document of one
    position runs to 80 pages, about 8 s)."""

    max_bytes: int = 10 * 2**20
    max_pages: int = 300
    max_rows: int = 2000                 # task rows in all forms of one file
    max_uncompressed_bytes: int = 100 * 2**20
    timeout_s: int = 60
    memory_mb: int = 1024


def extract(path, limits: Limits = Limits()) -> Submission:
    """Guard, read by the real format, understand; ExtractionError for a file that cannot be used."""
    from extractors import guard
    from extractors.understand import forms_from_blocks

    path = Path(path)
    kind = guard.check(path, limits)
    pages = None
    try:
        if kind == "pdf":
            from extractors import pdf_reader
            blocks, pages = pdf_reader.read(path, limits)
        elif kind == "docx":
            from extractors import docx_reader
            blocks = docx_reader.read(path, limits.max_rows)
        else:
            from extractors import xlsx_reader
            blocks = xlsx_reader.read(path)
        forms = forms_from_blocks(blocks)
        rows = sum(len(form.rows) for form in forms)
        if rows > limits.max_rows:
            raise ExtractionError(TOO_LARGE, f"berkas berisi {rows} baris tugas, melebihi batas {limits.max_rows} "
                                             "baris; pecah menjadi beberapa berkas per jabatan.")
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(UNREADABLE, "struktur berkas terlalu dalam untuk dibaca.") from None
    except MemoryError:
        raise
    except Exception as exc:  # a damaged file can break a parser anywhere; the sender gets a sentence
        raise unexpected(exc, limits) from None
    return Submission(path=str(path), format=kind, forms=forms, pages=pages)


def unexpected(exc: BaseException, limits: Limits) -> ExtractionError:
    """A parser's failure as a verdict, named by its type only (parser texts can quote paths and bytes).
    A parser that ran out of memory says so in its own words (lxml: "Memory allocation failed"): that is
    the same cause as a MemoryError, and gets the same code wherever the file is read."""
    if isinstance(exc, MemoryError) or "memory" in str(exc).casefold():
        return memory_error(limits)
    return ExtractionError(UNREADABLE, f"berkas tidak dapat dibaca: kesalahan pembaca ({type(exc).__name__}).")


def memory_error(limits: Limits) -> ExtractionError:
    return ExtractionError(TOO_LARGE, f"membaca berkas ini melebihi batas memori {limits.memory_mb} MB.")


from extractors.isolation import ExtractorPool, extract_isolated  # noqa: E402  (needs Limits above)

__all__ = ["Limits", "extract", "extract_isolated", "ExtractorPool", "ExtractionError", "Submission"]
