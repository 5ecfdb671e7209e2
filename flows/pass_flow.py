"""One pass over the inbox as a Prefect flow: claim, judge, file, consolidate, record, render, publish.

Bad input is never an exception here (it becomes a verdict and is quarantined), so the retries
below only ever repeat transient trouble: a locked file, a full disk, a database busy.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, \
    update_progress_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

import report_templates
from extractors import ExtractorPool
from flows import guarded_api
from flows import inbox as inbox_dir
from flows import pipeline
from flows.config import Config, load_config
from flows.crashpoints import crash_point
from flows.io_errors import PassIOError, explain
from flows.outbox import already_published, publish, write_json
from flows.register import Register
from flows.summary import build_summary, flow_result, summary_markdown


def _transient(task, task_run, state) -> bool:
    """Retry I/O trouble only; a programming error or bad data would fail the same way again."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


IO_RETRIES = dict(retries=3, retry_delay_seconds=[2, 10, 30], retry_condition_fn=_transient, cache_policy=NO_CACHE)


@task(name="ambil-berkas-masuk", **IO_RETRIES)
def take_arrivals(inbox: Path, min_age_s: float, max_bytes: int):
    return pipeline.take_arrivals(inbox, min_age_s, max_bytes)


@task(name="periksa-berkas", cache_policy=NO_CACHE)
def judge(inbox: Path, arrivals, config: Config, pool: ExtractorPool):
    logger = get_run_logger()
    progress = None
    if len(arrivals) >= 50:
        progress = create_progress_artifact(progress=0.0, description=f"Memeriksa {len(arrivals)} berkas")

    def on_progress(done: int, total: int) -> None:
        if progress is not None and (done % 25 == 0 or done == total):
            update_progress_artifact(progress, progress=100.0 * done / total)

    verdicts = pipeline.judge(inbox, arrivals, config, pool, on_progress)
    for verdict in verdicts:
        a = verdict.assessment
        if verdict.duplicate_of is not None:
            logger.info("%s: sudah pernah diterima, tidak dihitung lagi", a.file)
        elif a.accepted:
            logger.info("%s: diterima (%d formulir)", a.file, len(a.positions))
        else:
            logger.warning("%s: ditolak [%s] %s", a.file, a.reason, a.message)
    return verdicts


@task(name="arsipkan-berkas", **IO_RETRIES)
def file_verdicts(inbox: Path, verdicts, config: Config, tanggal: date):
    def laporan(assessment):
        return report_templates.render_laporan(assessment, config.instansi, config.rules, tanggal)

    pipeline.file_verdicts(inbox, verdicts, laporan)


@task(name="konsolidasi", cache_policy=NO_CACHE)
def consolidate(inbox: Path, config: Config, pool: ExtractorPool, verdicts):
    return pipeline.consolidate(inbox, config, pool, verdicts)


@task(name="catat-register", **IO_RETRIES)
def record(inbox: Path, verdicts, consolidation, config: Config, name: str):
    register = Register.for_inbox(inbox, config.register_url)
    register.record(pipeline.register_entries(inbox, verdicts, consolidation, register.known()), name)
    register.mark_superseded(pipeline.superseded_versions(consolidation, inbox))


@task(name="susun-dokumen", **IO_RETRIES)
def render(inbox: Path, outbox: Path, name: str, summary: dict, consolidation, config: Config, tanggal: date):
    def build(folder: Path) -> None:
        laporan = pipeline.laporan_files(inbox, consolidation, config, tanggal)
        report_templates.render_documents(folder, consolidation.rekap, consolidation.assessments,
                                          config.instansi, config.rules, tanggal, laporan=laporan)
        crash_point("tengah-dokumen")
        pipeline.copy_quarantine_reports(inbox, folder / "laporan" / "ditolak")
        write_json(folder / "summary.json", summary)

    return publish(outbox, name, build)


@flow(name="abk-pass", log_prints=True)
def abk_pass(inbox: str = "inbox", outbox: str = "outbox", config: str | None = None,
             tanggal: str | None = None, min_age_s: float = 0) -> dict:
    """Judge every file waiting in the inbox and publish the consolidated documents.

    tanggal: date of the documents (YYYY-MM-DD); default today in the instansi's timezone.
    min_age_s: take only files untouched for this many seconds (the inbox watcher uses it).
    """
    try:
        return _pass(inbox, outbox, config, tanggal, min_age_s)
    except OSError as exc:                                 # after the tasks' retries: the operator must act
        raise PassIOError(explain(exc)) from exc


def _pass(inbox: str, outbox: str, config: str | None, tanggal: str | None, min_age_s: float) -> dict:
    guarded_api.check_parameters(inbox, outbox, config)
    cfg = load_config(config)
    inbox_path, outbox_path = Path(inbox).resolve(), Path(outbox).resolve()
    day = date.fromisoformat(tanggal) if tanggal else datetime.now(ZoneInfo(cfg.instansi.timezone)).date()
    inbox_path.mkdir(parents=True, exist_ok=True)
    with inbox_dir.exclusive(inbox_path):
        # The readers are closed before the documents are laid out, so their memory is not added to
        # the renderers' at the peak of a large pass.
        with ExtractorPool(cfg.limits) as pool:
            # quote(): Prefect would otherwise walk every object of these structures looking for futures
            # to resolve, which cost 7 s of a 150-form pass; they never hold any.
            arrivals = take_arrivals(inbox_path, min_age_s, cfg.limits.max_bytes)
            crash_point("sesudah-klaim")
            verdicts = judge(inbox_path, quote(arrivals), quote(cfg), pool)
            file_verdicts(inbox_path, quote(verdicts), quote(cfg), day)
            content = pipeline.content_fingerprint(cfg, inbox_path)
            name = pipeline.pass_name(day, content)
            # Nothing arrived and this content was already published (the folder appears only after
            # recording, so the register has it too): nothing to do. A run without a date (the
            # nightly) also keeps the latest folder when only the day changed; a letter is dated
            # anew when its content changes or when someone asks for a date.
            published = None if arrivals else already_published(outbox_path, name,
                                                                 content if tanggal is None else None)
            if published is None:
                consolidation = consolidate(inbox_path, quote(cfg), pool, quote(verdicts))
        if published is None:
            crash_point("sebelum-register")
            record(inbox_path, quote(verdicts), quote(consolidation), quote(cfg), name)
            summary = build_summary(name, day, cfg, verdicts, consolidation, content)
            folder = render(inbox_path, outbox_path, name, quote(summary), quote(consolidation), quote(cfg), day)
        else:
            folder, summary = published
            get_run_logger().info("Tidak ada berkas baru; dokumen %s sudah ada", folder.name)
    summary["folder"] = str(folder)
    _publish_artifacts(summary)
    return flow_result(summary, folder)


def _publish_artifacts(summary: dict) -> None:
    create_markdown_artifact(key="abk-ringkasan", markdown=summary_markdown(summary),
                             description="Ringkasan pemrosesan ABK")
    rows = [{"berkas": r["file"], "status": "ditolak", "alasan": r["reason"], "pesan": r["message"]}
            for r in summary["rejected"]]
    rows += [{"berkas": d["file"], "status": "duplikat", "alasan": "", "pesan": d["message"]}
             for d in summary["duplicates"]]
    rows += [{"berkas": a["file"], "status": "diterima", "alasan": "", "pesan": a["message"]}
             for a in summary["accepted"] if a.get("new")]
    if rows:
        create_table_artifact(key="abk-berkas", table=rows, description="Putusan per berkas pada pass ini")
    per_unit = [{"perangkat daerah": pd, "B": v["b"], "K": v["k"], "usulan": v["usulan"]}
                for pd, v in summary["per_perangkat_daerah"].items()]
    if per_unit:
        create_table_artifact(key="abk-kebutuhan", table=per_unit, description="K per perangkat daerah")
