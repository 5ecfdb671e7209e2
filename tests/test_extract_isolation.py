"""Worker processes: order, limits, deaths and hangs, a batch that goes on, use from a thread.

The misbehaving workers are made by injecting a job function (the pool's ``job`` argument, reachable
only from Python, not from any file): which misbehaviour is chosen by the file's name.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from extractors import ExtractorPool, Limits, extract_isolated
from extractors.submission import ENCRYPTED, TOO_LARGE, UNREADABLE, ExtractionError, Submission
from tests.forms.bad_files import BAD_FILES, form_pdf

FAST = Limits(timeout_s=2, memory_mb=512)


def misbehave(path: str, limits) -> Submission:
    """A stand-in for ``extract`` that does what the file's name says."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        hoard = bytearray(limits.memory_mb * 2**20)       # more than the whole address-space cap
        return Submission(path, "pdf", [], pages=len(hoard))
    if name.startswith("oom"):
        os.kill(os.getpid(), signal.SIGKILL)              # what the kernel's OOM killer does
    if name.startswith("crash"):
        os._exit(7)
    if name.startswith("bug"):
        raise KeyError("no such cell")
    if name.startswith("lxml"):
        raise RuntimeError("xmlSAX2Characters: Memory allocation failed")   # how lxml says it ran out
    return Submission(path, "pdf", [], pages=os.getpid())


def _files(tmp_path, names):
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(b"-")
        paths.append(path)
    return paths


def test_results_come_in_input_order_and_a_bad_file_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "formulir ABK (final) $(id).pdf"
    good.write_bytes(form_pdf())
    encrypted = BAD_FILES["encrypted_pdf"].build(tmp_path)
    empty = BAD_FILES["empty"].build(tmp_path)
    paths = [good, encrypted, empty, good]
    with ExtractorPool(FAST, workers=2) as pool:
        results = list(pool.map(paths))
    assert [p for p, _ in results] == paths
    outcome = [r.reason if isinstance(r, ExtractionError) else len(r.forms[0].rows) for _, r in results]
    assert outcome == [3, ENCRYPTED, UNREADABLE, 3]


def test_workers_are_long_lived(tmp_path):
    paths = _files(tmp_path, [f"ok{i}" for i in range(12)])
    with ExtractorPool(FAST, workers=2, job=misbehave) as pool:
        pids = {result.pages for _, result in pool.map(paths)}
        again = {result.pages for _, result in pool.map(paths[:4])}
    assert len(pids) <= 2 and again <= pids


def test_a_hanging_file_times_out_and_its_worker_is_replaced(tmp_path):
    paths = _files(tmp_path, ["ok1", "hang", "ok2", "ok3"])
    with ExtractorPool(FAST, workers=2, job=misbehave) as pool:
        results = [r for _, r in pool.map(paths)]
    assert isinstance(results[1], ExtractionError) and results[1].reason == TOO_LARGE
    assert "waktu baca habis" in results[1].message
    assert all(isinstance(r, Submission) for i, r in enumerate(results) if i != 1)


@pytest.mark.parametrize("name, reason, words", [("hog", TOO_LARGE, "batas memori"),
                                                 ("oom", TOO_LARGE, "batas memori"),
                                                 ("crash", UNREADABLE, "berhenti mendadak"),
                                                 ("bug", UNREADABLE, "KeyError"),
                                                 ("lxml", TOO_LARGE, "batas memori")])
def test_a_worker_that_runs_out_of_memory_dies_or_fails_leaves_the_batch_going(tmp_path, name, reason, words):
    paths = _files(tmp_path, ["ok1", name, "ok2", name + "2", "ok3"])
    with ExtractorPool(FAST, workers=1, job=misbehave) as pool:
        results = [r for _, r in pool.map(paths)]
    for i in (1, 3):
        assert isinstance(results[i], ExtractionError)
        assert results[i].reason == reason and words in results[i].message
    assert all(isinstance(results[i], Submission) for i in (0, 2, 4))


def test_the_pool_works_from_a_thread_as_in_a_prefect_task(tmp_path):
    paths = _files(tmp_path, ["ok1", "crash", "ok2"])
    seen = []

    def task():
        with ExtractorPool(FAST, workers=2, job=misbehave) as pool:
            seen.extend(type(r).__name__ for _, r in pool.map(paths))

    thread = threading.Thread(target=task)
    thread.start()
    thread.join(timeout=120)
    assert seen == ["Submission", "ExtractionError", "Submission"]


def test_a_batch_abandoned_half_way_does_not_leak_into_the_next(tmp_path):
    paths = _files(tmp_path, [f"ok{i}" for i in range(6)])
    with ExtractorPool(FAST, workers=2, job=misbehave) as pool:
        first = pool.map(paths)
        next(first)
        first.close()
        second = [p for p, r in pool.map(paths[3:])]
    assert second == paths[3:]


def test_extract_isolated_returns_the_submission_or_raises(tmp_path):
    good = tmp_path / "baik.pdf"
    good.write_bytes(form_pdf())
    assert extract_isolated(good, FAST).forms[0].header.nama_jabatan == "Pengolah Data Formasi"
    with pytest.raises(ExtractionError) as caught:
        extract_isolated(BAD_FILES["scanned_pdf"].build(tmp_path), FAST)
    assert caught.value.reason == "no_text_layer"
    with pytest.raises(ExtractionError) as caught:
        extract_isolated(_files(tmp_path, ["hang"])[0], FAST, job=misbehave)
    assert caught.value.reason == TOO_LARGE
