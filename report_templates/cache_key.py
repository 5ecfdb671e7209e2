"""What a kept document depends on besides its data: the source of the code and templates that made it.
A changed rule, wording or template makes new outputs, where the package version (0.1.0 in an editable
install) would not."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import calculators
from report_templates.environment import HERE as TEMPLATES

CALCULATORS = Path(calculators.__file__).resolve().parent
EXTRACTORS = CALCULATORS.parent / "extractors"


@lru_cache(maxsize=None)
def source_digest(*folders: Path) -> str:
    """The Python source and templates under ``folders`` (not recursive), in one digest."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".py", ".j2", ".txt")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def computing_key() -> str:
    """An assessment depends on the code that reads the form (the Submission it is computed from) and the
    code that computes and words its findings."""
    return source_digest(CALCULATORS, EXTRACTORS)


def laporan_key() -> str:
    """A laporan depends on that, on its template and on the wording tables in report_templates."""
    return source_digest(CALCULATORS, EXTRACTORS, TEMPLATES)
