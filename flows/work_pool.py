"""`abk serve --worker POOL`: the served deployments on a Prefect *process* work pool, so that passes run
in `prefect worker start --pool POOL` processes (on this machine or others) instead of in `abk serve`.

A worker loads the flow from the project folder on its own machine: the deployment's pull step sets the
working directory to the folder this `abk serve` runs from, and the entrypoint is a path inside it. Every
worker machine therefore needs the same code at the same path, and the inbox, outbox and configuration at
the same paths (one shared mount); passes on several machines stay apart by the inbox's lock and claim by
rename (flows.inbox), which is what the shared file system must support.
"""
from __future__ import annotations

import json

from flows import guarded_api
from flows.runtime import PROJECT_ROOT

ENTRYPOINT = "flows/pass_flow.py:abk_pass"
TYPE = "process"


class PoolOfAnotherType(ValueError):
    """The named work pool exists and runs flows some other way (docker, kubernetes, ...)."""


def ensure_process_pool(name: str) -> bool:
    """The process work pool ``name``, created with Prefect's default job template when absent; whether it
    was created now."""
    from prefect import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound
    from prefect.workers.process import ProcessWorker

    with get_client(sync_client=True) as client:
        try:
            pool = client.read_work_pool(name)
        except ObjectNotFound:
            try:
                client.create_work_pool(WorkPoolCreate(
                    name=name, type=TYPE, base_job_template=ProcessWorker.get_default_base_job_template(),
                    description="Pass ABK, dijalankan oleh `prefect worker start --pool` (dari abk serve --worker)."))
                return True
            except ObjectAlreadyExists:             # another abk serve made it in between
                pool = client.read_work_pool(name)
    if pool.type != TYPE:
        raise PoolOfAnotherType(f"work pool '{name}' bertipe '{pool.type}'; abk serve --worker memerlukan work pool "
                                f"bertipe '{TYPE}'. Pakai nama lain, atau hapus pool itu.")
    return False


def pass_from_source():
    """The pass flow as a worker will load it: from this project folder, by path."""
    from prefect import flow

    return flow.from_source(source=str(PROJECT_ROOT), entrypoint=ENTRYPOINT)


def served_environment(params: dict[str, str]) -> dict:
    """Job variables that give each worker run the served folders and configuration, so that it refuses
    others as a run of the in-process runner does (flows.guarded_api). Not a security boundary: whoever
    can write to the API can change job variables, or deploy other code to the pool."""
    return {"env": {guarded_api.SERVED: json.dumps(params)}}


def register(pool: str, deployments) -> None:
    """Create or update the deployments on the pool (apply, not prefect.deploy: that prints tables and hints
    meant for a developer's terminal)."""
    for deployment in deployments:
        deployment.apply(work_pool_name=pool)
