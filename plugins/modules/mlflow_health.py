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
  - With I(url_username), also reads C(GET /version) with basic auth and returns the version.
  - With I(check_auth_enforced), proves that an API call without credentials gets 401.
  - Read-only, so it runs in check mode. Uses only the standard library and Ansible's C(open_url), so
    it runs on a stock target; M(ansible.builtin.uri) would need three tasks, retries on each and
    could not explain a 403 "Invalid Host header".
author:
  - mlflowops maintainers (@mlflowops)
options:
  url:
    description: Base URL of the server or of the proxy in front of it, without a path.
    type: str
    required: true
  static_prefix:
    description: The server's C(--static-prefix), if any, for example C(/mlflow).
    type: str
    default: ''
  host_header:
    description:
      - Send this C(Host) header instead of the one from I(url), for example the public name when
        checking MLflow on 127.0.0.1.
    type: str
  url_username:
    description: Basic-auth user for C(/version); without it C(/version) is not read.
    type: str
  url_password:
    description: Basic-auth password for I(url_username).
    type: str
  check_auth_enforced:
    description: Also prove that C(GET /api/2.0/mlflow/experiments/search) without credentials gets 401.
    type: bool
    default: false
  validate_certs:
    description: Verify the server's TLS certificate. Set C(false) only for a lab.
    type: bool
    default: true
  ca_path:
    description: CA bundle to verify the server's certificate with, for a private CA.
    type: path
  timeout:
    description: Seconds to wait for each response.
    type: int
    default: 10
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
    url: http://127.0.0.1:5000
    host_header: mlflow.example.com
    retries: 20
    delay: 2

- name: Check through the proxy that auth is on and read the version
  mlflowops.tracking.mlflow_health:
    url: https://mlflow.example.com
    url_username: admin
    url_password: "{{ mlflow_admin_password }}"
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
  returned: when I(url_username) is set
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
from urllib.error import HTTPError, URLError

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native, to_text
from ansible.module_utils.urls import open_url

AUTH_PROBE_PATH = "/api/2.0/mlflow/experiments/search?max_results=1"
BODY_EXCERPT = 200


class HealthError(Exception):
    def __init__(self, msg, status=None):
        super(HealthError, self).__init__(msg)
        self.status = status


def hint_for(status, body):
    """Say which setting fixes the failures users hit most."""
    if status == 403 and "Invalid Host header" in body:
        return ("MLflow rejected the Host header: add the name to MLFLOW_SERVER_ALLOWED_HOSTS "
                "(mlflowops.tracking.mlflow_server: mlflow_server_public_hostnames), and make the "
                "proxy pass Host unchanged")
    if status == 403 and "Cross-origin" in body:
        return "add the origin to MLFLOW_SERVER_CORS_ALLOWED_ORIGINS (mlflow_server_public_hostnames)"
    if status == 401:
        return "check the basic-auth user and password"
    if status in (502, 503, 504):
        return "the proxy cannot reach MLflow: is mlflow.service running and listening where the proxy points?"
    return None


def join_url(base, prefix, path):
    return base.rstrip("/") + "/" + "/".join(p.strip("/") for p in (prefix, path) if p.strip("/"))


class Checker(object):
    def __init__(self, params):
        self.params = params
        self.headers = {"Host": params["host_header"]} if params["host_header"] else {}

    def get(self, path, with_auth=False):
        """Return (status, body, seconds); raises HealthError when no HTTP answer came."""
        p = self.params
        url = join_url(p["url"], p["static_prefix"], path)
        kwargs = dict(method="GET", headers=self.headers, timeout=p["timeout"],
                      validate_certs=p["validate_certs"], ca_path=p["ca_path"], follow_redirects="none")
        if with_auth:
            kwargs.update(url_username=p["url_username"], url_password=p["url_password"],
                          force_basic_auth=True)
        started = time.monotonic()
        try:
            response = open_url(url, **kwargs)
            status, body = response.getcode(), response.read()
        except HTTPError as exc:
            status, body = exc.code, exc.read() if hasattr(exc, "read") else b""
        except (URLError, IOError, OSError, ValueError) as exc:
            raise HealthError("GET %s failed: %s" % (url, to_native(getattr(exc, "reason", exc))))
        return status, to_text(body, errors="replace"), time.monotonic() - started

    def describe(self, path, status, body, expected):
        url = join_url(self.params["url"], self.params["static_prefix"], path)
        excerpt = body.strip()[:BODY_EXCERPT] or "(empty)"
        msg = "GET %s returned %s, expected %s; body: %s" % (url, status, expected, excerpt)
        hint = hint_for(status, body)
        return "%s. Hint: %s" % (msg, hint) if hint else msg

    def wait_healthy(self):
        attempts, last_error = 0, None
        for attempt in range(self.params["retries"] + 1):
            attempts = attempt + 1
            try:
                status, body, seconds = self.get("/health")
                if status == 200:
                    return status, seconds, attempts
                last_error = HealthError(self.describe("/health", status, body, 200), status)
            except HealthError as exc:
                last_error = exc
            if attempt < self.params["retries"]:
                time.sleep(self.params["delay"])
        last_error.attempts = attempts
        raise last_error

    def version(self):
        status, body, dummy = self.get("/version", with_auth=True)
        if status != 200:
            raise HealthError(self.describe("/version", status, body, 200), status)
        return body.strip()

    def auth_enforced(self):
        status, body, dummy = self.get(AUTH_PROBE_PATH)
        if status != 401:
            raise HealthError("authentication is not enforced: " +
                              self.describe(AUTH_PROBE_PATH, status, body, 401), status)
        return True


def main():
    module = AnsibleModule(
        argument_spec=dict(
            url=dict(type="str", required=True),
            static_prefix=dict(type="str", default=""),
            host_header=dict(type="str"),
            url_username=dict(type="str"),
            url_password=dict(type="str", no_log=True),
            check_auth_enforced=dict(type="bool", default=False),
            validate_certs=dict(type="bool", default=True),
            ca_path=dict(type="path"),
            timeout=dict(type="int", default=10),
            retries=dict(type="int", default=0),
            delay=dict(type="int", default=3),
        ),
        required_together=[("url_username", "url_password")],
        supports_check_mode=True,
    )
    params = module.params
    if not params["url"].startswith(("http://", "https://")):
        module.fail_json(msg="url must start with http:// or https://, got %s" % params["url"])
    if params["retries"] < 0 or params["delay"] < 0 or params["timeout"] < 1:
        module.fail_json(msg="retries and delay must be 0 or more and timeout 1 or more")

    checker = Checker(params)
    result = dict(changed=False, attempts=0)
    try:
        status, seconds, attempts = checker.wait_healthy()
        result.update(status=status, latency_ms=round(seconds * 1000, 1), attempts=attempts)
        if params["url_username"]:
            result["version"] = checker.version()
        if params["check_auth_enforced"]:
            result["auth_enforced"] = checker.auth_enforced()
    except HealthError as exc:
        result["attempts"] = getattr(exc, "attempts", result["attempts"])
        if exc.status is not None:
            result["status"] = exc.status
        module.fail_json(msg=to_native(exc), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
