"""Seed COUNT runs, each with a tag, into EXPERIMENT_ID, over 8 keep-alive connections.

Usage: seed_runs.py URL EXPERIMENT_ID COUNT   (BENCH_AUTH: an Authorization header value, or empty)
Prints how many runs the server acknowledged. wrk cannot stop at a count, hence this client.
"""

import http.client
import json
import os
import ssl
import sys
import threading
import urllib.parse

THREADS = 8


def seed(url, experiment_id, count, offset, done):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=30,
                                                 context=ssl._create_unverified_context())  # noqa: S323 - own container
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if os.environ.get("BENCH_AUTH"):
        headers["Authorization"] = os.environ["BENCH_AUTH"]
    for i in range(offset, count, THREADS):
        body = json.dumps({"experiment_id": experiment_id, "start_time": 1700000000000 + i,
                           "tags": [{"key": "seed", "value": str(i)}]})
        connection.request("POST", "/api/2.0/mlflow/runs/create", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            done.append(i)


def main():
    url, experiment_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    done = []
    threads = [threading.Thread(target=seed, args=(url, experiment_id, count, offset, done)) for offset in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(len(done))


if __name__ == "__main__":
    main()
