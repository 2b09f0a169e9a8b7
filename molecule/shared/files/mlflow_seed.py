"""Fill an MLflow deployment with data of every kind a user has, through its public URL.

Usage: python mlflow_seed.py CONFIG.json
CONFIG (0600, it holds a password): {"url", "ca", "username", "password", "prefix",
"experiments": N, "runs": N per experiment, "steps": N per metric, "artifact_sizes": [bytes, ...],
"model": registered model name (two versions), "grants": [{"username", "permission"}]}.

Each experiment gets tags; each run params, tags, three metrics over the steps and one artifact of
each size (random bytes); the model two versions from the first runs, with tags and an alias; each
grant a permission on the first experiment and on the model, made through the API as the UI makes
them (not in any role variable). Prints a JSON summary as its last line.
"""

import json
import os
import sys
import tempfile


def main():
    with open(sys.argv[1], encoding="utf-8") as stream:
        config = json.load(stream)
    os.environ.update(MLFLOW_TRACKING_URI=config["url"], MLFLOW_TRACKING_USERNAME=config["username"],
                      MLFLOW_TRACKING_PASSWORD=config["password"])
    if config.get("ca"):
        os.environ["MLFLOW_TRACKING_SERVER_CERT_PATH"] = config["ca"]
    import mlflow  # noqa: E402  (reads the environment above)
    from mlflow.server import get_app_client
    from mlflow.tracking import MlflowClient

    client, prefix = MlflowClient(), config["prefix"]
    experiment_ids, run_ids = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for e in range(config["experiments"]):
            experiment_id = client.create_experiment("%s-%d" % (prefix, e), tags={"team": "t%d" % e, "seed": prefix})
            experiment_ids.append(experiment_id)
            for r in range(config["runs"]):
                run = client.create_run(experiment_id, run_name="%s-%d-%d" % (prefix, e, r),
                                        tags={"stage": "s%d" % (r % 3), "note": "run %d of %d" % (r, e)})
                run_id = run.info.run_id
                run_ids.append(run_id)
                for p in range(5):
                    client.log_param(run_id, "p%d" % p, "%s-%d" % (prefix, r * 10 + p))
                for step in range(config["steps"]):
                    for m in range(3):
                        client.log_metric(run_id, "m%d" % m, (r + 1) * 0.25 + step * (m + 1) / 7.0,
                                          step=step, timestamp=1700000000000 + step * 1000 + m)
                for size in config["artifact_sizes"]:
                    path = os.path.join(scratch, "blob-%d.bin" % size)
                    with open(path, "wb") as blob:
                        blob.write(os.urandom(size))
                    client.log_artifact(run_id, path, artifact_path="data")
                client.set_terminated(run_id)
        model = config["model"]
        client.create_registered_model(model, tags={"owner": prefix}, description="seeded by mlflow_seed.py")
        versions = [client.create_model_version(model, "runs:/%s/data" % run_id, run_id=run_id, tags={"n": str(i)})
                    for i, run_id in enumerate(run_ids[:2])]
        client.set_registered_model_alias(model, "champion", versions[-1].version)
    auth = get_app_client("basic-auth", tracking_uri=config["url"])
    for grant in config.get("grants", []):
        auth.grant_user_permission(grant["username"], "experiment", experiment_ids[0], grant["permission"])
        auth.grant_user_permission(grant["username"], "registered_model", model, grant["permission"])
    print(json.dumps({"experiments": experiment_ids, "runs": len(run_ids), "model": model,
                      "versions": [v.version for v in versions], "mlflow": mlflow.__version__}))


if __name__ == "__main__":
    main()
