"""The accepted files and what is kept beside them: each file's extraction, its assessment under today's
rules and code, and its rendered laporan. A later pass reads what is kept instead of doing the work again;
what was made under other rules, code or templates is dropped and made anew."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

import calculators
from calculators.results import Assessment
from extractors import ExtractorPool
from extractors.submission import ExtractionError, Submission
from flows import inbox as inbox_dir
from flows.atomic import write_all, write_bytes
from flows.config import Config
from report_templates.cache_key import computing_key, laporan_key

CACHE = ".cache"
LAPORAN = ".laporan"
# Bumped whenever the extractors read a form differently or Submission changes shape: accepted files
# are then read again by the new code (v2: task rows, units by arithmetic, Form.readings, Row.tahapan;
# v3: Submission.file_name; v4: Submission.ocr, scans and pictures read by OCR).
CACHE_VERSION = b"abk-submission-v4\n"
BATCH = 500             # kept files written at once: bounded memory, few directory syncs


class AcceptedStore:
    def __init__(self, inbox: Path):
        self.inbox = inbox
        self.folder = inbox / inbox_dir.ACCEPTED

    def files(self) -> list[Path]:
        return inbox_dir.accepted_files(self.inbox)

    # -- extractions ------------------------------------------------------------------------------
    def keep_submission(self, accepted: Path, submission: Submission | None) -> None:
        if submission is not None:
            write_bytes(self._submission_path(accepted), CACHE_VERSION + pickle.dumps(submission))

    def has_submission(self, accepted: Path) -> bool:
        return self._submission_path(accepted).exists()

    def submission(self, accepted: Path) -> Submission | None:
        """The extraction made when the file was accepted; None when absent or from another version."""
        try:
            data = self._submission_path(accepted).read_bytes()
        except OSError:
            return None
        return _unpickle(data)

    def _submission_path(self, accepted: Path) -> Path:
        return self.folder / CACHE / (accepted.name + ".pickle")

    # -- assessments ------------------------------------------------------------------------------
    def keep_assessments(self, judged: dict[Path, Assessment], config: Config) -> None:
        """What this pass just computed for the files it accepted, kept so that consolidating reads it back one
        file at a time instead of holding every new file of a large pass in memory."""
        tag = _tag(config, computing_key())
        write_all(self.folder / CACHE, {f"{path.name}.{tag}.assessment": CACHE_VERSION + pickle.dumps(assessment)
                                        for path, assessment in judged.items()})

    def each_assessment(self, files: list[Path], pool: ExtractorPool, config: Config
                        ) -> Iterator[tuple[Path, Assessment]]:
        """One assessment per file, same order, one at a time (a pass holds one file's rows, not every file's):
        the one kept beside the file under the same rules and code, else computed from its kept extraction,
        or from the file read again when that is gone."""
        tag = _tag(config, computing_key())
        kept = self._kept_assessments(tag)
        unread = [path for path in files if path.name not in kept and not self.has_submission(path)]
        self._read_again(unread, pool)
        made = {}
        for path in files:
            assessment = self._load_assessment(path, tag) if path.name in kept else None
            if assessment is None:
                submission = self.submission(path)
                if submission is None:                     # a kept assessment torn, and its extraction gone
                    submission = self._read_again([path], pool)
                assessment = calculators.assess(submission, config.rules, config.organisation)
                made[f"{path.name}.{tag}.assessment"] = CACHE_VERSION + pickle.dumps(assessment)
                if len(made) == BATCH:
                    write_all(self.folder / CACHE, made)
                    made = {}
            yield path, assessment
        if made:
            write_all(self.folder / CACHE, made)

    def _read_again(self, files: list[Path], pool: ExtractorPool) -> Submission | None:
        """Extract accepted files whose kept extraction is gone and keep it again; the last one is returned."""
        submission = None
        for path, result in pool.map(files) if files else []:
            if isinstance(result, ExtractionError):
                raise RuntimeError(f"{path}: berkas yang pernah diterima kini tidak terbaca: {result.message}")
            submission = replace(result, file_name=inbox_dir.original_name(path))
            self.keep_submission(path, submission)
        return submission

    def _kept_assessments(self, tag: str) -> set[str]:
        """Names of the files whose assessment under ``tag`` is kept; those made under other rules or code
        are dropped."""
        folder = self.folder / CACHE
        kept = set()
        for path in folder.glob("*.assessment") if folder.is_dir() else ():
            name, _, rest = path.name.removesuffix(".assessment").rpartition(".")
            if rest == tag:
                kept.add(name)
            else:
                path.unlink(missing_ok=True)
        return kept

    def _load_assessment(self, accepted: Path, tag: str) -> Assessment | None:
        try:
            data = (self.folder / CACHE / f"{accepted.name}.{tag}.assessment").read_bytes()
        except OSError:
            return None
        return _unpickle(data)

    # -- laporan ----------------------------------------------------------------------------------
    def laporan(self, config: Config, render: Callable[[Assessment], str]) -> "LaporanShelf":
        """The laporan of each file, rendered once per configuration and kept beside the file: a pass links
        them into its folder instead of rendering every file's again (at 10,000 files that was a third of a
        one-new-file pass). A laporan carries the date of the pass that first examined the file under these
        rules. Laporan of an earlier configuration, code or template are dropped when the shelf is closed."""
        return LaporanShelf(self.folder / LAPORAN, _tag(config, laporan_key()), render)


class LaporanShelf:
    """Laporan asked for one file at a time, written in batches (few directory syncs)."""

    def __init__(self, folder: Path, tag: str, render: Callable[[Assessment], str]):
        self.folder, self.tag, self.render = folder, tag, render
        self.present = {p.name for p in folder.glob("*.html")}
        self.names: list[str] = []
        self.missing: dict[str, bytes] = {}

    def __enter__(self) -> "LaporanShelf":
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self.close()

    def path(self, accepted: Path, assessment: Assessment) -> Path:
        name = f"{accepted.name}.{self.tag}.html"
        if name not in self.present and name not in self.missing:
            self.missing[name] = self.render(assessment).encode("utf-8")
            if len(self.missing) == BATCH:
                self._write()
        self.names.append(name)
        return self.folder / name

    def close(self) -> None:
        self._write()
        for stale in self.present - set(self.names):
            (self.folder / stale).unlink(missing_ok=True)
        for torn in self.folder.glob(".*.tmp"):                     # left by a pass killed mid-write
            torn.unlink(missing_ok=True)

    def _write(self) -> None:
        if self.missing:
            write_all(self.folder, self.missing)
            self.missing = {}


def _tag(config: Config, code: str) -> str:
    """What a kept assessment or laporan depends on besides its file: the configuration and the code."""
    return hashlib.sha256(config.fingerprint.encode() + CACHE_VERSION + code.encode()).hexdigest()[:12]


def _unpickle(data: bytes):
    if not data.startswith(CACHE_VERSION):
        return None
    try:
        return pickle.loads(data[len(CACHE_VERSION):])
    except Exception:  # a torn file, or one written by older code, is simply made again
        return None
