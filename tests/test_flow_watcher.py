"""The inbox watcher: a file counts as arrived only once it holds still; a burst is one trigger."""
from __future__ import annotations

import os

from flows.serve import SWEEP_EVERY_S, Watcher


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
