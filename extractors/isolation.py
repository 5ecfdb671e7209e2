"""Parsing in worker processes with a memory cap and a per-file time limit.

One pathological file (a decompression bomb, a PDF that sends pdfminer into a loop) then costs at most
one worker, which is replaced; its file gets a clear verdict and the batch goes on. Workers live for
the whole batch because forms are small and starting a Python with the parsers loaded costs more than
reading most of them.

Workers come from a "forkserver": forking the caller itself (which runs Prefect's threads and event
loop) can deadlock the child on a lock some thread held at the fork, while the fork server is a clean,
single-threaded process started once, with the parsers already imported, so a replacement worker
costs a fork rather than a Python start and a second of imports.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path

from extractors.formats import FORMATS
from extractors.guard import extract, memory_error, unexpected
from extractors.submission import TOO_LARGE, UNREADABLE, ExtractionError

_CONTEXT = multiprocessing.get_context("forkserver")
_PRELOAD = ["extractors", *(f.reader for f in FORMATS), "extractors.understand"]
_STOP_GRACE_S = 2


def start_fork_server() -> None:
    """Start the fork server (which imports the readers) now rather than at the first file: a process
    kept ready for a pass pays it before the file arrives."""
    from multiprocessing import forkserver

    _CONTEXT.set_forkserver_preload(_PRELOAD)
    forkserver.ensure_running()


def _serve(conn, limits, job) -> None:
    """A worker's life: cap the address space, load the parsers once, then read files until told to stop."""
    import resource

    cap = limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    job = extract if job is None else job
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return                                      # the pool is gone
        if message is None:
            return
        tag, path = message
        retire = False
        try:
            result = job(path, limits)
        except ExtractionError as exc:
            result = exc
        except MemoryError:
            # A heap that hit the cap is fragmented: the pool replaces this worker (never the worker
            # itself, which could race with the next file being handed to it).
            result, retire = memory_error(limits), True
        except Exception as exc:  # a parser bug must not end the batch; the sender still gets an answer
            result = unexpected(exc, limits)
            retire = result.reason == TOO_LARGE
        try:
            conn.send((tag, result, retire))
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, limits, job):
        self.conn, child = _CONTEXT.Pipe()
        # daemon: the workers must never outlive the process that owns the pool, whatever happens to it.
        self.process = _CONTEXT.Process(target=_serve, args=(child, limits, job), daemon=True, name="abk-pembaca")
        self.process.start()
        child.close()
        self.tag: tuple | None = None
        self.started = 0.0

    def give(self, tag: tuple, path: Path) -> None:
        self.tag, self.started = tag, time.monotonic()
        self.conn.send((tag, str(path)))

    def stop(self, grace: float = 0) -> None:
        if grace and self.process.is_alive():
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
            self.process.join(timeout=grace)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ExtractorPool:
    """Long-lived extraction workers: ``map(paths)`` yields ``(path, Submission | ExtractionError)`` in
    input order, as soon as each file and all before it are done. Safe to use from any thread; calls to
    ``map`` from several threads take turns. ``job`` replaces ``extract`` in the workers (tests only)."""

    def __init__(self, limits, workers: int | None = None, *, job=None):
        _CONTEXT.set_forkserver_preload(_PRELOAD)       # takes effect when the server first starts
        self.limits = limits
        self.size = max(1, workers or os.cpu_count() or 1)
        self.job = job
        self.workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._batches = itertools.count()

    def __enter__(self) -> "ExtractorPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(grace=_STOP_GRACE_S)
        self.workers = []

    def map(self, paths):
        paths = [Path(p) for p in paths]
        with self._lock:
            yield from self._map(paths, next(self._batches))

    def _map(self, paths: list[Path], batch: int):
        for worker in list(self.workers):
            if worker.tag is not None:                  # left busy by a batch whose reader stopped early
                self._replace(worker)
        while len(self.workers) < min(self.size, len(paths)):
            self.workers.append(_Worker(self.limits, self.job))
        results: dict[int, object] = {}
        given, done = 0, 0
        while done < len(paths):
            for worker in list(self.workers):
                if worker.tag is None and given < len(paths):
                    if not worker.process.is_alive():   # died while idle
                        worker = self._replace(worker)
                    worker.give((batch, given), paths[given])
                    given += 1
            busy = [w for w in self.workers if w.tag is not None]
            deadline = min(w.started for w in busy) + self.limits.timeout_s
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                         timeout=max(0.0, deadline - time.monotonic()))
            now = time.monotonic()
            for worker in busy:
                index = worker.tag[1]
                if worker.conn in ready and self._receive(worker, results):
                    continue
                if worker.process.sentinel in ready or not worker.process.is_alive():
                    results[index] = self._death(worker)
                    self._replace(worker)
                elif now - worker.started >= self.limits.timeout_s:
                    results[index] = ExtractionError(TOO_LARGE, f"waktu baca habis: berkas ini tidak selesai "
                                                                f"dibaca dalam {self.limits.timeout_s} detik.")
                    self._replace(worker)
            while done in results:
                yield paths[done], results.pop(done)
                done += 1

    def _receive(self, worker: _Worker, results: dict) -> bool:
        try:
            tag, result, retire = worker.conn.recv()
        except (EOFError, OSError):
            return False                                # died mid-answer: treated as a death
        if tag == worker.tag:
            results[tag[1]] = result
            worker.tag = None
            if retire:
                self._replace(worker)
        return True

    def _death(self, worker: _Worker) -> ExtractionError:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        if code == -signal.SIGKILL:                     # what the kernel's OOM killer sends
            return memory_error(self.limits)
        return ExtractionError(UNREADABLE, f"pembaca berkas berhenti mendadak (kode {code}); berkas tidak "
                                           "dapat dibaca.")

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        fresh = _Worker(self.limits, self.job)
        self.workers[self.workers.index(worker)] = fresh
        return fresh


def extract_isolated(path, limits, *, job=None):
    """``extract`` in a fresh child process with the memory and time limits; raises ExtractionError."""
    with ExtractorPool(limits, workers=1, job=job) as pool:
        for _, result in pool.map([path]):
            if isinstance(result, ExtractionError):
                raise result
            return result
