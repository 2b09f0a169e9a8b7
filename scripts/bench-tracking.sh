#!/usr/bin/env bash
# Benchmark (prints numbers, asserts nothing, not part of make test): the deployed stack through its
# public URL with credentials, next to the seeds' bare `mlflow server` (SQLite, MLflow's defaults:
# 4 workers, no auth, no proxy) in the same container and the same run.
#
#   scripts/bench-tracking.sh [STACK ...]      (default: sqlite postgres; one container each)
#
# Each stack is `make demo`'s (Caddy with TLS, MLflow's basic-auth app) in a container of its own:
#   sqlite        SQLite, as make demo
#   postgres      PostgreSQL on the same host
#   caddy-users   sqlite, and the benchmark's user also a basic-auth user of Caddy
#   nginx         sqlite behind nginx (self-signed) instead of Caddy
#   nginx-users   nginx, and the benchmark's user also a basic-auth user of nginx Load comes from wrk inside that container, to
# 127.0.0.1 only, bounded in time (BENCH_DURATION seconds per workload) and, for seeding, in count.
# Workloads, each against the bare server and then the stack:
#   log-metric   one metric per request, a new run per round (a repeat would be deduplicated)
#   log-batch    100 metrics per request, a new run per round
#   get-history  a 1,000-point metric history
#   search-runs  the newest 100 of BENCH_SEARCH_RUNS runs (10,000), as the experiment page asks
# Targets, in this order each round: bare (the seeds' server), direct (the stack's MLflow with auth,
# on its loopback port, past the proxy) and stack (the public URL: proxy, TLS, auth). Both of the
# stack's run as a non-admin user with EDIT on the experiments, as a training job would.
# Knobs: BENCH_DURATION (20), BENCH_THREADS (4), BENCH_CONNECTIONS (16), BENCH_SEARCH_RUNS (10000),
# BENCH_WORKLOADS (all four; e.g. "log_metric" for the proxy comparisons),
# BENCH_EXTRA_VARS (a file of extra variables for the stack, e.g. the settings of an older release),
# BENCH_KEEP=1 keeps the containers. BENCH_PROFILE=1 samples the stack's MLflow workers with py-spy
# (from the host: the container has no CAP_SYS_PTRACE) during its log-metric round and prints where
# their CPU time went.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/activate
source "$root/scripts/activate"
duration=${BENCH_DURATION:-20}
threads=${BENCH_THREADS:-4}
connections=${BENCH_CONNECTIONS:-16}
search_runs=${BENCH_SEARCH_RUNS:-10000}
read -r -a workloads <<<"${BENCH_WORKLOADS:-log_metric log_batch get_history search_runs}"
work=$root/.cache/bench
stacks=("$@")
[ ${#stacks[@]} -gt 0 ] || stacks=(sqlite postgres)
mkdir -p "$work"
results=$work/results.jsonl
: >"$results"

say() { printf '==> %s\n' "$*" >&2; }

# bare: the seeds' server; direct: the stack's MLflow (auth on) on its own port, past the proxy;
# stack: the public URL through the proxy.
declare -A urls=([bare]=http://127.0.0.1:5001 [direct]=http://127.0.0.1:5000 [stack]=https://localhost:443)
declare -A experiments search_experiments history_runs

# api TARGET USER METHOD PATH [JSON]: one API call from inside the container as USER (none, admin or
# bench). Credentials and the body go through curl's config on stdin, never argv.
api() {
  local target=$1 user=$2 method=$3 path=$4 body=${5:-}
  local config=$'silent\nshow-error\nfail-with-body\ninsecure'
  case $user in
    admin) config+=$'\n'"user = \"admin:$admin_password\"" ;;
    bench) config+=$'\n'"user = \"bench:$bench_password\"" ;;
  esac
  # curl's config quoting: backslash and double quote escaped (bash only, so no argv sees the body).
  body=${body//\\/\\\\}
  body=${body//\"/\\\"}
  [ -n "$body" ] && config+=$'\n'"data = \"$body\""
  printf '%s\n' "$config" | docker exec -i "$name" curl --config - -X "$method" \
    -H 'Content-Type: application/json' "${urls[$target]}$path"
}

user_of() { [ "$1" = bare ] && echo none || echo bench; }

# The Authorization header TARGET's requests carry (none for the bare server).
auth_header() { if [ "$1" != bare ]; then printf 'Basic %s' "$(printf 'bench:%s' "$bench_password" | base64 -w0)"; fi; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# load TARGET SCRIPT [VAR=VALUE ...]: one wrk round; prints wrk's JSON line. The stack's header
# reaches wrk through the environment (docker exec -e NAME takes the value from ours).
load() {
  local target=$1 script=$2
  shift 2
  local auth env=()
  auth=$(auth_header "$target")
  for pair in "$@"; do env+=(-e "$pair"); done
  BENCH_AUTH=$auth docker exec -e BENCH_AUTH "${env[@]}" "$name" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 2s \
    -s "/tmp/bench/$script.lua" "${urls[$target]}" | tail -n 1
}

new_run() {  # TARGET EXPERIMENT_ID
  api "$1" "$(user_of "$1")" POST /api/2.0/mlflow/runs/create "{\"experiment_id\": \"$2\"}" | json "['run']['info']['run_id']"
}

history_points() {  # TARGET RUN KEY
  api "$1" "$(user_of "$1")" GET "/api/2.0/mlflow/metrics/get-history?run_id=$2&metric_key=$3&max_results=1000000" \
    | json ".get('metrics', []).__len__()"
}

record() {  # STACK WORKLOAD TARGET WRK_JSON STORED
  python3 - "$@" >>"$results" <<'PY'
import json, sys
stack, workload, target, line, stored = sys.argv[1:6]
row = json.loads(line)
row.update(stack=stack, workload=workload, target=target, stored=None if stored == "-" else int(stored))
print(json.dumps(row))
PY
}

# The stack's variables for KIND, with BENCH_EXTRA_VARS under them, as a 0600 file (it may hold the
# benchmark user's proxy password; ansible-playbook reads it with -e @file, never argv).
stack_vars() {  # KIND FILE
  # A -users variant re-converges its base stack, whose generated admin password site.yml's smoke
  # test needs at the proxy too.
  (umask 077 && BENCH_PASSWORD=$bench_password python3 - "$1" "${BENCH_EXTRA_VARS:-}" \
    "$MLFLOWOPS_DEMO_SECRETS/demo/admin_password" >"$2") <<'PY'
import json, os, sys
import yaml
kind, extra, admin_file = sys.argv[1], sys.argv[2], sys.argv[3]
data = yaml.safe_load(open(extra)) if extra else {}
user = [{"username": "bench", "password": os.environ["BENCH_PASSWORD"]}]
if kind.endswith("-users"):
    if not os.path.exists(admin_file):
        sys.exit("%s re-converges its base stack: run that first (for example: sqlite caddy-users)" % kind)
    user.append({"username": "admin", "password": open(admin_file).read().strip()})
if kind.startswith("nginx"):
    # Self-signed nginx on the container's 443; the smoke test runs inside the container.
    data.update(mlflowops_proxy="nginx", nginx_tls_tls_mode="selfsigned", mlflowops_smoke_client="mlflowops-demo",
                mlflowops_public_url="https://localhost", mlflowops_ca_bundle="/etc/nginx/tls/mlflow.crt")
if kind == "caddy-users":
    data["caddy_proxy_basic_auth_users"] = user
if kind == "nginx-users":
    data["nginx_tls_basic_auth_users"] = user
print(json.dumps(data))
PY
}

deploy() {  # KIND PORT
  local kind=$1 port=$2
  export MLFLOWOPS_DEMO_NAME=$name MLFLOWOPS_DEMO_PORT=$port MLFLOWOPS_DEMO_SECRETS=$work/${name#mlflowops-bench-}-secrets
  export MLFLOWOPS_DEMO_EXTRA_VARS=$work/$kind-vars.json
  unset MLFLOWOPS_DEMO_INVENTORY_EXTRA
  if [ "$kind" = postgres ]; then
    printf 'all:\n  children:\n    mlflow_databases:\n      hosts:\n        mlflowops-demo:\n' >"$work/postgres-inventory.yml"
    export MLFLOWOPS_DEMO_INVENTORY_EXTRA=$work/postgres-inventory.yml
  fi
  stack_vars "$kind" "$MLFLOWOPS_DEMO_EXTRA_VARS"
  say "$kind: deploying the stack in container $name (log: $work/$kind-deploy.log)"
  "$root/scripts/demo.sh" up >"$work/$kind-deploy.log" 2>&1
  rm -f "$MLFLOWOPS_DEMO_EXTRA_VARS"
  admin_password=$(cat "$MLFLOWOPS_DEMO_SECRETS/demo/admin_password")
}

start_bare() {
  docker exec "$name" sh -c 'command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1'
  # /tmp is a tmpfs in the container, which docker cp does not reach.
  tar -C "$root/scripts/bench" -c . | docker exec -i "$name" sh -c 'mkdir -p /tmp/bench && tar -C /tmp/bench -x'
  # The seeds' server: MLflow's defaults, SQLite on the same disk as the stack's, no auth, no proxy.
  docker exec "$name" sh -c 'systemctl stop bench-bare 2>/dev/null; systemctl reset-failed bench-bare 2>/dev/null; rm -rf /var/lib/mlflow-bare &&
    install -d -o mlflow -g mlflow /var/lib/mlflow-bare &&
    systemd-run --collect --unit=bench-bare --uid=mlflow --gid=mlflow --working-directory=/var/lib/mlflow-bare \
      /opt/mlflow/venv/bin/mlflow server --backend-store-uri sqlite:////var/lib/mlflow-bare/mlflow.db \
      --artifacts-destination /var/lib/mlflow-bare/artifacts --host 127.0.0.1 --port 5001 >/dev/null 2>&1'
  for _ in $(seq 120); do
    docker exec "$name" curl -sf http://127.0.0.1:5001/health >/dev/null 2>&1 && return 0
    sleep 1
  done
  say "the bare server did not come up"
  return 1
}

# The stack's user is no admin: it creates its experiments (and so may write to them), as a
# training job's account does. Then each target gets a 1,000-point history and the search runs.
setup_target() {  # TARGET
  local target=$1 user suffix run step
  user=$(user_of "$target")
  suffix=$(date +%s%N)
  experiments[$target]=$(api "$target" "$user" POST /api/2.0/mlflow/experiments/create "{\"name\": \"bench-$suffix\"}" | json "['experiment_id']")
  search_experiments[$target]=$(api "$target" "$user" POST /api/2.0/mlflow/experiments/create "{\"name\": \"search-$suffix\"}" | json "['experiment_id']")
  run=$(new_run "$target" "${experiments[$target]}")
  for step in $(seq 0 100 900); do
    api "$target" "$user" POST /api/2.0/mlflow/runs/log-batch "$(python3 -c "
import json, sys
print(json.dumps({'run_id': sys.argv[1], 'metrics': [{'key': 'h', 'value': s, 'timestamp': 1700000000000, 'step': s}
                                                      for s in range(int(sys.argv[2]), int(sys.argv[2]) + 100)]}))" "$run" "$step")" >/dev/null
  done
  history_runs[$target]=$run
  local auth started=$SECONDS seeded
  # Only search-runs reads them; seeding 10,000 runs through auth takes minutes.
  [[ " ${workloads[*]} " == *" search_runs "* ]] || return 0
  auth=$(auth_header "$target")
  seeded=$(BENCH_AUTH=$auth docker exec -e BENCH_AUTH "$name" python3 /tmp/bench/seed_runs.py \
    "${urls[$target]}" "${search_experiments[$target]}" "$search_runs")
  say "$target: seeded $seeded of $search_runs runs in $((SECONDS - started)) s"
}

# py-spy over every process of the stack's MLflow unit, for most of one round.
profile() {  # KIND
  local pid id raw=$work/$1-profile.raw
  "$root/.venv/bin/pip" install -q py-spy >/dev/null 2>&1
  # The stack's `mlflow server` as the host sees it: the one in this container's cgroup.
  id=$(docker inspect -f '{{.Id}}' "$name")
  pid=$(for p in $(pgrep -f 'bin/mlflow server --app-name'); do
    grep -q "$id" "/proc/$p/cgroup" 2>/dev/null && echo "$p"; done | head -n 1)
  sleep 2
  "$root/.venv/bin/py-spy" record --subprocesses --nonblocking --format raw --rate 100 \
    --duration $((duration - 4)) --pid "$pid" --output "$raw" >/dev/null 2>&1 \
    && python3 "$root/scripts/bench/profile_summary.py" "$raw" | sed "s/^/    profile $1: /" >&2
}

bench_stack() {  # KIND PORT
  local kind=$1 port=$2 workload target run line stored
  # A -users variant re-converges its base stack's container (caddy-users: sqlite's) with the proxy user.
  name=mlflowops-bench-${kind%-users}
  [ "$kind" = caddy-users ] && name=mlflowops-bench-sqlite
  bench_password=$(openssl rand -hex 16)
  deploy "$kind" "$port"
  start_bare
  api stack admin POST /api/2.0/mlflow/users/create "{\"username\": \"bench\", \"password\": \"$bench_password\"}" >/dev/null 2>&1 \
    || api stack admin PATCH /api/2.0/mlflow/users/update-password "{\"username\": \"bench\", \"password\": \"$bench_password\"}" >/dev/null
  setup_target bare
  setup_target stack
  # The stack's server, past its proxy: the same experiments and runs.
  experiments[direct]=${experiments[stack]}
  search_experiments[direct]=${search_experiments[stack]}
  history_runs[direct]=${history_runs[stack]}
  for workload in "${workloads[@]}"; do
    for target in bare direct stack; do
      stored=-
      case $workload in
        log_metric|log_batch)
          run=$(new_run "$target" "${experiments[$target]}")
          line=$(load "$target" "$workload" "BENCH_RUN_ID=$run")
          stored=$(history_points "$target" "$run" "$([ "$workload" = log_metric ] && echo loss || echo m0)") ;;
        get_history) line=$(load "$target" get_history "BENCH_RUN_ID=${history_runs[$target]}") ;;
        search_runs) line=$(load "$target" search_runs "BENCH_EXPERIMENT_ID=${search_experiments[$target]}") ;;
      esac
      say "$kind $workload $target: $line stored=$stored"
      record "$kind" "$workload" "$target" "$line" "$stored"
    done
  done
  # An extra, unrecorded round: py-spy's sampling costs CPU the measured rounds must not pay.
  if [ "${BENCH_PROFILE:-0}" = 1 ]; then
    profile "$kind" &
    load stack log_metric "BENCH_RUN_ID=$(new_run stack "${experiments[stack]}")" >/dev/null
    wait
  fi
  [ "${BENCH_KEEP:-0}" = 1 ] || docker rm -f "$name" >/dev/null
}

say "wrk ${threads} threads, ${connections} connections, ${duration} s per workload; results in $results"
for kind in "${stacks[@]}"; do
  # One published port per container (a re-converged one keeps its port); molecule/demo has 18443.
  case ${kind%-users} in sqlite|caddy) port=18543 ;; postgres) port=18544 ;; *) port=18545 ;; esac
  bench_stack "$kind" "$port"
done

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
bare = dict(((r["stack"], r["workload"]), r) for r in rows if r["target"] == "bare")
print("| stack | workload | target | req/s | p50 ms | p99 ms | max ms | timeouts | errors | acknowledged | stored | /bare |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    ratio = r["rps"] / bare[(r["stack"], r["workload"])]["rps"] if r["target"] != "bare" else None
    print("| %s | %s | %s | %.1f | %.1f | %.1f | %.0f | %d | %d | %s | %s | %s |" % (
        r["stack"], r["workload"].replace("_", "-"), r["target"], r["rps"], r["p50_ms"], r["p99_ms"], r["max_ms"],
        r["timeouts"], r["errors"], r["acknowledged"] if r["workload"].startswith("log") else "-",
        "-" if r["stored"] is None else r["stored"], "-" if ratio is None else "%.2fx" % ratio))
PY
