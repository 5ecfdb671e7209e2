"""The steps of one pass as plain functions: the Prefect flow only wires these together, and tests
can call them without starting Prefect."""
from __future__ import annotations

import hashlib
import shutil
from glob import escape as glob_escape
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import calculators
import report_templates
from calculators.results import Assessment, PositionResult, Rekap
from calculators.coverage import missing_positions, position_key
from calculators.structure import perangkat_daerah
from extractors import ExtractorPool
from extractors.submission import UNSUPPORTED_FORMAT, ExtractionError, Submission
from flows import inbox as inbox_dir
from flows.accepted_store import AcceptedStore
from flows.config import Config
from flows.crashpoints import crash_point
from flows.ledger import Ledger, record_of
from flows.register import Entry, Register
from report_templates.file_names import portable_name

@dataclass
class Verdict:
    """The pass's judgement of one arrival: the calculators' Assessment of its content (assess), and what
    the inbox does with it (judge, file_verdicts): accepted, rejected or a duplicate, and where it is kept."""

    arrival: inbox_dir.Arrival
    submission: Submission | None
    assessment: Assessment
    stored_as: Path | None = None          # where the file was filed under the inbox
    duplicate_of: Path | None = None       # an accepted file with the same bytes

    @property
    def status(self) -> str:
        if self.duplicate_of is not None:
            return "duplikat"
        return "diterima" if self.assessment.accepted else "ditolak"


@dataclass
class Consolidation:
    """Every accepted file, consolidated: the current positions with their rows for the documents, and of
    each file only its place, its laporan and its record in the ledger (on disk)."""

    files: list[Path]                      # where each accepted file is kept, oldest first
    positions: list[PositionResult]        # the current version of each position, with its rows
    ledger: Ledger                         # each accepted file's positions, K and findings, same order
    superseded: list[dict] = field(default_factory=list)
    rekap: Rekap | None = None
    laporan: list[tuple[str, Path]] = field(default_factory=list)   # sender's file name and laporan, same order

    def close(self) -> None:
        self.ledger.close()


def take_arrivals(inbox: Path, min_age_s: float = 0, max_bytes: int | None = None) -> list[inbox_dir.Arrival]:
    """Claim what is waiting; with ``min_age_s``, only files untouched for that long (a copy still
    being written is left for the next look)."""
    inbox_dir.recover(inbox)
    return inbox_dir.claim(inbox, inbox_dir.waiting(inbox, min_age_s), max_bytes)


def judge(inbox: Path, arrivals: list[inbox_dir.Arrival], config: Config, pool: ExtractorPool,
          on_progress=None) -> list[Verdict]:
    """Extract and assess each arrival; bytes already accepted earlier are recognised, not re-read."""
    known = inbox_dir.accepted_hashes(inbox)
    verdicts: dict[int, Verdict] = {}
    fresh = []
    for i, arrival in enumerate(arrivals):
        original = known.get(arrival.sha256[:16])
        if arrival.path.is_symlink():                      # never read through a link: it may leave the inbox
            verdicts[i] = Verdict(arrival, None, calculators.rejected(
                arrival.name, UNSUPPORTED_FORMAT, "yang dikirim adalah tautan (symlink) ke berkas lain, bukan "
                                                  "berkasnya; kirim berkas formulirnya sendiri."))
        elif original is not None:
            verdicts[i] = _duplicate(arrival, original)
        else:
            fresh.append(i)
    results = pool.map([arrivals[i].path for i in fresh]) if fresh else []
    for i, (_, result) in zip(fresh, results):
        arrival = arrivals[i]
        if isinstance(result, ExtractionError):
            verdicts[i] = Verdict(arrival, None, calculators.rejected(arrival.name, result.reason, result.message))
            continue
        submission = replace(result, file_name=arrival.name)
        verdicts[i] = Verdict(arrival, submission, calculators.assess(submission, config.rules, config.organisation))
        if on_progress is not None:
            on_progress(len(verdicts), len(arrivals))
    return [verdicts[i] for i in range(len(arrivals))]


def _duplicate(arrival: inbox_dir.Arrival, original: Path) -> Verdict:
    message = (f"Isi berkas sama persis dengan '{inbox_dir.original_name(original)}' yang sudah diterima; "
               "tidak dihitung dua kali.")
    return Verdict(arrival, None, Assessment(arrival.name, True, None, message, [], []), duplicate_of=original)


def file_verdicts(inbox: Path, verdicts: list[Verdict], laporan_for, config: Config) -> None:
    """Accepted files join diterima/ (with their extraction and assessment kept); rejected ones go to karantina/;
    a second copy of accepted bytes (also within one batch) goes to duplikat/. Prefect retries this
    step after an I/O error (a full disk that clears): files an earlier try filed are left where they
    are, not taken for their own duplicates."""
    # The folders are read once and kept up to date here (the pass holds the inbox lock): reading them
    # again for every file made filing 10,000 files quadratic.
    known = inbox_dir.accepted_hashes(inbox)
    store = AcceptedStore(inbox)
    numbers = {name: inbox_dir.next_number(inbox / name)
               for name in (inbox_dir.ACCEPTED, inbox_dir.DUPLICATE, inbox_dir.QUARANTINE)}
    for i, verdict in enumerate(verdicts):
        if i:
            crash_point("antara-berkas")
        if verdict.stored_as is None and not verdict.arrival.path.exists():
            verdict.stored_as = _filed_before(inbox, verdict, known)
        if verdict.stored_as is not None and verdict.stored_as.exists():
            if verdict.status == "diterima" and not store.has_submission(verdict.stored_as):
                store.keep_submission(verdict.stored_as, verdict.submission)
            continue
        if verdict.assessment.accepted:
            original = verdict.duplicate_of or known.get(verdict.arrival.sha256[:16])
            if original is not None:
                verdict.duplicate_of = original
                verdict.stored_as = inbox_dir.file_duplicate(inbox, verdict.arrival, original,
                                                             numbers[inbox_dir.DUPLICATE])
            else:
                verdict.stored_as = inbox_dir.file_accepted(inbox, verdict.arrival, numbers[inbox_dir.ACCEPTED])
                known[verdict.arrival.sha256[:16]] = verdict.stored_as
                store.keep_submission(verdict.stored_as, verdict.submission)
        else:
            verdict.stored_as = inbox_dir.file_rejected(inbox, verdict.arrival, report_templates.rejection_note(verdict.assessment),
                                                        laporan_for(verdict.assessment),
                                                        numbers[inbox_dir.QUARANTINE])
        numbers[verdict.stored_as.parent.name] = inbox_dir.number_of(verdict.stored_as) + 1
    store.keep_assessments({v.stored_as: v.assessment for v in verdicts if v.status == "diterima"}, config)


def lighten(verdicts: list[Verdict]) -> None:
    """Once filed, a verdict keeps only what the summary and the register cannot find elsewhere: the verdict
    and message of each file, and the findings and positions of a rejected one. An accepted file's
    extraction and assessment are kept beside it and its record comes from the consolidation's ledger; a
    large pass would otherwise hold them all."""
    for verdict in verdicts:
        verdict.submission = None
        a = verdict.assessment
        verdict.assessment = (a.without_rows() if not a.accepted
                              else Assessment(a.file_name, a.accepted, a.reason, a.message, [], []))


def _filed_before(inbox: Path, verdict: Verdict, known: dict[str, Path]) -> Path | None:
    """Where an earlier try of the filing step put this arrival, when the rename happened but the step
    failed before it could say so."""
    if verdict.assessment.accepted and verdict.duplicate_of is None:
        return known.get(verdict.arrival.sha256[:16])
    folder = inbox / (inbox_dir.QUARANTINE if not verdict.assessment.accepted else inbox_dir.DUPLICATE)
    name = portable_name(verdict.arrival.name)
    for path in sorted(folder.glob(f"*_{glob_escape(name)}"), reverse=True) if folder.is_dir() else ():
        if inbox_dir.file_sha256(path) == verdict.arrival.sha256:
            return path
    return None


def consolidate(inbox: Path, config: Config, pool: ExtractorPool, tanggal: date) -> Consolidation:
    """Every accepted file, computed with today's rules (AcceptedStore keeps what an earlier pass or the
    filing computed) and read one at a time: its laporan is made if missing, the current version of each
    position is kept (a later form for the same unit and jabatan replaces the earlier one), and of the rest
    only what the summary and the register need. Memory follows the positions, not the files."""
    store = AcceptedStore(inbox)
    files = store.files()
    versions = calculators.Versions()
    ledger, laporan = Ledger(), []

    def render(assessment: Assessment) -> str:
        return report_templates.render_laporan(assessment, config.instansi, config.rules, tanggal)

    try:
        with store.laporan(config, render) as shelf:
            for path, assessment in store.each_assessment(files, pool, config):
                laporan.append((assessment.file_name, shelf.path(path, assessment)))
                versions.add(assessment, path.name)
                ledger.add(record_of(_relative(inbox, path), assessment))
    except BaseException:
        ledger.close()
        raise
    current = versions.current()
    rekap = calculators.consolidate(current.positions, config.rules, config.instansi.nama)
    return Consolidation(files, current.positions, ledger, current.superseded, rekap, laporan)


def content_fingerprint(config: Config, inbox: Path) -> str:
    """Everything the documents say depends on, except their date: the configuration, the accepted
    and the quarantined files."""
    digest = hashlib.sha256()
    digest.update(config.fingerprint.encode())
    for path in inbox_dir.accepted_files(inbox):
        digest.update(b"A" + path.name.encode() + b"\0")
    for path in inbox_dir.quarantined_files(inbox):
        digest.update(b"R" + path.name.encode() + b"\0")
    return digest.hexdigest()


def pass_name(tanggal: date, content: str) -> str:
    """The outbox folder of a pass: the same inbox on the same date always gives the same folder."""
    return f"{tanggal.isoformat()}_{hashlib.sha256(f'{content}/{tanggal.isoformat()}'.encode()).hexdigest()[:10]}"


def register_entries(inbox: Path, verdicts: list[Verdict], consolidation: Consolidation,
                     known: set[str]) -> Iterator[Entry]:
    """What the register must learn from this pass, one entry at a time: its verdicts, plus any filed file
    it has not recorded yet (a pass that died between filing and recording). An accepted file's positions
    and findings come from the ledger."""
    ledger = consolidation.ledger
    seen = set(known)
    for v in verdicts:
        if v.stored_as is None:
            continue
        stored_as = _relative(inbox, v.stored_as)
        seen.add(stored_as)
        if v.status == "diterima" and stored_as in ledger:
            yield _accepted_entry(ledger.get(stored_as), v.arrival.sha256)
        else:
            yield _entry(stored_as, v.arrival.sha256, v.arrival.name, v.status, v.assessment)
    for record in ledger:
        if record["stored_as"] not in seen:
            yield _accepted_entry(record, inbox_dir.file_sha256(inbox / record["stored_as"]))
    for path in inbox_dir.quarantined_files(inbox):
        if _relative(inbox, path) not in seen:
            note = path.with_name(path.name + ".alasan.txt")
            message = note.read_text(encoding="utf-8") if note.exists() else ""
            yield Entry(_relative(inbox, path), inbox_dir.file_sha256(path),
                        inbox_dir.quarantined_name(path), "ditolak", None, message.strip())


def superseded_versions(consolidation: Consolidation, inbox: Path) -> dict[tuple[str, str, str], str]:
    folder = inbox / inbox_dir.ACCEPTED
    return {(_relative(inbox, folder / s["stored_as"]), s["unit_kerja"], s["jabatan"] or ""):
            _relative(inbox, folder / s["replaced_by_stored_as"]) for s in consolidation.superseded}


def _entry(stored_as: str, sha256: str, name: str, status: str, assessment: Assessment) -> Entry:
    # A rejected form is recorded with the positions it names (no K: none is computed from a bad table), so
    # that abk status and the letter can say which positions wait for a corrected form.
    positions = tuple((perangkat_daerah(p.form.header.unit_kerja) or "", p.form.header.unit_kerja_path,
                       p.form.header.nama_jabatan or "", p.bezetting, p.k if status == "diterima" else None)
                      for p in assessment.positions if p.form.header.unit_kerja) if status != "duplikat" else ()
    return Entry(stored_as, sha256, name, status, assessment.reason, assessment.message,
                 tuple(f.as_json() for f in assessment.findings), positions)


def _accepted_entry(record: dict, sha256: str) -> Entry:
    positions = tuple((p["perangkat_daerah"], p["unit_kerja"], p["nama_jabatan"] or "", p["b"], int(p["k"]))
                      for p in record["positions"] if p["unit_kerja"])
    return Entry(record["stored_as"], sha256, record["file"], "diterima", None, record["message"],
                 tuple(record["findings"]), positions)


def _relative(inbox: Path, path: Path) -> str:
    return str(path.relative_to(inbox))


def copy_quarantine_reports(inbox: Path, target: Path) -> None:
    """The laporan of every quarantined file, as written beside it when it was judged."""
    for path in inbox_dir.quarantined_files(inbox):
        laporan = path.with_name(path.name + ".laporan.html")
        if laporan.exists():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(laporan, target / f"{path.name}.html")


def coverage(inbox: Path, consolidation: Consolidation, config: Config) -> report_templates.Coverage:
    """What the letter says beyond the accepted forms: the files rejected, the listed positions missing."""
    expected = config.organisation.listed
    missing = (missing_positions(consolidation.rekap, expected, config.organisation.people)
               if expected is not None else [])
    rejected = frozenset(position_key(unit, jabatan) for unit, jabatan
                         in Register.for_inbox(inbox, config.register_url).rejected_positions()) if missing else frozenset()
    return report_templates.Coverage(len(inbox_dir.quarantined_files(inbox)), tuple(missing), expected is not None,
                                     rejected)
