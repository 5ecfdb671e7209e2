"""The outbox: one folder per pass, published whole by a single rename, and ``latest`` pointing at
the newest complete one. A crash mid-render leaves only a hidden ``.tmp-*`` folder, removed later."""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Callable

from flows.crashpoints import crash_point
from flows.atomic import fsync_dir, point_symlink, replacing

LATEST = "latest"


def publish(outbox: Path, name: str, build: Callable[[Path], None],
            current: Callable[[], bool] = lambda: True) -> Path:
    """Build the pass folder ``name`` in a hidden temporary folder, then rename it into place; ``latest`` is
    pointed at it while ``current()`` says no later pass has judged more (that pass points it at its own).
    Callers hold the inbox's publishing lock (flows.inbox.publishing): a temporary folder found here is
    then left by a pass that died."""
    outbox.mkdir(parents=True, exist_ok=True)
    final = outbox / name
    if not final.is_dir():
        _remove_stale_temporaries(outbox)
        tmp = outbox / f".tmp-{name}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        build(tmp)
        for path in tmp.rglob("*"):
            if path.is_file():
                with open(path, "rb") as handle:
                    os.fsync(handle.fileno())
        crash_point("sebelum-terbit")
        os.rename(tmp, final)
        fsync_dir(outbox)
        crash_point("sesudah-terbit")
    if current():
        point_symlink(outbox / LATEST, name)
    return final


def already_published(outbox: Path, name: str, content: str | None = None) -> tuple[Path, dict] | None:
    """The folder ``name`` and its summary, as a pass with nothing new would report it (no file new,
    none rejected or repeated in this pass); ``latest`` is pointed at it again. With ``content``, the
    latest folder also counts when it was made from the same content on an earlier date."""
    found = _summary(outbox / name)
    if found is None and content is not None:
        current = latest(outbox)
        found = _summary(current) if current is not None else None
        if found is not None and found[1].get("content_fingerprint") != content:
            found = None
    if found is None:
        return None
    folder, summary = found
    point_symlink(outbox / LATEST, folder.name)
    for accepted in summary["accepted"]:
        accepted["new"] = False
    summary["rejected"], summary["duplicates"] = [], []
    return folder, summary


# Beside summary.json, what a pass with nothing new reports of the folder: summary.json without the
# per-file positions and superseded versions (at 50,000 files summary.json is ~170 MB, and the nightly
# pass that finds nothing new would read it all just to say so).
HEAD = ".pass.json"


def _summary(folder: Path) -> tuple[Path, dict] | None:
    for name in (HEAD, "summary.json"):           # a folder published before HEAD existed has only the summary
        try:
            return folder, json.loads((folder / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError):
            return None
    return None


def latest(outbox: Path) -> Path | None:
    link = outbox / LATEST
    return link.resolve() if link.exists() else None


class Streamed:
    """A list in a JSON document that is produced item by item as the file is written (``__iter__``) and
    counted without being produced (``__len__``)."""

    def __len__(self) -> int:
        raise NotImplementedError

    def __iter__(self):
        raise NotImplementedError


def write_json(path: Path, data: dict) -> None:
    """``data`` as json.dump(indent=2) writes it, written as it is encoded: at 10,000 files summary.json is
    33 MB, and a string of it held whole was the last peak of a large pass's memory. A Streamed value is
    written item by item."""
    with replacing(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8")
        text.write("{")
        for i, (key, value) in enumerate(data.items()):
            text.write(("," if i else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
            if isinstance(value, Streamed):
                _write_items(text, value)
            else:
                text.write(_nested(value, 1))
        text.write("\n}\n" if data else "}\n")
        text.flush()
        text.detach()


def _write_items(text, items: Streamed) -> None:
    empty = True
    for item in items:
        text.write(("[" if empty else ",") + "\n    " + _nested(item, 2))
        empty = False
    text.write("[]" if empty else "\n  ]")


def _nested(value, level: int) -> str:
    # json.dumps escapes every newline inside a string, so each newline it writes starts a line of layout.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def _remove_stale_temporaries(outbox: Path) -> None:
    for path in outbox.glob(".tmp-*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
