"""The names under which `abk serve` serves the pass: the operator sees them in the UI, and the watcher,
the catch-up and the search for dead runs look runs up by them."""
FLOW = "abk-pass"
NIGHTLY = "malam"
MANUAL = "manual"
DEPLOYMENTS = [NIGHTLY, MANUAL]
