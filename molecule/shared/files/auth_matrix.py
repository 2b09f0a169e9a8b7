"""Who may do what: every API family of an MLflow server, asked as nobody, as a wrong password and
as a READ user, against the answer a secure deployment must give.

Usage: auth_matrix.py URL [--public PATH ...]
URL is the server's base URL (MLflow itself, or the proxy's public URL). --public names a path the
server answers without credentials (MLflow's own /api/3.0/mlflow/server-info; a proxy has none).
Credentials come from the environment, never the command line: AUTH_MATRIX_ADMIN and
AUTH_MATRIX_READER as "username:password"; the reader must not be an admin and must hold only the
default READ permission on experiments the admin creates here. AUTH_MATRIX_CA is a CA bundle for
an https URL.

As the admin it first makes what the reader is asked about: an experiment the reader may read (a
run with a metric and an artifact, a registered model whose version is that artifact) and one the
reader is denied (DENY). Then:
- nobody and a wrong password get 401 with a Basic challenge on every path of every family;
- the reader gets 200 on each read it is granted (the bytes of the artifacts included), 403 on
  each write, each admin action and each read of the denied experiment, and the denied
  experiment's name shows in no answer it gets (search and GraphQL filter instead of refusing).
Prints one JSON line (the table and the mismatches); exits 1 on any mismatch. Python's standard
library only, so any python3 on the host runs it.
"""

import argparse
import base64
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

GRAPHQL_EXPERIMENT = 'query { mlflowGetExperiment(input: {experimentId: "%s"}) { experiment { name } } }'
PERMISSIONS = "/api/3.0/mlflow/users/permissions"
ARTIFACT = b"auth-matrix artifact \x00\x01\xff\n" * 64


class Client:
    def __init__(self, base, context):
        self.base = base.rstrip("/")
        self.context = context

    def call(self, method, path, credentials=None, body=None, raw=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif raw is not None:
            data = raw
            headers["Content-Type"] = "application/octet-stream"
        if credentials is not None:
            headers["Authorization"] = "Basic " + base64.b64encode(credentials.encode()).decode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=60) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def ok(self, method, path, credentials, body=None, raw=None):
        status, content = self.call(method, path, credentials, body, raw)[:2]
        if status != 200:
            raise SystemExit(f"setup {method} {path} answered {status}: {content[:300]!r}")
        return json.loads(content) if content.strip() else {}


def traces(experiment_id):
    return {"locations": [{"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": experiment_id}}]}


def q(**params):
    return "?" + urllib.parse.urlencode(params)


def make_fixtures(client, admin, reader_name):
    stamp = str(int(time.time() * 1000))
    readable = client.ok("POST", "/api/2.0/mlflow/experiments/create", admin,
                         {"name": f"auth-matrix-readable-{stamp}"})["experiment_id"]
    denied_name = f"auth-matrix-denied-{stamp}"
    denied = client.ok("POST", "/api/2.0/mlflow/experiments/create", admin,
                       {"name": denied_name})["experiment_id"]
    client.ok("POST", PERMISSIONS + "/grant", admin,
              {"username": reader_name, "resource_type": "experiment", "resource_id": denied,
               "permission": "DENY"})
    run = client.ok("POST", "/api/2.0/mlflow/runs/create", admin,
                    {"experiment_id": readable, "run_name": "auth-matrix"})["run"]["info"]
    denied_run = client.ok("POST", "/api/2.0/mlflow/runs/create", admin,
                           {"experiment_id": denied, "run_name": denied_name})["run"]["info"]
    client.ok("POST", "/api/2.0/mlflow/runs/log-metric", admin,
              {"run_id": run["run_id"], "key": "loss", "value": 0.5, "timestamp": 1, "step": 0})
    # The artifact store path of the run: mlflow-artifacts:/<experiment>/<run>/artifacts.
    store_path = run["artifact_uri"].split("mlflow-artifacts:/", 1)[1].lstrip("/")
    client.ok("PUT", f"/api/2.0/mlflow-artifacts/artifacts/{store_path}/matrix.bin", admin, raw=ARTIFACT)
    model = f"auth-matrix-model-{stamp}"
    client.ok("POST", "/api/2.0/mlflow/registered-models/create", admin, {"name": model})
    client.ok("POST", "/api/2.0/mlflow/model-versions/create", admin,
              {"name": model, "source": run["artifact_uri"], "run_id": run["run_id"]})
    return {
        "readable": readable, "denied": denied, "denied_name": denied_name,
        "run": run["run_id"], "denied_run": denied_run["run_id"], "store_path": store_path,
        "model": model, "stamp": stamp,
    }


def anonymous_paths(f):
    """(family, method, path, body) for every route family; each must refuse anyone unknown."""
    graphql = {"query": GRAPHQL_EXPERIMENT % f["readable"]}
    return [
        ("ui", "GET", "/", None),
        ("ui", "GET", "/signup", None),
        ("version", "GET", "/version", None),
        ("rest-2.0", "GET", "/api/2.0/mlflow/experiments/search" + q(max_results=1), None),
        ("rest-2.0", "GET", "/api/2.0/mlflow/runs/get" + q(run_id=f["run"]), None),
        ("rest-2.0", "POST", "/api/2.0/mlflow/runs/create", {"experiment_id": f["readable"]}),
        ("rest-2.0", "POST", "/api/2.0/mlflow/experiments/delete", {"experiment_id": f["readable"]}),
        ("rest-3.0", "POST", "/api/3.0/mlflow/traces/search", traces(f["readable"])),
        ("rest-3.0", "GET", "/api/3.0/mlflow/server-info", None),
        ("rest-3.0", "GET", "/api/3.0/mlflow/users/current/permissions", None),
        ("ajax-api", "GET", "/ajax-api/2.0/mlflow/experiments/search" + q(max_results=1), None),
        ("ajax-api", "POST", "/ajax-api/2.0/mlflow/experiments/create", {"name": "anonymous-" + f["stamp"]}),
        ("ajax-api", "GET", "/ajax-api/3.0/mlflow/server-info", None),
        ("artifacts", "GET", f"/api/2.0/mlflow-artifacts/artifacts/{f['store_path']}/matrix.bin", None),
        ("artifacts", "PUT", f"/api/2.0/mlflow-artifacts/artifacts/{f['store_path']}/anonymous.bin", b"x"),
        ("artifacts", "GET", "/api/2.0/mlflow/artifacts/list" + q(run_id=f["run"]), None),
        ("artifacts", "GET", "/get-artifact" + q(path="matrix.bin", run_uuid=f["run"]), None),
        ("model-version-artifacts", "GET",
         "/model-versions/get-artifact" + q(path="matrix.bin", name=f["model"], version=1), None),
        ("model-registry", "GET", "/api/2.0/mlflow/registered-models/get" + q(name=f["model"]), None),
        ("graphql", "POST", "/graphql", graphql),
        ("users", "GET", "/api/2.0/mlflow/users/get" + q(username="admin"), None),
        ("users", "POST", "/api/2.0/mlflow/users/create", {"username": "anon-" + f["stamp"], "password": "x" * 16}),
        ("users", "PATCH", "/api/2.0/mlflow/users/update-admin", {"username": "admin", "is_admin": False}),
        ("users", "GET", "/api/2.0/mlflow/users/list", None),
        ("permissions", "POST", PERMISSIONS + "/grant",
         {"username": "admin", "resource_type": "experiment", "resource_id": f["readable"], "permission": "MANAGE"}),
        ("gateway", "GET", "/ajax-api/3.0/mlflow/gateway/secrets/config", None),
        ("gateway", "GET", "/api/3.0/mlflow/gateway/endpoints/list", None),
        ("jobs", "GET", "/ajax-api/3.0/mlflow/jobs/0", None),
        ("jobs", "PATCH", "/ajax-api/3.0/mlflow/jobs/cancel/0", None),
        ("metrics", "GET", "/api/2.0/mlflow/metrics/get-history" + q(run_id=f["run"], metric_key="loss"), None),
        ("metrics", "GET", "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval"
         + q(run_ids=f["run"], metric_key="loss", max_results=10), None),
        ("demo", "POST", "/ajax-api/3.0/mlflow/demo/generate", {}),
    ]


def reader_checks(f, reader_name):
    """(family, method, path, body, expected status, expected bytes or None) for the READ user."""
    store = f["store_path"]
    graphql = GRAPHQL_EXPERIMENT
    return [
        # Reads it is granted (the default READ).
        ("rest-2.0", "GET", "/api/2.0/mlflow/experiments/get" + q(experiment_id=f["readable"]), None, 200, None),
        ("rest-2.0", "GET", "/api/2.0/mlflow/runs/get" + q(run_id=f["run"]), None, 200, None),
        ("rest-2.0", "POST", "/api/2.0/mlflow/runs/search",
         {"experiment_ids": [f["readable"], f["denied"]]}, 200, None),
        ("rest-2.0", "GET", "/api/2.0/mlflow/experiments/search" + q(max_results=1000), None, 200, None),
        ("rest-3.0", "POST", "/api/3.0/mlflow/traces/search", traces(f["readable"]), 200, None),
        ("rest-3.0", "GET", "/api/3.0/mlflow/users/current/permissions", None, 200, None),
        ("rest-2.0", "POST", "/api/2.0/mlflow/logged-models/search", {"experiment_ids": [f["readable"]]}, 200, None),
        ("ajax-api", "GET", "/ajax-api/2.0/mlflow/experiments/get" + q(experiment_id=f["readable"]), None, 200, None),
        ("metrics", "GET", "/api/2.0/mlflow/metrics/get-history" + q(run_id=f["run"], metric_key="loss"),
         None, 200, None),
        ("metrics", "GET", "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval"
         + q(run_ids=f["run"], metric_key="loss", max_results=10), None, 200, None),
        ("artifacts", "GET", f"/api/2.0/mlflow-artifacts/artifacts/{store}/matrix.bin", None, 200, ARTIFACT),
        ("artifacts", "GET", "/api/2.0/mlflow/artifacts/list" + q(run_id=f["run"]), None, 200, None),
        ("artifacts", "GET", "/get-artifact" + q(path="matrix.bin", run_uuid=f["run"]), None, 200, ARTIFACT),
        ("model-version-artifacts", "GET",
         "/model-versions/get-artifact" + q(path="matrix.bin", name=f["model"], version=1), None, 200, ARTIFACT),
        ("model-registry", "GET", "/api/2.0/mlflow/registered-models/get" + q(name=f["model"]), None, 200, None),
        ("graphql", "POST", "/graphql", {"query": graphql % f["readable"]}, 200, None),
        ("graphql", "POST", "/graphql", {"query": graphql % f["denied"]}, 200, None),
        ("users", "GET", "/api/2.0/mlflow/users/get" + q(username=reader_name), None, 200, None),
        # Reads of the experiment it is denied.
        ("rest-2.0", "GET", "/api/2.0/mlflow/experiments/get" + q(experiment_id=f["denied"]), None, 403, None),
        ("rest-2.0", "GET", "/api/2.0/mlflow/runs/get" + q(run_id=f["denied_run"]), None, 403, None),
        ("ajax-api", "GET", "/ajax-api/2.0/mlflow/experiments/get" + q(experiment_id=f["denied"]), None, 403, None),
        ("rest-3.0", "POST", "/api/3.0/mlflow/traces/search", traces(f["denied"]), 403, None),
        ("metrics", "GET", "/api/2.0/mlflow/metrics/get-history" + q(run_id=f["denied_run"], metric_key="loss"),
         None, 403, None),
        ("artifacts", "GET", "/api/2.0/mlflow/artifacts/list" + q(run_id=f["denied_run"]), None, 403, None),
        # Writes where it has only READ.
        ("rest-2.0", "POST", "/api/2.0/mlflow/runs/create", {"experiment_id": f["readable"]}, 403, None),
        ("rest-2.0", "POST", "/api/2.0/mlflow/runs/log-metric",
         {"run_id": f["run"], "key": "loss", "value": 9.0, "timestamp": 2, "step": 1}, 403, None),
        ("rest-2.0", "POST", "/api/2.0/mlflow/experiments/delete", {"experiment_id": f["readable"]}, 403, None),
        ("rest-2.0", "POST", "/api/2.0/mlflow/experiments/update",
         {"experiment_id": f["readable"], "new_name": "renamed-" + f["stamp"]}, 403, None),
        ("ajax-api", "POST", "/ajax-api/2.0/mlflow/runs/create", {"experiment_id": f["readable"]}, 403, None),
        ("artifacts", "PUT", f"/api/2.0/mlflow-artifacts/artifacts/{store}/reader.bin", b"x", 403, None),
        ("artifacts", "DELETE", f"/api/2.0/mlflow-artifacts/artifacts/{store}/matrix.bin", None, 403, None),
        ("model-registry", "POST", "/api/2.0/mlflow/registered-models/rename",
         {"name": f["model"], "new_name": "renamed-" + f["stamp"]}, 403, None),
        ("model-registry", "DELETE", "/api/2.0/mlflow/registered-models/delete", {"name": f["model"]}, 403, None),
        ("model-registry", "POST", "/api/2.0/mlflow/model-versions/create",
         {"name": f["model"], "source": f"mlflow-artifacts:/{store}"}, 403, None),
        # Admin actions.
        ("users", "POST", "/api/2.0/mlflow/users/create",
         {"username": "reader-made-" + f["stamp"], "password": "y" * 16}, 403, None),
        ("users", "PATCH", "/api/2.0/mlflow/users/update-admin", {"username": reader_name, "is_admin": True}, 403, None),
        ("users", "DELETE", "/api/2.0/mlflow/users/delete", {"username": "admin"}, 403, None),
        ("users", "PATCH", "/api/2.0/mlflow/users/update-password",
         {"username": "admin", "password": "z" * 16}, 403, None),
        ("users", "GET", "/api/2.0/mlflow/users/get" + q(username="admin"), None, 403, None),
        ("permissions", "POST", PERMISSIONS + "/grant",
         {"username": reader_name, "resource_type": "experiment", "resource_id": f["readable"],
          "permission": "MANAGE"}, 403, None),
        ("permissions", "POST", PERMISSIONS + "/revoke",
         {"username": reader_name, "resource_type": "experiment", "resource_id": f["denied"]}, 403, None),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--public", action="append", default=[])
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=os.environ.get("AUTH_MATRIX_CA") or None)
    client = Client(args.url, context)
    admin = os.environ["AUTH_MATRIX_ADMIN"]
    reader = os.environ["AUTH_MATRIX_READER"]
    reader_name = reader.split(":", 1)[0]
    fixtures = make_fixtures(client, admin, reader_name)

    table, mismatches = [], []
    for family, method, path, body in anonymous_paths(fixtures):
        public = path.split("?", 1)[0] in args.public
        for who, credentials in (("nobody", None), ("wrong-password", reader + "-wrong")):
            raw = body if isinstance(body, bytes) else None
            status, content, headers = client.call(method, path, credentials,
                                                   None if raw is not None else body, raw)
            want = 200 if public else 401
            challenge = headers.get("WWW-Authenticate", "")
            good = status == want and (public or challenge.startswith("Basic "))
            row = {"who": who, "family": family, "method": method, "path": path.split("?", 1)[0],
                   "want": want, "got": status}
            table.append(row)
            if not good:
                mismatches.append(dict(row, challenge=challenge, answer=content[:200].decode(errors="replace")))

    for family, method, path, body, want, want_bytes in reader_checks(fixtures, reader_name):
        raw = body if isinstance(body, bytes) else None
        status, content = client.call(method, path, reader, None if raw is not None else body, raw)[:2]
        problems = []
        if status != want:
            problems.append(f"status {status}, want {want}")
        if want_bytes is not None and status == 200 and content != want_bytes:
            problems.append(f"{len(content)} bytes differ from the {len(want_bytes)} uploaded")
        if fixtures["denied_name"].encode() in content:
            problems.append("the denied experiment's name is in the answer")
        if family == "graphql" and status == 200:
            data = json.loads(content).get("data") or {}
            experiment = (data.get("mlflowGetExperiment") or {}).get("experiment")
            if body["query"] == GRAPHQL_EXPERIMENT % fixtures["readable"] and not experiment:
                problems.append("GraphQL hid an experiment the reader may read")
        row = {"who": reader_name, "family": family, "method": method, "path": path.split("?", 1)[0],
               "want": want, "got": status}
        table.append(row)
        if problems:
            mismatches.append(dict(row, problems=problems, answer=content[:200].decode(errors="replace")))

    print(json.dumps({"checked": len(table), "mismatches": mismatches,
                      "families": sorted({row["family"] for row in table}), "table": table}))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
