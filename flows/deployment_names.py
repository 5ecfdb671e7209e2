"""The names under which `abk serve` serves the pass: the operator sees them in the UI, and the watcher,
the catch-up and the search for dead runs look runs up by them.

One instansi is served as `malam` and `manual`, the names every release had. Several instansi served
together each get their own pair, `malam-<slug>` and `manual-<slug>`, the slug made from the
configuration file's name: with shared names a second instansi's deployment would replace the first's.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

FLOW = "abk-pass"
NIGHTLY = "malam"
MANUAL = "manual"
DEPLOYMENTS = [NIGHTLY, MANUAL]
# Long enough to tell instansi apart in the UI's lists, short enough to stay readable there.
SLUG_LENGTH = 40


def slug(config: Path) -> str:
    """The configuration file's stem as a word Prefect takes in deployment names and artifact keys
    (lowercase letters, digits and dashes): "Kab. Contoh Utara.toml" -> "kab-contoh-utara"."""
    ascii_stem = unicodedata.normalize("NFKD", Path(config).stem).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")[:SLUG_LENGTH].strip("-") or "instansi"


def names(slug_: str | None) -> tuple[str, str]:
    """The nightly and the manual deployment of one instansi; ``None`` for the only one served."""
    if slug_ is None:
        return NIGHTLY, MANUAL
    return f"{NIGHTLY}-{slug_}", f"{MANUAL}-{slug_}"


def slug_of(deployment: str | None) -> str | None:
    """The instansi's slug in a served deployment's name; None for `malam`, `manual` or no deployment."""
    for base in DEPLOYMENTS:
        if deployment and deployment.startswith(f"{base}-"):
            return deployment[len(base) + 1:]
    return None


def artifact_key(base: str, deployment: str | None) -> str:
    """A keyed artifact is one list across runs in the UI; each instansi keeps its own list."""
    instansi = slug_of(deployment)
    return base if instansi is None else f"{base}-{instansi}"


def run_filters(*deployments: str) -> dict:
    """The read_flow_runs filters that select the runs of these served deployments of the pass."""
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName, FlowFilter, FlowFilterName

    return {"flow_filter": FlowFilter(name=FlowFilterName(any_=[FLOW])),
            "deployment_filter": DeploymentFilter(name=DeploymentFilterName(any_=list(deployments)))}
