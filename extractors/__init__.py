"""A file in, a normalised submission out: guard, format reader, form understanding.

No Prefect here. ``extract`` runs in the calling process; ``extract_isolated`` and ``ExtractorPool``
run it in worker processes with memory and time limits. The formats read, and what bounds each, are
the table ``formats.FORMATS``.
"""
from __future__ import annotations

from extractors.formats import FORMATS, Limits
from extractors.guard import extract
from extractors.isolation import ExtractorPool, extract_isolated
from extractors.submission import ExtractionError, Submission

__all__ = ["FORMATS", "Limits", "extract", "extract_isolated", "ExtractorPool", "ExtractionError", "Submission"]
