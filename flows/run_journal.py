"""The verdicts a run has given, kept per flow run so that its Retry still shows them.

A run that failed after filing (an outbox that was a file, a full disk) had moved its files already;
its Retry found nothing new to judge, so the UI never showed those files' verdicts. Each run writes
the verdicts it gave into ``inbox/.putusan/<flow run id>.json``; a Retry (the same flow run id) reads
them back and shows them with its own. A run that completes removes its journal; journals of runs
nobody retried are removed after KEEP_DAYS.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from flows.atomic import write_text

FOLDER = ".putusan"
KEEP_DAYS = 30


def verdict_rows(verdicts) -> list[dict]:
    rows = []
    for verdict in verdicts:
        a = verdict.assessment
        rows.append({"berkas": a.file_name, "putusan": verdict.status, "alasan": a.reason or "", "pesan": a.message})
    return rows


def remember(inbox: Path, run_id: str | None, rows: list[dict]) -> list[dict]:
    """This run's verdicts so far: those of its earlier tries, then ``rows``."""
    if not run_id:
        return rows
    path = inbox / FOLDER / f"{run_id}.json"
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = []
    seen = {tuple(row.values()) for row in earlier}
    merged = earlier + [row for row in rows if tuple(row.values()) not in seen]
    if rows:
        path.parent.mkdir(exist_ok=True)
        write_text(path, json.dumps(merged, ensure_ascii=False))
    return merged


def forget(inbox: Path, run_id: str | None) -> None:
    folder = inbox / FOLDER
    if run_id:
        (folder / f"{run_id}.json").unlink(missing_ok=True)
    cutoff = time.time() - KEEP_DAYS * 86400
    for old in folder.glob("*.json") if folder.is_dir() else ():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except FileNotFoundError:
            pass
