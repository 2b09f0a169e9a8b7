#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: mlflow_health
short_description: Check that an MLflow tracking server is healthy, and optionally that auth is enforced
version_added: 0.1.0
description:
  - Sends C(GET /health), which must answer 200, retrying with a delay until it does or the retries
    run out (for a server that is still starting).
  - With I(login_username), also reads C(GET /version) with basic auth and returns the version.
  - With I(check_auth_enforced), proves that an API call without credentials gets 401.
  - Read-only, so it runs in check mode. Uses only the standard library and Ansible's C(open_url), so
    it runs on a stock target; M(ansible.builtin.uri) would need three tasks, retries on each and
    could not explain a 403 "Invalid Host header".
author:
  - mlflowops maintainers (@mlflowops)
extends_documentation_fragment:
  - mlflowops.tracking.mlflow_api
options:
  check_auth_enforced:
    description: Also prove that C(GET /api/2.0/mlflow/experiments/search) without credentials gets 401.
    type: bool
    default: false
  retries:
    description: How many more times to try C(/health) after the first failure.
    type: int
    default: 0
  delay:
    description: Seconds between tries.
    type: int
    default: 3
attributes:
  check_mode:
    support: full
    description: The module only reads, so check mode runs it as usual.
  diff_mode:
    support: none
    description: Nothing changes, so there is nothing to diff.
"""

EXAMPLES = r"""
- name: Wait for MLflow on loopback, as the proxy will ask for it
  mlflowops.tracking.mlflow_health:
    tracking_uri: http://127.0.0.1:5000
    host_header: mlflow.example.com
    retries: 20
    delay: 2

- name: Check through the proxy that auth is on and read the version
  mlflowops.tracking.mlflow_health:
    tracking_uri: https://mlflow.example.com
    login_username: admin
    login_password: "{{ mlflow_admin_password }}"
    check_auth_enforced: true
    ca_path: /etc/ssl/certs/internal-ca.pem
  register: mlflow
"""

RETURN = r"""
status:
  description: HTTP status of the last C(/health) request.
  returned: success
  type: int
  sample: 200
version:
  description: The server's MLflow version, from C(/version).
  returned: when I(login_username) is set
  type: str
  sample: 3.17.2
latency_ms:
  description: Milliseconds the successful C(/health) request took.
  returned: success
  type: float
  sample: 4.2
attempts:
  description: How many C(/health) requests were sent.
  returned: always
  type: int
  sample: 1
auth_enforced:
  description: Whether the unauthenticated API call got 401.
  returned: when I(check_auth_enforced=true)
  type: bool
  sample: true
"""

import time

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.mlflowops.tracking.plugins.module_utils.mlflow_api import (
    CONNECTION_ARGUMENT_SPEC,
    MlflowApi,
    MlflowApiError,
)

AUTH_PROBE_PATH = "/api/2.0/mlflow/experiments/search"


def wait_healthy(api, retries, delay):
    """Return (status, seconds, attempts) of the first 200 from /health; raise after the last try."""
    last_error, attempts = None, 0
    for attempt in range(retries + 1):
        attempts = attempt + 1
        try:
            status, body, seconds = api.request("GET", "/health")
            if status == 200:
                return status, seconds, attempts
            last_error = MlflowApiError(api.describe("GET", "/health", status, body, 200), status)
        except MlflowApiError as exc:
            last_error = exc
        if attempt < retries:
            time.sleep(delay)
    last_error.attempts = attempts
    raise last_error


def read_version(api, auth):
    status, body, dummy = api.request("GET", "/version", auth=auth)
    if status != 200:
        raise MlflowApiError(api.describe("GET", "/version", status, body, 200), status)
    return body.strip()


def check_auth_enforced(api):
    status, body, dummy = api.request("GET", AUTH_PROBE_PATH, query={"max_results": 1})
    if status != 401:
        raise MlflowApiError("authentication is not enforced: " +
                             api.describe("GET", AUTH_PROBE_PATH, status, body, 401), status)
    return True


def main():
    argument_spec = dict(
        check_auth_enforced=dict(type="bool", default=False),
        retries=dict(type="int", default=0),
        delay=dict(type="int", default=3),
    )
    argument_spec.update(CONNECTION_ARGUMENT_SPEC)
    module = AnsibleModule(
        argument_spec=argument_spec,
        required_together=[("login_username", "login_password")],
        supports_check_mode=True,
    )
    params = module.params
    if params["retries"] < 0 or params["delay"] < 0 or params["timeout"] < 1:
        module.fail_json(msg="retries and delay must be 0 or more and timeout 1 or more")

    result = dict(changed=False, attempts=0)
    try:
        api = MlflowApi.from_params(params)
        status, seconds, attempts = wait_healthy(api, params["retries"], params["delay"])
        result.update(status=status, latency_ms=round(seconds * 1000, 1), attempts=attempts)
        if params["login_username"]:
            result["version"] = read_version(api, (params["login_username"], params["login_password"]))
        if params["check_auth_enforced"]:
            result["auth_enforced"] = check_auth_enforced(api)
    except MlflowApiError as exc:
        result["attempts"] = getattr(exc, "attempts", result["attempts"])
        if exc.status is not None:
            result["status"] = exc.status
        module.fail_json(msg=to_native(exc), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
