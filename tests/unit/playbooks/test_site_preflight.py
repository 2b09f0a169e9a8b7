"""site.yml refuses an inventory or choices that cannot work, with what to set, before any host changes.

The checks run on the controller first: every host here is unreachable on purpose (a connection to
it fails), so a test passes only when site.yml stops before it ever connects.
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, _COLLECTIONS

UNREACHABLE = {"ansible_host": "203.0.113.1", "ansible_connection": "ssh", "ansible_ssh_common_args": "-o ConnectTimeout=1"}


def inventory(groups, **all_vars):
    """An inventory with the given group -> hosts mapping and group_vars/all."""
    children = {group: {"hosts": {host: dict(UNREACHABLE) for host in hosts}} for group, hosts in groups.items()}
    all_vars.setdefault("mlflow_server_public_hostnames", ["mlflow.example.com"])
    return {"all": {"vars": all_vars, "children": children}}


CASES = [
    ("two servers on SQLite", inventory({"mlflow_servers": ["a", "b"], "mlflow_proxies": ["a"]}),
     "would each keep their own runs"),
    ("two servers, shared database, local artifacts",
     inventory({"mlflow_databases": ["db"], "mlflow_servers": ["a", "b"], "mlflow_proxies": ["a"]}),
     "mlflowops_artifacts: s3"),
    ("a proxy with no host", inventory({"mlflow_servers": ["a"]}), "group mlflow_proxies is empty"),
    ("no server", inventory({"mlflow_proxies": ["a"]}), "has no host in group mlflow_servers"),
    ("an unknown proxy", inventory({"mlflow_servers": ["a"], "mlflow_proxies": ["a"]}, mlflowops_proxy="apache"),
     "mlflowops_proxy to"),
    ("a database host that is not used",
     inventory({"mlflow_databases": ["db"], "mlflow_servers": ["a"], "mlflow_proxies": ["a"]},
               mlflowops_database="sqlite"),
     "set mlflowops_database: postgres"),
    ("two database hosts",
     inventory({"mlflow_databases": ["db1", "db2"], "mlflow_servers": ["a"], "mlflow_proxies": ["a"]}),
     "needs exactly one host"),
    ("no public name", inventory({"mlflow_servers": ["a"], "mlflow_proxies": ["a"]}, mlflow_server_public_hostnames=[]),
     "Set mlflow_server_public_hostnames"),
    ("S3 without a bucket",
     inventory({"mlflow_servers": ["a"], "mlflow_proxies": ["a"]}, mlflowops_artifacts="s3"),
     "aws_artifacts_bucket must be set"),
]


@pytest.mark.parametrize("name,hosts,message", CASES, ids=[case[0] for case in CASES])
def test_site_refuses_before_touching_a_host(name, hosts, message, tmp_path):
    (tmp_path / "hosts.yml").write_text(yaml.safe_dump(hosts))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=_COLLECTIONS, ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_HOST_KEY_CHECKING="false")
    result = subprocess.run(
        ["ansible-playbook", "-i", str(tmp_path / "hosts.yml"), os.path.join(ROOT, "playbooks", "site.yml"),
         "-e", json.dumps({"ansible_python_interpreter": sys.executable})],
        capture_output=True, text=True, env=env, check=False, timeout=120)
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, output[-2000:]
    assert message in output, output[-3000:]
    assert "UNREACHABLE" not in output and "Gathering Facts" not in output, "site.yml reached a host: " + output[-2000:]
