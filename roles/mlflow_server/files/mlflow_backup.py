"""Back up one MLflow host's stores while MLflow runs; mlflow-backup.service runs it on a timer.

Usage: python3 mlflow_backup.py CONFIG.json   (written by mlflow_server, tasks/backup_schedule.yml)

CONFIG names the backup directory, how many backups to keep, the SQLite databases ({name, path}),
the PostgreSQL databases ({name, libpq}: a URI without password; libpq reads PGPASSFILE) and the
local artifact directory (empty when artifacts are in S3), and for scheduled backups where to upload
them ({bucket, prefix}, empty for none). Each backup is a directory named after its
UTC time holding <name>.db (SQLite's online backup API: consistent while MLflow writes),
<name>.dump (pg_dump --format=custom: one consistent snapshot), artifacts.tar.gz and SHA256SUMS. It
is built under a hidden name and renamed when complete, so a failed backup never looks like one;
then it is uploaded (when configured), the oldest beyond the limit are removed and `last-success`
records the backup's name. Exits non-zero (the unit fails, `systemctl --failed` lists it) on any
error. Standard library only, but for the upload: boto3 from MLflow's virtualenv, whose python the
unit then runs, with MLflow's environment file (credentials, MLFLOW_S3_ENDPOINT_URL, AWS_CA_BUNDLE).
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time

BACKUP_NAME = re.compile(r"^\d{8}T\d{6}Z$")


def sha256(path):
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()  # Python 3.11+ (Debian 12 and later)


def back_up_sqlite(path, dest):
    source = sqlite3.connect(path, timeout=60)
    target = sqlite3.connect(dest)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def build(config, work):
    for database in config["sqlite"]:
        back_up_sqlite(database["path"], os.path.join(work, database["name"] + ".db"))
    for database in config["postgres"]:
        subprocess.run(["pg_dump", "--format=custom", "--file=" + os.path.join(work, database["name"] + ".dump"),
                        "--dbname=" + database["libpq"]], check=True)
    if config["artifacts"]:
        with tarfile.open(os.path.join(work, "artifacts.tar.gz"), "w:gz") as tar:
            tar.add(config["artifacts"], arcname="artifacts")
    names = sorted(os.listdir(work))
    with open(os.path.join(work, "SHA256SUMS"), "w", encoding="ascii") as sums:
        for name in names:
            sums.write("%s  %s\n" % (sha256(os.path.join(work, name)), name))
    return {name: os.path.getsize(os.path.join(work, name)) for name in names}


def upload(target, directory):
    """Put every file of the backup under <prefix>/<name>/, SHA256SUMS last: a backup in S3 is
    complete when its SHA256SUMS is there. Put-only: the host's IAM policy allows nothing else on the
    backup prefix, and the bucket's default encryption encrypts each object."""
    # boto3 is MLflow's (its virtualenv's python runs the unit when uploads are on); not needed otherwise.
    import boto3  # pylint: disable=import-outside-toplevel

    client = boto3.client("s3", endpoint_url=os.environ.get("MLFLOW_S3_ENDPOINT_URL") or None)
    prefix = "/".join(part for part in (target["prefix"], os.path.basename(directory)) if part) + "/"
    for entry in sorted(os.listdir(directory), key=lambda entry: (entry == "SHA256SUMS", entry)):
        client.upload_file(os.path.join(directory, entry), target["bucket"], prefix + entry)
    return "s3://%s/%s" % (target["bucket"], prefix)


def main():
    with open(sys.argv[1], encoding="utf-8") as stream:
        config = json.load(stream)
    root, started = config["dir"], time.monotonic()
    os.makedirs(root, mode=0o700, exist_ok=True)
    name = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    while os.path.exists(os.path.join(root, name)):  # two backups within one second
        time.sleep(1)
        name = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    work = os.path.join(root, "." + name + ".partial")
    for leftover in os.listdir(root):
        if leftover.endswith(".partial"):
            shutil.rmtree(os.path.join(root, leftover), ignore_errors=True)
    os.makedirs(work, mode=0o700)
    try:
        sizes = build(config, work)
        os.rename(work, os.path.join(root, name))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    uploaded = upload(config["s3"], os.path.join(root, name)) if config.get("s3") else ""
    done = sorted(entry for entry in os.listdir(root) if BACKUP_NAME.match(entry))
    for old in done[:-int(config["keep"])]:
        shutil.rmtree(os.path.join(root, old))
    with open(os.path.join(root, ".last-success"), "w", encoding="ascii") as marker:
        marker.write(name + "\n")
    os.replace(os.path.join(root, ".last-success"), os.path.join(root, "last-success"))
    print(json.dumps({"backup": os.path.join(root, name), "seconds": round(time.monotonic() - started, 1),
                      "bytes": sizes, "kept": done[-int(config["keep"]):], "uploaded": uploaded}))


if __name__ == "__main__":
    main()
