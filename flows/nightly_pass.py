"""The nightly pass: its schedule said with its timezone, and a night caught up only when it was missed."""
from __future__ import annotations

import sys
import threading
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flows.config import Config
from flows.deployment_names import FLOW, NIGHTLY, run_filters


def schedule_words(cron: str, zone: str) -> str:
    """The schedule as the deployment's first line says it, with its timezone: an operator reading 01:00
    in the UI (which shows the browser's time) must know whose 01:00."""
    fields = cron.split()
    if len(fields) == 5 and fields[0].isdigit() and fields[1].isdigit() and fields[2:] == ["*", "*", "*"]:
        return f"Jadwal: setiap hari pukul {int(fields[1]):02d}.{int(fields[0]):02d} waktu {zone}"
    return f"Jadwal: cron \"{cron}\" waktu {zone}"


def catch_up_if_missed(config: Config, nightly: str = NIGHTLY) -> None:
    """A nightly missed while this process was down is not replayed by Prefect: run it now, but only
    when a night was really missed (an idle restart used to publish a letter each time). ``nightly``: the
    deployment of this configuration's instansi, whose own runs decide."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterStartTime
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            created = client.read_deployment_by_name(f"{FLOW}/{nightly}").created
        except ObjectNotFound:
            return                                          # first start: no night was ever served
        runs = client.read_flow_runs(
            **run_filters(nightly), flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(is_null_=False)),
            sort=FlowRunSort.START_TIME_DESC, limit=1)
    last_started = runs[0].start_time if runs else None
    missed = missed_night(config.nightly_cron, config.instansi.timezone, created, last_started,
                          datetime.now(timezone.utc))
    if missed is None:
        return
    print(f"Pass {nightly} {missed:%Y-%m-%d %H:%M %Z} terlewat saat abk serve mati; dijalankan sekarang",
          file=sys.stderr)
    threading.Thread(target=_run_nightly_soon, args=(nightly,), daemon=True, name=f"abk-susulan-{nightly}").start()


def missed_night(cron: str, tz: str, created: datetime | None, last_started: datetime | None,
                 now: datetime) -> datetime | None:
    """The last scheduled night, when it fell while the deployment existed and no nightly started since."""
    from cronsim import CronSim

    last_fire = next(CronSim(cron, now.astimezone(ZoneInfo(tz)), reverse=True))
    if created is None or created >= last_fire:
        return None
    if last_started is not None and last_started >= last_fire:
        return None
    return last_fire


def _run_nightly_soon(nightly: str) -> None:
    from prefect.deployments import run_deployment

    time.sleep(5)   # let the runner register the deployments first
    try:
        run_deployment(f"{FLOW}/{nightly}", timeout=0)
    except Exception as exc:
        print(f"pass susulan gagal dipicu: {exc}", file=sys.stderr)
