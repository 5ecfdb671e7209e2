"""The inbox watcher: a file counts as arrived only once it holds still; a burst is one trigger."""
from __future__ import annotations

import os

from flows.watcher import SWEEP_EVERY_S, Watcher


def test_a_file_still_being_written_waits_until_it_holds_still(tmp_path):
    watcher = Watcher(tmp_path)
    part = tmp_path / "a.docx"
    part.write_bytes(b"1")
    assert watcher.look(now=0) is False          # first sight: not yet known to be still
    with open(part, "ab") as handle:
        handle.write(b"2")
    os.utime(part, ns=(1, 1))
    assert watcher.look(now=1) is False          # it changed since the last look
    assert watcher.look(now=2) is True           # held still across two looks
    assert watcher.look(now=3) is False          # already triggered for this version


def test_a_burst_of_files_triggers_once_and_temporary_files_never(tmp_path):
    watcher = Watcher(tmp_path)
    for i in range(200):
        (tmp_path / f"f{i:03d}.pdf").write_bytes(b"x")
    for name in ["~$draft.docx", "b.tmp", "c.part", ".hidden"]:
        (tmp_path / name).write_bytes(b"x")
    looks = [watcher.look(now=t) for t in range(5)]
    assert looks == [False, True, False, False, False]


def test_the_sweep_triggers_again_for_files_left_waiting(tmp_path):
    watcher = Watcher(tmp_path)
    (tmp_path / "a.pdf").write_bytes(b"x")
    watcher.look(now=0)
    assert watcher.look(now=1) is True
    assert watcher.look(now=2) is False
    assert watcher.look(now=1 + SWEEP_EVERY_S) is True   # e.g. the pass it started never ran


def test_nothing_is_triggered_while_a_pass_holds_the_inbox_and_the_file_goes_right_after(tmp_path):
    from flows.inbox import busy, exclusive

    watcher = Watcher(tmp_path)
    (tmp_path / "a.pdf").write_bytes(b"x")
    with exclusive(tmp_path):
        assert busy(tmp_path)
        assert [watcher.look(now=t) for t in range(3)] == [False, False, False]
    assert not busy(tmp_path)
    assert watcher.look(now=3) is True
    assert watcher.look(now=4) is False


def test_files_left_claimed_by_a_dead_pass_trigger_a_pass_at_the_sweep(tmp_path):
    from flows.inbox import CLAIMED, exclusive

    watcher = Watcher(tmp_path)
    watcher.last_sweep = 0                                   # the watcher started at time 0
    (tmp_path / CLAIMED).mkdir()
    (tmp_path / CLAIMED / "a.pdf").write_bytes(b"x")
    assert watcher.look(now=1) is False                      # not before the sweep
    with exclusive(tmp_path):                                # a live pass is working on them
        assert watcher.look(now=1 + SWEEP_EVERY_S) is False
    assert watcher.look(now=1 + 2 * SWEEP_EVERY_S) is True   # nobody holds them: its pass died
    (tmp_path / CLAIMED / "a.pdf").unlink()
    assert watcher.look(now=1 + 3 * SWEEP_EVERY_S) is False


class _Prefect:
    """The watcher's view of Prefect: the manual deployment's latest run, and the passes it started."""

    def __init__(self):
        self.last = None
        self.started = 0
        self.told = []

    def last_run(self):
        return self.last

    def trigger(self):
        self.started += 1


def _watch(tmp_path, prefect):
    from flows.watcher import InboxWatch

    config = tmp_path / "instansi.toml"
    config.write_text("[instansi]\nnama = 'A'\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return inbox, config, InboxWatch(inbox, config, prefect.last_run, prefect.trigger, lambda: None,
                                     prefect.told.append)


def test_a_failed_pass_is_not_started_again_by_the_sweep_until_retry_config_or_a_new_file(tmp_path):
    from flows.watcher import LastRun

    prefect = _Prefect()
    inbox, config, watch = _watch(tmp_path, prefect)
    (inbox / "a.docx").write_bytes(b"x")
    assert watch.tick(now=0, finished={inbox / "a.docx"}) is True       # the file is finished: a pass
    prefect.last = LastRun("run-1", "FAILED", 5.0)                      # it failed (configuration error)
    minutes = [watch.tick(now=SWEEP_EVERY_S * m) for m in range(1, 6)]  # five sweeps later
    assert minutes == [False] * 5 and prefect.started == 1
    assert prefect.told == ["run-1"]                                    # said once, not every minute

    config.write_text("[instansi]\nnama = 'B'\n")                       # the operator fixed the configuration
    assert watch.tick(now=SWEEP_EVERY_S * 7) is True and prefect.started == 2

    prefect.last = LastRun("run-2", "FAILED", 1.0)                      # failed again: wait again
    assert watch.tick(now=SWEEP_EVERY_S * 8) is False
    (inbox / "b.docx").write_bytes(b"y")                                # a unit sends a new file
    assert watch.tick(now=SWEEP_EVERY_S * 8 + 1, finished={inbox / "b.docx"}) is True

    prefect.last = LastRun("run-3", "FAILED", 1.0)
    assert watch.tick(now=SWEEP_EVERY_S * 9) is False
    config.write_text("[instansi]\nnama = 'B'\n[letter]\ndaftar_jabatan = 'jabatan.csv'\n")
    (tmp_path / "jabatan.csv").write_text("unit_kerja;nama_jabatan\n")    # a broken list made run-3 fail
    prefect.last = LastRun("run-3b", "FAILED", 1.0)
    assert watch.tick(now=SWEEP_EVERY_S * 9 + 1) is False
    (tmp_path / "jabatan.csv").write_text("unit_kerja,nama_jabatan\nDinas A,Kepala Dinas A\n")   # fixed
    assert watch.tick(now=SWEEP_EVERY_S * 9 + 2) is True                # the list is part of the configuration

    prefect.last = LastRun("run-3", "FAILED", 1.0)
    assert watch.tick(now=SWEEP_EVERY_S * 9 + 3) is False
    prefect.last = LastRun("run-3", "SCHEDULED", 1.0)                   # Retry pressed in the UI
    assert watch.tick(now=SWEEP_EVERY_S * 10) is False                  # that run takes the files itself
    prefect.last = LastRun("run-3", "COMPLETED", 30.0)
    assert watch.tick(now=SWEEP_EVERY_S * 11) is True                   # anything it left goes in a new pass


def test_a_burst_reported_file_by_file_asks_for_one_pass_while_that_pass_has_not_started(tmp_path):
    from flows.watcher import LastRun

    prefect = _Prefect()
    inbox, _, watch = _watch(tmp_path, prefect)
    for i in range(5):
        (inbox / f"f{i}.pdf").write_bytes(b"x")
        watch.tick(now=0.1 * i, finished={inbox / f"f{i}.pdf"})
        prefect.last = LastRun("run-1", "SCHEDULED", 0.1)
    assert prefect.started == 1
    prefect.last = LastRun("run-1", "SCHEDULED", 120.0)                 # never started (no runner): ask again
    assert watch.tick(now=3) is True and prefect.started == 2


def test_a_file_reported_finished_is_taken_at_once_without_a_second_look(tmp_path):
    watcher = Watcher(tmp_path)
    (tmp_path / "a.docx").write_bytes(b"x")
    assert watcher.look(now=0, finished={tmp_path / "a.docx"}) is True


def test_the_file_system_reports_a_file_renamed_into_the_inbox(tmp_path):
    import time

    from flows.watcher import Arrivals

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    arrivals = Arrivals(inbox)
    if not arrivals.start():
        import pytest
        pytest.skip("no file system events on this platform")
    try:
        part = inbox / ".a.docx.part"
        part.write_bytes(b"x")
        os.rename(part, inbox / "a.docx")
        assert arrivals.wake.wait(5)
        # The writing of the part file may wake the watcher before the rename is reported: a loaded
        # machine delivers the two events apart.
        seen, deadline = set(), time.monotonic() + 5
        while inbox.resolve() / "a.docx" not in seen and time.monotonic() < deadline:
            time.sleep(0.1)
            seen |= arrivals.take()
        assert inbox.resolve() / "a.docx" in seen
    finally:
        arrivals.stop()
