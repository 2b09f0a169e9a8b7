#!/usr/bin/env bash
# Run test stages, time each, and end with one summary line: "test: N passed, N failed".
# Usage: run-tests.sh all|lint|sanity|unit|molecule [scenario-dir ...]
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logdir="$root/.cache/test-logs"
mkdir -p "$logdir"

passed=0
failed=0
summary=()

run_stage() {  # name, command...
  local name=$1; shift
  local log="$logdir/${name//\//_}.log" start rc elapsed
  start=$(date +%s)
  printf '==> %-40s ' "$name"
  "$@" >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1)); printf 'ok     %4ss\n' "$elapsed"
  else
    failed=$((failed + 1)); printf 'FAILED %4ss  (log: %s)\n' "$elapsed" "${log#"$root"/}"
    tail -n 60 "$log" | sed 's/^/    | /'
  fi
  summary+=("$(printf '%-40s %5ss %s' "$name" "$elapsed" "$([ $rc -eq 0 ] && echo ok || echo FAILED)")")
}

# Every molecule scenario: roles/<role>/molecule/<name> and the collection's molecule/<name>.
scenarios() {
  find roles/*/molecule molecule -mindepth 2 -maxdepth 2 -name molecule.yml 2>/dev/null \
    | xargs -r -n1 dirname | grep -v '^molecule/shared$' | sort
}

molecule_scenario() {  # dir like roles/mlflow_server/molecule/default or molecule/ha
  local dir=$1 project name
  name=$(basename "$dir")
  project=${dir%/molecule/*}
  [ "$project" = "$dir" ] && project=.  # a collection-level scenario: molecule/<name>
  (cd "$project" && molecule test -s "$name")
}

stage_lint() {
  run_stage lint/yamllint yamllint --strict .
  run_stage lint/ansible-lint ansible-lint
}

stage_sanity() {
  run_stage sanity/ansible-test scripts/sanity.sh
  run_stage sanity/build-and-install scripts/check-build.sh
}

stage_unit() {
  run_stage unit/pytest pytest -q -p no:cacheprovider tests/unit
}

stage_molecule() {
  local list=("$@")
  [ ${#list[@]} -gt 0 ] || mapfile -t list < <(scenarios)
  for dir in "${list[@]}"; do
    run_stage "molecule/${dir#roles/}" molecule_scenario "$dir"
  done
}

total_start=$(date +%s)
what=${1:-all}; shift || true
case "$what" in
  all) stage_lint; stage_sanity; stage_unit; stage_molecule ;;
  lint) stage_lint ;;
  sanity) stage_sanity ;;
  unit) stage_unit ;;
  molecule) stage_molecule "$@" ;;
  *) echo "usage: $0 all|lint|sanity|unit|molecule [scenario-dir ...]" >&2; exit 2 ;;
esac

echo
echo "Stage times (logs in .cache/test-logs/):"
printf '  %s\n' "${summary[@]}"
echo "  total $(( $(date +%s) - total_start ))s"
echo
echo "test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
