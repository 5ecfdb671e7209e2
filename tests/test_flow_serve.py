"""What an administrator meets with `abk serve` (#19): a killed serve does not stop later runs, a start
publishes nothing when nothing is there, a failed run's Retry tells the whole story, parameters are
typed and explained, and the process stops cleanly. Each test drives a real `abk serve` (its own Prefect
server on SQLite) the way an operator does; they share one serve and run in order."""
from __future__ import annotations

import os
import shutil
import signal
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.serve_process import ROOT, Served, _wait_until

pytestmark = pytest.mark.slow   # each test drives a real `abk serve` (its own Prefect server), up to 35 s

SAMPLES = ROOT / "samples"
DOCX = SAMPLES / "ABK Pengolah Data Formasi - BKPSDM.docx"
PDF = SAMPLES / "ABK Pengawas Lingkungan Hidup - DLH.pdf"
XLSX = SAMPLES / "ABK_Kasubbag_Umum_Kepegawaian_BKPSDM.xlsx"
VERDICT_S = 30          # usual: under 5 s on this machine; generous for a loaded CI runner


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    serve = Served(tmp_path_factory.mktemp("serve"))
    yield serve
    serve.stop()
    assert "database is locked" not in serve.output()


def test_a_fresh_start_on_an_empty_inbox_publishes_no_letter(served):
    served.start()
    time.sleep(10)                                # the old catch-up ran 5 s after start
    assert not served.outbox.exists() or not any(served.outbox.iterdir())
    assert all(r.state.type.value == "SCHEDULED" for r in served.flow_runs("malam"))   # only future nights


def test_the_deployments_say_their_schedule_with_its_timezone_and_explain_each_parameter(served):
    from prefect import get_client

    with served.api(), get_client(sync_client=True) as client:
        nightly = client.read_deployment_by_name("abk-pass/malam")
        manual = client.read_deployment_by_name("abk-pass/manual")
    assert nightly.description.splitlines()[0] == "Jadwal: setiap hari pukul 01.00 waktu Asia/Makassar."
    properties = manual.parameter_openapi_schema["properties"]
    assert set(properties) == {"inbox", "outbox", "config", "tanggal", "min_age_s"}
    assert all(p.get("description") for p in properties.values())
    assert "hari ini" in properties["tanggal"]["description"]
    assert any(choice.get("format") == "date" for choice in properties["tanggal"].get("anyOf", [properties["tanggal"]]))


def test_a_date_written_the_wrong_way_is_refused_before_a_run_exists(served):
    from prefect import get_client

    with served.api(), get_client(sync_client=True) as client:
        manual = client.read_deployment_by_name("abk-pass/manual")
        before = len(served.flow_runs("manual"))
        with pytest.raises(Exception, match="tanggal|date|valid"):
            client.create_flow_run_from_deployment(manual.id, parameters={"tanggal": "15-01-2027"})
    assert len(served.flow_runs("manual")) == before


def test_a_dropped_file_gets_its_verdict_within_seconds(served):
    landed = served.drop(DOCX, "pertama.docx")
    assert served.verdict("pertama.docx", VERDICT_S) == "diterima"
    print(f"verdict after {time.monotonic() - landed:.1f} s")


def test_cancel_in_the_ui_ends_a_running_pass(served):
    from prefect import get_client
    from prefect.states import Cancelling

    _install_legacy_heartbeat_automation(served)            # as an earlier release left it on the server
    served.stop()
    served.start(ABK_TEST_HOLD_AT="sesudah-klaim")          # each run stops right after claiming its files
    assert not _has_legacy_heartbeat_automation(served)     # removed at start: it fired on ended runs
    served.drop(PDF, "dibatalkan.pdf")
    assert _wait_until(lambda: any(r.state.type.value == "RUNNING" for r in served.flow_runs("manual")), 30)
    held = next(r for r in served.flow_runs("manual") if r.state.type.value == "RUNNING")
    with served.api(), get_client(sync_client=True) as client:
        client.set_flow_run_state(held.id, Cancelling(message="Batal dari UI"), force=True)
    assert _wait_until(lambda: next(r for r in served.flow_runs("manual") if r.id == held.id)
                       .state.type.value == "CANCELLED", 30)


def _install_legacy_heartbeat_automation(served) -> None:
    from datetime import timedelta

    from prefect.automations import Automation
    from prefect.events.actions import CancelFlowRun
    from prefect.events.schemas.automations import EventTrigger, Posture

    from flows.serve import LEGACY_ZOMBIE_AUTOMATION

    with served.api():
        Automation(name=LEGACY_ZOMBIE_AUTOMATION, trigger=EventTrigger(
            expect={"prefect.flow-run.heartbeat"}, posture=Posture.Reactive, threshold=1,
            within=timedelta(seconds=0)), actions=[CancelFlowRun()]).create()
        assert _has_legacy_heartbeat_automation(served)


def _has_legacy_heartbeat_automation(served) -> bool:
    from prefect.automations import Automation

    from flows.serve import LEGACY_ZOMBIE_AUTOMATION

    with served.api():
        try:
            Automation.read(name=LEGACY_ZOMBIE_AUTOMATION)
        except ValueError:
            return False
    return True


def test_a_serve_killed_mid_run_does_not_stop_later_runs(served):
    served.drop(XLSX, "tertahan.xlsx")                      # held too (the serve started above holds runs)
    assert _wait_until(lambda: (served.inbox / ".proses" / "tertahan.xlsx").exists(), VERDICT_S)
    assert _wait_until(lambda: any(r.state.type.value == "RUNNING" for r in served.flow_runs("manual")), 30)
    stuck = next(r for r in served.flow_runs("manual") if r.state.type.value == "RUNNING")
    served.kill_group()                                     # serve, its server and the run, as a reboot does

    served.start()
    runs = {str(r.id): r for r in served.flow_runs("manual")}
    assert runs[str(stuck.id)].state.type.value == "CRASHED"
    assert "Retry" in runs[str(stuck.id)].state.message
    landed = served.drop(DOCX, "sesudahnya.docx")
    assert served.verdict("sesudahnya.docx", VERDICT_S) == "duplikat"
    print(f"verdict after a restart: {time.monotonic() - landed:.1f} s")
    assert served.verdict("tertahan.xlsx", VERDICT_S) == "diterima"    # the claimed files were not lost
    assert served.verdict("dibatalkan.pdf", VERDICT_S) == "diterima"


def test_a_failed_run_is_not_repeated_and_its_retry_shows_every_verdict(served):
    from prefect import get_client
    from prefect.states import Scheduled

    assert _wait_until(lambda: all(r.state.is_final() for r in served.flow_runs("manual")), 60)
    shutil.rmtree(served.outbox, ignore_errors=True)
    served.outbox.write_text("bukan folder")                # the operator's mistake: the outbox is a file
    before = {str(r.id) for r in served.flow_runs("manual")}
    served.drop(DOCX, "salinan.docx")
    assert _wait_until(lambda: any(str(r.id) not in before and r.state.type.value == "FAILED"
                                   for r in served.flow_runs("manual")), 120)
    failed = next(r for r in served.flow_runs("manual") if str(r.id) not in before)
    assert "Pass berhenti" in failed.state.message and str(served.outbox) in failed.state.message
    assert served.verdict("salinan.docx", 1) == "duplikat"   # judged and filed before the outbox failed
    time.sleep(8)
    assert {str(r.id) for r in served.flow_runs("manual")} - before == {str(failed.id)}   # no new run

    served.outbox.unlink()                                  # fixed; the administrator presses Retry
    with served.api(), get_client(sync_client=True) as client:
        client.set_flow_run_state(failed.id, Scheduled(name="AwaitingRetry", message="Retry dari UI"), force=True)
    assert _wait_until(lambda: next(r for r in served.flow_runs("manual") if r.id == failed.id)
                       .state.type.value == "COMPLETED", 90)
    verdicts, summary = _artifact(served, failed.id, "abk-berkas"), _artifact(served, failed.id, "abk-ringkasan")
    assert "salinan.docx" in verdicts and "duplikat" in verdicts
    assert "surat_usul_kebutuhan.pdf" in summary and (served.outbox / "latest").is_dir()


def _artifact(served, run_id, key: str) -> str:
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with served.api(), get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]), key=ArtifactFilterKey(any_=[key])))
    return "\n".join(str(a.data) for a in found)


def test_sigterm_stops_serve_cleanly(served):
    started_at = len(served.output())
    os.kill(served.process.pid, signal.SIGTERM)
    served.process.wait(timeout=40)
    tail = served.output()[started_at:]
    assert "never awaited" not in tail and "Traceback" not in tail
    assert not served._healthy()                            # the server it started went with it


def test_serve_does_not_hang_when_the_api_went_away_first(served):
    from flows.serve import STOP_GRACE_S

    served.start()
    server = _child_server(served.process.pid)
    os.kill(server, signal.SIGKILL)
    time.sleep(2)
    begun = time.monotonic()
    os.kill(served.process.pid, signal.SIGTERM)
    served.process.wait(timeout=STOP_GRACE_S + 20)
    assert time.monotonic() - begun < STOP_GRACE_S + 20


def _child_server(pid: int) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat[1]) == pid and b"server" in cmdline:
                return int(entry.name)
    raise AssertionError("no Prefect server child")


def test_a_night_is_caught_up_only_when_it_was_really_missed():
    from flows.nightly_pass import missed_night

    tz = "Asia/Makassar"
    now = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)            # 17:00 WITA; the night was 01:00 WITA
    night = datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)
    week_ago = now - timedelta(days=7)
    assert missed_night("0 1 * * *", tz, week_ago, night - timedelta(days=1), now) == night   # serve was down
    assert missed_night("0 1 * * *", tz, week_ago, night + timedelta(seconds=3), now) is None  # it ran
    assert missed_night("0 1 * * *", tz, now - timedelta(hours=1), None, now) is None          # first start today
    assert missed_night("0 1 * * *", tz, None, None, now) is None


def test_the_watcher_says_in_an_artifact_that_it_waits(prefect_api, capsys):
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.serve import WATCHER_ARTIFACT, _tell_waiting

    _tell_waiting("run-yang-gagal")
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[WATCHER_ARTIFACT])))
    assert any("run-yang-gagal" in str(a.data) and "Retry" in str(a.data) for a in found)
    assert "tidak memulai pass baru" in capsys.readouterr().err
