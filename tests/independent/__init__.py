"""A second, independently written corpus of ABK forms (Word, Excel, PDF).

The layouts imitate public examples of real forms (see README.md and the docstring of each layout
function for its source), not the project's extractor. ``write_independent_corpus(folder)`` writes
every file and returns one ``Case`` per file with the outcome a careful reader expects.
"""
from __future__ import annotations

from pathlib import Path

from .corpus import Spec, specs
from .docs import render
from .model import Case, ExpectedForm, ExpectedRow

__all__ = ["Case", "ExpectedForm", "ExpectedRow", "case_names", "write_independent_corpus", "write_case"]


def case_names() -> list[str]:
    """The file names of the corpus, without writing anything (for test parametrization)."""
    return [f"{spec.name}.{spec.fmt}" for spec in specs()]


def write_case(spec: Spec, folder: Path) -> Case:
    doc, outcome = spec.build()
    path = Path(folder) / f"{spec.name}.{spec.fmt}"
    render(doc, spec.fmt, path)
    case = Case(path=path, format=spec.fmt, layout=spec.layout, features=list(spec.features))
    if isinstance(outcome, tuple):
        case.reason, case.reject_row = outcome
    else:
        case.forms = outcome
    return case


def write_independent_corpus(folder: Path) -> list[Case]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_case(spec, folder) for spec in specs()]
