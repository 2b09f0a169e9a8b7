"""Log one metric step after another through MLflow for DURATION seconds, as a training job would.

Usage: log_metrics.py DURATION_S [EXPERIMENT]   (default experiment: "outage")
Connection and credentials come from MLFLOW_TRACKING_* variables. The MLflow client retries
failed requests itself; a step counts as acknowledged only when log_metric returned. Prints one
JSON line: the acknowledged steps, the steps that failed after the client's retries, and the
longest time one log_metric call took (the stall a user would see), and the run ID.
"""

import json
import sys
import time

import mlflow
from mlflow.tracking import MlflowClient


def main():
    duration = float(sys.argv[1])
    client = MlflowClient()
    run_id = client.create_run(mlflow.set_experiment(sys.argv[2] if len(sys.argv) > 2 else "outage").experiment_id).info.run_id
    acknowledged, failed, longest = [], [], 0.0
    deadline = time.monotonic() + duration
    step = 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            client.log_metric(run_id, "loss", 1.0 / (step + 1), step=step)
            acknowledged.append(step)
        except Exception as error:  # noqa: BLE001 - any failure after retries counts as lost
            failed.append({"step": step, "error": str(error)[:200]})
        longest = max(longest, time.monotonic() - started)
        step += 1
        time.sleep(0.05)
    print(json.dumps({"run_id": run_id, "acknowledged": acknowledged, "failed": failed, "longest_call_s": round(longest, 2)}))


if __name__ == "__main__":
    main()
