"""Preloaded into the Dask workers of tests/test_cluster_dask.py (`dask worker --preload tests.dask_slow_reads`):
a file whose name starts with "lambat" takes ABK_TEST_SLOW_S seconds to read, and the worker writes every
read it starts (its pid, the file's name) to ABK_TEST_READS, so that a test can kill the worker reading it.

The reading child imports this module to find ``slow_extract``: it imports nothing heavier than the extractors.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from extractors import extract


def slow_extract(path, limits):
    """``extract`` in the reading child, slowed down for the files the test waits on."""
    if Path(path).name.startswith("lambat"):
        time.sleep(float(os.environ["ABK_TEST_SLOW_S"]))
    return extract(path, limits)


def dask_setup(worker) -> None:
    # Prefect ships the task's function by value, with extract_isolated as a reference to this module's
    # name: the task finds the wrapper when the worker unpickles it.
    from extractors import isolation

    isolated = isolation.extract_isolated

    def reading(path, limits):
        with open(os.environ["ABK_TEST_READS"], "a", encoding="utf-8", errors="surrogateescape") as log:
            log.write(f"{os.getpid()}\t{Path(path).name}\n")
        return isolated(path, limits, job=slow_extract)

    isolation.extract_isolated = reading
