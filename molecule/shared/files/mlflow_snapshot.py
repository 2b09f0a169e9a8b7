"""Everything a user has in an MLflow deployment, read through its public URL, as one JSON document.

Usage: python mlflow_snapshot.py CONFIG.json > snapshot.json
CONFIG (0600, it holds passwords): {"url", "ca", "admin": {"username", "password"},
"users": [{"username", "password"}], "skip_experiments": [names]}.

Two snapshots of the same data are equal, so a backup-and-restore (or a migration) is proven by
comparing the snapshot before with the one after. It holds: every experiment (active and deleted)
with its tags; every run with its info, params, tags and the full history of every metric (value,
step, timestamp); the sha256 and size of every artifact file, downloaded through the server;
registered models with tags and aliases, and every version; each listed user's record and
permissions as the admin sees them, and whether the user logs in with the password given.
Standard library and requests (an MLflow dependency) only.
"""

import hashlib
import json
import sys

import requests


class Client:
    def __init__(self, url, ca, username, password):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.auth = (username, password)
        self.session.verify = ca or True

    def get(self, endpoint, **params):
        response = self.session.get(self.url + endpoint, params=params, timeout=300)
        response.raise_for_status()
        return response.json()

    def post(self, endpoint, body):
        response = self.session.post(self.url + endpoint, json=body, timeout=300)
        response.raise_for_status()
        return response.json()

    def pages(self, method, endpoint, key, body):
        token = None
        while True:
            page_body = dict(body, **({"page_token": token} if token else {}))
            page = self.post(endpoint, page_body) if method == "POST" else self.get(endpoint, **page_body)
            yield from page.get(key, [])
            token = page.get("next_page_token")
            if not token:
                return


def artifact_files(client, run_id, path=""):
    listing = client.get("/api/2.0/mlflow/artifacts/list", run_id=run_id, path=path)
    for entry in listing.get("files", []):
        if entry.get("is_dir"):
            yield from artifact_files(client, run_id, entry["path"])
        else:
            digest, size = hashlib.sha256(), 0
            with client.session.get(client.url + "/get-artifact", params={"run_uuid": run_id, "path": entry["path"]},
                                    stream=True, timeout=600) as response:
                response.raise_for_status()
                for chunk in response.iter_content(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
            yield entry["path"], {"sha256": digest.hexdigest(), "size": size}


def by_key(items, key="key"):
    return {item[key]: item.get("value") for item in items}


def snapshot(config):
    admin = Client(config["url"], config.get("ca"), config["admin"]["username"], config["admin"]["password"])
    skip = set(config.get("skip_experiments", []))
    experiments = {}
    for experiment in admin.pages("POST", "/api/2.0/mlflow/experiments/search", "experiments",
                                  {"max_results": 1000, "view_type": "ALL"}):
        if experiment["name"] in skip:
            continue
        experiment["tags"] = by_key(experiment.get("tags", []))
        experiments[experiment["experiment_id"]] = experiment
    runs = {}
    if experiments:
        for run in admin.pages("POST", "/api/2.0/mlflow/runs/search", "runs",
                               {"experiment_ids": sorted(experiments), "run_view_type": "ALL", "max_results": 1000}):
            info, data = run["info"], run.get("data", {})
            run_id = info["run_id"]
            metrics = {}
            for key in sorted({metric["key"] for metric in data.get("metrics", [])}):
                history = admin.get("/api/2.0/mlflow/metrics/get-history", run_id=run_id, metric_key=key,
                                    max_results=25000).get("metrics", [])
                metrics[key] = sorted((m["step"], m["timestamp"], m["value"]) for m in history)
            runs[run_id] = {"info": info, "params": by_key(data.get("params", [])),
                            "tags": by_key(data.get("tags", [])), "metrics": metrics,
                            "inputs": run.get("inputs", {}), "artifacts": dict(artifact_files(admin, run_id))}
    models = {}
    for model in admin.pages("GET", "/api/2.0/mlflow/registered-models/search", "registered_models",
                             {"max_results": 1000}):
        model.pop("latest_versions", None)  # the versions are listed whole below
        model["tags"] = by_key(model.get("tags", []))
        versions = admin.pages("GET", "/api/2.0/mlflow/model-versions/search", "model_versions",
                               {"filter": "name='%s'" % model["name"].replace("'", "\\'"), "max_results": 1000})
        model["versions"] = {version["version"]: version for version in versions}
        models[model["name"]] = model
    users = {}
    for user in config.get("users", []):
        record = admin.get("/api/2.0/mlflow/users/get", username=user["username"])["user"]
        record["permissions"] = sorted(
            admin.get("/api/3.0/mlflow/users/permissions/list", username=user["username"]).get("permissions", []),
            key=json.dumps)
        login = requests.get(config["url"].rstrip("/") + "/api/2.0/mlflow/experiments/search",
                             params={"max_results": 1}, auth=(user["username"], user["password"]),
                             verify=config.get("ca") or True, timeout=60)
        record["logs_in"] = login.status_code == 200
        users[user["username"]] = record
    return {"experiments": experiments, "runs": runs, "registered_models": models, "users": users,
            "counts": {"experiments": len(experiments), "runs": len(runs), "registered_models": len(models),
                       "model_versions": sum(len(m["versions"]) for m in models.values()),
                       "artifacts": sum(len(r["artifacts"]) for r in runs.values()),
                       "metric_points": sum(len(h) for r in runs.values() for h in r["metrics"].values()),
                       "users": len(users)}}


def main():
    with open(sys.argv[1], encoding="utf-8") as stream:
        config = json.load(stream)
    json.dump(snapshot(config), sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
