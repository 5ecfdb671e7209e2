"""Which version of a position is current: a later form for the same unit and jabatan replaces the earlier."""
from __future__ import annotations

from dataclasses import dataclass, field

from calculators.results import Assessment, PositionResult


@dataclass
class Current:
    positions: list[PositionResult]                          # the current version of each position
    superseded: list[dict] = field(default_factory=list)     # each replaced version and what replaced it


class Versions:
    """Accepted files fed one at a time, oldest first: only the current version of each position is held,
    so a pass over many files keeps what the documents need, not every file it read."""

    def __init__(self):
        self._current: dict[tuple[str, str], tuple[PositionResult, str, str]] = {}
        self.superseded: list[dict] = []

    def add(self, assessment: Assessment, stored_as: str) -> None:
        """Unit and jabatan are compared without regard to case, as units type them."""
        for position in assessment.positions:
            header = position.form.header
            key = (header.unit_kerja_path.casefold(), (header.nama_jabatan or "").casefold())
            if key in self._current:
                _, older_file, older_stored_as = self._current[key]
                self.superseded.append({"file": older_file, "stored_as": older_stored_as,
                                        "replaced_by": assessment.file_name, "replaced_by_stored_as": stored_as,
                                        "jabatan": header.nama_jabatan, "unit_kerja": header.unit_kerja_path})
            self._current[key] = (position, assessment.file_name, stored_as)

    def current(self) -> Current:
        return Current([position for position, _, _ in self._current.values()], self.superseded)

