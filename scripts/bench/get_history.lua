-- A metric's whole history (what a chart loads): GET metrics/get-history of BENCH_RUN_ID's "h".
package.path = "/tmp/bench/?.lua;" .. package.path
require "common"
local path = "/api/2.0/mlflow/metrics/get-history?metric_key=h&run_id=" .. os.getenv("BENCH_RUN_ID")

function request()
  return wrk.format("GET", path)
end
