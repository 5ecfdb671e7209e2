"""A progress bar for `abk process` in a terminal: files judged of the total, then the documents.

Only where the stream is a terminal (a log file or a pipe gets no carriage returns). The pass runs in
the command's own process, so the flow reports to the bar attached here; under `abk serve` nothing is
attached and the flow's progress artifact is the only report.
"""
from __future__ import annotations

import sys
import time

WIDTH = 30
EVERY_S = 0.2
_attached: "Bar | None" = None


class Bar:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self._shown = 0.0
        self._open = False

    def files(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._shown < EVERY_S:
            return
        self._shown = now
        filled = WIDTH * done // total if total else WIDTH
        self.stream.write(f"\rMemeriksa berkas [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}")
        self._open = done < total
        if not self._open:
            self.stream.write("\n")
        self.stream.flush()

    def step(self, text: str) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
        self.stream.write(f"{text}\n")
        self.stream.flush()


def attach(stream=None) -> None:
    """Show progress on ``stream`` (default stderr) if it is a terminal."""
    global _attached
    stream = stream or sys.stderr
    _attached = Bar(stream) if stream.isatty() else None


def files(done: int, total: int) -> None:
    if _attached is not None:
        _attached.files(done, total)


def step(text: str) -> None:
    if _attached is not None:
        _attached.step(text)
