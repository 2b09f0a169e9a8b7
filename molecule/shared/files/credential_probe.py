"""Hammer an MLflow server with credentials that are about to be revoked, and tell when each stopped working.

Usage: credential_probe.py CONTROL_DIR URL

CONTROL_DIR/credentials.json (0600, written by the test) lists {"label", "username", "password"}; the
passwords never reach argv. Eight threads send GET /api/2.0/mlflow/experiments/search, each on a new
connection, so the kernel spreads them over every uvicorn worker. A 401 means the credential was
refused; any other status means it got past authentication.

Driven by files, like log_metrics.py, so nothing depends on the machine's speed:
- the probe creates `ready` once every credential was accepted 20 times (every worker has cached it);
- the test creates `mark` when the revocation is complete (the role has returned); the probe creates
  `after.passed` once every credential has been tried 40 times by requests sent after it saw `mark`;
- the test creates `stop`; the probe writes `result.json` and exits (after 600 s in any case).

result.json has, per label: requests, accepted and refused counts, the send time of the first refusal
and of the last acceptance, acceptances sent after the first refusal (a worker still trusting its
cache), and acceptances and refusals among requests sent after `mark`.
"""

import base64
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

THREADS = 8
LIMIT_S = 600
READY_ACCEPTS = 20
AFTER_TRIES = 40
PATH = "/api/2.0/mlflow/experiments/search?max_results=1"


def touch(path):
    with open(path, "w", encoding="ascii"):
        pass


class Probe(object):
    def __init__(self, control, url, credentials):
        self.control = control
        self.url = urllib.parse.urlsplit(url)
        self.credentials = credentials
        self.lock = threading.Lock()
        self.mark_seen_at = None
        self.samples = dict((c["label"], []) for c in credentials)  # label -> [(sent, status)]
        self.deadline = time.monotonic() + LIMIT_S

    def request(self, credential):
        token = base64.b64encode(("%s:%s" % (credential["username"], credential["password"])).encode()).decode()
        connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=10)
        try:
            connection.request("GET", PATH, headers={"Authorization": "Basic " + token, "Connection": "close"})
            return connection.getresponse().status
        except (OSError, http.client.HTTPException):
            return 0  # no answer (a restart): neither accepted nor refused
        finally:
            connection.close()

    def worker(self, offset):
        turn = offset
        while time.monotonic() < self.deadline and not os.path.exists(os.path.join(self.control, "stop")):
            credential = self.credentials[turn % len(self.credentials)]
            turn += 1
            sent = time.time()
            status = self.request(credential)
            with self.lock:
                self.samples[credential["label"]].append((sent, status))

    def summary(self):
        result = {}
        for label, samples in self.samples.items():
            refused = [s for s, status in samples if status == 401]
            accepted = [s for s, status in samples if status not in (0, 401)]
            first_refusal = min(refused) if refused else None
            mark = self.mark_seen_at
            result[label] = {
                "requests": len(samples),
                "accepted": len(accepted),
                "refused": len(refused),
                "first_refusal": first_refusal,
                "last_accepted": max(accepted) if accepted else None,
                "accepted_after_first_refusal": len([s for s in accepted if first_refusal and s > first_refusal]),
                "accepted_after_mark": len([s for s in accepted if mark and s > mark]),
                "refused_after_mark": len([s for s in refused if mark and s > mark]),
            }
        return result

    def watch(self):
        """Announce readiness and the end of the after-mark phase; note when the mark appeared."""
        ready = os.path.join(self.control, "ready")
        while time.monotonic() < self.deadline and not os.path.exists(os.path.join(self.control, "stop")):
            with self.lock:
                summary = self.summary()
            if not os.path.exists(ready) and all(s["accepted"] >= READY_ACCEPTS for s in summary.values()):
                touch(ready)
            if self.mark_seen_at is None and os.path.exists(os.path.join(self.control, "mark")):
                self.mark_seen_at = time.time()
            if self.mark_seen_at is not None and all(
                    s["accepted_after_mark"] + s["refused_after_mark"] >= AFTER_TRIES for s in summary.values()):
                touch(os.path.join(self.control, "after.passed"))
            time.sleep(0.1)


def main():
    control, url = sys.argv[1], sys.argv[2]
    with open(os.path.join(control, "credentials.json"), encoding="utf-8") as handle:
        credentials = json.load(handle)
    probe = Probe(control, url, credentials)
    threads = [threading.Thread(target=probe.worker, args=(i,), daemon=True) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    probe.watch()
    for thread in threads:
        thread.join(timeout=15)
    summary = probe.summary()
    summary["_mark_seen_at"] = probe.mark_seen_at
    with open(os.path.join(control, "result.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
