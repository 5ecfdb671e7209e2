"""One pass over the inbox as a Prefect flow: claim, judge, file, consolidate, render, publish."""
from __future__ import annotations

import fcntl
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

import report_templates
from extractors import ExtractorPool
from flows import pipeline
from flows.config import Config, load_config
from flows.outbox import publish, write_json
from flows.summary import build_summary, summary_markdown

LOCK = ".abk.lock"


@task(name="ambil-berkas-masuk", cache_policy=NO_CACHE)
def take_arrivals(inbox: Path):
    return pipeline.take_arrivals(inbox)


@task(name="periksa-berkas", cache_policy=NO_CACHE)
def judge(arrivals, config: Config, pool: ExtractorPool):
    verdicts = pipeline.judge(arrivals, config, pool)
    logger = get_run_logger()
    for verdict in verdicts:
        a = verdict.assessment
        if a.accepted:
            logger.info("%s: diterima (%d formulir)", a.file, len(a.positions))
        else:
            logger.warning("%s: ditolak [%s] %s", a.file, a.reason, a.message)
    return verdicts


@task(name="arsipkan-berkas", cache_policy=NO_CACHE)
def file_verdicts(inbox: Path, verdicts, config: Config, tanggal: date):
    def laporan(assessment):
        return report_templates.render_laporan(assessment, config.instansi, config.rules, tanggal)

    pipeline.file_verdicts(inbox, verdicts, laporan)


@task(name="konsolidasi", cache_policy=NO_CACHE)
def consolidate(inbox: Path, config: Config, pool: ExtractorPool):
    return pipeline.consolidate(inbox, config, pool)


@task(name="susun-dokumen", cache_policy=NO_CACHE)
def render(outbox: Path, name: str, summary: dict, consolidation, rejected, config: Config, tanggal: date):
    def build(folder: Path) -> None:
        assessments = consolidation.assessments + [v.assessment for v in rejected]
        report_templates.render_documents(folder, consolidation.rekap, assessments, config.instansi,
                                          config.rules, tanggal)
        write_json(folder / "summary.json", summary)

    return publish(outbox, name, build)


@flow(name="abk-pass", log_prints=True)
def abk_pass(inbox: str = "inbox", outbox: str = "outbox", config: str | None = None,
             tanggal: str | None = None) -> dict:
    """Judge every file waiting in the inbox and publish the consolidated documents."""
    cfg = load_config(config)
    inbox_path, outbox_path = Path(inbox).resolve(), Path(outbox).resolve()
    day = date.fromisoformat(tanggal) if tanggal else datetime.now(ZoneInfo(cfg.instansi.timezone)).date()
    inbox_path.mkdir(parents=True, exist_ok=True)
    with _exclusive(inbox_path), ExtractorPool(cfg.limits) as pool:
        arrivals = take_arrivals(inbox_path)
        verdicts = judge(arrivals, cfg, pool)
        file_verdicts(inbox_path, verdicts, cfg, day)
        consolidation = consolidate(inbox_path, cfg, pool)
        rejected = [v for v in verdicts if not v.assessment.accepted]
        fingerprint = pipeline.pass_fingerprint(cfg, day, inbox_path, rejected)
        name = f"{day.isoformat()}_{fingerprint[:10]}"
        summary = build_summary(name, day, cfg, verdicts, consolidation)
        folder = render(outbox_path, name, summary, consolidation, rejected, cfg, day)
    summary["folder"] = str(folder)
    _publish_artifacts(summary)
    return summary


@contextmanager
def _exclusive(inbox: Path):
    """One pass at a time per inbox: a second one waits instead of racing for the same files."""
    with open(inbox / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _publish_artifacts(summary: dict) -> None:
    create_markdown_artifact(key="abk-ringkasan", markdown=summary_markdown(summary),
                             description="Ringkasan pemrosesan ABK")
    rows = [{"berkas": r["file"], "status": "ditolak", "alasan": r["reason"], "pesan": r["message"]}
            for r in summary["rejected"]]
    rows += [{"berkas": a["file"], "status": "diterima", "alasan": "", "pesan": a["message"]}
             for a in summary["accepted"] if a.get("new")]
    if rows:
        create_table_artifact(key="abk-berkas", table=rows, description="Putusan per berkas pada pass ini")
