"""Who may start a pass and on what: a served run refuses foreign folders, and the API that `abk serve`
starts refuses requests without its password (#18)."""
from __future__ import annotations

import base64
import json
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from flows import guarded_api


def test_the_password_is_made_once_kept_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("ABK_API_AUTH", raising=False)
    first, new = guarded_api.auth_string(tmp_path)
    again, made_again = guarded_api.auth_string(tmp_path)
    assert new and not made_again and first == again and first.startswith("abk:") and len(first) > 20
    assert stat.S_IMODE((tmp_path / guarded_api.AUTH_FILE).stat().st_mode) == 0o600
    monkeypatch.setenv("ABK_API_AUTH", "rahasia-dari-lingkungan")
    assert guarded_api.auth_string(tmp_path) == ("abk:rahasia-dari-lingkungan", False)


def test_a_served_run_refuses_another_inbox_outbox_or_configuration(tmp_path, monkeypatch):
    served = {"inbox": str(tmp_path / "inbox"), "outbox": str(tmp_path / "outbox"), "config": str(tmp_path / "a.toml")}
    monkeypatch.setenv(guarded_api.SERVED, json.dumps(served))
    guarded_api.check_parameters(served["inbox"], served["outbox"], None)           # what the UI's Run sends
    for key, foreign in (("inbox", "/etc"), ("outbox", "/tmp/elsewhere"), ("config", "/tmp/other.toml")):
        asked = {**served, key: foreign}
        with pytest.raises(guarded_api.ForeignParameters, match=key):
            guarded_api.check_parameters(asked["inbox"], asked["outbox"], asked["config"])


def test_the_flow_refuses_before_touching_a_foreign_folder(prefect_api, tmp_path, monkeypatch):
    from flows.pass_flow import abk_pass

    victim = tmp_path / "dokumen-pribadi"
    victim.mkdir()
    (victim / "surat.docx").write_bytes(b"milik orang lain")
    served = {"inbox": str(tmp_path / "inbox"), "outbox": str(tmp_path / "outbox"), "config": None}
    monkeypatch.setenv(guarded_api.SERVED, json.dumps({**served, "config": str(tmp_path / "instansi.toml")}))
    with pytest.raises(guarded_api.ForeignParameters):
        abk_pass(inbox=str(victim), outbox=str(tmp_path / "keluar"))
    assert [p.name for p in victim.iterdir()] == ["surat.docx"] and not (tmp_path / "keluar").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow   # starts its own Prefect server, about 20 s
def test_the_api_started_with_a_password_refuses_requests_without_it(tmp_path):
    port, auth = _free_port(), "abk:uji-sandi"
    env = {**guarded_api.server_environment(auth, port), "PREFECT_HOME": str(tmp_path),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"{base}/health", timeout=2).close()   # health stays open, for probes
                break
            except OSError:
                assert time.monotonic() < deadline, "the API did not start"
                time.sleep(1)

        def post(headers: dict) -> int:
            request = urllib.request.Request(f"{base}/deployments/filter", data=b"{}", method="POST",
                                             headers={"Content-Type": "application/json", **headers})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code
        token = base64.b64encode(auth.encode()).decode()
        assert post({}) == 401
        assert post({"Authorization": "Basic " + base64.b64encode(b"abk:salah").decode()}) == 401
        assert post({"Authorization": f"Basic {token}"}) == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_abk_serve_refuses_an_api_it_did_not_start(tmp_path, monkeypatch, capsys):
    from flows import serve
    from flows.cli import main

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(serve, "_answers", lambda url: True)       # something already listens on the port
    monkeypatch.setattr(serve.subprocess, "Popen", lambda *a, **k: pytest.fail("no server may be started"))
    assert main(["serve"]) == 2
    assert "sudah ada server lain" in capsys.readouterr().err
