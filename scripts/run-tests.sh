#!/usr/bin/env bash
# Run test stages, time each, and end with one summary line: "test: N passed, N failed".
# Usage: run-tests.sh all|lint|sanity|unit|molecule [scenario-dir ...]
# "all" runs lint, sanity and the unit tests beside the molecule lanes, not before them: the
# scenarios wait on containers, apt, pip and ACME much of the time (about 8 minutes less in all).
# MLFLOWOPS_TEST_JOBS=N runs N molecule scenarios side by side (default 3: scenarios wait on
# systemd, health checks, ACME and the network much of the time, so a 2-core machine keeps busy);
# 1 runs them one after another. Each scenario gets its own container names (MLFLOWOPS_INSTANCE).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Plain logs, also when run without make (the Makefile exports the same).
export ANSIBLE_NOCOLOR=1 NO_COLOR=1 PY_COLORS=0
logdir="$root/.cache/test-logs"
mkdir -p "$logdir"

passed=0
failed=0
summary=()

run_stage() {  # name, command...
  local name=$1; shift
  local log="$logdir/${name//\//_}.log" start rc elapsed
  start=$(date +%s)
  "$@" >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  # One line per stage, written when it ends: stages run side by side.
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1)); printf '==> %-40s ok     %4ss\n' "$name" "$elapsed"
  else
    failed=$((failed + 1)); printf '==> %-40s FAILED %4ss  (log: %s)\n%s\n' "$name" "$elapsed" "${log#"$root"/}" \
      "$(tail -n 60 "$log" | sed 's/^/    | /')"
  fi
  summary+=("$(printf '%-40s %5ss %s' "$name" "$elapsed" "$([ $rc -eq 0 ] && echo ok || echo FAILED)")")
}

# The first failed task of a log and its message, on one line (a stage that is not Ansible: its
# last line).
failure_reason() {  # log
  [ -f "$1" ] || { echo "no log"; return; }
  # The last failed task: earlier ones may be failures a scenario causes and rescues on purpose.
  awk '
    /^(TASK|RUNNING HANDLER) \[/ { task = $0 }
    /^(fatal|failed): \[/ { sub(/ \*+$/, "", task); last = task " " substr($0, 1, 400); want_msg = 1; next }
    want_msg && /^ +msg: / { last = last " " substr($0, 1, 400); want_msg = 0 }
    /^(TASK|PLAY|RUNNING)/ { want_msg = 0 }
    /^CRITICAL / { critical = substr($0, 1, 200) }
    END { print (last ? last : "(no failed task)") (critical ? " | " critical : "") }
  ' "$1" | tr -s ' ' | head -c 800
  echo
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
  # Container names of their own, so scenarios can run side by side: mlt-nginx-tls-default.
  local instance
  instance=$(echo "mlt-${dir#roles/}" | sed -e 's|/molecule/|-|; s|molecule/||; s|[/_]|-|g')
  (cd "$project" && MLFLOWOPS_INSTANCE=$instance molecule test -s "$name")
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

# Longest first (this machine's last run, else tests/molecule-durations.txt), so the lanes end
# close together.
by_expected_duration() {
  local dir seconds
  for dir in "$@"; do
    seconds=$(awk -v d="$dir" '$1 == d {print $2}' "$logdir/durations" 2>/dev/null | tail -n1)
    [ -n "$seconds" ] || seconds=$(awk -v d="$dir" '$1 == d {print $2}' tests/molecule-durations.txt)
    [ -n "$seconds" ] || seconds=0
    echo "$seconds $dir"
  done | sort -k1,1nr -s | cut -d' ' -f2
}

stage_molecule() {
  local list=("$@") jobs=${MLFLOWOPS_TEST_JOBS:-3}
  [ ${#list[@]} -gt 0 ] || mapfile -t list < <(scenarios)
  if [ "$jobs" -le 1 ] || [ ${#list[@]} -le 1 ]; then
    for dir in "${list[@]}"; do
      run_stage "molecule/${dir#roles/}" molecule_scenario "$dir"
    done
    return
  fi
  # Shared controller-side fixtures are made once, before the lanes start.
  run_stage molecule/shared-test-ca ansible-playbook molecule/shared/test_ca.yml
  local results dir pid
  local -a lanes=() all_lanes=()
  results=$(mktemp -d)
  mapfile -t list < <(by_expected_duration "${list[@]}")
  for dir in "${list[@]}"; do
    # Wait for one of this stage's own lanes only: a bare `wait -n` also returns when stage_all's
    # lint/sanity/unit job ends, and one lane more would start than asked for.
    while [ "${#lanes[@]}" -ge "$jobs" ]; do
      wait -n "${lanes[@]}" || true
      local -a still=()
      for pid in "${lanes[@]}"; do kill -0 "$pid" 2>/dev/null && still+=("$pid"); done
      lanes=("${still[@]}")
    done
    (run_stage "molecule/${dir#roles/}" molecule_scenario "$dir" >/dev/null
     printf '%s\n' "${summary[-1]}" >"$results/$(echo "$dir" | tr / _)"
     printf '==> %s\n' "${summary[-1]}") &
    lanes+=("$!")
    all_lanes+=("$!")
  done
  wait "${all_lanes[@]}"
  local line name
  for dir in "${list[@]}"; do
    line=$(cat "$results/$(echo "$dir" | tr / _)" 2>/dev/null) || line="$(printf '%-40s %5ss %s' "molecule/${dir#roles/}" 0 FAILED)"
    summary+=("$line")
    name="molecule/${dir#roles/}"
    if [[ $line == *" ok" ]]; then
      passed=$((passed + 1))
      echo "$dir $(awk '{print $2}' <<<"$line" | tr -d s)" >>"$logdir/durations"
    else
      failed=$((failed + 1))
      echo "==> $name FAILED (log: .cache/test-logs/${name//\//_}.log)"
      tail -n 60 "$logdir/${name//\//_}.log" | sed 's/^/    | /'
    fi
  done
  rm -rf "$results"
}

# lint, sanity and unit in the background while the molecule lanes run; their results are merged
# into the summary and the counts afterwards.
stage_all() {
  local checks_summary checks line
  checks_summary=$(mktemp)
  (summary=(); stage_lint; stage_sanity; stage_unit; printf '%s\n' "${summary[@]}" >"$checks_summary") &
  checks=$!
  stage_molecule "$@"
  wait "$checks"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    summary+=("$line")
    if [[ $line == *" ok" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done <"$checks_summary"
  # A check stage whose subshell died before writing its summary.
  [ -s "$checks_summary" ] || { failed=$((failed + 1)); summary+=("lint/sanity/unit: no result"); }
  rm -f "$checks_summary"
}

total_start=$(date +%s)
what=${1:-all}; shift || true
case "$what" in
  all) stage_all "$@" ;;
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
# Where each failed stage failed, under the summary: the part of the output a CI page shows first.
for line in "${summary[@]}"; do
  [[ $line == *" FAILED" ]] || continue
  name=${line%% *}
  echo "  $name: $(failure_reason "$logdir/${name//\//_}.log")"
done
echo
echo "test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
