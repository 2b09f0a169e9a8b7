"""roles/mlflow_server/files/mlflow_backup.py against real SQLite files and a real artifact tree.

The PostgreSQL path (pg_dump with PGPASSFILE) runs in roles/mlflow_server/molecule/upgrade.
"""

import hashlib
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import tarfile

import pytest

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "mlflow_server", "files", "mlflow_backup.py")


@pytest.fixture()
def store(tmp_path):
    db = tmp_path / "mlflow.db"
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE runs (run_uuid TEXT)")
    connection.execute("INSERT INTO runs VALUES ('r1')")
    connection.commit()
    artifacts = tmp_path / "artifacts" / "1" / "r1" / "artifacts"
    artifacts.mkdir(parents=True)
    (artifacts / "blob.bin").write_bytes(os.urandom(4096))
    config = tmp_path / "backup.json"
    config.write_text(json.dumps({"dir": str(tmp_path / "backups"), "keep": 2, "postgres": [],
                                  "sqlite": [{"name": "mlflow", "path": str(db)}],
                                  "artifacts": str(tmp_path / "artifacts")}))
    yield tmp_path, connection
    connection.close()


def run(config):
    return subprocess.run([sys.executable, SCRIPT, str(config)], capture_output=True, text=True, check=False)


def test_a_backup_holds_the_database_the_artifacts_and_their_checksums(store):
    tmp_path, connection = store
    connection.execute("INSERT INTO runs VALUES ('r2')")  # uncommitted-to-file: only in the WAL
    connection.commit()
    result = run(tmp_path / "backup.json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    backup = summary["backup"]
    assert os.path.basename(backup) == (tmp_path / "backups" / "last-success").read_text().strip()
    assert sorted(os.listdir(backup)) == ["SHA256SUMS", "artifacts.tar.gz", "mlflow.db"]
    copied = sqlite3.connect(os.path.join(backup, "mlflow.db"))
    assert sorted(row[0] for row in copied.execute("SELECT run_uuid FROM runs")) == ["r1", "r2"]
    with tarfile.open(os.path.join(backup, "artifacts.tar.gz")) as tar:
        blob = tar.extractfile("artifacts/1/r1/artifacts/blob.bin").read()
    assert blob == (tmp_path / "artifacts" / "1" / "r1" / "artifacts" / "blob.bin").read_bytes()
    for line in open(os.path.join(backup, "SHA256SUMS"), encoding="ascii"):
        digest, name = line.split()
        assert hashlib.sha256(open(os.path.join(backup, name), "rb").read()).hexdigest() == digest


def test_only_the_newest_are_kept(store):
    tmp_path, dummy = store
    names = [json.loads(run(tmp_path / "backup.json").stdout)["backup"] for dummy in range(3)]
    assert len(set(names)) == 3
    kept = sorted(entry for entry in os.listdir(tmp_path / "backups") if entry.endswith("Z"))
    assert kept == sorted(os.path.basename(name) for name in names[1:])


def test_a_failed_backup_fails_leaves_no_partial_and_keeps_the_last_good_one(store):
    tmp_path, dummy = store
    good = json.loads(run(tmp_path / "backup.json").stdout)["backup"]
    config = json.loads((tmp_path / "backup.json").read_text())
    config["sqlite"].append({"name": "basic_auth", "path": str(tmp_path / "missing" / "basic_auth.db")})
    (tmp_path / "bad.json").write_text(json.dumps(config))
    result = run(tmp_path / "bad.json")
    assert result.returncode != 0
    assert [entry for entry in os.listdir(tmp_path / "backups") if entry.endswith(".partial")] == []
    assert (tmp_path / "backups" / "last-success").read_text().strip() == os.path.basename(good)


def test_the_script_loads_as_a_module_without_running():
    spec = importlib.util.spec_from_file_location("mlflow_backup", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.BACKUP_NAME.match("20261201T000000Z")


@pytest.fixture()
def s3(monkeypatch):
    """A moto server on loopback, reached as mlflow-backup.service reaches S3 (MLflow's environment)."""
    from moto.server import ThreadedMotoServer  # pylint: disable=import-outside-toplevel
    import boto3  # pylint: disable=import-outside-toplevel

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull,
                        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                        "MLFLOW_S3_ENDPOINT_URL": "http://%s:%s" % (host, port)}.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url="http://%s:%s" % (host, port))
    yield client
    server.stop()


def with_upload(config, bucket):
    settings = json.loads(config.read_text())
    settings["s3"] = {"bucket": bucket, "prefix": "mlflow-backups/mlflow-1"}
    config.write_text(json.dumps(settings))


def test_a_backup_is_uploaded_under_host_and_name_byte_for_byte_and_encrypted(store, s3):
    tmp_path = store[0]
    s3.create_bucket(Bucket="backups")
    s3.put_bucket_encryption(Bucket="backups", ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    with_upload(tmp_path / "backup.json", "backups")
    result = run(tmp_path / "backup.json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    name = os.path.basename(report["backup"])
    assert report["uploaded"] == "s3://backups/mlflow-backups/mlflow-1/%s/" % name
    keys = sorted(item["Key"] for item in s3.list_objects_v2(Bucket="backups")["Contents"])
    local = sorted(os.listdir(report["backup"]))
    assert keys == ["mlflow-backups/mlflow-1/%s/%s" % (name, entry) for entry in local]
    assert local == ["SHA256SUMS", "artifacts.tar.gz", "mlflow.db"]
    for entry in local:
        body = s3.get_object(Bucket="backups", Key="mlflow-backups/mlflow-1/%s/%s" % (name, entry))
        with open(os.path.join(report["backup"], entry), "rb") as stream:
            assert body["Body"].read() == stream.read(), entry
        assert body["ServerSideEncryption"] == "AES256", entry


def test_a_failed_upload_fails_the_run_and_the_backup_does_not_count_as_good(store, s3):
    tmp_path = store[0]
    with_upload(tmp_path / "backup.json", "no-such-bucket")
    result = run(tmp_path / "backup.json")
    assert result.returncode != 0
    assert "NoSuchBucket" in result.stderr
    assert not (tmp_path / "backups" / "last-success").exists()
    # The local copy is complete and stays, for a restore from the host.
    made = [entry for entry in os.listdir(tmp_path / "backups") if not entry.startswith(".")]
    assert len(made) == 1 and (tmp_path / "backups" / made[0] / "SHA256SUMS").exists()
