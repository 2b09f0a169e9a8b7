#!/usr/bin/env bash
# make demo / make demo-down: the stack in one local systemd container.
# MLFLOWOPS_DEMO_NAME, MLFLOWOPS_DEMO_PORT and MLFLOWOPS_DEMO_SECRETS give it another container name,
# port on 127.0.0.1 and secrets directory (molecule/demo does, so a user's demo is left alone);
# MLFLOWOPS_PIP_CACHE_VOLUME another package cache (scripts/bench-demo.sh starts from an empty one).
# MLFLOWOPS_DEMO_INVENTORY_EXTRA adds an inventory (scripts/bench-tracking.sh puts the container in
# mlflow_databases for a PostgreSQL stack) and MLFLOWOPS_DEMO_EXTRA_VARS a file of extra variables.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export MLFLOWOPS_DEMO_NAME=${MLFLOWOPS_DEMO_NAME:-mlflowops-demo}
export MLFLOWOPS_DEMO_PORT=${MLFLOWOPS_DEMO_PORT:-8443}
export MLFLOWOPS_DEMO_SECRETS=${MLFLOWOPS_DEMO_SECRETS:-$root/.secrets/demo}
name=$MLFLOWOPS_DEMO_NAME
port=$MLFLOWOPS_DEMO_PORT
image=${MLFLOWOPS_TEST_IMAGE:-mlflowops-test/debian12-systemd:latest}
pip_cache=${MLFLOWOPS_PIP_CACHE_VOLUME:-mlflowops-pip-cache}

down() {
  docker rm -f "$name" >/dev/null 2>&1 && echo "removed container $name" || echo "no container $name"
}

up() {
  local started=$SECONDS
  if ! docker container inspect "$name" >/dev/null 2>&1; then
    docker run -d --name "$name" --hostname "$name" \
      --cap-add SYS_ADMIN --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
      --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw \
      --tmpfs /run --tmpfs /run/lock --tmpfs /tmp \
      -v "$pip_cache:/root/.cache/pip" \
      -p "127.0.0.1:$port:443" "$image" >/dev/null
  fi
  docker start "$name" >/dev/null
  local inventories=(-i "$root/inventories/demo") extra=()
  [ -n "${MLFLOWOPS_DEMO_INVENTORY_EXTRA:-}" ] && inventories+=(-i "$MLFLOWOPS_DEMO_INVENTORY_EXTRA")
  [ -n "${MLFLOWOPS_DEMO_EXTRA_VARS:-}" ] && extra+=(-e "@$MLFLOWOPS_DEMO_EXTRA_VARS")
  ansible-playbook "${inventories[@]}" "$root/molecule/shared/prepare.yml" >/dev/null
  ansible-playbook "${inventories[@]}" "${extra[@]}" "$root/playbooks/site.yml"
  local secret="$MLFLOWOPS_DEMO_SECRETS/demo/admin_password" ca="$MLFLOWOPS_DEMO_SECRETS/caddy-root.crt"
  cat <<MSG

MLflow is up after $((SECONDS - started)) s: https://localhost:$port (Caddy, internal CA: $ca)
Admin user: admin; password in $secret (0600, this machine only).
Log a run from Python (pip install mlflow):

  import os, mlflow
  os.environ.update(MLFLOW_TRACKING_URI="https://localhost:$port", MLFLOW_TRACKING_USERNAME="admin",
      MLFLOW_TRACKING_PASSWORD=open("$secret").read().strip(), MLFLOW_TRACKING_SERVER_CERT_PATH="$ca")
  with mlflow.start_run():
      mlflow.log_metric("demo", 1.0)

Remove it with: make demo-down
MSG
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
