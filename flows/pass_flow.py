"""One pass over the inbox as a Prefect flow: claim, judge, file, consolidate, record, render, publish.

Bad input is never an exception here (it becomes a verdict and is quarantined), so the retries
below only ever repeat transient trouble: a locked file, a full disk, a database busy.
"""
from __future__ import annotations

import errno
from contextlib import ExitStack
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, \
    update_progress_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote
from pydantic import Field

import report_templates
from extractors import ExtractorPool
from flows import guarded_api, orphan_runs, pipeline, run_journal, terminal_progress
from flows import inbox as inbox_dir
from flows.cluster import extraction_pool
from flows.config import Config, load_config
from flows.crashpoints import crash_point
from flows.deployment_names import FLOW, artifact_key
from flows.io_errors import PassIOError, explain
from flows.outbox import HEAD, already_published, publish, write_json
from flows.register import Register
from flows.summary import build_summary, flow_result, summary_head, summary_markdown, verdicts_markdown


# I/O trouble that waiting cannot clear: the operator must act, and should hear so at once rather than
# after three retries over 42 seconds.
_LASTING = {errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS}


def _transient(task, task_run, state) -> bool:
    """Retry I/O trouble that may clear (a full disk, a share that dropped); a programming error, bad data
    or a path that is wrong would fail the same way again."""
    try:
        state.result()
    except OSError as exc:
        return exc.errno not in _LASTING
    except Exception:
        return False
    return False


# The API checks a run's parameters against this before the run exists (it does not check "format":
# "date"), so "15-01-2027" typed into the UI is refused there, not by a failed run.
ISO_DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
IO_RETRIES = dict(retries=3, retry_delay_seconds=[2, 10, 30], retry_condition_fn=_transient, cache_policy=NO_CACHE)


@task(name="ambil-berkas-masuk", **IO_RETRIES)
def take_arrivals(inbox: Path, min_age_s: float, max_bytes: int):
    return pipeline.take_arrivals(inbox, min_age_s, max_bytes)


# Files judged and filed at a time: a pass holds the rows of this many files, not of its whole inbox.
CHUNK = 500


@task(name="periksa-berkas", cache_policy=NO_CACHE)
def judge(inbox: Path, arrivals, config: Config, pool: ExtractorPool, progress: "Progress"):
    logger = get_run_logger()
    verdicts = pipeline.judge(inbox, arrivals, config, pool, progress.step)
    for verdict in verdicts:
        a = verdict.assessment
        if verdict.duplicate_of is not None:
            logger.info("%s: sudah pernah diterima, tidak dihitung lagi", a.file_name)
        elif a.accepted:
            logger.info("%s: diterima (%d formulir)", a.file_name, len(a.positions))
        else:
            logger.warning("%s: ditolak [%s] %s", a.file_name, a.reason, a.message)
    progress.done += len(arrivals)
    return verdicts


class Progress:
    """Files judged so far across the pass's chunks, on the terminal and, for a large pass, in the UI."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.artifact = (create_progress_artifact(progress=0.0, description=f"Memeriksa {total} berkas")
                         if total >= 50 else None)

    def step(self, done_in_chunk: int, _chunk_total: int) -> None:
        done = self.done + done_in_chunk
        terminal_progress.files(done, self.total)
        if self.artifact is not None and (done % 25 == 0 or done == self.total):
            update_progress_artifact(self.artifact, progress=100.0 * done / self.total)


@task(name="arsipkan-berkas", **IO_RETRIES)
def file_verdicts(inbox: Path, verdicts, config: Config, tanggal: date):
    def laporan(assessment):
        return report_templates.render_laporan(assessment, config.instansi, config.rules, tanggal)

    pipeline.file_verdicts(inbox, verdicts, laporan, config)
    pipeline.lighten(verdicts)


@task(name="konsolidasi", **IO_RETRIES)
def consolidate(inbox: Path, config: Config, pool: ExtractorPool, tanggal: date):
    return pipeline.consolidate(inbox, config, pool, tanggal)


@task(name="catat-register", **IO_RETRIES)
def record(inbox: Path, verdicts, consolidation, config: Config, name: str, current):
    register = Register.for_inbox(inbox, config.register_url)
    register.record(pipeline.register_entries(inbox, verdicts, consolidation, register.known()), name)
    if current():                # else a later pass judged more, and marks from its fuller consolidation
        register.mark_superseded(pipeline.superseded_versions(consolidation, inbox))


@task(name="susun-dokumen", **IO_RETRIES)
def render(inbox: Path, outbox: Path, name: str, summary: dict, head: dict, consolidation, config: Config,
           tanggal: date, current):
    def build(folder: Path) -> None:
        # A letter proposing nothing must never reach the Minister: with no accepted form the folder holds
        # only the summary and the laporan of the rejected files.
        if consolidation.files:
            report_templates.render_documents(folder, consolidation.rekap, None,
                                              config.instansi, config.rules, tanggal, laporan=consolidation.laporan,
                                              coverage=pipeline.coverage(inbox, consolidation, config))
        crash_point("tengah-dokumen")
        pipeline.copy_quarantine_reports(inbox, folder / "laporan" / "ditolak")
        write_json(folder / "summary.json", summary)
        write_json(folder / HEAD, head)

    return publish(outbox, name, build, current)


@flow(name=FLOW, log_prints=True)
def abk_pass(inbox: str = "inbox", outbox: str = "outbox", config: str | None = None,
             tanggal: Annotated[date | None, Field(json_schema_extra={"pattern": ISO_DATE})] = None,
             min_age_s: float = 0) -> dict:
    """Periksa setiap berkas ABK di inbox, hitung kebutuhan, dan terbitkan dokumen konsolidasi.

    Args:
        inbox: Folder kiriman unit (formulir ABK Word, PDF atau Excel).
        outbox: Folder tempat dokumen terbit; di dalamnya `latest` menunjuk hasil terbaru.
        config: Berkas konfigurasi instansi (TOML); kosong berarti instansi.toml proyek.
        tanggal: Tanggal surat dan dokumen; kosong berarti hari ini menurut zona waktu instansi.
        min_age_s: Hanya ambil berkas yang tidak berubah selama sekian detik (dipakai pemantau inbox).
    """
    orphan_runs.stamp_this_run()
    try:
        return _pass(inbox, outbox, config, tanggal, min_age_s)
    except OSError as exc:                                 # after the tasks' retries: the operator must act
        raise PassIOError(explain(exc)) from exc


def _pass(inbox: str, outbox: str, config: str | None, tanggal: date | None, min_age_s: float) -> dict:
    served_as = _deployment_name()
    guarded_api.check_parameters(inbox, outbox, config, served_as)
    cfg = load_config(config)
    for problem in cfg.people_problems:        # the pass goes on with the forms; the operator hears what was left out
        get_run_logger().warning("Data pegawai: %s", problem)
    inbox_path, outbox_path = Path(inbox).resolve(), Path(outbox).resolve()
    day = tanggal or datetime.now(ZoneInfo(cfg.instansi.timezone)).date()
    inbox_path.mkdir(parents=True, exist_ok=True)
    # The consolidation's ledger (an unnamed temporary file) is read until the documents are written.
    with ExitStack() as held:
        with inbox_dir.exclusive(inbox_path):
            # The readers are closed before the documents are laid out, so their memory is not added to
            # the renderers' at the peak of a large pass.
            with extraction_pool(cfg) as pool:
                arrivals, verdicts = _judge_arrivals(inbox_path, cfg, pool, day, min_age_s)
                _publish_verdicts(run_journal.remember(inbox_path, flow_run.id, run_journal.verdict_rows(verdicts)),
                                  served_as)
                content = pipeline.content_fingerprint(cfg, inbox_path)
                name = pipeline.pass_name(day, content)
                published = _idle(arrivals, outbox_path, name, content, tanggal)
                if published is None:
                    terminal_progress.step("Menghitung kebutuhan dan menyusun dokumen...")
                    consolidation = consolidate(inbox_path, quote(cfg), pool, day)
                    held.callback(consolidation.close)
            if published is None:
                crash_point("sebelum-register")
                with inbox_dir.publishing(inbox_path):
                    current = partial(_newest, cfg, inbox_path, content)
                    record(inbox_path, quote(verdicts), quote(consolidation), quote(cfg), name, current)
                    summary = build_summary(name, day, cfg, verdicts, consolidation, content)
                    # What the flow reports and an idle pass reads back: the accepted files walked once more.
                    head = summary_head(summary)
                    published = render(inbox_path, outbox_path, name, quote(summary), quote(head), quote(consolidation),
                                       quote(cfg), day, current), head
        folder, summary = published
        summary["folder"] = str(folder)
        _publish_artifacts(summary, served_as)
        run_journal.forget(inbox_path, flow_run.id)
        return flow_result(summary, folder)


def _judge_arrivals(inbox: Path, cfg: Config, pool: ExtractorPool, day: date, min_age_s: float):
    """Claim what waits, then judge and file it CHUNK files at a time."""
    # quote(): Prefect would otherwise walk every object of these structures looking for futures to
    # resolve, which cost 7 s of a 150-form pass; they never hold any.
    arrivals = take_arrivals(inbox, min_age_s, cfg.limits.max_bytes)
    crash_point("sesudah-klaim")
    verdicts, progress = [], Progress(len(arrivals))
    for start in range(0, len(arrivals), CHUNK):
        chunk = judge(inbox, quote(arrivals[start:start + CHUNK]), quote(cfg), pool, quote(progress))
        file_verdicts(inbox, quote(chunk), quote(cfg), day)
        verdicts += chunk
    return arrivals, verdicts


def _newest(cfg: Config, inbox: Path, content: str) -> bool:
    """No pass has filed a file since this one judged: its documents are the newest."""
    return pipeline.content_fingerprint(cfg, inbox) == content


def _idle(arrivals, outbox: Path, name: str, content: str, tanggal: date | None) -> tuple[Path, dict] | None:
    """The folder and summary already published for this content, when this pass has nothing to do: no
    file arrived and these documents exist (the folder appears only after recording, so the register has
    them too). A run without a date (the nightly) also keeps the latest folder when only the day changed;
    a letter is dated anew when its content changes or when someone asks for a date."""
    if arrivals:
        return None
    published = already_published(outbox, name, content if tanggal is None else None)
    if published is not None:
        get_run_logger().info("Tidak ada berkas baru; dokumen %s sudah ada", published[0].name)
    return published


def _deployment_name() -> str | None:
    """The served deployment this run belongs to; None for a run of `abk process` (asking Prefect for the
    name of no deployment would cost it a request)."""
    from prefect.context import FlowRunContext
    from prefect.runtime import deployment

    context = FlowRunContext.get()
    if context is None or context.flow_run is None or context.flow_run.deployment_id is None:
        return None
    return deployment.name


def _publish_verdicts(rows: list[dict], served_as: str | None) -> None:
    """Each file's verdict with its whole message (a table artifact cuts long cells), published as soon as
    the files are filed, so a run that fails later still tells the senders' story."""
    if rows:
        create_markdown_artifact(key=artifact_key("abk-berkas", served_as), markdown=verdicts_markdown(rows),
                                 description="Putusan per berkas pada run ini")


def _publish_artifacts(summary: dict, served_as: str | None) -> None:
    create_markdown_artifact(key=artifact_key("abk-ringkasan", served_as), markdown=summary_markdown(summary),
                             description="Ringkasan pemrosesan ABK")
    per_unit = [{"perangkat daerah": perangkat, "B": v["b"], "K": v["k"], "usulan": v["usulan"]}
                for perangkat, v in summary["per_perangkat_daerah"].items()]
    if per_unit:
        create_table_artifact(key=artifact_key("abk-kebutuhan", served_as), table=per_unit,
                              description="K per perangkat daerah")
