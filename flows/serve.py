"""`abk serve`: per instansi served, a nightly deployment, a manual deployment for the UI, and an inbox
watcher (flows.served_instansi: one or several configurations, each with its own folders and names).

Needs a long-lived Prefect API (`prefect server start`); without PREFECT_API_URL it starts one on
127.0.0.1 (port 4200, or --port) with its SQLite database under PREFECT_HOME, and the UI is there.
The passes run in this process's runner; with ``--worker POOL`` they run in `prefect worker start`
processes of that process work pool instead (flows.work_pool), and this process keeps the watcher and the
sweep for dead runs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
import warnings
from datetime import datetime, timezone
from pathlib import Path

from flows import guarded_api, nightly_pass, orphan_runs, work_pool
from flows.deployment_names import FLOW, MANUAL, artifact_key, run_filters
from flows.served_instansi import ServedInstansi
from flows.warm_run import WarmRun
from flows.watcher import LOOK_EVERY_S, Arrivals, InboxWatch, LastRun

LEGACY_ZOMBIE_AUTOMATION = "abk: tandai pass yang mati sebagai Crashed"

PORT = 4200
# Files the watcher triggered on are finished; the pass it starts also leaves anything touched in the
# last moment, which belongs to a copy still running. A pass is asked for once the files are that old.
WATCHER_MIN_AGE_S = 0.5
# A stop that cannot reach the API (it went away first) must not hang: after this, the process ends.
STOP_GRACE_S = 20
WATCHER_ARTIFACT = "abk-pemantau"


def serve(served: list[ServedInstansi], port: int = PORT, pool: str | None = None) -> int:
    server = None if os.environ.get("PREFECT_API_URL") else _start_local_server(port)
    try:
        _remove_heartbeat_automation()
        crashed = orphan_runs.crash_orphans([name for one in served for name in one.deployments])
        if crashed:
            print(f"Pass yang ditinggal proses yang sudah mati ditandai Crashed: {', '.join(crashed)}", file=sys.stderr)
        _tell_unserved(served)
        guarded_api.serve_parameters({name: one.params for one in served for name in one.deployments})
        if pool is None:
            from flows.pass_flow import abk_pass

            deployments = [d for one in served for d in _deployments(abk_pass, one)]
        else:
            # Registered before the watcher can ask for a run of them; the runner of the default registers
            # its deployments as it starts. Each instansi's runs carry only its own folders in their
            # environment: a worker runs whatever deployment comes, so the guard must not need to ask which.
            work_pool.ensure_process_pool(pool)
            source = work_pool.pass_from_source()
            deployments = [d for one in served for d in _deployments(
                source, one, job_variables=work_pool.served_environment(one.params))]
            work_pool.register(pool, deployments)
        if len(served) > 1:
            _tell_instansi(served)
        for one in served:
            nightly_pass.catch_up_if_missed(one.config, one.nightly)
        threading.Thread(target=_watch, args=(served, pool is None), daemon=True,
                         name="abk-pemantau-inbox").start()
        if pool is None:
            _run(*deployments)
        else:
            _wait(pool, deployments)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


def _deployments(pass_flow, one: ServedInstansi, **extra) -> tuple:
    """The nightly and the manual deployment of one instansi; ``extra`` for a work pool's job variables.
    Each has a concurrency limit of 1 of its own: one instansi never runs two passes of a kind at once,
    and other instansi are not held up by it."""
    from prefect.schedules import Cron

    config, params = one.config, one.params
    # Several instansi: the UI's list of deployments says whose each one is.
    whose = "" if one.slug is None else f"{config.instansi.nama}. "
    schedule = nightly_pass.schedule_words(config.nightly_cron, config.instansi.timezone)
    nightly = pass_flow.to_deployment(
        name=one.nightly, schedules=[Cron(config.nightly_cron, timezone=config.instansi.timezone)],
        parameters=params, concurrency_limit=1,
        description=f"{schedule}.\n\n{whose}Pass malam atas semua kiriman unit; dokumen terbit di {params['outbox']}.",
        **extra)
    manual = pass_flow.to_deployment(
        name=one.manual, parameters=params, concurrency_limit=1,
        description=f"{whose}Dijalankan dari UI (Run / Retry) atau oleh pemantau inbox saat berkas masuk.", **extra)
    return nightly, manual


def _tell_unserved(served: list[ServedInstansi]) -> None:
    """Deployments of the pass on this server that this process does not serve keep their nights scheduled
    (and with workers, run): a set served before, say `malam` once a second configuration came. Said, not
    removed: on a shared server they may be another `abk serve`'s."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    ours = {name for one in served for name in one.deployments}
    with get_client(sync_client=True) as client:
        deployments = client.read_deployments(flow_filter=FlowFilter(name=FlowFilterName(any_=[FLOW])))
    others = sorted(d.name for d in deployments if d.name not in ours)
    if others:
        print(f"Di server ini ada deployment {FLOW} yang tidak dilayani proses ini: {', '.join(others)}. Bila itu sisa "
              "susunan lama, bukan milik abk serve lain, hapus di UI: jadwal malamnya tetap berjalan.", file=sys.stderr)


def _tell_instansi(served: list[ServedInstansi]) -> None:
    for one in served:
        print(f"Instansi {one.config.instansi.nama} ({one.config.path}): {FLOW}/{one.nightly} dan {FLOW}/{one.manual}; "
              f"inbox {one.inbox}, outbox {one.outbox}", file=sys.stderr)


def _wait(pool: str, deployments) -> None:
    """With workers: the runs are theirs; this process keeps the watcher and the sweep until it is stopped."""
    import signal

    stop = threading.Event()

    def stopped(*_) -> None:
        print("abk serve: berhenti (sinyal diterima)", file=sys.stderr)
        stop.set()

    signal.signal(signal.SIGTERM, stopped)
    signal.signal(signal.SIGINT, stopped)
    ui = os.environ.get("PREFECT_API_URL", "").removesuffix("/api")
    print(f"Melayani {', '.join(f'{FLOW}/{d.name}' for d in deployments)} lewat work pool '{pool}': pass dijalankan "
          f"oleh `prefect worker start --pool {pool}`; UI: {ui}", file=sys.stderr)
    while not stop.wait(1):
        pass


def _run(*deployments) -> None:
    """prefect.serve, with a stop that ends cleanly: Prefect's SIGTERM handler calls sys.exit from inside
    the event loop (it left "coroutine was never awaited" behind) and pauses the schedules through the
    API on the way out, which hung when the API had gone first. Here SIGTERM and Ctrl-C cancel the
    runner's task, which closes what it opened; a stop not done after STOP_GRACE_S ends the process (a
    pass cut short is marked Crashed at the next start, and its files go back to the inbox)."""
    import asyncio
    import signal

    from prefect.runner import Runner

    runner = Runner(pause_on_shutdown=False, limit=None)
    for deployment in deployments:
        runner.add_deployment(deployment)
    print(f"Melayani {', '.join(f'{FLOW}/{d.name}' for d in deployments)}; UI: "
          f"{os.environ.get('PREFECT_API_URL', '').removesuffix('/api')}", file=sys.stderr)

    async def main() -> None:
        loop, task = asyncio.get_running_loop(), asyncio.current_task()

        def stop(*_) -> None:
            print("abk serve: berhenti (sinyal diterima)", file=sys.stderr)
            _stop_deadline()
            loop.call_soon_threadsafe(task.cancel)

        runner.handle_sigterm = stop             # installed by runner.start() in place of Prefect's
        signal.signal(signal.SIGINT, stop)
        await runner.start()

    try:
        asyncio.run(main())
    except asyncio.CancelledError:
        pass


def _stop_deadline() -> None:
    def end() -> None:
        time.sleep(STOP_GRACE_S)
        print(f"abk serve: berhenti paksa setelah {STOP_GRACE_S} detik (API tidak menjawab)", file=sys.stderr)
        os._exit(0)

    threading.Thread(target=end, daemon=True, name="abk-batas-henti").start()


class ServerTaken(RuntimeError):
    """The port of the local API answers already, from a server this process did not start."""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2):
            return True
    except OSError:
        return False


def _watch(served: list[ServedInstansi], in_process: bool = True) -> None:
    """Starts a pass of an instansi when files arrive in its inbox; meanwhile marks runs whose process died
    Crashed. One thread looks after every inbox, with one ready process: a file rarely lands in two inboxes
    within the seconds a new ready process takes, and the runner takes a run the ready process cannot.
    With workers (``in_process`` false) the runs are left to them: no ready process of this machine."""
    warm = WarmRun() if in_process else None
    wake = threading.Event()
    inboxes = [_inbox_watch(one, warm, wake) for one in served]
    while True:
        try:
            if warm is not None:
                warm.prepare()
        except OSError as exc:
            print(f"pemantau inbox: proses siap tidak dapat dimulai ({exc})", file=sys.stderr)
        wake.wait(LOOK_EVERY_S)
        try:
            if warm is not None:
                warm.cancel_if_asked()
        except Exception as exc:  # the API may be restarting: asked again at the next look
            print(f"pemantau inbox: pembatalan tidak dapat diperiksa ({exc}); dicoba lagi", file=sys.stderr)
        for watch, arrivals in inboxes:
            try:
                watch.tick(finished=arrivals.take())
            except Exception as exc:  # the API may be restarting: keep watching, the sweep retries
                print(f"pemantau inbox {watch.inbox}: gagal memicu pass ({exc}); dicoba lagi", file=sys.stderr)


def _inbox_watch(one: ServedInstansi, warm: WarmRun | None, wake: threading.Event) -> tuple[InboxWatch, Arrivals]:
    """The watch of one instansi's inbox: it starts runs of that instansi's manual deployment only, and sweeps
    that instansi's runs for dead ones."""
    from prefect import get_client
    from prefect.deployments import run_deployment

    manual: list = []

    def trigger() -> None:
        youngest = watch.watcher.latest_change()             # from the look that decided to trigger
        time.sleep(min(WATCHER_MIN_AGE_S, max(0.0, youngest + WATCHER_MIN_AGE_S - time.time())))
        if not manual:
            with get_client(sync_client=True) as client:
                manual.append(client.read_deployment_by_name(f"{FLOW}/{one.manual}").id)
        if warm is None or warm.start(manual[0], WATCHER_MIN_AGE_S) is None:
            # One run takes every file waiting (a burst becomes one batch); the deployment's concurrency
            # limit queues a second run behind the first instead of racing it.
            run_deployment(f"{FLOW}/{one.manual}", parameters={"min_age_s": WATCHER_MIN_AGE_S}, timeout=0)

    def reap() -> None:
        for name in orphan_runs.crash_orphans(one.deployments):
            print(f"pemantau inbox: pass {name} ditinggal prosesnya; ditandai Crashed", file=sys.stderr)

    def tell(run_id: str) -> None:
        _tell_waiting(run_id, one.manual)

    try:
        one.inbox.mkdir(parents=True, exist_ok=True)     # a new [folders] inbox: heard from the start, not polled
    except OSError:
        pass                                             # polled; its pass says what is wrong with it
    watch = InboxWatch(one.inbox, one.config.path, lambda: _last_manual_run(one.manual), trigger, reap, tell)
    arrivals = Arrivals(one.inbox, wake)
    if not arrivals.start():
        print(f"pemantau inbox {one.inbox}: tanpa peristiwa berkas dari sistem; memeriksa setiap "
              f"{LOOK_EVERY_S:.0f} detik", file=sys.stderr)
    return watch, arrivals


def _last_manual_run(manual: str = MANUAL) -> LastRun | None:
    from prefect import get_client
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(**run_filters(manual), sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=1)
    if not runs or runs[0].state is None:
        return None
    due = runs[0].expected_start_time or runs[0].created
    age = (datetime.now(timezone.utc) - due).total_seconds() if due else 0.0
    return LastRun(str(runs[0].id), runs[0].state.type.value, age)


def _tell_waiting(run_id: str, manual: str = MANUAL) -> None:
    from prefect.artifacts import create_markdown_artifact

    text = (f"Pass terakhir deployment {manual} gagal karena sebab yang akan terulang (lihat pesan run itu). "
            "Pemantau inbox tidak memulai pass baru sampai run itu di-Retry di UI, konfigurasi diubah, "
            "atau berkas baru masuk.")
    print(f"pemantau inbox: {text} (run {run_id})", file=sys.stderr)
    try:
        with warnings.catch_warnings():
            # Prefect 3.8.8 deprecates artifacts outside a run; the watcher has no run, and the operator
            # looks for its word among the artifacts. The log line above stays if Prefect drops this.
            warnings.simplefilter("ignore", FutureWarning)
            create_markdown_artifact(key=artifact_key(WATCHER_ARTIFACT, manual),
                                     markdown=f"# Pemantau inbox menunggu\n\n{text}\n\nRun yang gagal: `{run_id}`\n",
                                     description="Pemantau inbox menunggu")
    except Exception as exc:
        print(f"pemantau inbox: artefak tidak dapat dibuat ({exc})", file=sys.stderr)


def _remove_heartbeat_automation() -> None:
    """Earlier releases installed a heartbeat automation for dead runs (see flows.orphan_runs for why it
    was replaced); a server that has it keeps logging failed actions, so it is removed."""
    from prefect.automations import Automation

    try:
        Automation.read(name=LEGACY_ZOMBIE_AUTOMATION).delete()
    except ValueError:
        pass


def _start_local_server(port: int) -> subprocess.Popen:
    """A Prefect API on 127.0.0.1 that asks for a password; refused when something already answers on the
    port (a server we did not start, perhaps without protection): PREFECT_API_URL names one to use."""
    url = f"http://127.0.0.1:{port}/api"
    if _answers(url):
        raise ServerTaken(f"sudah ada server lain di 127.0.0.1:{port}; abk serve tidak memakai server yang tidak "
                           "dinyalakannya sendiri. Hentikan server itu, atau set PREFECT_API_URL (dan "
                           "PREFECT_API_AUTH_STRING) bila memang server itu yang hendak dipakai.")
    home = Path(os.environ["PREFECT_HOME"])
    auth, new = guarded_api.auth_string(home)
    os.environ["PREFECT_API_AUTH_STRING"] = auth       # this process and the runs it starts
    if new:
        print(f"UI Prefect dilindungi sandi. Di halaman masuk UI, ketik seluruhnya: {auth}\n"
              f"(disimpan di {home / guarded_api.AUTH_FILE}; ganti dengan menghapus berkas itu atau ABK_API_AUTH)")
    process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(port)], env=guarded_api.server_environment(auth, port))
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if _answers(url):
            os.environ["PREFECT_API_URL"] = url
            print(f"Prefect UI: http://127.0.0.1:{port}")
            return process
        time.sleep(1)
    process.terminate()
    raise RuntimeError("server Prefect lokal tidak menyala dalam 180 detik")
