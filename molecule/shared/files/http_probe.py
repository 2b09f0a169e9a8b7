"""Ask a URL again and again, without retries, and say for how long it failed: the outage a proxy's
clients see, as opposed to what a retrying client hides.

Usage: http_probe.py URL CA_FILE RESULT_FILE [STOP_FILE]   (default stop file: RESULT_FILE.stop)

One GET every 0.2 s (20 s timeout each) until STOP_FILE exists or 30 minutes passed; anything but a
200 is a failure. Writes one JSON object to RESULT_FILE: the number of requests and of failed ones,
failed_s (the time during which requests failed: from the start of the first failed request of each
run of failures to the end of its last one, summed) and longest_outage_s (the longest such run).
"""

import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request

INTERVAL_S = 0.2
LIMIT_S = 1800


def status(url, context):
    try:
        with urllib.request.urlopen(url, timeout=20, context=context) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


def main():
    url, ca_file, result_file = sys.argv[1:4]
    stop_file = sys.argv[4] if len(sys.argv) > 4 else result_file + ".stop"
    context = ssl.create_default_context(cafile=ca_file)
    requests, failed, windows, current = 0, 0, [], None
    deadline = time.monotonic() + LIMIT_S
    while time.monotonic() < deadline and not os.path.exists(stop_file):
        start = time.monotonic()
        ok = status(url, context) == 200
        end = time.monotonic()
        requests += 1
        if ok:
            if current:
                windows.append(current[1] - current[0])
                current = None
        else:
            failed += 1
            current = [current[0] if current else start, end]
        time.sleep(max(0.0, INTERVAL_S - (end - start)))
    if current:
        windows.append(current[1] - current[0])
    with open(result_file + ".tmp", "w", encoding="ascii") as handle:
        json.dump({"requests": requests, "failed": failed, "failed_s": round(sum(windows), 2),
                   "longest_outage_s": round(max(windows, default=0.0), 2)}, handle)
    os.rename(result_file + ".tmp", result_file)


if __name__ == "__main__":
    main()
