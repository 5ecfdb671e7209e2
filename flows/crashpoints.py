"""Named points where the crash-safety test kills the process with SIGKILL (kill -9), or holds it so
that a test can kill `abk serve` around a run in progress.

Inert unless ABK_TEST_KILL_AT (or ABK_TEST_HOLD_AT) names the point; the tests set it in a child process
only. The points sit between the steps whose order makes a crash harmless, so the test proves that
order holds.
"""
from __future__ import annotations

import os
import signal
import time

_ENV = "ABK_TEST_KILL_AT"
_HOLD = "ABK_TEST_HOLD_AT"
HOLD_S = 600


def crash_point(name: str) -> None:
    if os.environ.get(_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(_HOLD) == name:
        time.sleep(HOLD_S)
