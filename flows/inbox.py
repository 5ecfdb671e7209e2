"""The inbox folder: what has arrived, claiming it for a pass, and filing each file by its verdict.

Layout under the inbox (staff see their file move and the reason beside it):
    inbox/<file>                   dropped by a unit, waiting
    inbox/.proses/<file>           claimed by a running pass (moved back if that pass died)
    inbox/diterima/<n>_<id>_<file> accepted (id: first 16 hex digits of the SHA-256); the set every pass consolidates
    inbox/diterima/.cache, .laporan  its extraction and its laporan, derived once and reused (never the source)
    inbox/karantina/<n>_<file>     rejected, with <n>_<file>.alasan.txt and a laporan beside it
    inbox/duplikat/<n>_<file>      the same bytes as a file already accepted, with a note; not counted again
    inbox/.putusan/<run id>.json   the verdicts a run gave, shown again by its Retry (flows.run_journal)
    inbox/.abk.lock, .abk.terbit.lock  locked by the pass that judges, and by the one that records and publishes

Files only ever move by rename inside one folder tree, so a crash at any point leaves each file
in exactly one of these places, never lost and never half copied.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flows.atomic import fsync_dir, write_text
from report_templates.file_names import portable_name, shortened

LOCK = ".abk.lock"
PUBLISH_LOCK = ".abk.terbit.lock"
CLAIMED = ".proses"
ACCEPTED = "diterima"
QUARANTINE = "karantina"
DUPLICATE = "duplikat"
# Files still being written by an editor or a copy, left until they become the real file. Other names
# starting with "." are judged like any file (staff cannot see why a hidden file is never answered);
# the inbox's own files (the lock, .proses, the register) are not arrivals.
_IGNORED = re.compile(r"^(~\$.*|\.~lock\..*#|\..*\.sw[a-p]|.*\.(tmp|part|crdownload|swp))$", re.IGNORECASE)
_OWN = re.compile(r"^(\.abk\.lock|\.abk\.terbit\.lock|\.proses|\.register\.sqlite.*|\.gitkeep|\.gitignore)$")
_HEAD_BYTES = 1 << 20
_NUMBER = re.compile(r"^(\d{6,})_")
_ID = 16


@dataclass(frozen=True)
class Arrival:
    path: Path            # where the file is now (inside .proses while a pass holds it)
    name: str             # the sender's file name
    sha256: str


@contextmanager
def exclusive(inbox: Path):
    """One pass at a time per inbox: a second one waits instead of racing for the same files."""
    with _locked(inbox / LOCK):
        yield


@contextmanager
def publishing(inbox: Path):
    """One pass at a time records and publishes what it judged. A pass leaves the inbox to the next one
    before it renders, so two can reach this point together (nightly and manual, or two workers): each
    would take the other's half-built outbox folder and laporan files for a crash's leftovers and remove
    them, and both could record a file the other had filed but not yet recorded (the register's unique key
    then fails the later pass). A lock of its own, so the next pass judges new files meanwhile."""
    with _locked(inbox / PUBLISH_LOCK):
        yield


@contextmanager
def _locked(path: Path):
    # flock: on Linux NFS clients it is carried out as a POSIX lock on the whole file, so it holds between
    # machines sharing the inbox as well as between processes of one machine.
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def busy(inbox: Path) -> bool:
    """Whether a pass holds the inbox right now."""
    try:
        with open(inbox / LOCK, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        pass
    return False


def stranded(inbox: Path) -> bool:
    """Files claimed by a pass that died: a pass claims and files under the lock, so claimed files
    with nobody holding it can only be left over."""
    claimed = inbox / CLAIMED
    return claimed.is_dir() and any(claimed.iterdir()) and not busy(inbox)


def recover(inbox: Path) -> None:
    """Put back files a dead pass had claimed, so the next pass judges them (nothing is lost)."""
    claimed = inbox / CLAIMED
    if not claimed.is_dir():
        return
    for path in sorted(claimed.iterdir()):
        if path.is_file():
            os.replace(path, _free_name(inbox, path.name))
    fsync_dir(inbox)


def waiting(inbox: Path, min_age_s: float = 0) -> list[Path]:
    """Files dropped at the top of the inbox, skipping temporary and lock files, and files modified
    less than ``min_age_s`` ago."""
    if not inbox.is_dir():
        return []
    files = [p for p in inbox.iterdir() if (p.is_symlink() or p.is_file()) and not _IGNORED.match(p.name)
             and not _OWN.match(p.name)]
    if min_age_s > 0:
        cutoff = time.time() - min_age_s
        files = [p for p in files if _mtime(p) <= cutoff]
    return sorted(files)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")


def claim(inbox: Path, paths: list[Path], max_bytes: int | None = None) -> list[Arrival]:
    """Move files into .proses by rename; a file another pass took first is skipped. A file over
    ``max_bytes`` (to be refused as too large) is known by its size and first megabyte, not hashed whole
    while the inbox is held (a 20 GB sparse file took a minute)."""
    claimed_dir = inbox / CLAIMED
    claimed_dir.mkdir(parents=True, exist_ok=True)
    arrivals = []
    for path in paths:
        target = claimed_dir / path.name
        try:
            os.rename(path, target)
        except FileNotFoundError:
            continue
        arrivals.append(Arrival(path=target, name=readable(path.name), sha256=file_sha256(target, max_bytes)))
    fsync_dir(claimed_dir)
    return arrivals


def accepted_files(inbox: Path) -> list[Path]:
    """Accepted submissions in the order they were accepted (oldest first)."""
    folder = inbox / ACCEPTED
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def accepted_hashes(inbox: Path) -> dict[str, Path]:
    """Content identity (the first 16 hex digits of the SHA-256, part of the name) -> accepted file."""
    return {p.name.split("_", 2)[1]: p for p in accepted_files(inbox)}


def file_accepted(inbox: Path, arrival: Arrival, number: int | None = None) -> Path:
    """Move an accepted file into diterima/, numbered in the order of acceptance (``number``: the least
    number to use, when the caller already knows how many there are)."""
    folder = inbox / ACCEPTED
    folder.mkdir(exist_ok=True)
    target = _numbered(folder, f"{arrival.sha256[:_ID]}_{portable_name(arrival.name)}", (), number)
    _move(arrival.path, target)
    fsync_dir(folder)
    return target


def file_duplicate(inbox: Path, arrival: Arrival, original: Path, least: int | None = None) -> Path:
    """Keep a second copy of already accepted bytes aside, with a note saying which file it repeats."""
    folder = inbox / DUPLICATE
    folder.mkdir(exist_ok=True)
    target = _numbered(folder, portable_name(arrival.name), (".catatan.txt",), least)
    write_text(target.with_name(target.name + ".catatan.txt"),
               f"Berkas: {arrival.name}\nStatus: SUDAH DITERIMA SEBELUMNYA\n"
               f"Isinya sama persis dengan {original.name} yang sudah diterima; tidak dihitung dua kali.\n")
    _move(arrival.path, target)
    fsync_dir(folder)
    return target


def file_rejected(inbox: Path, arrival: Arrival, reason_text: str, laporan_html: str | None,
                  least: int | None = None) -> Path:
    """Move a rejected file into karantina/ with its reason beside it. Never deleted."""
    folder = inbox / QUARANTINE
    folder.mkdir(exist_ok=True)
    target = _numbered(folder, portable_name(arrival.name), (".alasan.txt", ".laporan.html"), least)
    # The explanation is written first: a crash in between leaves a note for a file still in .proses,
    # which the next pass judges again and overwrites, rather than a quarantined file with no reason.
    write_text(target.with_name(target.name + ".alasan.txt"), reason_text)
    if laporan_html is not None:
        write_text(target.with_name(target.name + ".laporan.html"), laporan_html)
    _move(arrival.path, target)
    fsync_dir(folder)
    return target


def next_number(folder: Path) -> int:
    """One above every number the folder has used (1 for a new folder)."""
    if not folder.is_dir():
        return 1
    return max([0] + [int(match[1]) for p in folder.iterdir() if (match := _NUMBER.match(p.name))]) + 1


def number_of(path: Path) -> int:
    return int(_NUMBER.match(path.name)[1])


def _numbered(folder: Path, name: str, notes: tuple[str, ...], least: int | None = None) -> Path:
    """``folder/<n>_<name>`` with a number not below ``least`` (default: above every number the folder
    has used) and no file of that name or of its notes present: nothing filed here is ever overwritten,
    whatever a sender calls a file ("x.alasan.txt") or an operator removes. Callers hold the inbox lock,
    so nothing appears between the look and the rename."""
    number = least or next_number(folder)
    while True:
        target = folder / f"{number:06d}_{name}"
        if not any(target.with_name(target.name + note).exists() for note in ("",) + notes):
            return target
        number += 1


def _move(source: Path, target: Path) -> None:
    if target.exists():                                  # _numbered looked; this would be a bug, not a race
        raise FileExistsError(target)
    os.rename(source, target)


def quarantined_files(inbox: Path) -> list[Path]:
    folder = inbox / QUARANTINE
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                  and not p.name.endswith((".alasan.txt", ".laporan.html")))


def quarantined_name(path: Path) -> str:
    return path.name.split("_", 1)[1]


def original_name(accepted: Path) -> str:
    """The sender's file name of a file in diterima/ (as made safe when it was filed)."""
    return accepted.name.split("_", 2)[2]


def file_sha256(path: Path, max_bytes: int | None = None) -> str:
    """The content's SHA-256. A link is known by where it points (it is never read through); a file
    larger than ``max_bytes`` by its size and first megabyte."""
    if path.is_symlink():
        return hashlib.sha256(b"link:" + os.fsencode(os.readlink(path))).hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            digest.update(b"size:%d:" % size + handle.read(_HEAD_BYTES))
            return digest.hexdigest()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def readable(name: str) -> str:
    """The sender's file name as text: a name that is not UTF-8 (Windows and SMB shares write cp1252
    bytes such as \\xff; Python keeps them as lone surrogates, which no UTF-8 file, database or JSON
    takes) is read as cp1252, and control characters (a newline splits a log line) become spaces."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = os.fsencode(name).decode("cp1252", errors="replace")
    return re.sub(r"[\x00-\x1f\x7f]", " ", name)


def _free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``<n>_name`` when taken, shortened (keeping its extension) so that the
    prefix never makes a name longer than a file system allows."""
    target, n = folder / name, 1
    while target.exists() or target.is_symlink():
        target, n = folder / shortened(f"{n}_{name}", 255), n + 1
    return target


