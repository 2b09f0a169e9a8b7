"""Bad input fails in preflight with a message that says what to set, before anything changes.

Each case runs the role's argument validation and preflight tasks only (its *_preflight tag) in
check mode against localhost, so nothing on the machine is touched; a good configuration passes.
"""

import json
import os
import subprocess
import sys

import pytest

from conftest import _COLLECTIONS

GOOD = {
    "mlflow_server": {"mlflow_server_public_hostnames": ["mlflow.example.com"],
                      "mlflow_server_admin_password": "long-enough-password"},
    "caddy_proxy": {"caddy_proxy_server_names": ["mlflow.example.com"], "caddy_proxy_acme_email": "ops@example.com"},
    "nginx_tls": {"nginx_tls_server_names": ["mlflow.example.com"], "nginx_tls_acme_email": "ops@example.com"},
    "postgres_backend": {},
    "host_firewall": {"host_firewall_rules": [{"name": "mlflow", "port": 5000, "sources": ["10.0.0.20", "2001:db8::/64"]}],
                      "host_firewall_ssh_sources": ["203.0.113.0/24"]},
    "aws_artifacts": {"aws_artifacts_bucket": "acme-mlflow-artifacts"},
    "aws_provision": {"aws_provision_allowed_cidrs": ["198.51.100.0/24"], "aws_provision_admin_cidr": "203.0.113.7/32",
                      "aws_provision_ssh_public_key_file": __file__},
}

BAD = [
    ("mlflow_server", {"mlflow_server_admin_password": "short"}, "at least 12 characters"),
    ("mlflow_server", {"mlflow_server_kek_passphrase": "x" * 31}, "mlflow_server_kek_passphrase must have at least 32"),
    ("mlflow_server", {"mlflow_server_data_dir": "var/lib/mlflow"}, "mlflow_server_data_dir must be an absolute path"),
    ("mlflow_server", {"mlflow_server_data_dir": "/var/lib"}, "mlflow_server_data_dir must be an absolute path of a"),
    ("mlflow_server", {"mlflow_server_backup_dir": "/var/lib/mlflow/../../backups"},
     "mlflow_server_backup_dir must be an absolute path of a"),
    ("mlflow_server", {"mlflow_server_artifacts_destination": "/srv/"},
     "mlflow_server_artifacts_destination must be an absolute path of a"),
    ("mlflow_server", {"mlflow_server_backend_store": "mysql://u:secret@db/mlflow"},
     'mlflow_server_backend_store must be "sqlite" or a postgresql:// URI'),
    ("mlflow_server", {"mlflow_server_artifacts_destination": "s3://"}, "s3://BUCKET[/PREFIX]"),
    ("mlflow_server", {"mlflow_server_backup_s3_destination": "/var/backups/mlflow"},
     "mlflow_server_backup_s3_destination must be s3://BUCKET/PREFIX"),
    ("mlflow_server", {"mlflow_server_artifacts_destination": "s3://acme/mlflow",
                       "mlflow_server_backup_s3_destination": "s3://acme/mlflow/backups"}, "outside mlflow_server_artifacts"),
    ("mlflow_server", {"mlflow_server_artifacts_destination": "s3://acme",
                       "mlflow_server_backup_s3_destination": "s3://acme/backups"}, "outside mlflow_server_artifacts"),
    ("mlflow_server", {"mlflow_server_artifacts_destination": "artifacts"}, "must be an absolute path"),
    ("mlflow_server", {"mlflow_server_public_hostnames": ["https://mlflow.example.com"]}, "Drop any scheme"),
    ("mlflow_server", {"mlflow_server_version": "3.1.4"}, "3.5.0 or newer"),
    ("mlflow_server", {"mlflow_server_users": [{"username": "alice", "password": "short"}]},
     "a password of at least 12 characters"),
    ("mlflow_server", {"mlflow_server_workers": "many"}, "mlflow_server_workers"),
    ("mlflow_server", {"mlflow_server_workers": 65}, "Set mlflow_server_workers to 1-64, or 0 to size them"),
    ("mlflow_server", {"mlflow_server_workers": -1}, "Set mlflow_server_workers to 1-64, or 0 to size them"),
    ("mlflow_server", {"mlflow_server_auth_cache_ttl": 86400}, "how long a revoked password may still work"),
    ("mlflow_server", {"mlflow_server_auth_cache_ttl": -5}, "how long a revoked password may still work"),
    ("mlflow_server", {"mlflow_server_db_pool_size": 0}, "mlflow_server_db_pool_size to 1 or more"),
    ("mlflow_server", {"mlflow_server_backup_every_hours": 48}, "Set mlflow_server_backup_every_hours to 1-24"),
    ("mlflow_server", {"mlflow_server_backup_every_hours": -1}, "Set mlflow_server_backup_every_hours to 1-24"),
    ("mlflow_server", {"mlflow_server_backup_keep": 0}, "mlflow_server_backup_keep to 1 or more"),
    ("mlflow_server", {"mlflow_server_gc_older_than": "30 days"}, "Set mlflow_server_gc_older_than to an age"),
    ("mlflow_server", {"mlflow_server_db_max_overflow": -1}, "mlflow_server_db_max_overflow to 0 or more"),
    ("mlflow_server", {"mlflow_server_restore_backup": "latest"}, "Set mlflow_server_restore_backup to a backup's UTC"),
    ("mlflow_server", {"mlflow_server_restore_backup": "../../etc/20261201T000000Z"},
     "Set mlflow_server_restore_backup to a backup's UTC"),
    ("mlflow_server", {"mlflow_server_restore_from": "backups/20261201T000000Z"},
     "mlflow_server_restore_from must be the absolute path of a backup directory on the controller"),
    ("mlflow_server", {"mlflow_server_restore_from": "/nonexistent/20261201T000000Z"},
     "mlflow_server_restore_from must be the absolute path of a backup directory on the controller"),
    ("mlflow_server", {"mlflow_server_restore_from": "/tmp", "mlflow_server_restore_backup": "20261201T000000Z"},
     "Set either mlflow_server_restore_backup or mlflow_server_restore_from, not both"),
    ("mlflow_server", {"mlflow_server_auth_cache_max_size": 0}, "mlflow_server_auth_cache_max_size to 1 or more"),
    ("mlflow_server", {"mlflow_server_sqlite_journal_mode": "WAL2"}, "mlflow_server_sqlite_journal_mode"),
    ("mlflow_server", {"mlflow_server_aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG"},
     "is set without mlflow_server_aws_access_key_id"),
    ("mlflow_server", {"mlflowops_deployment": "../prod"}, "mlflow_server_secrets_name (from mlflowops_deployment)"),
    ("mlflow_server", {"mlflow_server_secrets_name": ""}, "mlflow_server_secrets_name (from mlflowops_deployment)"),
    ("postgres_backend", {"mlflowops_deployment": "prod/db"},
     "postgres_backend_secrets_name (from mlflowops_deployment)"),
    ("mlflow_server", {"mlflow_server_public_hostnames": ["mlflow_1.example.com"]}, "host names only"),
    ("mlflow_server", {"mlflow_server_public_hostnames": ["mlflow.example.com."]}, "host names only"),
    ("caddy_proxy", {"caddy_proxy_server_names": ["*.example.com"]}, "cannot issue a"),
    ("caddy_proxy", {"caddy_proxy_server_names": ["-bad.example.com"]}, "host names only"),
    ("nginx_tls", {"nginx_tls_server_names": ["*.example.com"]}, "cannot issue a certificate for *.example.com"),
    ("nginx_tls", {"nginx_tls_server_names": ["a..example.com"]}, "without scheme, port or path"),
    ("caddy_proxy", {"caddy_proxy_site_names": ["mlflow.example.com"]},
     "caddy_proxy_site_names was renamed to caddy_proxy_server_names"),
    ("nginx_tls", {"nginx_tls_mode": "provided", "nginx_tls_client_max_body_size": "1g"},
     "nginx_tls_client_max_body_size was renamed to nginx_tls_max_body_size; nginx_tls_mode was renamed to"),
    ("caddy_proxy", {"caddy_proxy_max_body_size": "20 GiB"}, "caddy_proxy_max_body_size must be a size"),
    ("nginx_tls", {"nginx_tls_max_body_size": "20gb"}, "nginx_tls_max_body_size must be a size"),
    ("nginx_tls", {"nginx_tls_max_body_size": "1k"}, "nginx_tls_max_body_size must be a size of at least 1M"),
    ("caddy_proxy", {"caddy_proxy_acme_email": ""}, "needs caddy_proxy_acme_email"),
    ("caddy_proxy", {"caddy_proxy_server_names": []}, "needs at least one name in caddy_proxy_server_names"),
    ("caddy_proxy", {"caddy_proxy_basic_auth_users": [{"username": "alice", "password": "x" * 73}]},
     "a password of 1 to 72 bytes"),
    ("caddy_proxy", {"caddy_proxy_upstreams": ["http://127.0.0.1:5000"]}, "entries are host:port"),
    ("nginx_tls", {"nginx_tls_acme_email": ""}, "needs nginx_tls_acme_email"),
    ("nginx_tls", {"nginx_tls_tls_mode": "provided", "nginx_tls_provided_cert": "/tmp/c.pem"},
     "needs both nginx_tls_provided_cert and nginx_tls_provided_key"),
    ("nginx_tls", {"nginx_tls_server_names": ["mlflow.example.com:443"]}, "without scheme, port or path"),
    ("nginx_tls", {"nginx_tls_auth_cache_ttl": 100000}, "nginx_tls_auth_cache_ttl must be 0-86400"),
    ("postgres_backend", {"postgres_backend_max_connections": 10}, "postgres_backend_max_connections must be 20-262143"),
    ("postgres_backend", {"postgres_backend_mode": "external"}, "postgres_backend_host is empty: set it"),
    ("postgres_backend", {"postgres_backend_mode": "external", "postgres_backend_host": "db.example.com"},
     "needs postgres_backend_login_user and postgres_backend_login_password"),
    ("postgres_backend", {"postgres_backend_db_password": "short"}, "at least 16 characters"),
    ("postgres_backend", {"postgres_backend_db_name": "ml-flow"}, "lower-case PostgreSQL identifier"),
    ("postgres_backend", {"postgres_backend_auth_db_name": "mlflow"}, "must differ from postgres_backend_db_name"),
    ("postgres_backend", {"postgres_backend_client_addresses": ["10.0.0.0/24"]}, "would listen on loopback only"),
    ("postgres_backend", {"postgres_backend_listen_addresses": ["*"]}, "set postgres_backend_host to the address"),
    ("postgres_backend", {"postgres_backend_listen_addresses": ["127.0.0.1", "10.0.0.5"],
                          "postgres_backend_client_addresses": ["mlflow.example.com"]}, "IP addresses or CIDRs"),
    ("postgres_backend", {"postgres_backend_ssl_cert_src": "/tmp/db.pem"}, "Set both postgres_backend_ssl_cert_src"),
    ("aws_artifacts", {"aws_artifacts_bucket": ""}, "aws_artifacts_bucket must be set"),
    ("aws_artifacts", {"aws_artifacts_prefix": "s3://bucket/mlflow"}, "aws_artifacts_prefix must be a key prefix"),
    ("aws_artifacts", {"aws_artifacts_kms_key_id": "1234abcd-12ab"}, "must be the key's ARN"),
    ("aws_artifacts", {"aws_artifacts_state": "gone"}, "aws_artifacts_state"),
    # Backups inside MLflow's prefix (or with MLflow on the whole bucket) are MLflow's to delete.
    ("aws_artifacts", {"aws_artifacts_backup_prefix": "mlflow/backups"}, "aws_artifacts_backup_prefix must be a key"),
    ("aws_artifacts", {"aws_artifacts_backup_prefix": "/mlflow/"}, "neither holds nor lies inside"),
    ("aws_artifacts", {"aws_artifacts_prefix": "backups/mlflow", "aws_artifacts_backup_prefix": "backups"},
     "neither holds nor lies inside"),
    ("aws_artifacts", {"aws_artifacts_prefix": ""}, "an empty aws_artifacts_prefix is the whole bucket"),
    ("aws_artifacts", {"aws_artifacts_backup_prefix": "my backups"}, "aws_artifacts_backup_prefix must be a key"),
    ("aws_artifacts", {"aws_artifacts_backup_expiration_days": 0}, "aws_artifacts_backup_expiration_days at least 1"),
    ("aws_artifacts", {"aws_artifacts_restore_backup": "mlflow-1/yesterday"}, "aws_artifacts_restore_backup must be"),
    ("aws_artifacts", {"aws_artifacts_restore_backup": "s3://acme/mlflow-backups/mlflow-1"},
     "aws_artifacts_restore_backup must be"),
    ("aws_artifacts", {"aws_artifacts_restore_backup": "mlflow-1", "aws_artifacts_backup_prefix": ""},
     "which must be set"),
    ("aws_provision", {"aws_provision_allowed_cidrs": []}, "Set aws_provision_allowed_cidrs"),
    ("aws_provision", {"aws_provision_allowed_cidrs": ["everyone"]}, "Set aws_provision_allowed_cidrs"),
    ("aws_provision", {"aws_provision_admin_cidr": ""}, "Set aws_provision_admin_cidr"),
    ("aws_provision", {"aws_provision_ssh_public_key_file": "/nonexistent/id.pub"},
     "Set aws_provision_ssh_public_key_file"),
    ("aws_provision", {"aws_provision_project": "ML_Flow"}, "lower-case letters, digits and hyphens"),
    ("aws_provision", {"aws_provision_rds": True}, "keep one database"),
    ("aws_provision", {"aws_provision_alb": True}, "needs aws_provision_alb_certificate_arn"),
    ("aws_provision", {"aws_provision_dns_zone": "example.com"}, "set aws_provision_dns_name"),
    ("aws_provision", {"aws_provision_instances": [{"name": "proxy", "groups": ["mlflow_proxies"]}]},
     "needs at least one instance in mlflow_servers"),
    ("aws_provision", {"aws_provision_os": "centos7"}, "aws_provision_os"),
    ("aws_provision", {"aws_provision_admin_cidr": "0.0.0.0/0"}, "not every address"),
    ("aws_provision", {"aws_provision_admin_cidr": "203.0.113.300/32"}, "Set aws_provision_admin_cidr"),
    ("aws_provision", {"aws_provision_allowed_cidrs": ["198.51.100.0/33"]}, "Set aws_provision_allowed_cidrs"),
    ("postgres_backend", {"postgres_backend_listen_addresses": ["127.0.0.1", "10.0.0.5"],
                          "postgres_backend_client_addresses": ["10.0.0.300/24"]}, "'10.0.0.300/24' is neither"),
    # A prefix is written into URLs and the proxies' configuration: only plain path segments.
    ("mlflow_server", {"mlflow_server_static_prefix": "/ml flow"}, "mlflow_server_static_prefix must be empty or path"),
    ("mlflow_server", {"mlflow_server_static_prefix": "/mlflow/"}, "mlflow_server_static_prefix must be empty or path"),
    ("nginx_tls", {"nginx_tls_tls_mode": "selfsigned", "nginx_tls_static_prefix": "/mlflow;return 200"},
     "nginx_tls_static_prefix (by default mlflow_server_static_prefix) must be empty"),
    ("caddy_proxy", {"caddy_proxy_tls_mode": "internal", "caddy_proxy_static_prefix": "/mlflow}"},
     "caddy_proxy_static_prefix (by default mlflow_server_static_prefix) must be empty"),
    # Values argument validation accepts and the role would then use as given.
    ("caddy_proxy", {"caddy_proxy_tls_mode": False}, 'quote it (caddy_proxy_tls_mode: "off")'),
    ("mlflow_server", {"mlflow_server_auth_enabled": "false"}, "mlflow_server_auth_enabled is the string 'false'"),
    ("caddy_proxy", {"caddy_proxy_server_names": "mlflow.example.com"},
     "caddy_proxy_server_names is a string: it must be a list"),
    ("mlflow_server", {"mlflow_server_users": {"username": "alice", "password": "secret-password-1"}},
     "argument 'mlflow_server_users' is of type dict"),
    ("postgres_backend", {"postgres_backend_max_connections": True}, "postgres_backend_max_connections is the boolean"),
    ("mlflow_server", {"mlflow_server_users": [{"username": "alice", "password": "alice-password-1",
                                                "permissions": [{"experiment": "churn", "permission": "WRITE"}]}]},
     "Permissions are READ, EDIT, MANAGE or DENY"),
    # Accepted before MLflow 3.17; its grant API now refuses it, after MLflow is running.
    ("mlflow_server", {"mlflow_server_users": [{"username": "alice", "password": "alice-password-1",
                                                "permissions": [{"experiment": "churn", "permission": "NO_PERMISSIONS"}]}]},
     "MLflow 3.17 refuses a NO_PERMISSIONS grant on one object: DENY takes it away"),
    ("mlflow_server", {"mlflow_server_users": [{"username": "ali:ce", "password": "alice-password-1"}]},
     "a username has no colon"),
    ("mlflow_server", {"mlflow_server_users": [{"username": "alice", "password": "alice-password-1",
                                                "permissions": [{"experiment": "a", "registered_model": "b",
                                                                 "permission": "READ"}]}]},
     "names one of experiment, experiment_id or registered_model"),
    # Names each service would refuse only after something was created (S3's rules, AWS's regions).
    ("aws_artifacts", {"aws_artifacts_bucket": "192.168.1.1"}, "not an IP address"),
    ("aws_artifacts", {"aws_artifacts_bucket": "acme..mlflow"}, "aws_artifacts_bucket must be set to a globally"),
    ("aws_artifacts", {"aws_artifacts_bucket": "xn--acme-mlflow"}, "not starting with xn--"),
    ("aws_artifacts", {"aws_artifacts_bucket": "acme-mlflow-s3alias"}, "not ending with -s3alias"),
    ("aws_artifacts", {"aws_artifacts_bucket": "acme.-mlflow"}, "aws_artifacts_bucket must be set to a globally"),
    ("aws_artifacts", {"aws_artifacts_region": "us-east"}, "aws_artifacts_region must be an AWS region code"),
    ("aws_artifacts", {"aws_artifacts_region": "eu-west-1a"}, "aws_artifacts_region must be an AWS region code"),
    ("mlflow_server", {"mlflow_server_artifacts_destination": "s3://acme--ol-s3/mlflow"},
     "s3://BUCKET[/PREFIX] with a valid bucket name"),
    ("mlflow_server", {"mlflow_server_backup_s3_destination": "s3://10.0.0.1/backups"},
     "mlflow_server_backup_s3_destination must be s3://BUCKET/PREFIX with a valid bucket name"),
    ("mlflow_server", {"mlflow_server_aws_region": "US-EAST-1"}, "mlflow_server_aws_region must be empty or an AWS"),
    ("aws_provision", {"aws_provision_region": "mars-1"}, "aws_provision_region must be an AWS region code"),
    ("aws_provision", {"aws_provision_alb": True,
                       "aws_provision_alb_certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"},
     "the ALB's region"),
    ("aws_provision", {"aws_provision_alb": True,
                       "aws_provision_alb_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                       "aws_provision_instances": [{"name": "proxy", "groups": ["mlflow_proxies"]},
                                                   {"name": "mlflow", "groups": ["mlflow_servers"]}]},
     "two public entry points"),
    ("aws_provision", {"aws_provision_mlflow_port": 22}, "aws_provision_mlflow_port must be 1024-65535"),
    ("aws_provision", {"aws_provision_mlflow_port": 70000}, "aws_provision_mlflow_port must be 1024-65535"),
    # Ports, networks and upstreams.
    ("caddy_proxy", {"caddy_proxy_http_port": 443}, "must be two different ports of 1-65535"),
    ("caddy_proxy", {"caddy_proxy_https_port": 70000}, "must be two different ports of 1-65535"),
    ("caddy_proxy", {"caddy_proxy_allowed_cidrs": ["10.0.0.0/33"]}, "caddy_proxy_allowed_cidrs entries are"),
    ("caddy_proxy", {"caddy_proxy_upstreams": ["127.0.0.1:99999"]}, "with a port of 1-65535"),
    ("nginx_tls", {"nginx_tls_upstreams": ["127.0.0.1:0"]}, "with a port of 1-65535"),
    ("caddy_proxy", {"caddy_proxy_health_interval": "5"}, "caddy_proxy_health_interval must be a positive duration"),
    ("caddy_proxy", {"caddy_proxy_lb_try_duration": "0s"}, "caddy_proxy_lb_try_duration must be a positive duration"),
    ("nginx_tls", {"nginx_tls_rate_limit": "10/s"}, "nginx_tls_rate_limit must be empty or requests per second"),
    ("nginx_tls", {"nginx_tls_proxy_timeout": "15 min"}, "nginx_tls_proxy_timeout a positive time"),
    ("postgres_backend", {"postgres_backend_port": 70000}, "postgres_backend_port must be 1-65535"),
    ("postgres_backend", {"postgres_backend_listen_addresses": ["127.0.0.1", "10.0.0.300"]},
     "postgres_backend_listen_addresses entries are IP addresses"),
    ("mlflow_server", {"mlflow_server_host": "999.1.1.1"}, "mlflow_server_host must be the address"),
    # Users and passwords: duplicates, bytes, control characters, the bcrypt cost.
    ("caddy_proxy", {"caddy_proxy_basic_auth_users": [{"username": "alice", "password": "alice-password-1"},
                                                      {"username": "alice", "password": "other-password-1"}]},
     "caddy_proxy_basic_auth_users names alice more than once"),
    ("nginx_tls", {"nginx_tls_basic_auth_users": [{"username": "bob", "password": "bob-password-1"},
                                                  {"username": "bob", "state": "absent"}]},
     "nginx_tls_basic_auth_users names bob more than once"),
    ("nginx_tls", {"nginx_tls_basic_auth_users": [{"username": "alice", "password": "\u00e9" * 40}]},
     "a password of 1 to 72 bytes"),
    ("caddy_proxy", {"caddy_proxy_bcrypt_cost": 3}, "caddy_proxy_bcrypt_cost must be 4-31"),
    ("nginx_tls", {"nginx_tls_bcrypt_cost": 32}, "nginx_tls_bcrypt_cost must be 4-31"),
    ("mlflow_server", {"mlflow_server_admin_password": "long-enough-password\n"}, "no control character"),
    ("mlflow_server", {"mlflow_server_users": [{"username": "alice", "password": "alice-password-1\r"}]},
     "without control characters"),
    # Names a system already uses.
    ("postgres_backend", {"postgres_backend_db_name": "postgres"}, "a name PostgreSQL keeps for itself"),
    ("postgres_backend", {"postgres_backend_db_name": "template1"}, "a name PostgreSQL keeps for itself"),
    ("postgres_backend", {"postgres_backend_db_user": "postgres"}, "a name PostgreSQL keeps for itself"),
    ("postgres_backend", {"postgres_backend_db_user": "pg_monitor"}, "a name PostgreSQL keeps for itself"),
    ("postgres_backend", {"postgres_backend_auth_db_name": "template0"}, "a name PostgreSQL keeps for itself"),
    ("mlflow_server", {"mlflow_server_user": "root"}, "mlflow_server_user must be an account name of MLflow's own"),
    ("mlflow_server", {"mlflow_server_group": "www-data"}, "mlflow_server_group must be an account name"),
    ("mlflow_server", {"mlflow_server_user": "MLflow"}, "mlflow_server_user must be an account name"),
    # The host firewall: a port closed to everyone, sources that are not networks, clashes.
    ("host_firewall", {"host_firewall_rules": [{"name": "mlflow", "port": 5000, "sources": []}]},
     "With no source at all the port would be closed to everyone"),
    ("host_firewall", {"host_firewall_rules": [{"name": "mlflow", "port": 5000, "sources": ["10.0.0.300"]}]},
     'not). With no source'),
    ("host_firewall", {"host_firewall_rules": [{"name": "mlflow", "port": 5000, "sources": "10.0.0.5"}]},
     "a non-empty list of sources"),
    ("host_firewall", {"host_firewall_rules": [{"name": "mlflow", "port": 70000, "sources": ["10.0.0.5"]}]},
     "a port 1-65535"),
    ("host_firewall", {"host_firewall_rules": [{"name": "MLflow port", "port": 5000, "sources": ["10.0.0.5"]}]},
     "needs a name (a-z, 0-9, _)"),
    ("host_firewall", {"host_firewall_rules": [{"name": "mlflow", "port": 5000, "sources": ["10.0.0.5"]},
                                               {"name": "api", "port": 5000, "sources": ["10.0.0.6"]}]},
     "give one port twice"),
    ("host_firewall", {"host_firewall_rules": [{"name": "sshd", "port": 22, "sources": ["10.0.0.5"]}]},
     "give one port twice"),
    ("host_firewall", {"host_firewall_rules": [{"name": "ssh", "port": 2222, "sources": ["10.0.0.5"]}]},
     "give one name twice"),
    ("host_firewall", {"host_firewall_ssh_sources": ["office"]}, "host_firewall_ssh_sources must be IP addresses or CIDRs"),
    # Sizes in each server's syntax.
    ("postgres_backend", {"postgres_backend_shared_buffers": "128 MB"}, "postgres_backend_shared_buffers must be"),
    ("postgres_backend", {"postgres_backend_work_mem": "16mb"}, "postgres_backend_work_mem must be a number with kB"),
]


def run_playbook(role, inventory, tmp_path, callback):
    (tmp_path / "inventory.json").write_text(json.dumps(inventory))
    playbook = tmp_path / "preflight.yml"
    playbook.write_text(
        "- hosts: all\n  gather_facts: false\n  roles:\n    - role: mlflowops.tracking.%s\n" % role)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=_COLLECTIONS, ANSIBLE_NOCOLOR="1",
               ANSIBLE_STDOUT_CALLBACK=callback, ANSIBLE_FORKS="8",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="false")
    return subprocess.run(
        ["ansible-playbook", "--check", "-i", str(tmp_path / "inventory.json"), "--tags", role + "_preflight",
         str(playbook)],
        capture_output=True, text=True, env=env, check=False, timeout=300)


def run_preflight(role, cases, tmp_path):
    """Run the role's preflight once, each case as a host of its own; return (output, per-host results).

    One ansible-playbook run per role instead of one per case: most of a case's cost is Ansible's
    start-up. A host's first failure ends its play, so each host's failed results are its case's.
    """
    inventory = {"all": {"hosts": {}}}
    for name, extra_vars in cases.items():
        variables = dict(GOOD[role], ansible_connection="local", ansible_python_interpreter=sys.executable,
                         mlflow_server_secrets_dir=str(tmp_path / "secrets" / name))
        variables.update(extra_vars)
        inventory["all"]["hosts"][name] = variables
    result = run_playbook(role, inventory, tmp_path, "ansible.posix.json")
    output = result.stdout + result.stderr
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail("ansible-playbook printed no JSON report:\n" + output[-3000:])
    failures = {name: [] for name in cases}
    for play in report["plays"]:
        for task in play["tasks"]:
            for name, host_result in task["hosts"].items():
                if host_result.get("failed"):
                    failures[name].append(json.dumps(host_result))
    for name, stats in report["stats"].items():
        if stats.get("failures") and not failures[name]:
            failures[name].append("failed without a task result: " + json.dumps(stats))
    # A no_log task's result is censored in the report; the error line Ansible prints for the user
    # still has its message, so such a case runs again on its own with the default output.
    for name, results in failures.items():
        if results and all('"censored"' in r for r in results):
            alone = tmp_path / name
            alone.mkdir()
            single = run_playbook(role, {"all": {"hosts": {name: inventory["all"]["hosts"][name]}}}, alone, "default")
            results.append(single.stdout + single.stderr)
            output += single.stdout + single.stderr
    return output, failures


@pytest.fixture(scope="module")
def preflight_results(tmp_path_factory):
    """Every case's failures, one playbook run per role, made when a role's first case asks."""
    done = {}

    def _results(role):
        if role not in done:
            cases = {"good": {}}
            cases.update(("case%d" % i, case[1]) for i, case in enumerate(BAD) if case[0] == role)
            done[role] = run_preflight(role, cases, tmp_path_factory.mktemp(role))
        return done[role]

    return _results


@pytest.mark.parametrize("role", sorted(GOOD))
def test_a_good_configuration_passes_preflight(role, preflight_results):
    failures = preflight_results(role)[1]
    assert not failures["good"], "\n".join(failures["good"])


@pytest.mark.parametrize("index", range(len(BAD)), ids=["%s-%d" % (b[0], i) for i, b in enumerate(BAD)])
def test_bad_input_fails_with_what_to_set(index, preflight_results):
    role, message = BAD[index][0], BAD[index][2]
    output, failures = preflight_results(role)
    failed = " ".join(" ".join(failures["case%d" % index]).split())
    assert failed, "case%d passed preflight" % index
    assert message in failed.replace("\\n", " ").replace("\\\"", '"'), failed[-2000:]
    assert "secret@" not in output and "x" * 73 not in output, "a secret reached the output"
