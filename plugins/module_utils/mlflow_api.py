# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small client for MLflow's REST API on Ansible's open_url (standard library only).

Shared by mlflow_health and mlflow_user. Errors carry the URL, status and a body excerpt, plus a
hint for the failures users hit most behind proxies.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode

from ansible.module_utils.common.text.converters import to_native, to_text

from ansible.module_utils.urls import open_url

BODY_EXCERPT = 200

# Connection options shared by the modules (one vocabulary, settable once for the action group
# mlflowops.tracking.mlflow with module_defaults); documented in doc_fragments/mlflow_api.py.
CONNECTION_ARGUMENT_SPEC = dict(
    tracking_uri=dict(type="str", default="http://127.0.0.1:5000", aliases=["url"]),
    login_username=dict(type="str", aliases=["url_username"]),
    login_password=dict(type="str", no_log=True, aliases=["url_password"]),
    static_prefix=dict(type="str", default=""),
    host_header=dict(type="str"),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="int", default=10),
)


class MlflowApiError(Exception):
    def __init__(self, msg, status=None, error_code=None):
        super(MlflowApiError, self).__init__(msg)
        self.status = status
        self.error_code = error_code


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
    parts = [p.strip("/") for p in (prefix, path) if p.strip("/")]
    return base.rstrip("/") + "/" + "/".join(parts)


class MlflowApi(object):
    def __init__(self, url, static_prefix="", host_header=None, validate_certs=True, ca_path=None, timeout=10):
        if not url.startswith(("http://", "https://")):
            raise MlflowApiError("url must start with http:// or https://, got %s" % url)
        self.base = url
        self.prefix = static_prefix or ""
        self.headers = {"Host": host_header} if host_header else {}
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.timeout = timeout

    @classmethod
    def from_params(cls, params):
        options = dict((k, params[k]) for k in CONNECTION_ARGUMENT_SPEC
                       if k not in ("tracking_uri", "login_username", "login_password"))
        return cls(params["tracking_uri"], **options)

    def url(self, path, query=None):
        url = join_url(self.base, self.prefix, path)
        return url + "?" + urlencode(query) if query else url

    def request(self, method, path, auth=None, payload=None, query=None):
        """Return (status, body text, seconds). Raises MlflowApiError when no HTTP answer came."""
        url = self.url(path, query)
        headers = dict(self.headers)
        data = None
        if payload is not None:
            data = json.dumps(payload)
            headers["Content-Type"] = "application/json"
        kwargs = dict(method=method, headers=headers, data=data, timeout=self.timeout,
                      validate_certs=self.validate_certs, ca_path=self.ca_path, follow_redirects="none")
        if auth:
            kwargs.update(url_username=auth[0], url_password=auth[1], force_basic_auth=True)
        started = time.monotonic()
        try:
            response = open_url(url, **kwargs)
            status, body = response.getcode(), response.read()
        except HTTPError as exc:
            status, body = exc.code, exc.read() if hasattr(exc, "read") else b""
        except (URLError, IOError, OSError, ValueError) as exc:
            raise MlflowApiError("%s %s failed: %s" % (method, url, to_native(getattr(exc, "reason", exc))))
        return status, to_text(body, errors="replace"), time.monotonic() - started

    def describe(self, method, path, status, body, expected):
        excerpt = body.strip()[:BODY_EXCERPT] or "(empty)"
        msg = "%s %s returned %s, expected %s; body: %s" % (method, self.url(path), status, expected, excerpt)
        hint = hint_for(status, body)
        return "%s. Hint: %s" % (msg, hint) if hint else msg

    def call(self, method, path, auth=None, payload=None, query=None, expect=(200,)):
        """Return the decoded JSON of an expected answer; raise MlflowApiError otherwise."""
        status, body, dummy = self.request(method, path, auth=auth, payload=payload, query=query)
        if status not in expect:
            error_code = None
            try:
                error_code = json.loads(body).get("error_code")
            except (ValueError, AttributeError):
                pass
            raise MlflowApiError(self.describe(method, path, status, body, "/".join(map(str, expect))),
                                 status, error_code)
        try:
            return json.loads(body) if body.strip() else {}
        except ValueError:
            return {"text": body}
