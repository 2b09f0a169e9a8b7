-- One metric per request, as a training loop logs it: POST runs/log-metric on BENCH_RUN_ID.
package.path = "/tmp/bench/?.lua;" .. package.path
require "common"
local run_id = os.getenv("BENCH_RUN_ID")

function request()
  local step = unique_step()
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-metric", nil, string.format(
    '{"run_id": "%s", "key": "loss", "value": %d, "timestamp": 1700000000000, "step": %d}', run_id, step % 997, step))
end
