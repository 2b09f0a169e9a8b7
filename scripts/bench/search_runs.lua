-- The experiment page's query: the newest 100 of BENCH_EXPERIMENT_ID's runs (10,000 or more).
package.path = "/tmp/bench/?.lua;" .. package.path
require "common"
local body = string.format('{"experiment_ids": ["%s"], "max_results": 100, "order_by": ["attributes.start_time DESC"]}',
  os.getenv("BENCH_EXPERIMENT_ID"))

function request()
  return wrk.format("POST", "/api/2.0/mlflow/runs/search", nil, body)
end
