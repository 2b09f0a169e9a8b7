"""Log one metric step after another through MLflow, as a training job would, while a test breaks things.

Usage: log_metrics.py CONTROL_DIR [EXPERIMENT]   (default experiment: "outage")

Connection and credentials come from MLFLOW_TRACKING_* variables. The MLflow client retries failed
requests itself; a step counts as acknowledged only when log_metric returned.

The test drives the client through files in CONTROL_DIR, so nothing depends on how fast the machine is:
- the client creates `ready` once it has 10 acknowledged steps (the test breaks something after that);
- the test creates `mark-NAME` when something happened (a server stopped, a database restarted); the
  client creates `NAME.passed` once 10 steps it started after seeing the mark are acknowledged;
- the test creates `stop`, and the client prints its result and exits (or after LOG_METRICS_LIMIT_S
  seconds, 300 by default, in any case).

Prints one JSON line: the acknowledged steps, the steps that failed after the client's retries, the
steps acknowledged after each mark, the longest time one log_metric call took (the stall a user would
see), and the run ID.
"""

import json
import os
import sys
import time

import mlflow
from mlflow.tracking import MlflowClient

STEPS_PER_PHASE = 10
LIMIT_S = int(os.environ.get("LOG_METRICS_LIMIT_S", "300"))


def touch(path):
    with open(path, "w", encoding="ascii"):
        pass


def new_marks(control, seen):
    return sorted(name[len("mark-"):] for name in os.listdir(control) if name.startswith("mark-") and name[len("mark-"):] not in seen)


def main():
    control = sys.argv[1]
    client = MlflowClient()
    run_id = client.create_run(mlflow.set_experiment(sys.argv[2] if len(sys.argv) > 2 else "outage").experiment_id).info.run_id
    acknowledged, failed, longest = [], [], 0.0
    after_mark = {}  # mark -> acknowledged steps started after the client saw it
    deadline = time.monotonic() + LIMIT_S
    step = 0
    while time.monotonic() < deadline and not os.path.exists(os.path.join(control, "stop")):
        for mark in new_marks(control, after_mark):
            after_mark[mark] = []
        started = time.monotonic()
        try:
            client.log_metric(run_id, "loss", 1.0 / (step + 1), step=step)
        except Exception as error:  # noqa: BLE001 - any failure after retries counts as lost
            failed.append({"step": step, "error": str(error)[:200]})
        else:
            acknowledged.append(step)
            for mark, steps in after_mark.items():
                steps.append(step)
                if len(steps) == STEPS_PER_PHASE:
                    touch(os.path.join(control, mark + ".passed"))
            if len(acknowledged) == STEPS_PER_PHASE:
                touch(os.path.join(control, "ready"))
        longest = max(longest, time.monotonic() - started)
        step += 1
        time.sleep(0.05)
    print(json.dumps({
        "run_id": run_id,
        "acknowledged": acknowledged,
        "failed": failed,
        "after_mark": {mark: len(steps) for mark, steps in after_mark.items()},
        "longest_call_s": round(longest, 2),
    }))


if __name__ == "__main__":
    main()
