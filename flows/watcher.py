"""When the inbox needs a pass, and when it must wait: decisions kept apart from the clock and from
Prefect so they can be tested directly. `flows.serve` runs them.

A file counts as arrived when the file system says its writer finished (closed after writing, or
renamed into the inbox: inotify, through watchdog) or, where no such event comes (NFS and SMB mounts
see no remote writes), when its size and mtime held still across two looks.
"""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from flows.inbox import busy as inbox_busy
from flows.inbox import stranded as inbox_stranded
from flows.inbox import waiting

LOOK_EVERY_S = 2.0
# Events are lost while the API is down, so the watcher also sweeps: any file waiting this long
# triggers a pass even if no look ever saw it change.
SWEEP_EVERY_S = 60.0


def stable_arrivals(inbox: Path, previous: dict[Path, tuple], finished: set[Path] = frozenset()
                    ) -> tuple[list[Path], dict[Path, tuple]]:
    """Files whose size and mtime held still since the previous look (a copy still running moves), and
    files the file system reported finished whose signature has not changed since."""
    now = {}
    for path in waiting(inbox):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        now[path] = (stat.st_size, stat.st_mtime_ns)
    stable = [p for p, sig in now.items() if previous.get(p) == sig or p in finished]
    return stable, now


class Watcher:
    """Decides when the inbox needs a pass: a finished new file, or anything left waiting at a sweep.

    While a pass holds the inbox nothing is triggered: a run started then would only be queued by the
    deployment's concurrency limit, and Prefect retries a queued run after 30 s (and again), which made
    one drop in twenty wait over a minute. The file is triggered on the first look after the pass."""

    def __init__(self, inbox: Path):
        self.inbox = inbox
        self.previous: dict[Path, tuple] = {}
        self.triggered: set[tuple] = set()
        self.last_sweep = time.monotonic()

    def latest_change(self) -> float:
        """When the most recently written file waiting at the last look was written (epoch seconds)."""
        return max((signature[1] for signature in self.previous.values()), default=0) / 1e9

    def look(self, now: float | None = None, finished: set[Path] = frozenset()) -> bool:
        now = time.monotonic() if now is None else now
        stable, self.previous = stable_arrivals(self.inbox, self.previous, finished)
        self.triggered = {t for t in self.triggered if t[0] in self.previous}   # forget files that left
        if stable and inbox_busy(self.inbox):
            return False
        if not stable and now - self.last_sweep >= SWEEP_EVERY_S:
            self.last_sweep = now
            # A pass killed mid-way left its files claimed; the pass started now puts them back
            # and judges them, instead of leaving them hidden until the nightly.
            return inbox_stranded(self.inbox)
        fresh = {(p, self.previous[p]) for p in stable} - self.triggered
        sweep = now - self.last_sweep >= SWEEP_EVERY_S and bool(stable)
        if fresh or sweep:
            self.triggered |= fresh | {(p, self.previous[p]) for p in stable}
            self.last_sweep = now
            return True
        return False


@dataclass(frozen=True)
class LastRun:
    """The manual deployment's latest run."""
    id: str
    state: str                 # Prefect's state type: SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, ...
    age_s: float               # since it was due to start


# A run the watcher asked for that has not started yet takes every file waiting when it does; asking
# again would only queue a run behind it. One still not started after this is not waited for.
QUEUED_WAIT_S = 60.0


@dataclass
class BackOff:
    """While the last pass failed for a cause a new pass would meet again (a configuration error, an
    outbox that is a file, a disk full: transient trouble was already retried inside the pass), the
    watcher starts no other: one dropped file used to make four failed runs in three minutes. The wait
    ends when that run is retried from the UI (it is then no longer the failed run), when the
    configuration file or a table it names changes, or when a file arrives that was not waiting when the run
    failed."""
    config: Path
    failed_run: str | None = None
    config_digest: str = ""
    files_then: set[str] = field(default_factory=set)
    started: bool = False          # the last holds() began a wait: the moment to tell the operator

    def holds(self, last_run: LastRun | None, waiting_names: set[str]) -> bool:
        """True while waiting; the first True for a run is when to tell the operator (``started``)."""
        self.started = False
        if last_run is None or last_run.state != "FAILED":
            self.failed_run = None
            return False
        digest = _digest(self.config)
        if self.failed_run != last_run.id:
            self.failed_run, self.config_digest, self.files_then = last_run.id, digest, set(waiting_names)
            self.started = True
            return True
        if digest != self.config_digest or waiting_names - self.files_then:
            self.failed_run = None
            return False
        return True


class InboxWatch:
    """One look of the watcher loop, with Prefect behind plain callables: ``last_run()`` gives the manual
    deployment's latest run (a LastRun or None), ``trigger()`` starts a pass, ``reap()`` marks runs whose
    process died, ``tell(run_id)`` says the watcher waits."""

    def __init__(self, inbox: Path, config: Path, last_run, trigger, reap, tell):
        self.inbox, self.watcher, self.backoff = inbox, Watcher(inbox), BackOff(config)
        self.last_run, self.trigger, self.reap, self.tell = last_run, trigger, reap, tell
        self.last_reap = time.monotonic()

    def tick(self, now: float | None = None, finished: set[Path] = frozenset()) -> bool:
        """Whether a pass was started."""
        now = time.monotonic() if now is None else now
        if now - self.last_reap >= SWEEP_EVERY_S:
            self.last_reap = now
            self.reap()
        if not self.watcher.look(now, finished):
            return False
        last = self.last_run()
        if last is not None and last.state in ("SCHEDULED", "PENDING") and last.age_s < QUEUED_WAIT_S:
            self.watcher.triggered.clear()      # that run takes them; any it leaves trigger again after it
            return False
        if self.backoff.holds(last, {p.name for p in self.watcher.previous}):
            if self.backoff.started:
                self.tell(self.backoff.failed_run)
            self.watcher.triggered.clear()      # the files count as new again once the wait ends
            return False
        self.trigger()
        return True


def _digest(config: Path) -> str:
    """The configuration and the tables it names (the list of positions, the HR export): fixing any of them
    ends a wait after a failed pass."""
    from flows.config import configuration_files

    digest = hashlib.sha256()
    for path in configuration_files(config):
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


class Arrivals:
    """The inbox's finished files as the file system reports them (inotify through watchdog), and an
    event to wake the watcher at once instead of at its next look (``wake``: one event shared by the inboxes
    one watcher looks after)."""

    def __init__(self, inbox: Path, wake: threading.Event | None = None):
        self.inbox = inbox.resolve()
        self.wake = wake or threading.Event()
        self._finished: set[Path] = set()
        self._lock = threading.Lock()
        self._observer = None

    def start(self) -> bool:
        """False where the platform gives no events; the looks alone then find the files."""
        from watchdog.events import FileClosedEvent, FileMovedEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        arrivals = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if isinstance(event, FileClosedEvent):
                    arrivals._note(Path(event.src_path))
                elif isinstance(event, FileMovedEvent):
                    arrivals._note(Path(event.dest_path))

        try:
            self._observer = Observer()
            self._observer.schedule(Handler(), str(self.inbox), recursive=False)
            self._observer.daemon = True
            self._observer.start()
        except (OSError, RuntimeError):
            self._observer = None
            return False
        return True

    def _note(self, path: Path) -> None:
        if path.parent == self.inbox:
            with self._lock:
                self._finished.add(path)
            self.wake.set()

    def take(self) -> set[Path]:
        with self._lock:
            finished, self._finished = self._finished, set()
        self.wake.clear()
        return finished

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
