"""A pass on a Dask cluster ([cluster] dask) against the local pool.

    .venv/bin/python -m benchmarks.cluster [--forms 200] [--seed 0]

Generates N forms (tests.forms.write_corpus, as benchmarks.pipeline does) and runs `abk process` over a copy
of them three times against one local Prefect server: with the local pool, then with a Dask cluster on
127.0.0.1 of 1 worker and of 2 workers (each `dask worker --nworkers 1 --nthreads 1`). For each:

- pass_s, forms_per_s: the whole pass, end to end (claiming, reading, judging, filing, documents);
- judge_s: the pass's judging step (periksa-berkas: every file read and assessed), from the Prefect API.

The workers run on the same machine as the pass, so they share its cores: the figures show what the
cluster costs per file and how it scales with workers, not what separate machines would give.
A readable report goes to stderr; the last line of stdout is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import time
import urllib.request
from datetime import date, datetime
from pathlib import Path

from benchmarks.pipeline import ABK, TANGGAL, _check_outcome, _environment, _say, _start_server, _timed, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    measure(run, args, "abk-bench-cluster-")


def run(work: Path, args) -> dict:
    from tests.dask_cluster import Cluster
    from tests.forms import write_corpus
    from tests.shipped_config import copy_shipped_config

    started = time.perf_counter()
    corpus = write_corpus(work / "corpus", args.forms, seed=args.seed)
    _say(f"corpus: {len(corpus)} files in {time.perf_counter() - started:.0f} s")
    env = _environment(work)
    server = _start_server(env)
    runs = {}
    try:
        (work / "lokal").mkdir()
        runs["local_pool"] = _pass(work, "lokal", copy_shipped_config(work / "lokal"), env, len(corpus))
        for workers in (1, 2):
            name = f"dask_{workers}_worker" + ("s" if workers > 1 else "")
            with Cluster(work / name, env) as cluster:
                cluster.start(workers)
                config = copy_shipped_config(work / name, lambda text: text + f'\n[cluster]\ndask = "{cluster.address}"\n')
                runs[name] = _pass(work, name, config, env, len(corpus))
    finally:
        server.terminate()
        server.wait(timeout=60)
    figures = {
        "forms": len(corpus),
        **runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "date": date.today().isoformat(),
    }
    for name, figure in runs.items():
        _say(f"{name:>15}: {figure['forms_per_s']} forms/s (pass {figure['pass_s']} s, judging {figure['judge_s']} s)")
    return figures


def _pass(work: Path, name: str, config: Path, env: dict, files: int) -> dict:
    inbox, outbox = work / name / "inbox", work / name / "outbox"
    shutil.copytree(work / "corpus", inbox)
    seconds, _, _ = _timed([*ABK, "process", "--inbox", str(inbox), "--outbox", str(outbox), "--config", str(config),
                            "--tanggal", TANGGAL], env)
    _check_outcome(outbox, files)
    judge_s = _last_judging_s(env["PREFECT_API_URL"])
    _say(f"{name}: pass {seconds:.1f} s, judging {judge_s:.1f} s")
    return {"pass_s": round(seconds, 2), "forms_per_s": round(files / seconds, 1), "judge_s": round(judge_s, 2)}


def _last_judging_s(api: str) -> float:
    """How long the newest run of the judging task took, as the Prefect API recorded it."""
    body = {"task_runs": {"name": {"like_": "periksa-berkas"}}, "sort": "EXPECTED_START_TIME_DESC", "limit": 1}
    request = urllib.request.Request(f"{api}/task_runs/filter", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        [run] = json.load(answer)
    return (datetime.fromisoformat(run["end_time"]) - datetime.fromisoformat(run["start_time"])).total_seconds()


if __name__ == "__main__":
    main()
