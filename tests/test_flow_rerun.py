"""A failed run shows its cause through the Prefect API, and the UI's Retry (AwaitingRetry on the
same flow run) completes it once the cause is fixed — against a real local Prefect server."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.forms import worked_example, write_form
from tests.shipped_config import copy_shipped_config

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow   # a real Prefect server and flow runs, over a minute


def test_a_failed_run_shows_its_cause_and_a_retry_from_the_ui_completes_it(prefect_api, tmp_path):
    env = {**os.environ, "PREFECT_API_URL": prefect_api}
    from prefect.client.orchestration import get_client
    from prefect.states import AwaitingRetry

    from flows.pass_flow import abk_pass

    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    write_form([worked_example()], inbox / "a.docx", "docx")
    good = (ROOT / "instansi.toml").read_text(encoding="utf-8")
    config = copy_shipped_config(tmp_path, lambda text: text.replace('rounding = "half_up"', 'rounding = "setengah"'))

    async def scenario():
        deployment = await abk_pass.ato_deployment(
            name="uji-ulang", parameters={"inbox": str(inbox), "outbox": str(outbox), "config": str(config),
                                          "tanggal": "2026-11-22"})
        deployment_id = await deployment.apply()
        async with get_client() as client:
            run = await client.create_flow_run_from_deployment(deployment_id)
            _execute(run.id, env)
            failed = await client.read_flow_run(run.id)

            config.write_text(good, encoding="utf-8")         # the administrator fixes the cause
            await client.set_flow_run_state(run.id, AwaitingRetry(), force=True)
            _execute(run.id, env)
            retried = await client.read_flow_run(run.id)
        return failed, retried

    failed, retried = asyncio.run(scenario())
    assert failed.state.is_failed()
    assert "calculation.rounding" in failed.state.message
    assert retried.state.is_completed(), retried.state.message
    assert retried.run_count >= 2
    summary = json.loads((outbox / "latest" / "summary.json").read_text())
    assert [a["file"] for a in summary["accepted"]] == ["a.docx"]


def _execute(flow_run_id, env: dict) -> None:
    """What a worker or `abk serve` does with a scheduled run: execute it in a process of its own."""
    subprocess.run([sys.executable, "-m", "prefect", "flow-run", "execute", str(flow_run_id)], cwd=ROOT, env=env,
                   capture_output=True, timeout=300)
