"""Shared fixtures. Prefect is started once per session, and only for the tests that ask for it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from flows import runtime

# The suite draws the same examples on every run, so CI is repeatable; HYPOTHESIS_PROFILE=explore draws
# ten times as many new ones, to look for forms the fixed draw misses.
settings.register_profile("repeatable", derandomize=True, max_examples=40)
settings.register_profile("explore", derandomize=False, max_examples=400)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

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


def pytest_configure(config):
    # addopts already gives -q; a second -q typed on the command line would hide the "N passed in Xs" line.
    config.option.verbose = max(config.option.verbose, -1)


def pytest_collection_modifyitems(items):
    # A test that needs the Prefect API starts a server for the session: it is slow by definition, so
    # `pytest -m "not slow"` never starts one.
    for item in items:
        if "prefect_api" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
