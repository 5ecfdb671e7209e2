"""Shared fixtures. Prefect is started once per session, and only for the tests that ask for it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows import runtime

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory):
    """A real local Prefect API (SQLite in a temporary folder) for the whole session; its URL."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    runtime.prepare()
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield PREFECT_API_URL.value()
