"""Writes that a crash can never leave half done: write beside the target, fsync, then rename."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

# mkstemp creates files readable by their owner only; documents and rejection notes are read by
# staff through a shared folder, so they get the mode any new file gets here (0666 less the umask).
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def staged(folder: Path, name: str) -> tuple[int, str]:
    """A temporary file beside ``folder / name``, open for writing, with the usual permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=".tmp", dir=folder)
    os.fchmod(fd, FILE_MODE)
    return fd, tmp


def write_bytes(path: Path, data: bytes) -> None:
    with replacing(path) as handle:
        handle.write(data)


@contextmanager
def replacing(path: Path):
    """A binary handle on a temporary file beside ``path``, renamed over it once the block ends without
    error: for what is written piece by piece rather than held whole (summary.json of a large pass)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = staged(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Many files into one folder, each atomically, with one directory sync for all of them."""
    folder.mkdir(parents=True, exist_ok=True)
    pending = []
    try:
        for name, data in files.items():
            fd, tmp = staged(folder, name)
            pending.append((tmp, folder / name))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in pending:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in pending:
            Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (the directory entry itself must reach the disk)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def point_symlink(link: Path, target_name: str) -> None:
    """Repoint ``link`` to ``target_name`` (relative) in one rename, so readers never see it missing."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target_name, tmp)
    os.replace(tmp, link)
    fsync_dir(link.parent)
