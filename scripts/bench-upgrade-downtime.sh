#!/usr/bin/env bash
# Downtime of a good MLflow upgrade, as a training client sees it: runs the mlflow_server upgrade
# scenario (3.10.1 with data on PostgreSQL and SQLite, two failed upgrades rolled back, then the real
# upgrade to the current release while a client logs a metric step every 50 ms with the MLflow
# client, which retries, through Caddy with basic auth as users do) and prints what the client saw
# during the real upgrade:
#   longest_call_s   the longest one log_metric call took (the stall a user sees: stop, backup,
#                    migration, start, health gate)
#   failed_steps     steps that failed even after the client's retries (lost data; must be 0)
#   acknowledged     steps logged during the converge
#   proxy_failed_s   for how long a probe that does not retry (GET /health through Caddy every
#                    0.2 s) got anything but 200: the outage itself, without the client's backoff
#   proxy_longest_outage_s, proxy_failed_requests
# and the time the scenario took. A benchmark, not a test: nothing here fails on a slow machine.
# Usage: scripts/bench-upgrade-downtime.sh   (make deps first; about 10 minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
MLFLOWOPS_TEST_JOBS=1 scripts/run-tests.sh molecule roles/mlflow_server/molecule/upgrade || true
log=$(ls -t .cache/test-logs/molecule_mlflow_server_molecule_upgrade.log | head -1)
echo "scenario: $(( $(date +%s) - start )) s (log: $log)"
grep -o 'UPGRADE-DOWNTIME[^"]*' "$log" | head -1 | sed 's/^UPGRADE-DOWNTIME /upgrade downtime: /'
grep -o 'ROLLBACK-TIME[^"]*' "$log" | head -2 | sed 's/^ROLLBACK-TIME /rollback: /'
