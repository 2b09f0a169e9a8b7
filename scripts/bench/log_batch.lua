-- 100 metrics per request: POST runs/log-batch on BENCH_RUN_ID (keys m0..m99, one new step each).
package.path = "/tmp/bench/?.lua;" .. package.path
require "common"
local run_id = os.getenv("BENCH_RUN_ID")

function request()
  local step = unique_step()
  local metrics = {}
  for i = 0, 99 do
    metrics[#metrics + 1] = string.format(
      '{"key": "m%d", "value": %d, "timestamp": 1700000000000, "step": %d}', i, i, step)
  end
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-batch", nil, string.format(
    '{"run_id": "%s", "metrics": [%s]}', run_id, table.concat(metrics, ",")))
end
