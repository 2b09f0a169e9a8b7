"""playbooks/client_env.yml writes a file a shell can source without running any part of a value.

The playbook runs for real against a local host; the file is then sourced by bash, as the runbook
says (`set -a; . FILE; set +a`), and must give back each value exactly, with nothing executed.
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, _COLLECTIONS

HOSTILE = [
    "plain-password-123",
    "with $(touch {marker}) inside",
    "back`touch {marker}`ticks",
    "quote ' and \" and ; touch {marker}",
    "dollar $HOME and ${{PATH}} and \\ backslash",
    "new\nline; touch {marker}",
]


@pytest.mark.parametrize("password", HOSTILE, ids=range(len(HOSTILE)))
def test_a_sourced_client_file_gives_back_the_password_and_runs_nothing(password, tmp_path):
    marker = tmp_path / "ran"
    password = password.format(marker=marker)
    env_file = tmp_path / "eve.env"
    (tmp_path / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"mlflow_servers": {"hosts": {
        "mlflow-1": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}}}))
    extra = {"mlflow_server_public_hostnames": ["mlflow.example.com"],
             "mlflow_server_users": [{"username": "eve", "password": password}],
             "mlflowops_client_username": "eve", "mlflowops_client_env_file": str(env_file),
             "mlflowops_ca_bundle": str(tmp_path / "ca dir" / "ca.pem")}
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=_COLLECTIONS, ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCALHOST_WARNING="false")
    result = subprocess.run(["ansible-playbook", "-i", str(tmp_path / "hosts.yml"),
                             os.path.join(ROOT, "playbooks", "client_env.yml"), "-e", json.dumps(extra)],
                            capture_output=True, text=True, env=env, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert password not in result.stdout + result.stderr
    sourced = subprocess.run(
        ["bash", "-c", 'set -a; . "$1"; set +a; printf "%s\\0%s\\0%s\\0%s" "$MLFLOW_TRACKING_PASSWORD" '
         '"$MLFLOW_TRACKING_USERNAME" "$MLFLOW_TRACKING_URI" "$MLFLOW_TRACKING_SERVER_CERT_PATH"', "bash", str(env_file)],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert sourced.returncode == 0, sourced.stderr
    assert sourced.stdout.split("\0") == [password, "eve", "https://mlflow.example.com",
                                          str(tmp_path / "ca dir" / "ca.pem")]
    assert not marker.exists(), "sourcing the file ran a command from the password"
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"
