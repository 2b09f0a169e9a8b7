"""Summarize py-spy's raw (collapsed) stacks of MLflow's workers: where the CPU time went.

Usage: profile_summary.py RAW_FILE
Prints the share of samples in each bucket (inclusive: a sample counts for every bucket its stack
passes through, first match per bucket) and the top functions by own time.
"""

import collections
import re
import sys

# Leaf frames of threads and processes that wait: uvicorn's parent and its pipes, thread pools, the
# resource tracker, event loops between requests.
IDLE = re.compile(r"^(Condition\.wait|Connection\._recv|_worker \(concurrent|main \(multiprocessing/resource_tracker|"
                  r"Popen\._try_wait|\w*Selector\.select|_run_once|Event\.wait)")

BUCKETS = [
    ("auth app, all of it (before_request)", r"_before_request \(mlflow/server/auth"),
    ("  password hash checks (cache misses)", r"check_password_hash"),
    ("  permission checks (validate_can_*)", r"validate_can_"),
    ("the tracking store (mlflow/store/tracking)", r"mlflow/store/tracking/"),
    ("SQLAlchemy / database driver", r"sqlalchemy/|sqlite3|psycopg2"),
    ("request parsing and JSON", r"google/protobuf|json/|_message_to_json|message_to_json|parse_dict"),
    ("Flask / WSGI / uvicorn / starlette", r"flask/|werkzeug/(?!security)|uvicorn/|starlette/|a2wsgi|asgiref"),
    ("logging", r"logging/__init__"),
]


def main():
    totals = collections.Counter()
    own = collections.Counter()
    samples = 0
    for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
        stack, dummy, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        count = int(count)
        frames = stack.split(";")
        if IDLE.search(frames[-1]):
            continue  # idle: a thread or process waiting for work
        samples += count
        for name, pattern in BUCKETS:
            if any(re.search(pattern, frame) for frame in frames):
                totals[name] += count
        own[re.sub(r" \(.*/site-packages/", " (", frames[-1])] += count
    print("busy samples: %d" % samples)
    for name, dummy in BUCKETS:
        print("  %5.1f %%  %s" % (100.0 * totals[name] / max(samples, 1), name))
    print("top own time:")
    for frame, count in own.most_common(12):
        print("  %5.1f %%  %s" % (100.0 * count / max(samples, 1), frame[:150]))


if __name__ == "__main__":
    main()
