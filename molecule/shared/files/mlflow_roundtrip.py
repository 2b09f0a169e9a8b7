"""Log a run with params, metrics and an artifact through an MLflow server, read it all back.

Usage: mlflow_roundtrip.py [BYTES [EXPERIMENT [MODEL_NAME]]]
With MODEL_NAME, the artifact is also registered as a new version of that registered model, and the
version is read back through the registry API.
Run with the tracking server's own virtualenv (it has the mlflow client). Connection and
credentials come from MLFLOW_TRACKING_URI / _USERNAME / _PASSWORD (and _SERVER_CERT_PATH), never
from the command line. Prints one JSON line; exits non-zero on any mismatch.
"""

import hashlib
import json
import os
import sys
import tempfile
import time

import mlflow
from mlflow.tracking import MlflowClient


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def register_version(client, name, run_id, source):
    """Register SOURCE as a new version of model NAME and read it back through the registry."""
    if not client.search_registered_models(filter_string="name = '%s'" % name):
        client.create_registered_model(name, description="mlflowops round trip")
    created = client.create_model_version(name, source, run_id=run_id)
    version = client.get_model_version(name, created.version)
    assert (version.name, version.run_id, version.source) == (name, run_id, source), version
    latest = max(int(v.version) for v in client.search_model_versions("name = '%s'" % name))
    assert latest == int(created.version), (latest, created.version)
    return {"model": name, "model_version": int(created.version), "model_status": version.status}


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20
    experiment = sys.argv[2] if len(sys.argv) > 2 else "molecule-roundtrip"
    model_name = sys.argv[3] if len(sys.argv) > 3 else None
    mlflow.set_experiment(experiment)
    client = MlflowClient()
    with tempfile.TemporaryDirectory() as workdir:
        blob = os.path.join(workdir, "blob.bin")
        with open(blob, "wb") as handle:
            remaining = size
            while remaining:
                chunk = os.urandom(min(remaining, 1 << 20))
                handle.write(chunk)
                remaining -= len(chunk)
        expected = sha256_of(blob)
        with mlflow.start_run() as run:
            mlflow.log_param("alpha", "0.5")
            for step in range(5):
                mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
            started = time.monotonic()
            mlflow.log_artifact(blob)
            upload_s = time.monotonic() - started
        run_id = run.info.run_id
        fetched = client.get_run(run_id)
        assert fetched.data.params == {"alpha": "0.5"}, fetched.data.params
        history = sorted(client.get_metric_history(run_id, "loss"), key=lambda m: m.step)
        assert [m.value for m in history] == [1.0 / (s + 1) for s in range(5)], history
        assert fetched.info.artifact_uri.startswith("mlflow-artifacts:/"), fetched.info.artifact_uri
        started = time.monotonic()
        downloaded = client.download_artifacts(run_id, "blob.bin", os.path.join(workdir, "download"))
        download_s = time.monotonic() - started
        actual = sha256_of(downloaded)
        assert actual == expected, "artifact differs: %s != %s" % (actual, expected)
    result = {
        "run_id": run_id, "experiment": experiment, "artifact_uri": fetched.info.artifact_uri,
        "bytes": size, "sha256": actual,
        "upload_mb_s": round(size / 1e6 / max(upload_s, 1e-6), 1),
        "download_mb_s": round(size / 1e6 / max(download_s, 1e-6), 1),
    }
    if model_name:
        result.update(register_version(client, model_name, run_id, fetched.info.artifact_uri + "/blob.bin"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
