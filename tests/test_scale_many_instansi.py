"""Several instansi served on a process work pool (#15): `abk serve --worker POOL` with a folder of two
configurations puts each instansi's deployments on the pool, and `prefect worker` processes run both
instansi's passes, each with its own folders, register and documents. The Prefect server is on PostgreSQL,
as it is where workers run on other machines."""
from __future__ import annotations

import pytest

from tests.postgres_server import postgres  # noqa: F401  (the fixture)
from tests.scaled_processes import PrefectServer, Worker
from tests.serve_process import Served, _wait_until
from tests.test_many_instansi import INSTANSI, SAMPLES, _registered, _summary, _two_instansi

POOL = "abk-uji-instansi"
VERDICT_S = 90          # a worker's pass: poll 1 s, a new process 3-5 s, the pass; generous for a loaded machine


@pytest.fixture(scope="module")
def prefect_server(postgres, tmp_path_factory):  # noqa: F811
    postgres.create_database("prefect_instansi")
    server = PrefectServer(postgres.url("prefect_instansi", driver="asyncpg"),
                           tmp_path_factory.mktemp("prefect-server"),
                           PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="1")
    yield server
    server.stop()


@pytest.mark.slow
def test_two_instansi_on_a_worker_pool_each_get_their_own_passes_and_documents(prefect_server, tmp_path):
    from prefect import get_client

    served = Served(tmp_path, port=prefect_server.port, configs=[_two_instansi(tmp_path)])
    inbox = {s: tmp_path / s / "inbox" for s in INSTANSI}
    outbox = {s: tmp_path / s / "outbox" for s in INSTANSI}
    workers = []
    try:
        served.start("--worker", POOL, **prefect_server.client_environment())
        workers += [Worker(prefect_server, POOL, name, tmp_path) for name in ("pekerja-a", "pekerja-b")]
        with served.api(), get_client(sync_client=True) as client:
            for s in INSTANSI:
                for kind in ("malam", "manual"):
                    deployment = client.read_deployment_by_name(f"abk-pass/{kind}-{s}")
                    assert deployment.work_pool_name == POOL
                    assert deployment.parameters["inbox"] == str(inbox[s])

        for s, (_, files) in INSTANSI.items():              # both instansi's forms land at once
            for name, sample in files.items():
                served.drop(SAMPLES / sample, name, inbox[s])
        for s, (nama, files) in INSTANSI.items():
            for name in files:
                assert served.verdict(name, VERDICT_S, inbox[s]) == "diterima", (s, name)
            assert _wait_until(lambda: {a["file"] for a in (_summary(outbox[s]) or {}).get("accepted", [])}
                               == set(files), VERDICT_S), (s, _summary(outbox[s]))
            assert _summary(outbox[s])["instansi"] == nama
            assert (outbox[s] / "latest" / "surat_usul_kebutuhan.pdf").is_file()
            assert _registered(inbox[s]) == set(files)

        assert _wait_until(lambda: all(r.state.is_final() for s in INSTANSI for r in served.flow_runs(f"manual-{s}")),
                           VERDICT_S)
        runs = [r for s in INSTANSI for r in served.flow_runs(f"manual-{s}")]
        assert runs and all(r.state.type.value == "COMPLETED" for r in runs)
        assert all(any(w.ran(r.id) for w in workers) for r in runs)      # run by the workers, not by abk serve
    finally:
        served.stop()
        for worker in workers:
            worker.stop()
    assert "Traceback" not in served.output()
