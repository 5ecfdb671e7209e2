"""The accepted files and what is kept beside them: each file's extraction, its assessment under today's
rules and code, and its rendered laporan. A later pass reads what is kept instead of doing the work again;
what was made under other rules, code or templates is dropped and made anew."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Callable

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
# v3: Submission.file_name).
CACHE_VERSION = b"abk-submission-v3\n"
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
    def assessments(self, files: list[Path], judged: dict[Path, Assessment], pool: ExtractorPool,
                    config: Config) -> list[Assessment]:
        """One assessment per file, same order. Files judged by this pass keep the assessment they were just
        given (reading them back held every submission twice, about 280 MB more at 10,000 forms); earlier
        files keep the one kept beside them under the same rules and code; the rest are computed from their
        kept extraction, or read again when that is gone."""
        tag = _tag(config, computing_key())
        kept = self._kept_assessments(tag)
        loaded = {path: self._load_assessment(path, tag) for path in files if path not in judged and path.name in kept}
        loaded = {path: assessment for path, assessment in loaded.items() if assessment is not None}
        submissions = {path: self.submission(path) for path in files if path not in judged and path not in loaded}
        missing = [p for p, s in submissions.items() if s is None]
        for path, result in pool.map(missing) if missing else []:
            if isinstance(result, ExtractionError):
                raise RuntimeError(f"{path}: berkas yang pernah diterima kini tidak terbaca: {result.message}")
            submissions[path] = replace(result, file_name=inbox_dir.original_name(path))
            self.keep_submission(path, submissions[path])
        assessments, made = [], {}
        for path in files:
            from_cache = path in loaded
            assessment = judged.get(path) or loaded.pop(path, None)
            if assessment is None:
                assessment = calculators.assess(submissions.pop(path), config.rules, config.organisation)
            if not from_cache:
                made[f"{path.name}.{tag}.assessment"] = CACHE_VERSION + pickle.dumps(assessment)
                if len(made) == BATCH:
                    write_all(self.folder / CACHE, made)
                    made = {}
            assessments.append(assessment)
        if made:
            write_all(self.folder / CACHE, made)
        return assessments

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
    def laporan(self, files: list[Path], assessments: list[Assessment], config: Config,
                render: Callable[[Assessment], str]) -> list[Path]:
        """The laporan of each file, rendered once per configuration and kept beside the file: a pass links
        them into its folder instead of rendering every file's again (at 10,000 files that was a third of a
        one-new-file pass). A laporan carries the date of the pass that first examined the file under these
        rules. Laporan of an earlier configuration, code or template are dropped."""
        folder = self.folder / LAPORAN
        tag = _tag(config, laporan_key())
        present = {p.name for p in folder.glob("*.html")}
        names, missing = [], {}
        for path, assessment in zip(files, assessments):
            name = f"{path.name}.{tag}.html"
            if name not in present:
                missing[name] = render(assessment).encode("utf-8")
                if len(missing) == BATCH:
                    write_all(folder, missing)
                    missing = {}
            names.append(name)
        if missing:
            write_all(folder, missing)
        for stale in present - set(names):
            (folder / stale).unlink(missing_ok=True)
        for torn in folder.glob(".*.tmp"):                          # left by a pass killed mid-write
            torn.unlink(missing_ok=True)
        return [folder / name for name in names]



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
