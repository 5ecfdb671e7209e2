"""What a pass keeps of every accepted file once consolidated (its positions and K, its findings, for the
register and summary.json), on disk instead of in memory: at 50,000 files these records were most of what
still grew with the number of forms."""
from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator

from calculators.results import Assessment
from calculators.structure import perangkat_daerah
from flows.contract import number


def record_of(stored_as: str, assessment: Assessment) -> dict:
    """One accepted file as the register and the summary need it."""
    return {"stored_as": stored_as, "file": assessment.file_name, "message": assessment.message,
            "positions": [{"nama_jabatan": p.form.header.nama_jabatan, "unit_kerja": p.form.header.unit_kerja_path,
                           "perangkat_daerah": perangkat_daerah(p.form.header.unit_kerja) or "",
                           "b": p.bezetting, "k_raw": number(p.k_raw), "k": number(p.k)}
                          for p in assessment.positions],
            "findings": [f.as_json() for f in assessment.findings]}


class Ledger:
    """Records appended one at a time and read back in the same order, as often as needed. The file has no
    name (it is unlinked as it is made), so a pass that dies leaves nothing behind."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._offsets: dict[str, int] = {}

    def add(self, record: dict) -> None:
        self._file.seek(0, 2)
        self._offsets[record["stored_as"]] = self._file.tell()
        # ASCII: a sender's file name may hold bytes that are not UTF-8 (kept as surrogates), which escape safely.
        self._file.write(json.dumps(record).encode("ascii") + b"\n")

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[dict]:
        for offset in list(self._offsets.values()):
            yield self._read(offset)

    def __contains__(self, stored_as: str) -> bool:
        return stored_as in self._offsets

    def get(self, stored_as: str) -> dict:
        return self._read(self._offsets[stored_as])

    def _read(self, offset: int) -> dict:
        self._file.flush()
        self._file.seek(offset)
        return json.loads(self._file.readline())

    def close(self) -> None:
        self._file.close()
