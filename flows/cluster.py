"""The pass's files read on a Dask cluster (`[cluster] dask` in instansi.toml) instead of the local pool.

A subflow runs on prefect-dask's DaskTaskRunner and submits one Prefect task per file; each task reads its
file with ``extract_isolated``, in a child process of the Dask worker with the pass's memory and time
limits, so a hostile file costs that child, never the worker, and gets the verdict it gets locally. Files
are read by path: the workers must see the inbox at the same path.

A worker that dies mid-file: the scheduler gives its task to another worker (distributed's
``allowed-failures``) and the file is read again there. Dask keeps one result per task, and the pass judges
each file once from the one result of its task, so a file read twice is still judged, filed and counted once.
"""
from __future__ import annotations

import multiprocessing
import os
import uuid
from contextlib import contextmanager, nullcontext
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.settings import PREFECT_API_URL, temporary_settings

from extractors import ExtractorPool, Limits, extract_isolated
from extractors.submission import ExtractionError
from flows.inbox import readable


class ClusterError(RuntimeError):
    """The cluster could not read a file (not the file's fault); the message is for the operator."""


def extraction_pool(config):
    """What reads the pass's files: the cluster when one is configured, else the local worker processes."""
    if config.dask_scheduler:
        return ClusterPool(config.dask_scheduler, config.limits)
    return ExtractorPool(config.limits)


class ClusterPool:
    """ExtractorPool's interface for pipeline.judge and AcceptedStore: ``map(paths)`` yields
    ``(path, Submission | ExtractionError)`` in input order; the reading happens on the cluster."""

    def __init__(self, address: str, limits: Limits):
        self.address, self.limits = address, limits

    def __enter__(self) -> "ClusterPool":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def map(self, paths):
        paths = [Path(p) for p in paths]
        if not paths:
            return
        from prefect_dask import DaskTaskRunner       # with distributed, half a second to import: not for local passes

        batch = str(uuid.uuid4())
        _BATCHES[batch] = ([str(p) for p in paths], self.limits)
        try:
            with _api_for_workers():
                subflow = read_on_cluster.with_options(task_runner=DaskTaskRunner(address=self.address))
                results = subflow(batch=batch, files=len(paths))
        finally:
            _BATCHES.pop(batch, None)
        yield from zip(paths, results, strict=True)


# The subflow's input, by a short key: a flow's parameters go to the Prefect API (which refuses file names
# that are not UTF-8) and into the context Prefect sends with every task, so a list of N paths as a parameter
# would ship N times over, N² in all.
_BATCHES: dict[str, tuple[list[str], Limits]] = {}


@flow(name="baca-di-klaster", validate_parameters=False)
def read_on_cluster(batch: str, files: int) -> list:
    """Baca berkas-berkas pass ini di klaster Dask, satu task per berkas.

    Args:
        batch: Kunci daftar berkas yang dibaca (disimpan oleh pass yang memanggil).
        files: Jumlah berkas.
    """
    paths, limits = _BATCHES.pop(batch)
    address = FlowRunContext.get().task_runner.address
    with _without_parent_task():
        try:
            futures = [read_file.submit(path, limits) for path in paths]
        except OSError as exc:                                   # distributed's "Timed out trying to connect"
            raise ClusterError(f"Pass berhenti: penjadwal Dask {address} tidak dapat dihubungi ({exc}). Periksa "
                               "alamat [cluster] dask di konfigurasi dan apakah penjadwalnya berjalan, lalu jalankan "
                               "ulang pass; berkas yang sudah diambil kembali ke inbox.") from exc
    results = []
    for path, future in zip(paths, futures):
        try:
            results.append(future.result())
        except Exception as exc:                                 # a worker or the cluster, never the file
            raise ClusterError(f"Pass berhenti: berkas {readable(Path(path).name)} tidak dapat dibaca di klaster "
                               f"Dask {address} ({type(exc).__name__}: {exc}). Periksa pekerja Dask (berkas inbox "
                               "harus terlihat pada jalur yang sama, server Prefect harus terjangkau), lalu jalankan "
                               "ulang pass; berkas yang sudah diambil kembali ke inbox.") from exc
    return results


# No Prefect retries: the file's own trouble is a verdict, returned rather than raised, and a dead worker is
# retried by Dask on another worker. A retry here would only repeat a verdict (and the file's work).
@task(name="baca-berkas", cache_policy=NO_CACHE, persist_result=False, retries=0)
def read_file(path: str, limits: Limits):
    """One file read on a Dask worker; what the local pool would give for it."""
    name = readable(Path(path).name)
    if not os.path.exists(path):
        # The pass holds this file in its inbox: this worker does not see the inbox, and reading on would
        # quarantine every file it is given as unreadable.
        raise ClusterError(f"{name} tidak terlihat di pekerja Dask {_worker()}: inbox harus terpasang di setiap "
                           f"pekerja pada jalur yang sama ({readable(str(Path(path).parent))})")
    _allow_children()
    get_run_logger().info("%s dibaca di pekerja Dask %s (pid %d)", name, _worker(), os.getpid())
    try:
        return extract_isolated(path, limits)
    except ExtractionError as exc:
        return exc


def _allow_children() -> None:
    """A nanny starts its Dask worker as a daemonic process, and multiprocessing refuses children to those
    ("daemonic processes are not allowed to have children"); the reading child is what keeps a hostile file
    from killing the worker. Python's reason, children orphaned when the daemon is killed, holds as it does
    for a local pass killed with -9: the fork server exits with the worker, and a reading child left behind
    ends when its one file is read."""
    multiprocessing.current_process()._config["daemon"] = False


def _worker() -> str:
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:                                           # not on a Dask worker (a test calling it)
        return "-"


@contextmanager
def _without_parent_task():
    """Submit without the context of the task that called the subflow (the pass's judging step): Prefect
    would send its parameters (every arrival, the whole configuration, the pool) with each file's task."""
    token = TaskRunContext.__var__.set(None)
    try:
        yield
    finally:
        TaskRunContext.__var__.reset(token)


def _api_for_workers():
    """The workers report their task runs to the Prefect API in the settings the pass sends them. A pass on
    a temporary server (`abk process` without PREFECT_API_URL) has no URL there, and each worker would start
    a temporary server of its own: they are given this one's (reachable from this machine only; workers on
    other machines need PREFECT_API_URL set to a server they reach, see README)."""
    context = FlowRunContext.get()
    if PREFECT_API_URL.value() or context is None:
        return nullcontext()
    return temporary_settings(updates={PREFECT_API_URL: str(context.client.api_url).rstrip("/")})
