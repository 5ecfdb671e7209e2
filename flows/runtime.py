"""Prefect's environment for this project, set before Prefect is first imported.

PREFECT_HOME lives inside the project (ignored by git) so a run never depends on the user's home;
the local API uses SQLite there. Values already in the environment win.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),
    # The machine is offline: telemetry only logs errors and adds "database is locked" noise.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The first start of the local API migrates a new SQLite database, which can take over the
    # default 20 s on a small machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # A served deployment is picked up within this many seconds (default 10): staff wait for verdicts.
    "PREFECT_RUNNER_POLL_FREQUENCY": "1",
}


def prepare() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
