-- Seeding: BENCH_COUNT new runs in BENCH_EXPERIMENT_ID, each with a tag, as fast as the server takes them.
package.path = "/tmp/bench/?.lua;" .. package.path
require "common"
local experiment_id = os.getenv("BENCH_EXPERIMENT_ID")

function request()
  return wrk.format("POST", "/api/2.0/mlflow/runs/create", nil, string.format(
    '{"experiment_id": "%s", "start_time": %d, "tags": [{"key": "seed", "value": "%d"}]}',
    experiment_id, 1700000000000 + unique_step(), unique_step()))
end
