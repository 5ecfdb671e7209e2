"""Which version of a position is current: a later form for the same unit and jabatan replaces the earlier."""
from __future__ import annotations

from dataclasses import dataclass, field

from calculators.results import Assessment, PositionResult


@dataclass
class Current:
    positions: list[PositionResult]                          # the current version of each position
    superseded: list[dict] = field(default_factory=list)     # each replaced version and what replaced it


def current_versions(accepted: list[tuple[Assessment, str]]) -> Current:
    """``accepted``: each accepted file's assessment and the name it is kept under, oldest first. Unit and
    jabatan are compared without regard to case, as units type them."""
    current: dict[tuple[str, str], tuple[PositionResult, str, str]] = {}
    superseded = []
    for assessment, stored_as in accepted:
        for position in assessment.positions:
            header = position.form.header
            key = (header.unit_kerja_path.casefold(), (header.nama_jabatan or "").casefold())
            if key in current:
                _, older_file, older_stored_as = current[key]
                superseded.append({"file": older_file, "stored_as": older_stored_as,
                                   "replaced_by": assessment.file_name, "replaced_by_stored_as": stored_as,
                                   "jabatan": header.nama_jabatan, "unit_kerja": header.unit_kerja_path})
            current[key] = (position, assessment.file_name, stored_as)
    return Current([position for position, _, _ in current.values()], superseded)
