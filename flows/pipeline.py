"""The steps of one pass as plain functions: the Prefect flow only wires these together, and tests
can call them without starting Prefect."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import calculators
from calculators.results import Assessment, PositionResult, Rekap
from extractors import ExtractorPool
from extractors.submission import ExtractionError, Submission
from flows import inbox as inbox_dir
from flows.atomic import write_bytes
from flows.config import Config

_CACHE = ".cache"
_CACHE_VERSION = b"abk-submission-v1\n"


@dataclass
class Verdict:
    arrival: inbox_dir.Arrival
    submission: Submission | None
    assessment: Assessment


@dataclass
class Consolidation:
    assessments: list[Assessment]          # one per accepted file, oldest first
    positions: list[PositionResult]        # the current version of each position
    superseded: list[dict] = field(default_factory=list)
    rekap: Rekap | None = None


def take_arrivals(inbox: Path) -> list[inbox_dir.Arrival]:
    inbox_dir.recover(inbox)
    return inbox_dir.claim(inbox, inbox_dir.waiting(inbox))


def judge(arrivals: list[inbox_dir.Arrival], config: Config, pool: ExtractorPool) -> list[Verdict]:
    verdicts = []
    paths = [a.path for a in arrivals]
    for arrival, (_, result) in zip(arrivals, pool.map(paths)):
        if isinstance(result, ExtractionError):
            assessment = calculators.rejected(arrival.name, result.reason, result.message)
            verdicts.append(Verdict(arrival, None, assessment))
            continue
        submission = replace(result, path=arrival.name)
        assessment = calculators.assess(submission, config.rules)
        verdicts.append(Verdict(arrival, submission, assessment))
    return verdicts


def file_verdicts(inbox: Path, verdicts: list[Verdict], laporan_for) -> None:
    """Accepted files join diterima/ (with their extraction cached); rejected ones go to karantina/."""
    for verdict in verdicts:
        if verdict.assessment.accepted:
            target = inbox_dir.file_accepted(inbox, verdict.arrival)
            _store_cached(target, verdict.submission)
        else:
            inbox_dir.file_rejected(inbox, verdict.arrival, rejection_text(verdict.assessment),
                                    laporan_for(verdict.assessment))


def rejection_text(assessment: Assessment) -> str:
    lines = [f"Berkas: {assessment.file}", f"Status: DITOLAK ({assessment.reason})", assessment.message, ""]
    errors = [f for f in assessment.findings if f.severity == "error"]
    if errors:
        lines.append("Yang harus diperbaiki:")
        lines += [f"- {f.message}" for f in errors]
        lines.append("")
    lines.append("Perbaiki formulir lalu kirim ulang ke folder inbox. Berkas asli disimpan di folder ini.")
    return "\n".join(lines) + "\n"


def consolidate(inbox: Path, config: Config, pool: ExtractorPool) -> Consolidation:
    """Every accepted submission, computed with today's rules; a later form for the same unit and
    jabatan replaces the earlier one."""
    files = inbox_dir.accepted_files(inbox)
    submissions = {path: _load_cached(path) for path in files}
    missing = [p for p, s in submissions.items() if s is None]
    for path, result in pool.map(missing) if missing else []:
        if isinstance(result, ExtractionError):
            raise RuntimeError(f"{path}: berkas yang pernah diterima kini tidak terbaca: {result.message}")
        submissions[path] = replace(result, path=inbox_dir.original_name(path))
        _store_cached(path, submissions[path])

    assessments, current, superseded = [], {}, []
    for path in files:
        assessment = calculators.assess(submissions[path], config.rules)
        assessments.append(assessment)
        for position in assessment.positions:
            header = position.form.header
            key = (header.unit_kerja_path.casefold(), (header.nama_jabatan or "").casefold())
            if key in current:
                superseded.append({"file": current[key].form_file, "replaced_by": assessment.file,
                                   "jabatan": header.nama_jabatan, "unit_kerja": header.unit_kerja_path})
            current[key] = _Tagged(position, assessment.file)
    positions = [tagged.position for tagged in current.values()]
    rekap = calculators.consolidate(positions, config.rules, config.instansi.nama)
    return Consolidation(assessments, positions, superseded, rekap)


@dataclass
class _Tagged:
    position: PositionResult
    form_file: str


def pass_fingerprint(config: Config, tanggal: date, inbox: Path, rejected: list[Verdict]) -> str:
    """Identifies a pass by everything its documents depend on, so the same inputs give the same
    outbox folder and an idle pass renders nothing."""
    digest = hashlib.sha256()
    digest.update(config.fingerprint.encode())
    digest.update(tanggal.isoformat().encode())
    for path in inbox_dir.accepted_files(inbox):
        digest.update(b"A" + path.name.encode())
    for verdict in rejected:
        digest.update(b"R" + verdict.arrival.sha256.encode())
    return digest.hexdigest()


def _cache_path(accepted: Path) -> Path:
    return accepted.parent / _CACHE / (accepted.name + ".pickle")


def _store_cached(accepted: Path, submission: Submission | None) -> None:
    if submission is not None:
        write_bytes(_cache_path(accepted), _CACHE_VERSION + pickle.dumps(submission))


def _load_cached(accepted: Path) -> Submission | None:
    """The extraction made when the file was accepted; None when absent or from another version."""
    try:
        data = _cache_path(accepted).read_bytes()
    except OSError:
        return None
    if not data.startswith(_CACHE_VERSION):
        return None
    try:
        return pickle.loads(data[len(_CACHE_VERSION):])
    except Exception:  # a cache written by older code is simply rebuilt
        return None
