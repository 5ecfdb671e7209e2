"""Named points where the crash-safety test kills the process with SIGKILL (kill -9).

Inert unless ABK_TEST_KILL_AT names the point; the test sets it in a child process only. The points
sit between the steps whose order makes a crash harmless, so the test proves that order holds.
"""
from __future__ import annotations

import os
import signal

_ENV = "ABK_TEST_KILL_AT"


def crash_point(name: str) -> None:
    if os.environ.get(_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
