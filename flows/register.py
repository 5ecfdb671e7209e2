"""The durable register of submissions: every file judged, every version kept, in SQL.

SQLite beside the inbox by default (``[register] url`` in the instansi config switches it to e.g.
PostgreSQL). The inbox folders stay the source of truth for the files themselves; the register is
what operators query (``abk status``) and is reconciled with the folders at the start of each pass,
so a crash between filing a file and recording it loses nothing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (Column, Integer, MetaData, String, Table, Text, UniqueConstraint, create_engine,
                        insert, select, update)
from sqlalchemy.engine import Engine

DEFAULT_FILE = ".register.sqlite"

metadata = MetaData()

submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True),
    Column("stored_as", String(400), nullable=False),      # path under the inbox where the file is kept
    Column("sha256", String(64), nullable=False, index=True),
    Column("file_name", String(400), nullable=False),       # the sender's file name
    Column("status", String(20), nullable=False),           # diterima | ditolak | duplikat
    Column("reason", String(40)),
    Column("message", Text, nullable=False, default=""),
    Column("findings", Text, nullable=False, default="[]"),  # JSON list, as in summary.json
    Column("pass_name", String(80)),
    Column("recorded_at", String(40), nullable=False),
    UniqueConstraint("stored_as", name="uq_submissions_stored_as"),
)

positions = Table(
    "positions", metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, nullable=False, index=True),
    Column("perangkat_daerah", String(300), nullable=False),
    Column("unit_kerja", String(1000), nullable=False),
    Column("nama_jabatan", String(300), nullable=False),
    Column("b", Integer),
    Column("k", Integer),
    Column("superseded_by", String(400)),                   # stored_as of the newer version, if any
)


@dataclass(frozen=True)
class Entry:
    stored_as: str
    sha256: str
    file_name: str
    status: str
    reason: str | None = None
    message: str = ""
    findings: tuple = ()
    positions: tuple = ()          # (perangkat_daerah, unit_kerja, nama_jabatan, b, k)


class Register:
    def __init__(self, url: str):
        self.engine: Engine = create_engine(url, future=True)
        metadata.create_all(self.engine)

    @classmethod
    def for_inbox(cls, inbox: Path, url: str | None = None) -> "Register":
        inbox.mkdir(parents=True, exist_ok=True)
        return cls(url or f"sqlite:///{(inbox / DEFAULT_FILE).resolve()}")

    def known(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(submissions.c.stored_as)))

    def record(self, entries: Iterable[Entry], pass_name: str | None) -> None:
        """Record entries not yet known (by where the file is kept); recording twice is harmless. The entries
        are taken one at a time: a large pass hands them over as they are made."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            present = set(conn.scalars(select(submissions.c.stored_as)))
            for entry in entries:
                if entry.stored_as in present:
                    continue
                present.add(entry.stored_as)
                result = conn.execute(insert(submissions).values(
                    stored_as=entry.stored_as, sha256=entry.sha256, file_name=entry.file_name,
                    status=entry.status, reason=entry.reason, message=entry.message,
                    findings=json.dumps(list(entry.findings), ensure_ascii=False),
                    pass_name=pass_name, recorded_at=now))
                submission_id = result.inserted_primary_key[0]
                for perangkat, unit, jabatan, b, k in entry.positions:
                    conn.execute(insert(positions).values(
                        submission_id=submission_id, perangkat_daerah=perangkat, unit_kerja=unit,
                        nama_jabatan=jabatan, b=b, k=k))

    def mark_superseded(self, replaced: dict[tuple[str, str, str], str]) -> None:
        """(stored_as, unit_kerja, nama_jabatan) -> stored_as of the version that replaces it. Only what
        changed is written: every pass hands over the whole map (about 10,000 entries at 10,000 files)."""
        with self.engine.begin() as conn:
            marked = {(stored_as, unit, jabatan): newer for stored_as, unit, jabatan, newer in conn.execute(
                select(submissions.c.stored_as, positions.c.unit_kerja, positions.c.nama_jabatan,
                       positions.c.superseded_by)
                .join(submissions, submissions.c.id == positions.c.submission_id)
                .where(positions.c.superseded_by.is_not(None)))}
            for (stored_as, unit, jabatan), newer in replaced.items():
                if marked.get((stored_as, unit, jabatan)) == newer:
                    continue
                ids = select(submissions.c.id).where(submissions.c.stored_as == stored_as).scalar_subquery()
                conn.execute(update(positions).where(
                    positions.c.submission_id == ids, positions.c.unit_kerja == unit,
                    positions.c.nama_jabatan == jabatan).values(superseded_by=newer))

    def rejected_positions(self) -> list[tuple[str, str]]:
        """(unit kerja, nama jabatan) named by rejected forms whose header could be read."""
        query = (select(positions.c.unit_kerja, positions.c.nama_jabatan)
                 .join(submissions, submissions.c.id == positions.c.submission_id)
                 .where(submissions.c.status == "ditolak"))
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    def status_rows(self) -> list[dict]:
        """Every submission with its positions, oldest first."""
        query = (select(submissions, positions.c.perangkat_daerah, positions.c.unit_kerja,
                        positions.c.nama_jabatan, positions.c.b, positions.c.k, positions.c.superseded_by)
                 .select_from(submissions.outerjoin(positions, positions.c.submission_id == submissions.c.id))
                 .order_by(submissions.c.id, positions.c.id))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]
