"""Who may start a pass, and on what: the Prefect API that `abk serve` starts, and the runs it serves.

The API is reachable by anyone who can open its port; without protection, a run of `abk-pass/manual`
created there with other `inbox`/`outbox`/`config` parameters moved files out of any folder and wrote
documents anywhere. So:

- the API started by `abk serve` asks for basic authentication (Prefect's
  PREFECT_SERVER_API_AUTH_STRING), with a password generated once and kept beside the Prefect home
  (``abk-api-auth``, readable by its owner only) or taken from ABK_API_AUTH, and answers browsers only
  from its own UI's origin;
- a run served by `abk serve` refuses parameters that point anywhere but the folders and configuration
  it serves (ABK_SERVED_PARAMS, set for the runs it starts). With several instansi served, each
  deployment has its own set: a run of one instansi's deployment may not use another's inbox either.
"""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

AUTH_FILE = "abk-api-auth"
USER = "abk"
SERVED = "ABK_SERVED_PARAMS"


class ForeignParameters(ValueError):
    """A served run asked to read or write somewhere the instansi does not serve."""


def auth_string(prefect_home: Path) -> tuple[str, bool]:
    """("abk:<password>", whether it was made now). ABK_API_AUTH wins; else the kept one; else a new one,
    written with mode 0600 before anything uses it."""
    given = os.environ.get("ABK_API_AUTH")
    if given:
        return given if ":" in given else f"{USER}:{given}", False
    path = prefect_home / AUTH_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip(), False
    prefect_home.mkdir(parents=True, exist_ok=True)
    value = f"{USER}:{secrets.token_urlsafe(18)}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value, True


def server_environment(auth: str, port: int) -> dict[str, str]:
    """The environment of the API server process: basic authentication, and CORS for its own UI only.
    The UI asks PREFECT_SERVER_API_PORT for the API's address, not the port the server listens on: without
    it, a server on another port serves a UI that calls port 4200."""
    return {**os.environ, "PREFECT_SERVER_API_AUTH_STRING": auth, "PREFECT_SERVER_API_PORT": str(port),
            "PREFECT_SERVER_API_CORS_ALLOWED_ORIGINS": f"http://127.0.0.1:{port},http://localhost:{port}"}


def serve_parameters(by_deployment: dict[str, dict[str, str]]) -> None:
    """Tell the runs this process serves which folders and configuration they may use: one set when
    every deployment serves the same instansi (as earlier releases wrote it), else one per deployment."""
    sets = list(by_deployment.values())
    one = all(params == sets[0] for params in sets)
    os.environ[SERVED] = json.dumps(sets[0] if one else {"deployments": by_deployment})


def check_parameters(inbox: str, outbox: str, config: str | None, deployment: str | None = None) -> None:
    """In a run served by `abk serve`: refuse other folders or another configuration than the served ones
    (those of the run's own deployment, ``deployment`` or else asked of Prefect, when several instansi are
    served). Elsewhere (`abk process`, tests) whoever runs the command chooses its folders."""
    served = os.environ.get(SERVED)
    if not served:
        return
    allowed = json.loads(served)
    if "deployments" in allowed:
        name = deployment or _current_deployment()
        if name not in allowed["deployments"]:
            raise ForeignParameters(f"Run ini bukan dari deployment yang dilayani abk serve ({name!r}); pass tidak "
                                    "dijalankan. Jalankan dari deployment instansinya.")
        allowed = allowed["deployments"][name]
    asked = {"inbox": inbox, "outbox": outbox, "config": config or allowed.get("config")}
    for key, value in asked.items():
        if value is None or Path(value).resolve() != Path(allowed[key]).resolve():
            raise ForeignParameters(
                f"Parameter '{key}' = {value!r} ditolak: pass ini hanya boleh memakai {allowed[key]!r} seperti yang "
                "dilayani oleh abk serve. Ubah folder lewat konfigurasi dan jalankan ulang abk serve.")


def _current_deployment() -> str | None:
    from prefect.runtime import deployment

    return deployment.name
