"""The names under which `abk serve` serves the pass: the operator sees them in the UI, and the watcher,
the catch-up and the search for dead runs look runs up by them."""
FLOW = "abk-pass"
NIGHTLY = "malam"
MANUAL = "manual"
DEPLOYMENTS = [NIGHTLY, MANUAL]


def run_filters(*deployments: str) -> dict:
    """The read_flow_runs filters that select the runs of these served deployments of the pass."""
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName, FlowFilter, FlowFilterName

    return {"flow_filter": FlowFilter(name=FlowFilterName(any_=[FLOW])),
            "deployment_filter": DeploymentFilter(name=DeploymentFilterName(any_=list(deployments)))}
