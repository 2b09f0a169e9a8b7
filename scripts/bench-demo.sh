#!/usr/bin/env bash
# Benchmark: how long `make demo` takes cold and warm. Prints numbers; asserts nothing.
#
#   scripts/bench-demo.sh          cold = a test image built anew, an empty package cache volume and
#                                  a new container, as on a machine that never ran make demo
#                                  (only the controller's .venv is kept); then warm = make demo again
#   scripts/bench-demo.sh --warm   the shared test image and package cache, a new container
#
# Runs beside a user's own demo (its own container, port 18444, image tag, volume and secrets
# directory) and removes all of them at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mode=cold
case "${1:-}" in
  "") ;;
  --warm) mode=warm ;;
  *) echo "usage: $0 [--warm]" >&2; exit 2 ;;
esac

work=$(mktemp -d)
export MLFLOWOPS_DEMO_NAME=mlflowops-bench MLFLOWOPS_DEMO_PORT=18444
export MLFLOWOPS_DEMO_SECRETS=$work/secrets
if [ "$mode" = cold ]; then
  export MLFLOWOPS_TEST_IMAGE=mlflowops-bench/debian12-systemd:cold
  export MLFLOWOPS_PIP_CACHE_VOLUME=mlflowops-bench-pip-cache
fi

# The bench's container, and in cold mode its image and package cache: gone before and after.
remove_bench_resources() {
  docker rm -f "$MLFLOWOPS_DEMO_NAME" >/dev/null 2>&1 || true
  if [ "$mode" = cold ]; then
    docker volume rm -f "$MLFLOWOPS_PIP_CACHE_VOLUME" >/dev/null 2>&1 || true
    docker image rm -f "$MLFLOWOPS_TEST_IMAGE" >/dev/null 2>&1 || true
  fi
}
trap 'remove_bench_resources; rm -rf "$work"' EXIT

make -s venv docker >/dev/null
remove_bench_resources

# changed=N summed over the PLAY RECAP lines of a make demo log
changed() { grep -oE 'changed=[0-9]+' "$1" | awk -F= '{n += $2} END {print n + 0}'; }

timed_demo() {
  local log=$1 start=$SECONDS
  if ! make -s demo >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "bench-demo: make demo failed (log above)" >&2
    exit 1
  fi
  echo $((SECONDS - start))
}

image_s=0
if [ "$mode" = cold ]; then
  start=$SECONDS
  make -s image >/dev/null
  image_s=$((SECONDS - start))
fi
first_s=$(timed_demo "$work/first.log")
second_s=$(timed_demo "$work/second.log")

echo "make demo benchmark ($mode, $(nproc) cores)"
[ "$mode" = cold ] && printf '  %-44s %5d s\n' "test image built from nothing" "$image_s"
printf '  %-44s %5d s  changed=%s\n' "first make demo (new container)" "$first_s" "$(changed "$work/first.log")"
printf '  %-44s %5d s  changed=%s\n' "second make demo" "$second_s" "$(changed "$work/second.log")"
[ "$mode" = cold ] && printf '  %-44s %5d s\n' "cold total (image + first make demo)" "$((image_s + first_s))"
exit 0
